package org.agentaudit.table;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import org.agentaudit.job.FaultInjection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Step "write": the run's UTC days replace exactly those partitions of the Delta audit table, in one
 * atomic commit ({@code replaceWhere}); a day with no rows any more is emptied. The commit carries
 * the run id in its userMetadata, so {@code DESCRIBE HISTORY} ties every version to its run.
 */
public final class AuditTable {
    private AuditTable() {}

    /** Writes the slices of [from, to] and returns the table version committed. */
    public static long replaceDays(SparkSession spark, Dataset<Row> slices, String path, LocalDate from, LocalDate to, String runId) {
        FaultInjection.pauseInTask("write", slices.repartition(col("event_date")))
                .sortWithinPartitions("event_date", "agent_arn", "slice_start")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .option("replaceWhere", "event_date >= DATE'" + from + "' AND event_date <= DATE'" + to + "'")
                .option("userMetadata", "agent-audit run " + runId)
                .partitionBy("event_date")
                .save(path);
        return latestVersion(spark, path);
    }

    /** The table's rows for UTC days [from, to], as of a version (null: the latest). */
    public static Dataset<Row> readDays(SparkSession spark, String path, Long version, LocalDate from, LocalDate to) {
        org.apache.spark.sql.DataFrameReader reader = spark.read().format("delta");
        if (version != null) {
            reader = reader.option("versionAsOf", version);
        }
        return reader.load(path).filter(col("event_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
    }

    public static long latestVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }
}
