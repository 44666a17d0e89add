package org.agentaudit.derive;

import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step "facts of one event" (audit-status-rules.md section 2): for each event of an agent's day
 * window, the facts in effect after it ({@code facts}, a struct holding the interval key and what
 * the start-time rule needs) and whether it starts a new interval ({@code starts_interval}).
 */
public final class EventFacts {
    /** One agent's events in one day window, in order. */
    static final WindowSpec AGENT_EVENTS = Window.partitionBy("agent_arn", "window_date").orderBy("event_ts", "event_id");
    static final WindowSpec SO_FAR = AGENT_EVENTS.rowsBetween(Window.unboundedPreceding(), Window.currentRow());

    /** The fields of {@code facts} that make the interval key. */
    static final String[] KEY = {"status_source", "agent_status_name", "contact_id", "contact_state", "never_connected", "was_dialling"};

    private EventFacts() {}

    public static Dataset<Row> apply(Dataset<Row> windowedEvents) {
        return factsOf(withDominantContact(windowedEvents));
    }

    /**
     * Adds {@code contact}, the dominant contact (highest state, then earliest StateStartTimestamp,
     * then smallest ContactId), with its history flags {@code had_connected}/{@code had_connecting}:
     * what this ContactId showed in the agent's earlier events of the window.
     */
    static Dataset<Row> withDominantContact(Dataset<Row> events) {
        Column dominantPosition = array_min(transform(col("contacts"), (c, i) -> struct(
                lit(10).minus(statePrecedence(c.getField("state"))).as("precedence"),
                c.getField("state_start_ts").isNull().as("no_start"),
                coalesce(c.getField("state_start_ts"), lit(java.sql.Timestamp.valueOf("1970-01-01 00:00:00"))).as("start"),
                c.getField("contact_id").as("id"),
                i.as("position")))).getField("position");
        // Partitioned by a plain column, not by the expression contact.contact_id: Spark aliases an expression
        // anew for each window function, so the two would get two Window operators and two sorts.
        WindowSpec contactHistory = Window.partitionBy(col("agent_arn"), col("window_date"), col("history_contact_id"))
                .orderBy("event_ts", "event_id")
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column state = col("contact.state");
        return events
                .withColumn("dominant_position", dominantPosition)
                .select(col("*"), posexplode_outer(col("contacts")).as(new String[] {"contact_position", "contact"}))
                .withColumn("history_contact_id", col("contact.contact_id"))
                .select(col("*"),
                        max(state.isin("CONNECTED", "CONNECTED_ONHOLD")).over(contactHistory).as("had_connected"),
                        max(state.equalTo("CONNECTING")).over(contactHistory).as("had_connecting"))
                .filter(col("contact_position").isNull().or(col("contact_position").equalTo(col("dominant_position"))))
                .drop("contacts", "contact_position", "dominant_position", "history_contact_id");
    }

    /** ERROR > MISSED > REJECTED > CONNECTED > CONNECTED_ONHOLD > PAUSED > ENDED > CONNECTING > INCOMING = PENDING > unknown. */
    static Column statePrecedence(Column state) {
        return when(state.equalTo("ERROR"), 9)
                .when(state.equalTo("MISSED"), 8)
                .when(state.equalTo("REJECTED"), 7)
                .when(state.equalTo("CONNECTED"), 6)
                .when(state.equalTo("CONNECTED_ONHOLD"), 5)
                .when(state.equalTo("PAUSED"), 4)
                .when(state.equalTo("ENDED"), 3)
                .when(state.equalTo("CONNECTING"), 2)
                .when(state.isin("INCOMING", "PENDING"), 1)
                .otherwise(0);
    }

    static Dataset<Row> factsOf(Dataset<Row> events) {
        Column type = col("event_type");
        Column status = col("agent_status");
        Column contact = col("contact");
        // A snapshot with neither AgentStatus nor contacts tells nothing.
        Column usable = col("has_snapshot").and(status.isNotNull().or(contact.isNotNull()));
        // LOGOUT starts a logout; LOGIN, or any event but a heartbeat with a usable snapshot, ends it.
        Column logoutMarker = when(type.equalTo("LOGOUT"), lit(true))
                .when(type.equalTo("LOGIN").or(usable.and(type.notEqual("HEART_BEAT"))), lit(false));
        Column loggedOut = coalesce(last(logoutMarker, true).over(SO_FAR), lit(false));
        Column changes = type.isin("LOGIN", "LOGOUT").or(usable.and(not(col("logged_out"))));

        Column loggedOutFacts = facts(lit("LOGGED_OUT"), lit("Offline"), lit("OFFLINE"), col("event_ts"), null);
        Column contactFacts = facts(lit("CONTACT"), status.getField("name"), status.getField("type"),
                contact.getField("state_start_ts"), contact);
        Column statusFacts = facts(lit("AGENT_STATUS"), status.getField("name"), status.getField("type"),
                status.getField("start_ts"), null);
        // A LOGIN without a snapshot: Offline until the next snapshot says otherwise.
        Column loginWithoutSnapshot = facts(lit("AGENT_STATUS"), lit("Offline"), lit("OFFLINE"), lit(null), null);
        Column eventFacts = when(not(changes), lit(null))
                .when(type.equalTo("LOGOUT"), loggedOutFacts)
                .when(not(usable), loginWithoutSnapshot)
                .when(contact.isNotNull(), contactFacts)
                .otherwise(statusFacts);

        Column effective = last(col("event_facts"), true).over(SO_FAR);
        Dataset<Row> withFacts = events
                .withColumn("logged_out", loggedOut)
                .withColumn("event_facts", eventFacts)
                .withColumn("facts", effective)
                .withColumn("previous_facts", lag(col("facts"), 1).over(AGENT_EVENTS))
                .withColumn("previous_event_ts", lag(col("event_ts"), 1).over(AGENT_EVENTS));
        return withFacts.withColumn("starts_interval",
                col("facts").isNotNull().and(col("previous_facts").isNull().or(not(sameKey(col("facts"), col("previous_facts"))))));
    }

    private static Column facts(Column source, Column statusName, Column statusType, Column ownTs, Column contact) {
        Column none = lit(null).cast("string");
        boolean fromContact = contact != null;
        return struct(
                source.as("status_source"),
                statusName.as("agent_status_name"),
                statusType.as("agent_status_type"),
                fromContact ? contact.getField("contact_id").as("contact_id") : none.as("contact_id"),
                fromContact ? contact.getField("state").as("contact_state") : none.as("contact_state"),
                fromContact ? contact.getField("channel").as("channel") : none.as("channel"),
                fromContact ? contact.getField("initiation_method").as("initiation_method") : none.as("initiation_method"),
                fromContact ? contact.getField("queue_name").as("queue_name") : none.as("queue_name"),
                fromContact
                        ? contact.getField("connected_ts").isNull().and(not(coalesce(col("had_connected"), lit(false)))).as("never_connected")
                        : lit(null).cast("boolean").as("never_connected"),
                fromContact
                        ? coalesce(col("had_connecting"), lit(false)).as("was_dialling")
                        : lit(null).cast("boolean").as("was_dialling"),
                ownTs.cast("timestamp").as("own_ts"));
    }

    static Column sameKey(Column a, Column b) {
        Column same = lit(true);
        for (String field : KEY) {
            same = same.and(a.getField(field).eqNullSafe(b.getField(field)));
        }
        return same;
    }
}
