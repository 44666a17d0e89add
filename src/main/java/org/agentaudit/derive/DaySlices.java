package org.agentaudit.derive;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.unix_millis;

import org.agentaudit.config.LabelSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step "slice by day" (audit-status-rules.md sections 5 and 6): the part of each interval that lies
 * in its window's own UTC day. An open interval runs to the window's data end. Zero-length
 * intervals are kept, in the day of their instant. The result has the audit table's columns.
 */
public final class DaySlices {
    /** The audit table's columns, in order (outputs-and-cli.md). */
    public static final String[] COLUMNS = {
        "event_date", "instance_id", "agent_id", "agent_arn", "agent_username", "agent_first_name", "agent_last_name",
        "routing_profile", "status", "status_source", "never_connected", "was_dialling", "agent_status_name",
        "agent_status_type", "contact_id", "channel", "initiation_method", "contact_state", "queue_name", "interval_id",
        "interval_start", "interval_end", "slice_start", "slice_end", "duration_ms", "is_open", "start_event_id"
    };

    private DaySlices() {}

    public static Dataset<Row> apply(Dataset<Row> intervals, LabelSet tableLabels) {
        Column dayStart = DayWindows.startOf(col("window_date"));
        Column dayEnd = DayWindows.startOf(date_add(col("window_date"), 1));
        Column end = coalesce(col("interval_end"), col("data_end"));
        Column sliceStart = greatest(col("interval_start"), dayStart);
        Column sliceEnd = least(end, dayEnd);
        Column zeroLengthInDay = col("interval_start").equalTo(end)
                .and(col("interval_start").geq(dayStart)).and(col("interval_start").lt(dayEnd));
        return intervals
                .withColumn("slice_start", sliceStart)
                .withColumn("slice_end", sliceEnd)
                .filter(col("slice_start").lt(col("slice_end")).or(zeroLengthInDay))
                .withColumn("event_date", col("window_date"))
                .withColumn("duration_ms", unix_millis(col("slice_end")).minus(unix_millis(col("slice_start"))))
                .withColumn("is_open", col("interval_end").isNull())
                .withColumn("status", tableLabels.status())
                .selectExpr(COLUMNS);
    }
}
