package org.agentaudit.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
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

    /**
     * Writes the slices of [from, to] and returns the table version they are in: the version this run
     * committed, or, when the write changed nothing (no rows, on days that had none: Delta then makes
     * no commit), the version it found.
     */
    public static long replaceDays(SparkSession spark, Dataset<Row> slices, String path, LocalDate from, LocalDate to, String runId) {
        // Each day in up to `buckets` files by agent: a whole day in one task is one core's work at scale
        // (a one-day run used to write with a single task). No count of partitions is given, so adaptive
        // execution joins small ones: a small run writes a file or two a day, not one per bucket.
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions", "200"));
        int buckets = Math.max(1, (partitions + days - 1) / days);
        Long found = DeltaTable.isDeltaTable(spark, path) ? latestVersion(spark, path) : null;
        FaultInjection.pauseInTask("write", slices.repartition(col("event_date"), pmod(xxhash64(col("agent_arn")), lit(buckets))))
                .sortWithinPartitions("event_date", "agent_arn", "slice_start")
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .option("replaceWhere", "event_date >= DATE'" + from + "' AND event_date <= DATE'" + to + "'")
                .option("userMetadata", commitMetadata(runId))
                .partitionBy("event_date")
                .save(path);
        FaultInjection.pause("committed");
        return committedVersion(spark, path, runId, found);
    }

    /** The {@code userMetadata} of a run's commit: what ties a table version to the run that made it. */
    public static String commitMetadata(String runId) {
        return "agent-audit run " + runId;
    }

    /**
     * The version a run committed, among those after {@code found} (the latest before its write, null
     * when there was no table), or {@code found} itself when none of them is the run's. Not simply the
     * latest: a run on other days may have committed right after it (runs on disjoint days commit
     * concurrently), so the run's commit is found by its {@code userMetadata}, in the newest 4 commits
     * first (each is a file to read), then 64, 1,024 and so on.
     */
    static long committedVersion(SparkSession spark, String path, String runId, Long found) {
        DeltaTable table = DeltaTable.forPath(spark, path);
        String ours = commitMetadata(runId);
        for (int newest = 4; ; newest = Math.multiplyExact(newest, 16)) {
            List<Row> commits = table.history(newest).select("version", "userMetadata").collectAsList();
            for (Row commit : commits) {
                if (found != null && commit.getLong(0) <= found) {
                    return found;
                }
                if (ours.equals(commit.getString(1))) {
                    return commit.getLong(0);
                }
            }
            if (commits.size() < newest) {
                throw new IllegalStateException("the audit table " + path + " has no commit of run " + runId);
            }
        }
    }

    /** The table's rows for UTC days [from, to], as of a version (null: the latest). */
    public static Dataset<Row> readDays(SparkSession spark, String path, Long version, LocalDate from, LocalDate to) {
        org.apache.spark.sql.DataFrameReader reader = spark.read().format("delta");
        if (version != null) {
            reader = reader.option("versionAsOf", version);
        }
        return reader.load(path).filter(col("event_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
    }

    static long latestVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    public static boolean exists(SparkSession spark, String path) {
        checkReachable(spark, path);
        return DeltaTable.isDeltaTable(spark, path);
    }

    /**
     * One plain file-system call on the table's path, which throws the store's own error (access
     * denied, connection refused, timeout) after the store's retries, before Delta is involved: Delta
     * retries some reads of its log itself, which would multiply the time S3A takes to give up.
     */
    public static void checkReachable(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(path);
        try {
            table.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(table);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot use the table " + path + ": " + e.getMessage(), e);
        }
    }
}
