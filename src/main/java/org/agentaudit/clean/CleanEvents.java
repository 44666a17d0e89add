package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.agentaudit.read.EventSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataTypes;

/**
 * Step "clean" (audit-status-rules.md section 1.2 and 1.5): decides for every record whether it is
 * an event or goes to quarantine, with a reason, and normalises the fields the rules read. Output:
 * the record's position, {@code reason}/{@code detail} (null for events), {@code raw} (kept for
 * quarantined records only, truncated) and the event columns; the snapshot's contacts are normalised
 * by {@link #contact} where they are taken apart.
 */
public final class CleanEvents {
    /** Quarantined raw text is cut to this many characters. */
    public static final int RAW_KEPT_CHARS = 16_384;

    public static final String MISSING = "missing_field";
    public static final String NOT_STRING = "field_not_string";
    public static final String BLANK = "blank_field";
    public static final String BAD_TIMESTAMP = "bad_timestamp";

    private CleanEvents() {}

    /**
     * Text without leading and trailing white space or control characters: Spark's own trim for the
     * text it casts ({@code UTF8String.trimAll}), which strips tabs and line breaks too, where the
     * one-argument SQL trim strips only spaces; and it hands back the text itself when there is
     * nothing to strip (the usual case), where a trim with a set of characters copies it twice.
     */
    static Column trim(Column text) {
        // a method call on the value in the generated code, as Spark's own expressions make them: no
        // arguments, null in gives null out
        return ExpressionUtils.column(new Invoke(ExpressionUtils.expression(text), "trimAll", DataTypes.StringType,
                scala.collection.immutable.List$.MODULE$.empty(), scala.collection.immutable.List$.MODULE$.empty(), true, true, true));
    }

    public static Dataset<Row> apply(Dataset<Row> records) {
        // Each trimmed field and the parsed timestamp once, in columns of their own: the reason and
        // its detail both read them, and a trim is not cheap.
        Dataset<Row> checked = records.withColumn("event_ts", Timestamps.parse(trim(col("EventTimestamp"))));
        for (String field : EventSchema.REQUIRED) {
            checked = checked.withColumn(field + "_blank", trim(col(field)).equalTo(""));
        }
        Column eventTs = col("event_ts");
        Column reason = when(col("read_error").isNotNull(), regexp_extract(col("read_error"), "^[a-z_0-9]+", 0))
                .when(col("corrupt"), lit(org.agentaudit.read.RecordSplitter.MALFORMED));
        Column detail = when(col("read_error").isNotNull(), col("read_error"))
                .when(col("corrupt"), lit("not valid JSON, or a field of the wrong kind"));
        for (String field : EventSchema.REQUIRED) {
            Column type = col(field + "_type");
            Column blank = col(field + "_blank");
            reason = reason.when(type.isNull().or(type.equalTo("VOID")), lit(MISSING))
                    .when(type.notEqual("STRING"), lit(NOT_STRING))
                    .when(blank, lit(BLANK));
            detail = detail.when(type.isNull().or(type.equalTo("VOID")), lit(field + " is missing or null"))
                    .when(type.notEqual("STRING"), concat(lit(field + " is not a string but "), type))
                    .when(blank, lit(field + " is blank"));
        }
        reason = reason.when(eventTs.isNull(), lit(BAD_TIMESTAMP));
        detail = detail.when(eventTs.isNull(), concat(lit("EventTimestamp does not parse: "), col("EventTimestamp")));
        Dataset<Row> judged = checked.withColumn("reason", reason).withColumn("detail", detail);

        Column eventType = upper(trim(col("EventType")));
        Column snapshot = col("snapshot");
        Column status = snapshot.getField("AgentStatus");
        Column configuration = snapshot.getField("Configuration");
        return judged.select(
                col("file_index"), col("line"), col("column"),
                col("reason"),
                col("detail"),
                when(col("reason").isNotNull(), substring(col("raw"), 1, RAW_KEPT_CHARS)).as("raw"),
                col("AgentARN").as("agent_arn"),
                col("EventId").as("event_id"),
                col("event_ts"),
                when(eventType.isin("LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT"), eventType)
                        .otherwise(lit("STATE_CHANGE")).as("event_type"),
                snapshot.isNotNull().as("has_snapshot"),
                when(status.isNotNull(), struct(
                        status.getField("Name").as("name"),
                        upper(trim(status.getField("Type"))).as("type"),
                        Timestamps.parse(status.getField("StartTimestamp")).as("start_ts"))).as("agent_status"),
                configuration.getField("Username").as("username"),
                configuration.getField("FirstName").as("first_name"),
                configuration.getField("LastName").as("last_name"),
                configuration.getField("RoutingProfile").getField("Name").as("routing_profile"),
                // normalised one contact at a time by contact(), where DominantContact takes them apart
                snapshot.getField("Contacts").as("contacts"));
    }

    /** Contacts without ContactId are ignored. */
    public static Column hasContactId(Column rawContact) {
        return rawContact.getField("ContactId").isNotNull().and(trim(rawContact.getField("ContactId")).notEqual(""));
    }

    /**
     * One contact of a snapshot, normalised: Channel, InitiationMethod and State trimmed and
     * upper-cased (TASKS becomes TASK), timestamps parsed. Applied to contacts as rows rather than
     * inside {@code transform} over the list: a lambda runs interpreted, several times slower.
     */
    public static Column contact(Column rawContact) {
        return struct(
                rawContact.getField("ContactId").as("contact_id"),
                normaliseChannel(rawContact.getField("Channel")).as("channel"),
                upper(trim(rawContact.getField("InitiationMethod"))).as("initiation_method"),
                upper(trim(rawContact.getField("State"))).as("state"),
                Timestamps.parse(rawContact.getField("StateStartTimestamp")).as("state_start_ts"),
                Timestamps.parse(rawContact.getField("ConnectedToAgentTimestamp")).as("connected_ts"),
                rawContact.getField("Queue").getField("Name").as("queue_name"));
    }

    private static Column normaliseChannel(Column channel) {
        Column upper = upper(trim(channel));
        return when(upper.equalTo("TASKS"), lit("TASK")).otherwise(upper);
    }
}
