package org.agentaudit.derive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step "quiet heartbeats" (audit-status-rules.md sections 2 and 4: "heartbeats ... that keep the key
 * start nothing"): most of the stream is heartbeats that repeat the event before them. Such a
 * heartbeat changes nothing in any day window, so it need not be copied into the windows at all;
 * this step marks it ({@code changes_nothing}) and, before it goes, records what later steps read of
 * an event's neighbours: {@code previous_event_ts} (the start-time rule) and {@code next_event_ts}
 * (silent gaps).
 *
 * <p>A heartbeat changes nothing when the event before it is on the same UTC date — so both lie in
 * the same day windows and it is never a window's first event — and it shows the same snapshot facts:
 * agent status, dominant contact and that contact's history as every one of those windows sees it,
 * and the agent's names and routing profile (the latest of which the intervals report). Then, in
 * every window, its facts are those already in effect, the logout state is unchanged (a heartbeat
 * neither starts nor ends a logout) and it starts no interval; a run of such heartbeats leans on the
 * first event of the run, which is kept.
 */
public final class QuietHeartbeats {
    /** One agent's events, in order, before they are copied into day windows. */
    private static final WindowSpec AGENT_STREAM = Window.partitionBy("agent_arn").orderBy("event_ts", "event_id");

    private QuietHeartbeats() {}

    public static Dataset<Row> apply(Dataset<Row> events, int marginDays) {
        Column date = DayWindows.dayOf(col("event_ts"));
        // A window W(D) holding this event starts at one of the midnights date - 2 margin .. date; the
        // contact's history holds a state in W(D) when its latest earlier sighting is on or after
        // W(D)'s first date, so every date before the earliest of those tells the same.
        Column beforeAnyWindow = date_sub(date, 2 * marginDays + 1);
        Column facts = struct(
                date.as("date"),
                col("has_snapshot"),
                col("agent_status"),
                col("contact"),
                greatest(DayWindows.dayOf(col("contact_connected_before")), beforeAnyWindow).as("connected_seen"),
                greatest(DayWindows.dayOf(col("contact_dialling_before")), beforeAnyWindow).as("dialling_seen"),
                col("username"), col("first_name"), col("last_name"), col("routing_profile"));
        // the facts as a column of their own, so that the three functions take plain columns and Spark
        // computes them in one pass over the agent's events (one Window operator, not two)
        return events
                .withColumn("snapshot_facts", facts)
                .select(col("*"),
                        lag(col("event_ts"), 1).over(AGENT_STREAM).as("previous_event_ts"),
                        lead(col("event_ts"), 1).over(AGENT_STREAM).as("next_event_ts"),
                        lag(col("snapshot_facts"), 1).over(AGENT_STREAM).as("previous_snapshot_facts"))
                .withColumn("changes_nothing", col("event_type").equalTo("HEART_BEAT")
                        .and(col("previous_snapshot_facts").eqNullSafe(col("snapshot_facts"))))
                .drop("snapshot_facts", "previous_snapshot_facts");
    }
}
