package org.agentaudit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds small, hand-made agent event streams for tests, in the record layout of
 * agent-event-stream.md. The builder keeps the agent's current snapshot; each event call emits a
 * record with it, so a test reads like the agent's day:
 * <pre>
 *   stream.status("Available", "ROUTABLE", "…T09:00:00Z").event("STATE_CHANGE", "…T09:00:00.500Z");
 * </pre>
 */
public final class EventStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String INSTANCE = "11111111-2222-3333-4444-555555555555";

    private final List<String> lines;
    private final String agentArn;
    private String instanceId = INSTANCE;
    private String username;
    private ObjectNode status;
    private List<ObjectNode> contacts = new ArrayList<>();
    private int sequence;

    public EventStream(String agentId, String username) {
        this(agentId, username, new ArrayList<>());
    }

    /** Another agent writing into the same list of lines (several agents, one input). */
    public EventStream(String agentId, String username, List<String> sharedLines) {
        this.agentArn = "arn:aws:connect:us-east-1:111122223333:instance/" + INSTANCE + "/agent/" + agentId;
        this.username = username;
        this.lines = sharedLines;
    }

    public EventStream inInstance(String instance) {
        this.instanceId = instance;
        return this;
    }

    public String agentArn() {
        return agentArn.replace(INSTANCE, instanceId);
    }

    public EventStream username(String name) {
        this.username = name;
        return this;
    }

    public EventStream status(String name, String type, String since) {
        status = JSON.createObjectNode();
        status.put("ARN", "arn:aws:connect:us-east-1:111122223333:instance/" + instanceId + "/agent-state/" + name);
        status.put("Name", name);
        status.put("StartTimestamp", since);
        status.put("Type", type);
        return this;
    }

    public EventStream noStatus() {
        status = null;
        return this;
    }

    public EventStream contacts(ObjectNode... current) {
        contacts = new ArrayList<>(List.of(current));
        return this;
    }

    public EventStream noContacts() {
        contacts = new ArrayList<>();
        return this;
    }

    /** A contact as the snapshot shows it; {@code connected} may be null. */
    public static ObjectNode contact(String id, String channel, String method, String state, String stateSince, String connected) {
        ObjectNode c = JSON.createObjectNode();
        c.put("ContactId", id);
        c.put("InitialContactId", (String) null);
        c.put("Channel", channel);
        c.put("InitiationMethod", method);
        c.put("State", state);
        c.put("StateStartTimestamp", stateSince);
        c.put("ConnectedToAgentTimestamp", connected);
        c.put("QueueTimestamp", (String) null);
        c.putObject("Queue").put("ARN", "arn:queue/q1").put("Name", "BasicQueue");
        return c;
    }

    /** An event carrying the current snapshot. */
    public EventStream event(String type, String timestamp) {
        return event(type, timestamp, null);
    }

    /** An event with a chosen EventId (events at one instant are ordered by it). */
    public EventStream event(String type, String timestamp, String eventId) {
        ObjectNode record = header(type, timestamp);
        if (eventId != null) {
            record.put("EventId", eventId);
        }
        ObjectNode snapshot = record.putObject("CurrentAgentSnapshot");
        if (status != null) {
            snapshot.set("AgentStatus", status.deepCopy());
        }
        ObjectNode configuration = snapshot.putObject("Configuration");
        configuration.put("Username", username);
        configuration.put("FirstName", "First");
        configuration.put("LastName", "Last");
        configuration.putObject("RoutingProfile").put("Name", "RP-Test");
        ArrayNode list = snapshot.putArray("Contacts");
        contacts.forEach(c -> list.add(c.deepCopy()));
        snapshot.putNull("NextAgentStatus");
        record.putNull("PreviousAgentSnapshot");
        lines.add(record.toString());
        return this;
    }

    /** An event with a null snapshot (old data, or LOGIN/LOGOUT of 2017-10-01 records). */
    public EventStream eventWithoutSnapshot(String type, String timestamp) {
        ObjectNode record = header(type, timestamp);
        record.putNull("CurrentAgentSnapshot");
        record.putNull("PreviousAgentSnapshot");
        lines.add(record.toString());
        return this;
    }

    /** Repeats the last record as it was (an at-least-once re-delivery). */
    public EventStream redeliverLast() {
        lines.add(lines.get(lines.size() - 1));
        return this;
    }

    private ObjectNode header(String type, String timestamp) {
        ObjectNode record = JSON.createObjectNode();
        record.put("AWSAccountId", "111122223333");
        record.put("AgentARN", agentArn());
        record.put("InstanceARN", "arn:aws:connect:us-east-1:111122223333:instance/" + instanceId);
        record.put("EventId", UUID.nameUUIDFromBytes((agentArn() + "#" + (sequence++)).getBytes()).toString());
        record.put("EventTimestamp", timestamp);
        record.put("EventType", type);
        record.put("Version", "2019-05-25");
        return record;
    }

    public List<String> lines() {
        return lines;
    }
}
