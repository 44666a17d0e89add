package org.agentaudit.table;

import org.agentaudit.config.BadArgument;
import org.apache.spark.sql.SparkSession;

/** Names the tables for SQL: {@code agent_activity}, {@code agent_activity_quarantine}, {@code agent_activity_runs}. */
public final class Catalog {
    private Catalog() {}

    public static void register(SparkSession spark, String auditTable) {
        Tables tables = new Tables(auditTable);
        if (!AuditTable.exists(spark, tables.audit())) {
            throw new BadArgument("no audit table at " + tables.audit() + " (run `bin/agent-audit run` or `demo` first)");
        }
        view(spark, "agent_activity", tables.audit());
        if (AuditTable.exists(spark, tables.quarantine())) {
            view(spark, "agent_activity_quarantine", tables.quarantine());
        }
        if (AuditTable.exists(spark, tables.runs())) {
            view(spark, "agent_activity_runs", tables.runs());
        }
    }

    private static void view(SparkSession spark, String name, String path) {
        spark.read().format("delta").load(path).createOrReplaceTempView(name);
    }
}
