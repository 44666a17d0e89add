package org.agentaudit.derive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
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
 * pass over the events. A gap counts once, in the UTC day of the event before it.
 */
public final class SilentGaps {
    public static final String METRIC = "silent_gaps";

    private SilentGaps() {}

    public static Dataset<Row> observe(Dataset<Row> eventFacts, int gapMinutes, Observation observation) {
        Column next = lead(col("event_ts"), 1).over(EventFacts.AGENT_EVENTS);
        Column loggedIn = col("facts").isNotNull().and(col("facts.status_source").notEqual("LOGGED_OUT"));
        Column gap = loggedIn
                .and(to_date(col("event_ts")).equalTo(col("window_date")))
                .and(unix_millis(next).minus(unix_millis(col("event_ts"))).gt(lit(gapMinutes * 60_000L)));
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
