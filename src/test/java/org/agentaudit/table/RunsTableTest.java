package org.agentaudit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runs table written by an older version of the job (fewer columns) takes the new version's rows. */
class RunsTableTest {
    @Test
    void aRunsTableFromAnOlderVersionGainsTheNewColumns(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("agent_activity_runs").toString();
        // the layout before silent_gaps was added
        StructType older = new StructType(Arrays.stream(RunsTable.SCHEMA.fields())
                .filter(f -> !f.name().equals("silent_gaps")).toArray(org.apache.spark.sql.types.StructField[]::new));
        Object[] values = new Object[older.size()];
        values[older.fieldIndex("run_id")] = "old-run";
        values[older.fieldIndex("state")] = RunRecord.STARTED;
        spark.createDataFrame(List.of(RowFactory.create(values)), older).write().format("delta").save(path);

        RunsTable.append(spark, path, RunRecord.started("new-run", "run", LocalDate.of(2025, 6, 18), LocalDate.of(2025, 6, 18),
                List.of("events.jsonl")));

        List<Row> rows = spark.read().format("delta").load(path).orderBy("run_id").collectAsList();
        assertEquals(List.of("new-run", "old-run"), rows.stream().map(r -> r.<String>getAs("run_id")).toList());
        assertEquals(List.of(RunsTable.SCHEMA.fieldNames()).stream().sorted().toList(),
                List.of(rows.get(0).schema().fieldNames()).stream().sorted().toList(), "every column of today's layout");
        assertNull(rows.get(1).getAs("silent_gaps"), "the old run's row reads null in the new column");
    }
}
