package org.agentaudit.read;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schemas of the agent event stream (agent-event-stream.md), with only the fields the
 * job uses: everything else, known or not yet invented, is skipped by the parser.
 */
public final class EventSchema {
    private EventSchema() {}

    /** Fields that make a record an event; checked for presence and type. */
    public static final String[] REQUIRED = {"AgentARN", "EventId", "EventTimestamp", "EventType"};

    public static final String CORRUPT_RECORD = "_corrupt_record";

    public static final StructType CONTACT = new StructType()
            .add("ContactId", DataTypes.StringType)
            .add("Channel", DataTypes.StringType)
            .add("InitiationMethod", DataTypes.StringType)
            .add("State", DataTypes.StringType)
            .add("StateStartTimestamp", DataTypes.StringType)
            .add("ConnectedToAgentTimestamp", DataTypes.StringType)
            .add("Queue", new StructType().add("Name", DataTypes.StringType));

    public static final StructType SNAPSHOT = new StructType()
            .add("AgentStatus", new StructType()
                    .add("Name", DataTypes.StringType)
                    .add("StartTimestamp", DataTypes.StringType)
                    .add("Type", DataTypes.StringType))
            .add("Configuration", new StructType()
                    .add("Username", DataTypes.StringType)
                    .add("FirstName", DataTypes.StringType)
                    .add("LastName", DataTypes.StringType)
                    .add("RoutingProfile", new StructType().add("Name", DataTypes.StringType)))
            .add("Contacts", new ArrayType(CONTACT, true));

    /** A record as Parquet holds it (Glue/Firehose conversion; names matched case-insensitively). */
    public static final StructType PARQUET_RECORD = record(DataTypes.StringType);

    /**
     * A JSON record. Spark's parser turns any JSON value of a text field into text (7 becomes "7"), so
     * a value whose text could have come from a number, boolean, object or array is parsed again with
     * {@link #REQUIRED_AS_VARIANT}, which tells them apart.
     */
    public static final StructType JSON_RECORD = record(DataTypes.StringType).add(CORRUPT_RECORD, DataTypes.StringType);

    /** The required fields as VARIANT: their JSON type is known exactly. */
    public static final StructType REQUIRED_AS_VARIANT = requiredAs(DataTypes.VariantType);

    private static StructType record(DataType requiredType) {
        return requiredAs(requiredType).add("CurrentAgentSnapshot", SNAPSHOT);
    }

    private static StructType requiredAs(DataType type) {
        StructType schema = new StructType();
        for (String field : REQUIRED) {
            schema = schema.add(field, type);
        }
        return schema;
    }
}
