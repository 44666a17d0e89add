package org.agentaudit.derive;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.agentaudit.clean.CleanEvents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step "dominant contact" (audit-status-rules.md section 2): of each event's contacts, the one that
 * dominates — highest state, then earliest StateStartTimestamp (nulls last), then smallest ContactId —
 * as {@code contact}, with its history: the latest earlier event of the agent whose snapshot showed
 * this ContactId connected ({@code contact_connected_before}) or dialling ({@code contact_dialling_before}).
 *
 * <p>Runs once per event, before the events are copied into day windows: the history a window sees
 * is "this ContactId's states in the window's earlier events", which holds a state exactly when the
 * latest earlier event showing it lies at or after the window's start. So EventFacts decides it per
 * window with one comparison, and the wide contact lists are never copied into windows or sorted
 * there. The contacts are taken apart into rows (normalised by {@link CleanEvents#contact}) and the
 * dominant one is chosen in the agent's event order that {@link QuietHeartbeats} needs next, so the
 * choice costs no sort of its own. The output keeps only what the later steps read.
 */
public final class DominantContact {
    /** The columns later steps read; everything else of the cleaned event stays behind. */
    static final String[] EVENT_COLUMNS = {
        "agent_arn", "event_id", "event_ts", "event_type", "has_snapshot", "agent_status",
        "username", "first_name", "last_name", "routing_profile"
    };

    private DominantContact() {}

    public static Dataset<Row> apply(Dataset<Row> events) {
        // Partitioned by a plain column, not by the expression contact.contact_id: Spark aliases an expression
        // anew for each window function, so the two would get two Window operators and two sorts.
        WindowSpec earlierEventsOfContact = Window.partitionBy(col("agent_arn"), col("history_contact_id"))
                .orderBy("event_ts", "event_id")
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column contact = col("contact");
        // An event's contact rows, best first; an event without contacts has one row, with none.
        WindowSpec contactsOfEvent = Window.partitionBy("agent_arn", "event_ts", "event_id").orderBy(
                contact.isNull(),
                statePrecedence(contact.getField("state")),
                contact.getField("state_start_ts").asc_nulls_last(),
                contact.getField("contact_id"),
                col("contact_position"));
        Column state = contact.getField("state");
        Column[] kept = new Column[EVENT_COLUMNS.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = col(EVENT_COLUMNS[i]);
        }
        Column raw = col("raw_contact");
        return events
                .select(concat(kept, posexplode_outer(col("contacts")).as(new String[] {"contact_position", "raw_contact"})))
                .withColumn("contact", when(CleanEvents.hasContactId(raw), CleanEvents.contact(raw)))
                .withColumn("history_contact_id", col("contact.contact_id"))
                .select(col("*"),
                        max(when(state.isin("CONNECTED", "CONNECTED_ONHOLD"), col("event_ts"))).over(earlierEventsOfContact)
                                .as("contact_connected_before"),
                        max(when(state.equalTo("CONNECTING"), col("event_ts"))).over(earlierEventsOfContact)
                                .as("contact_dialling_before"))
                .withColumn("dominance", row_number().over(contactsOfEvent))
                .filter(col("dominance").equalTo(1))
                .drop("contact_position", "raw_contact", "history_contact_id", "dominance");
    }

    /** Contact states by precedence, 1 dominating most; any other state ranks last. */
    private static final Map<String, Integer> PRECEDENCE = Map.of(
            "ERROR", 1, "MISSED", 2, "REJECTED", 3, "CONNECTED", 4, "CONNECTED_ONHOLD", 5,
            "PAUSED", 6, "ENDED", 7, "CONNECTING", 8, "INCOMING", 9, "PENDING", 9);

    /** ERROR > MISSED > REJECTED > CONNECTED > CONNECTED_ONHOLD > PAUSED > ENDED > CONNECTING > INCOMING = PENDING > unknown. */
    static Column statePrecedence(Column state) {
        // one map lookup rather than a chain of comparisons: this runs for every contact of every event
        Column[] entries = PRECEDENCE.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue())))
                .toArray(Column[]::new);
        return coalesce(try_element_at(map(entries), state), lit(PRECEDENCE.size() + 1));
    }

    private static Column[] concat(Column[] columns, Column... more) {
        Column[] all = java.util.Arrays.copyOf(columns, columns.length + more.length);
        System.arraycopy(more, 0, all, columns.length, more.length);
        return all;
    }
}
