package org.agentaudit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs merging their rejected records into the one quarantine table at the same time (runs
 * on disjoint days do): Delta refuses the second commit, and the merge, insert-only and keyed on
 * the record's position, is repeated instead of failing a run whose audit rows are committed.
 */
class QuarantineTableTest {
    private static final StructType QUARANTINED = new StructType()
            .add("source_file", DataTypes.StringType)
            .add("line", DataTypes.LongType)
            .add("column", DataTypes.LongType)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("raw", DataTypes.StringType)
            .add("agent_arn", DataTypes.StringType)
            .add("event_id", DataTypes.StringType);

    /** The slow merge's source has been reached (its transaction has read the table). */
    static final CountDownLatch ENTERED = new CountDownLatch(1);
    /** The other merge has committed. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TempDir
    Path tmp;

    private static Dataset<Row> records(SparkSession spark, String file, int lines) {
        List<Row> rows = new java.util.ArrayList<>();
        for (long line = 1; line <= lines; line++) {
            rows.add(RowFactory.create(file, line, 1L, "not_json_object", "not_json_object", "[1]", null, null));
        }
        return spark.createDataFrame(rows, QUARANTINED);
    }

    @Test
    void twoMergesAtOnceBothLand() throws Exception {
        SparkSession spark = SparkTestSession.get();
        String path = tmp.resolve("agent_activity_quarantine").toString();
        QuarantineTable.merge(spark, records(spark, "file:/in/first.jsonl", 1), path, "run-0");

        Dataset<Row> slow = records(spark, "file:/in/slow.jsonl", 2).coalesce(1).mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            ENTERED.countDown();
            assertTrue(RELEASE.await(120, TimeUnit.SECONDS));
            return rows;
        }, Encoders.row(QUARANTINED));
        CompletableFuture<Void> slowMerge = CompletableFuture.runAsync(() -> QuarantineTable.merge(spark, slow, path, "run-slow"));
        assertTrue(ENTERED.await(120, TimeUnit.SECONDS), "the slow merge reached its source");
        QuarantineTable.merge(spark, records(spark, "file:/in/fast.jsonl", 3), path, "run-fast");
        RELEASE.countDown();
        slowMerge.get(120, TimeUnit.SECONDS);

        List<String> rows = spark.read().format("delta").load(path).collectAsList().stream()
                .map(r -> r.getString(0).substring("file:/in/".length()) + ":" + r.getLong(1) + " " + r.getAs("run_id"))
                .sorted().toList();
        assertEquals(List.of("fast.jsonl:1 run-fast", "fast.jsonl:2 run-fast", "fast.jsonl:3 run-fast",
                "first.jsonl:1 run-0", "slow.jsonl:1 run-slow", "slow.jsonl:2 run-slow"), rows);
        long commits = io.delta.tables.DeltaTable.forPath(spark, path).history().count();
        assertTrue(commits >= 4, "create, first, fast, slow: " + commits + " commits");
    }
}
