package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agentaudit.read.ReadEvents;
import org.agentaudit.testing.Pipeline;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step "clean" on hand-made records (audit-status-rules.md section 1.2 and 1.5): which records are
 * quarantined and why, how timestamps parse, and how the fields the rules read are normalised.
 * All records go through one read + clean, so the whole class costs one small Spark job.
 */
class CleanEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1/agent/a-1";
    private static final String[] REQUIRED = {"AgentARN", "EventId", "EventTimestamp", "EventType"};

    /** line → record; filled in line order as the cases are declared. */
    private static final List<String> LINES = new ArrayList<>();
    private static final Map<String, Integer> CASES = new LinkedHashMap<>();
    private static Map<Long, Row> cleaned;

    private static ObjectNode record(String eventId) {
        ObjectNode r = JSON.createObjectNode();
        r.put("AWSAccountId", "111122223333");
        r.put("AgentARN", ARN);
        r.put("EventId", eventId);
        r.put("EventTimestamp", "2025-06-18T13:14:11.402Z");
        r.put("EventType", "STATE_CHANGE");
        r.put("Version", "2019-05-25");
        ObjectNode snapshot = r.putObject("CurrentAgentSnapshot");
        snapshot.putObject("AgentStatus").put("Name", "Available").put("Type", "ROUTABLE")
                .put("StartTimestamp", "2025-06-18T13:00:00Z");
        snapshot.putObject("Configuration").put("Username", "alice");
        snapshot.putArray("Contacts");
        return r;
    }

    private static void add(String name, String line) {
        LINES.add(line);
        CASES.put(name, LINES.size());
    }

    private static void add(String name, ObjectNode record) {
        add(name, record.toString());
    }

    private static Row row(String name) {
        return cleaned.get((long) CASES.get(name));
    }

    @BeforeAll
    static void cleanAllCases() {
        for (String field : REQUIRED) {
            ObjectNode r = record("missing-" + field);
            r.remove(field);
            add("missing " + field, r);
            add("null " + field, record("null-" + field).putNull(field));
            add("blank " + field, record("blank-" + field).put(field, " \t "));
            add("empty " + field, record("empty-" + field).put(field, ""));
            add("number " + field, record("number-" + field).put(field, 7));
            add("boolean " + field, record("boolean-" + field).put(field, true));
            ObjectNode object = record("object-" + field);
            object.putObject(field).put("S", "x");
            add("object " + field, object);
            ObjectNode array = record("array-" + field);
            array.putArray(field).add("x");
            add("array " + field, array);
        }
        // text that Spark's parser would also make of a number or boolean is still text
        add("numeric-looking text", record("12345").put("EventType", "true"));
        add("decimal EventId", record("decimal").put("EventId", -7.5));
        add("exponent EventId", record("exponent").put("EventId", 1.5e300));
        // Spark's parser reads NaN and the infinities as numbers (its allowNonNumericNumbers default)
        add("NaN EventId", record("nan").toString().replace("\"EventId\":\"nan\"", "\"EventId\":NaN"));
        add("-Infinity EventType", record("minus-infinity").toString().replace("\"EventType\":\"STATE_CHANGE\"", "\"EventType\":-Infinity"));
        add("number-like text with a space", record("7 ").put("AgentARN", "1e5 "));
        // EventId of the missing-EventId records is gone; the others carry their case name
        for (Map.Entry<String, String> t : GOOD_TIMESTAMPS.entrySet()) {
            add("ts " + t.getKey(), record("ts-" + t.getKey()).put("EventTimestamp", t.getKey()));
        }
        for (String t : BAD_TIMESTAMPS) {
            add("bad ts " + t, record("bad-ts-" + t).put("EventTimestamp", t));
        }
        add("padded ts", record("padded-ts").put("EventTimestamp", "  2025-06-18T13:14:11.402Z "));

        // normalisation
        add("lower-case event type", record("lower").put("EventType", " heart_beat "));
        add("tab-padded event type", record("tab").put("EventType", "Login\t\r"));
        add("control-padded event type", record("control").put("EventType", "\u0000\u000BLogout\u001F"));
        add("control-only event type", record("control-only").put("EventType", "\u0001\u007F"));
        add("unknown event type", record("unknown-type").put("EventType", "AGENT_SOMETHING_NEW"));
        ObjectNode contacts = record("contacts");
        ObjectNode snapshot = (ObjectNode) contacts.get("CurrentAgentSnapshot");
        snapshot.putObject("AgentStatus").put("Name", " Lunch break ").put("Type", "custom ")
                .put("StartTimestamp", "2025-06-18T09:14:11.4-04:00");
        snapshot.putArray("Contacts")
                .add(contact("c-task", "tasks", "api", "connected", "2025-06-18T13:14:00.123456Z"))
                .add(contact("c-chat", " Chat", "Inbound ", "connected_onhold", "2025-06-18T13:14:00+0000"))
                .add(contact(null, "VOICE", "INBOUND", "CONNECTED", "2025-06-18T13:14:00Z"))
                .add(contact("", "VOICE", "INBOUND", "CONNECTED", "2025-06-18T13:14:00Z"))
                .add(contact("c-odd", "SMS", "CARRIER_PIGEON", "ringing", "not a time"));
        ((ObjectNode) snapshot.withArray("Contacts").get(2)).remove("ContactId");
        snapshot.putObject("NextAgentStatus").put("Name", "Lunch").put("EnqueueTimestamp", "2025-06-18T13:15:00Z");
        add("contacts", contacts);
        ObjectNode extra = record("extra");
        extra.put("SomeFieldAddedIn2030", 42);
        extra.putObject("AnotherOne").putArray("deep").add(1);
        ((ObjectNode) extra.get("CurrentAgentSnapshot")).put("NewSnapshotThing", "x");
        add("unknown extra fields", extra);
        ObjectNode old = record("old-login").put("EventType", "LOGIN").put("Version", "2017-10-01");
        old.putNull("CurrentAgentSnapshot");
        old.putNull("PreviousAgentSnapshot");
        add("null snapshot", old);
        add("not an object", "[1,2]");
        add("invalid json", "{\"AgentARN\": \"" + ARN + "\", \"EventId\": }");

        cleaned = new TreeMap<>();
        String file = Pipeline.write(LINES).toString();
        // each contact normalised as the job does it where it takes the list apart (DominantContact)
        for (Row r : CleanEvents.apply(ReadEvents.json(SparkTestSession.get(), List.of(file)))
                .withColumn("contacts", transform(filter(col("contacts"), CleanEvents::hasContactId), CleanEvents::contact))
                .collectAsList()) {
            cleaned.put(r.getAs("line"), r);
        }
        assertEquals(LINES.size(), cleaned.size(), "one cleaned row per record");
    }

    private static ObjectNode contact(String id, String channel, String method, String state, String since) {
        ObjectNode c = JSON.createObjectNode();
        c.put("ContactId", id);
        c.put("Channel", channel);
        c.put("InitiationMethod", method);
        c.put("State", state);
        c.put("StateStartTimestamp", since);
        c.putNull("ConnectedToAgentTimestamp");
        c.putObject("Queue").put("Name", "Q");
        return c;
    }

    /** ISO-8601 with 0–9 fraction digits and Z / ±hh:mm / ±hhmm / no offset, truncated to ms. */
    private static final Map<String, String> GOOD_TIMESTAMPS = new LinkedHashMap<>();

    static {
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11Z", "2025-06-18T13:14:11Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.4Z", "2025-06-18T13:14:11.400Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.45Z", "2025-06-18T13:14:11.450Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.402Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.4029Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.40299Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.402999Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.4029999Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.40299999Z", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.999999999Z", "2025-06-18T13:14:11.999Z");
        GOOD_TIMESTAMPS.put("2025-06-18T18:44:11.402+05:30", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T09:14:11-04:00", "2025-06-18T13:14:11Z");
        GOOD_TIMESTAMPS.put("2025-06-18T18:44:11.402+0530", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T09:14:11.4029-0400", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11+00:00", "2025-06-18T13:14:11Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.402", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11", "2025-06-18T13:14:11Z");
        GOOD_TIMESTAMPS.put("2025-06-18T13:14:11.123456789", "2025-06-18T13:14:11.123Z");
        GOOD_TIMESTAMPS.put("2025-06-19T01:14:11.402+12:00", "2025-06-18T13:14:11.402Z");
        GOOD_TIMESTAMPS.put("2025-06-17T23:14:11.402-1400", "2025-06-18T13:14:11.402Z");
    }

    private static final List<String> BAD_TIMESTAMPS = List.of(
            "yesterday", "2025-06-18 13:14:11Z", "2025-06-18T13:14:11.1234567891Z", "2025-06-18T25:00:00Z",
            "2025-06-31T10:00:00Z", "2025-06-18T13:14Z", "2025-06-18T13:14:11+05", "2025-06-18T13:14:11.Z",
            "1750252451402", "2025-06-18", "2025-06-18T13:14:11ZZ", "2025-06-18T13:14:11 +05:30");

    @Test
    void everyRequiredFieldMissingNullBlankOrNotAStringIsQuarantinedWithItsReason() {
        for (String field : REQUIRED) {
            assertReason("missing " + field, "missing_field", field + " is missing or null");
            assertReason("null " + field, "missing_field", field + " is missing or null");
            assertReason("blank " + field, "blank_field", field + " is blank");
            assertReason("empty " + field, "blank_field", field + " is blank");
            assertReason("number " + field, "field_not_string", field + " is not a string but BIGINT");
            assertReason("boolean " + field, "field_not_string", field + " is not a string but BOOLEAN");
            assertReason("object " + field, "field_not_string", field + " is not a string but OBJECT<S: STRING>");
            assertReason("array " + field, "field_not_string", field + " is not a string but ARRAY<STRING>");
        }
        assertReason("decimal EventId", "field_not_string", "EventId is not a string but DECIMAL(2,1)");
        assertReason("exponent EventId", "field_not_string", "EventId is not a string but DOUBLE");
        assertReason("NaN EventId", "field_not_string", "EventId is not a string but DOUBLE");
        assertReason("-Infinity EventType", "field_not_string", "EventType is not a string but DOUBLE");
    }

    @Test
    void goodTimestampsParseToTheInstantTruncatedToMilliseconds() {
        for (Map.Entry<String, String> t : GOOD_TIMESTAMPS.entrySet()) {
            Row r = row("ts " + t.getKey());
            assertNull(r.getAs("reason"), t.getKey() + ": " + r.getAs("detail"));
            assertEquals(Instant.parse(t.getValue()), ((Timestamp) r.getAs("event_ts")).toInstant(), t.getKey());
        }
        assertEquals(Instant.parse("2025-06-18T13:14:11.402Z"), ((Timestamp) row("padded ts").getAs("event_ts")).toInstant());
    }

    @Test
    void anyOtherTimestampIsQuarantinedAsBad() {
        for (String t : BAD_TIMESTAMPS) {
            assertReason("bad ts " + t, "bad_timestamp", "EventTimestamp does not parse: " + t);
        }
    }

    @Test
    void enumsAreTrimmedAndUpperCasedTasksIsTaskAndUnknownEventTypesAreStateChanges() {
        assertEquals("HEART_BEAT", row("lower-case event type").getAs("event_type"));
        assertEquals("LOGIN", row("tab-padded event type").getAs("event_type"));
        assertEquals("LOGOUT", row("control-padded event type").getAs("event_type"), "control characters are trimmed like white space");
        assertReason("control-only event type", "blank_field", "EventType is blank");
        assertEquals("STATE_CHANGE", row("unknown event type").getAs("event_type"));
        Row r = row("contacts");
        assertNull(r.getAs("reason"));
        Row status = r.getAs("agent_status");
        assertEquals(" Lunch break ", status.getAs("name"), "status names are kept exactly as written");
        assertEquals("CUSTOM", status.getAs("type"));
        assertEquals(Instant.parse("2025-06-18T13:14:11.400Z"), ((Timestamp) status.getAs("start_ts")).toInstant());
        List<String> contacts = new ArrayList<>();
        for (Row c : r.<Row>getList(r.fieldIndex("contacts"))) {
            Timestamp since = c.getAs("state_start_ts");
            contacts.add(String.join("|", c.<String>getAs("contact_id"), c.getAs("channel"), c.getAs("initiation_method"),
                    c.getAs("state"), since == null ? "null" : since.toInstant().toString()));
        }
        assertEquals(List.of(
                "c-task|TASK|API|CONNECTED|2025-06-18T13:14:00.123Z",
                "c-chat|CHAT|INBOUND|CONNECTED_ONHOLD|2025-06-18T13:14:00Z",
                // contacts without ContactId are dropped; unknown values pass as they are
                "c-odd|SMS|CARRIER_PIGEON|RINGING|null"), contacts);
    }

    @Test
    void textThatLooksLikeANumberOrBooleanIsText() {
        Row spaced = row("number-like text with a space");
        assertNull(spaced.getAs("reason"), () -> spaced.getAs("detail"));
        assertEquals("1e5 ", spaced.getAs("agent_arn"));
        Row r = row("numeric-looking text");
        assertNull(r.getAs("reason"), () -> r.getAs("detail"));
        assertEquals("12345", r.getAs("event_id"));
        assertEquals("STATE_CHANGE", r.getAs("event_type"), "an unknown event type, not a boolean");
    }

    @Test
    void unknownFieldsOldNullSnapshotsAndTheOtherNextStatusSpellingAreNotRejected() {
        assertNull(row("unknown extra fields").getAs("reason"));
        assertEquals("alice", row("unknown extra fields").getAs("username"));
        Row old = row("null snapshot");
        assertNull(old.getAs("reason"));
        assertEquals("LOGIN", old.getAs("event_type"));
        assertFalse(old.<Boolean>getAs("has_snapshot"));
        assertNull(row("contacts").getAs("raw"), "valid records do not carry their raw text");
    }

    @Test
    void textThatIsNotAnEventKeepsItsRawTextAndReason() {
        assertReason("not an object", "not_json_object", "not_json_object");
        assertEquals("[1,2]", row("not an object").getAs("raw"));
        assertEquals("malformed_json", row("invalid json").getAs("reason"));
        assertTrue(row("invalid json").<String>getAs("raw").startsWith("{\"AgentARN\""));
    }

    private static void assertReason(String name, String reason, String detail) {
        Row r = row(name);
        assertEquals(reason, r.getAs("reason"), name);
        assertEquals(detail, r.getAs("detail"), name);
        assertEquals(LINES.get(CASES.get(name) - 1), r.getAs("raw"), name);
        assertEquals(1L, (long) r.getAs("column"), name);
    }
}
