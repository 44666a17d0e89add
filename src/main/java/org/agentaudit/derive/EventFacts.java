package org.agentaudit.derive;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step "facts of one event" (audit-status-rules.md section 2): for each event of an agent's day
 * window (its dominant contact chosen by {@link DominantContact}), the facts in effect after it
 * ({@code facts}, a struct holding the interval key and what the start-time rule needs), those
 * after the event before it ({@code previous_facts}), whether it starts a new interval
 * ({@code starts_interval}), and the agent's details as the window reports them.
 */
public final class EventFacts {
    /** One agent's events in one day window, in order. */
    static final WindowSpec AGENT_EVENTS = Window.partitionBy("agent_arn", "window_date").orderBy("event_ts", "event_id");
    private static final WindowSpec SO_FAR = AGENT_EVENTS.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    private static final WindowSpec BEFORE = AGENT_EVENTS.rowsBetween(Window.unboundedPreceding(), -1);
    private static final WindowSpec WHOLE_WINDOW = AGENT_EVENTS.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());

    /** The fields of {@code facts} that make the interval key. */
    static final String[] KEY = {"status_source", "agent_status_name", "contact_id", "contact_state", "never_connected", "was_dialling"};

    private EventFacts() {}

    public static Dataset<Row> apply(Dataset<Row> windowedEvents) {
        // The dominant contact's history in this window: its latest earlier state lies in the window.
        return factsOf(windowedEvents
                .withColumn("had_connected", col("contact_connected_before").geq(col("window_start")))
                .withColumn("had_connecting", col("contact_dialling_before").geq(col("window_start"))));
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
        // What an event says when it is heard: its usable snapshot, or Offline for a LOGIN without one.
        // It is heard unless the agent is logged out and it does not end the logout (a heartbeat).
        Column said = when(type.equalTo("LOGOUT"), lit(null))
                .when(usable.and(contact.isNotNull()), facts(lit("CONTACT"), status.getField("name"), status.getField("type"),
                        contact.getField("state_start_ts"), contact))
                .when(usable, facts(lit("AGENT_STATUS"), status.getField("name"), status.getField("type"),
                        status.getField("start_ts"), null))
                .when(type.equalTo("LOGIN"), facts(lit("AGENT_STATUS"), lit("Offline"), lit("OFFLINE"), lit(null), null));
        // in columns of their own, so that the window functions of both frames read them as they are
        // (an expression would be computed and carried once per frame)
        Dataset<Row> told = events
                .withColumn("logout_marker", logoutMarker)
                .withColumn("logout_ts", when(type.equalTo("LOGOUT"), col("event_ts")))
                .withColumn("said", said);
        return told.select(col("*"),
                        factsAsOf(SO_FAR).as("facts"),
                        factsAsOf(BEFORE).as("previous_facts"),
                        // the agent as the window reports it: its latest names, its routing profile so far
                        last(col("username"), true).over(WHOLE_WINDOW).as("agent_username"),
                        last(col("first_name"), true).over(WHOLE_WINDOW).as("agent_first_name"),
                        last(col("last_name"), true).over(WHOLE_WINDOW).as("agent_last_name"),
                        last(col("routing_profile"), true).over(SO_FAR).as("agent_routing_profile"))
                .drop("logout_marker", "logout_ts", "said")
                .withColumn("starts_interval", col("facts").isNotNull()
                        .and(col("previous_facts").isNull().or(not(sameKey(col("facts"), col("previous_facts"))))));
    }

    /**
     * The facts in effect after the frame's last event. Logged out (the latest LOGOUT, LOGIN or usable
     * snapshot other than a heartbeat's is a LOGOUT): the logout's facts, whatever heartbeats came
     * after it. Else the latest event heard — every event after the latest marker is then heard.
     * Written with running values of the frame alone (no value over another window's result), so
     * that Spark computes both frames and the agent's details in one Window operator.
     */
    private static Column factsAsOf(WindowSpec frame) {
        Column loggedOut = coalesce(last(col("logout_marker"), true).over(frame), lit(false));
        Column latestLogout = last(col("logout_ts"), true).over(frame);
        return when(loggedOut, facts(lit("LOGGED_OUT"), lit("Offline"), lit("OFFLINE"), latestLogout, null))
                .otherwise(last(col("said"), true).over(frame));
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
