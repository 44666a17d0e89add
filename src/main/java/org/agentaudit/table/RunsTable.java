package org.agentaudit.table;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The runs table: an append-only log, one row when a run starts and one when it ends (COMMITTED or
 * FAILED). A run that died has only its STARTED row. It records what was asked and counted, never
 * credentials.
 */
public final class RunsTable {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("state", DataTypes.StringType)
            .add("recorded_at", DataTypes.TimestampType)
            .add("command", DataTypes.StringType)
            .add("range_from", DataTypes.DateType)
            .add("range_to", DataTypes.DateType)
            .add("inputs", DataTypes.createArrayType(DataTypes.StringType))
            .add("input_files", DataTypes.LongType)
            .add("input_bytes", DataTypes.LongType)
            .add("records_read", DataTypes.LongType)
            .add("events_valid", DataTypes.LongType)
            .add("duplicates", DataTypes.LongType)
            .add("quarantined", DataTypes.LongType)
            .add("slices_written", DataTypes.LongType)
            .add("agents", DataTypes.LongType)
            .add("silent_gaps", DataTypes.LongType)
            .add("table_version", DataTypes.LongType)
            .add("duration_ms", DataTypes.LongType)
            .add("step_ms", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("message", DataTypes.StringType);

    private RunsTable() {}

    public static void append(SparkSession spark, String path, RunRecord run) {
        // appends never conflict, except two runs creating the table at once: the loser appends again
        Tables.retryOnConflict(() -> spark.createDataFrame(List.of(RowFactory.create(
                        run.runId(), run.state(), Timestamp.from(Instant.now()), run.command(),
                        run.from() == null ? null : java.sql.Date.valueOf(run.from()),
                        run.to() == null ? null : java.sql.Date.valueOf(run.to()),
                        run.inputs(),
                        run.inputFiles(), run.inputBytes(), run.recordsRead(), run.eventsValid(), run.duplicates(),
                        run.quarantined(), run.slicesWritten(), run.agents(), run.silentGaps(), run.tableVersion(), run.durationMs(),
                        run.stepMs(), run.message())), SCHEMA)
                .coalesce(1)
                // a runs table written by an older version gains the columns added since (null in its old rows)
                .write().format("delta").mode("append").option("mergeSchema", "true").save(path));
    }
}
