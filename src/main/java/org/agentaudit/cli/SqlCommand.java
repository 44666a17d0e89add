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
@Command(name = "sql", description = "Run Spark SQL against agent_activity, agent_activity_quarantine and agent_activity_runs.")
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
        SparkSession spark = common.spark();
        Catalog.register(spark, table == null ? profile.table() : table);
        Dataset<Row> result = spark.sql(query);
        result.show(maxRows, false);
        return 0;
    }
}
