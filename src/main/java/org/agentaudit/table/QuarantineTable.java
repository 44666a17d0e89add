package org.agentaudit.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quarantine table: every rejected record with its reason, its raw text (truncated) and where it
 * came from. A record is identified by file, line and column, and merged in only once, so
 * re-running a range does not double it; {@code run_id} names the run that first rejected it.
 * Two runs merging at once conflict in Delta (both read the whole table); the loser merges again.
 */
public final class QuarantineTable {
    private QuarantineTable() {}

    public static void merge(SparkSession spark, Dataset<Row> quarantined, String path, String runId) {
        Dataset<Row> rows = quarantined.select(
                col("source_file"), col("line"), col("column"), col("reason"), col("detail"), col("raw"),
                col("agent_arn"), col("event_id"), lit(runId).as("run_id"));
        // insert-only and keyed on the record's position, so repeating it after a conflict is safe
        Tables.retryOnConflict(() -> {
            if (!DeltaTable.isDeltaTable(spark, path)) {
                rows.limit(0).write().format("delta").mode("append").save(path);
            }
            DeltaTable.forPath(spark, path).as("q")
                    .merge(rows.as("n"), "q.source_file = n.source_file AND q.line = n.line AND q.column = n.column")
                    .whenNotMatched().insertAll()
                    .execute();
        });
    }
}
