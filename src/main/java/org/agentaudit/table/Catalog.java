package org.agentaudit.table;

import java.util.ArrayList;
import java.util.List;
import org.agentaudit.config.BadArgument;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Names the tables for SQL — {@code agent_activity}, {@code agent_activity_quarantine},
 * {@code agent_activity_runs} — and then loads the analysts' views and functions from
 * {@code conf/sql/*.sql} ({@link CatalogSql}).
 *
 * <p>With Spark's in-memory session catalog (the local default: nothing is persisted, the names
 * live as long as the session) the names are external Delta tables, so Delta time travel and
 * history work on them: {@code SELECT ... FROM agent_activity VERSION AS OF 3},
 * {@code DESCRIBE HISTORY agent_activity}. With a persistent catalog (Hive, Glue) nothing is
 * written into it: the names are temporary views, and time travel goes through the path,
 * {@code delta.`s3a://.../agent_activity` VERSION AS OF 3}.
 */
public final class Catalog {
    public static final String AUDIT = "agent_activity";
    public static final String QUARANTINE = "agent_activity_quarantine";
    public static final String RUNS = "agent_activity_runs";

    /**
     * What {@link #register} named: the base names found, whether they are tables (time travel by
     * name) or temporary views, and the conf/sql files loaded and skipped.
     */
    public record Names(List<String> tables, boolean timeTravelByName, List<String> sqlFiles, List<String> skippedSqlFiles) {}

    private Catalog() {}

    public static Names register(SparkSession spark, String auditTable) {
        Tables tables = new Tables(auditTable);
        if (!AuditTable.exists(spark, tables.audit())) {
            throw new BadArgument("no audit table at " + tables.audit() + " (run `bin/agent-audit run` or `demo` first)");
        }
        boolean asTables = inMemoryCatalog(spark);
        List<String> named = new ArrayList<>();
        String[][] bases = {{AUDIT, tables.audit()}, {QUARANTINE, tables.quarantine()}, {RUNS, tables.runs()}};
        for (String[] base : bases) {
            if (base[0].equals(AUDIT) || AuditTable.exists(spark, base[1])) {
                name(spark, base[0], base[1], asTables);
                named.add(base[0]);
            } else {
                forget(spark, base[0], asTables); // never leave a name pointing at another table's neighbour
            }
        }
        List<String> loaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (CatalogSql.File file : CatalogSql.load()) {
            if (!named.containsAll(file.requires())) {
                skipped.add(file.name());
                continue;
            }
            for (String statement : file.statements()) {
                try {
                    spark.sql(statement);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("conf/sql/" + file.name() + ": " + e.getMessage(), e);
                }
            }
            loaded.add(file.name());
        }
        return new Names(List.copyOf(named), asTables, List.copyOf(loaded), List.copyOf(skipped));
    }

    static boolean inMemoryCatalog(SparkSession spark) {
        return "in-memory".equals(spark.sparkContext().conf().get("spark.sql.catalogImplementation", "in-memory"));
    }

    private static void name(SparkSession spark, String name, String path, boolean asTable) {
        if (!asTable) {
            spark.read().format("delta").load(path).createOrReplaceTempView(name);
            return;
        }
        forget(spark, name, true);
        spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + literal(qualified(spark, path)) + "'");
    }

    /** Drops a name: a temporary view, or an external table of this session's in-memory catalog (its data stays). */
    private static void forget(SparkSession spark, String name, boolean asTable) {
        spark.catalog().dropTempView(name);
        if (!asTable) {
            return;
        }
        String database = spark.catalog().currentDatabase();
        if (spark.catalog().tableExists(database, name)) {
            String type;
            try {
                type = spark.catalog().getTable(database, name).tableType();
            } catch (org.apache.spark.sql.AnalysisException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (!"EXTERNAL".equalsIgnoreCase(type)) {
                // Dropping a managed table deletes its data: never do that to make room for a name.
                throw new IllegalStateException("a " + type + " table named " + name + " exists in this session; not replacing it");
            }
            spark.sql("DROP TABLE " + database + "." + name);
        }
    }

    /** A relative local path means the current directory, as for the readers; the catalog wants it whole. */
    private static String qualified(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sessionState().newHadoopConf()).makeQualified(p).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
