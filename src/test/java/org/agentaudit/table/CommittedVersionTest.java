package org.agentaudit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's table version is found by its commit's userMetadata, however many commits of other runs
 * came after it (ConcurrencyIT shows the race with real runs; this covers the search's reach), or is
 * the version it found when it made no commit (LimitsTest runs that case).
 */
class CommittedVersionTest {
    @Test
    void aRunsCommitIsFoundBehindMoreCommitsThanTheFirstLookAtTheHistoryReads(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("table").toString();
        commit(spark, path, "run-0");
        commit(spark, path, "run-1");
        for (int other = 2; other <= 18; other++) {
            commit(spark, path, "run-" + other);
        }

        assertEquals(1, AuditTable.committedVersion(spark, path, "run-1", 0L), "17 newer commits of other runs");
        assertEquals(1, AuditTable.committedVersion(spark, path, "run-1", null));
        assertEquals(18, AuditTable.committedVersion(spark, path, "run-18", 17L));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> AuditTable.committedVersion(spark, path, "never-ran", null));
        assertEquals("the audit table " + path + " has no commit of run never-ran", none.getMessage());
    }

    /** A write that changes nothing (no rows, on days that had none) makes no commit: its version is the one it found. */
    @Test
    void aRunWithoutACommitIsInTheVersionItFound(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("table").toString();
        for (int other = 0; other <= 5; other++) {
            commit(spark, path, "run-" + other);
        }
        assertEquals(1, AuditTable.committedVersion(spark, path, "no-op", 1L), "four newer commits of other runs");
        assertEquals(5, AuditTable.committedVersion(spark, path, "no-op", 5L));
    }

    private static void commit(SparkSession spark, String path, String runId) {
        spark.range(1).write().format("delta").mode("append").option("userMetadata", AuditTable.commitMetadata(runId)).save(path);
    }
}
