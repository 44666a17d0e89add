package org.agentaudit.derive;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Data quality (audit-status-rules.md section 4): silence is not interpreted — the last status
 * carries on — but a logged-in agent with no event for longer than the gap threshold is counted.
 * The count is observed while the audit is written ({@code Dataset.observe}), so it costs no extra
 * pass over the events. A gap counts once, in the UTC day of the event before it, as that day's
 * window sees it: the next event must lie in the window.
 */
public final class SilentGaps {
    public static final String METRIC = "silent_gaps";

    /** The threshold when no profile sets {@code gap.minutes}. */
    public static final int DEFAULT_MINUTES = 10;

    private SilentGaps() {}

    /**
     * Before the events are copied into day windows (after {@link QuietHeartbeats}): flags each event
     * followed by silence longer than the threshold ({@code gap_after}), and keeps such an event even
     * when it changes nothing, so its gap is still counted.
     */
    public static Dataset<Row> mark(Dataset<Row> events, int gapMinutes, int marginDays) {
        Column eventTs = col("event_ts");
        Column ownWindowEnd = DayWindows.startOf(date_add(DayWindows.dayOf(eventTs), 1 + marginDays));
        // the last event of an agent has no next one: no gap
        Column gapAfter = coalesce(col("next_event_ts").lt(ownWindowEnd)
                .and(unix_millis(col("next_event_ts")).minus(unix_millis(eventTs)).gt(lit(gapMinutes * 60_000L))), lit(false));
        return events
                .withColumn("gap_after", gapAfter)
                .withColumn("changes_nothing", col("changes_nothing").and(not(col("gap_after"))));
    }

    /** Counts, as the rows are written, the marked gaps of logged-in agents in their own day's window. */
    public static Dataset<Row> observe(Dataset<Row> eventFacts, Observation observation) {
        Column loggedIn = col("facts").isNotNull().and(col("facts.status_source").notEqual("LOGGED_OUT"));
        Column gap = loggedIn
                .and(DayWindows.dayOf(col("event_ts")).equalTo(col("window_date")))
                .and(col("gap_after"));
        // observed metrics take no window functions: flag each event first, then observe the sum
        return eventFacts.withColumn("silent_gap", gap)
                .observe(observation, sum(when(col("silent_gap"), 1L).otherwise(0L)).as(METRIC));
    }

    /**
     * The count once the write has run; null if Spark did not report it within 30 s (the run's rows
     * do not depend on it, so a missing figure is not worth failing a committed run for).
     */
    public static Long count(Observation observation) {
        scala.concurrent.Future<Row> future = observation.future();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!future.isCompleted() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (!future.isCompleted() || future.value().get().isFailure()) {
            return null;
        }
        // by position: with no events at all Spark reports a row without a schema
        Row metrics = future.value().get().get();
        return metrics.length() == 0 || metrics.isNullAt(0) ? 0L : ((Number) metrics.get(0)).longValue();
    }
}
