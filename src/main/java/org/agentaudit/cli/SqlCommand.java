package org.agentaudit.cli;

import java.util.concurrent.Callable;
import org.agentaudit.config.Profile;
import org.agentaudit.table.Catalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sql}: Spark SQL over the audit, quarantine and runs tables, by name. */
@Command(name = "sql", description = "Run Spark SQL against agent_activity, agent_activity_quarantine, agent_activity_runs and the views and functions of conf/sql/ (time travel: VERSION AS OF n on the names).")
final class SqlCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--table", paramLabel = "URI", description = "Audit table (default: the profile's table).")
    String table;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N", description = "Rows printed at most (default: 1000).")
    int maxRows;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement.")
    String query;

    @Override
    public Integer call() {
        Profile profile = common.profile();
        keepSessionCatalogOutOfTheCurrentFolder(profile);
        SparkSession spark = common.spark();
        Catalog.register(spark, table == null ? profile.table() : table);
        Dataset<Row> result = spark.sql(query);
        result.show(maxRows, false);
        return 0;
    }

    /**
     * The names are external tables of Spark's in-memory session catalog (Catalog), whose empty
     * default database Spark would otherwise create as ./spark-warehouse wherever `sql` runs. Unless
     * the profile chooses a warehouse or a catalog, put that folder in the temporary directory.
     */
    private static void keepSessionCatalogOutOfTheCurrentFolder(Profile profile) {
        String key = "spark.sql.warehouse.dir";
        if (System.getProperty(key) == null && !profile.sparkSettings().containsKey(key)
                && !profile.sparkSettings().containsKey("spark.sql.catalogImplementation")) {
            System.setProperty(key, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "agent-audit-spark-warehouse").toUri().toString());
        }
    }
}
