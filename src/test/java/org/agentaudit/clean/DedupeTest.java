package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.agentaudit.read.ReadEvents;
import org.agentaudit.testing.Pipeline;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Step "dedupe" (audit-status-rules.md section 1.3): copies share AgentARN and EventId, the first
 * by file, line and column is kept. The sort that finds them leads with a 64-bit number made of
 * 32-bit hashes of the ARN and the EventId; events and agents whose hashes collide must stay apart.
 */
class DedupeTest {
    private static final String AGENT = "arn:aws:connect:us-east-1:111122223333:instance/inst-1/agent/agent-";
    // pairs whose Spark hash() (Murmur3, seed 42) is the same, found by search and checked below
    private static final String ARN_1 = AGENT + "38350";
    private static final String ARN_2 = AGENT + "44453";
    private static final String EVENT_1 = "evt-7460";
    private static final String EVENT_2 = "evt-69085";

    private static String event(String arn, String eventId, String time) {
        return "{\"AgentARN\":\"" + arn + "\",\"EventId\":\"" + eventId + "\",\"EventTimestamp\":\"2025-06-18T" + time
                + "Z\",\"EventType\":\"HEART_BEAT\"}";
    }

    @Test
    void copiesAreMatchedByTheirExactKeysEvenWhenTheirHashesCollide() {
        List<String> lines = List.of(
                event(ARN_1, EVENT_1, "10:00:00"),
                event(ARN_1, EVENT_2, "10:02:00"),
                event(ARN_2, EVENT_1, "10:00:00"),
                event(ARN_1, EVENT_1, "10:00:00"), // the one true copy: of line 1
                event(ARN_2, EVENT_2, "10:02:00"));
        var spark = SparkTestSession.get();
        Row hashes = spark.createDataFrame(List.of(
                        org.apache.spark.sql.RowFactory.create(ARN_1, ARN_2, EVENT_1, EVENT_2)),
                new org.apache.spark.sql.types.StructType().add("a1", "string").add("a2", "string").add("e1", "string").add("e2", "string"))
                .select(hash(col("a1")).equalTo(hash(col("a2"))), hash(col("e1")).equalTo(hash(col("e2")))).first();
        assertEquals(List.of(true, true), List.of(hashes.getBoolean(0), hashes.getBoolean(1)), "the test's pairs collide");

        List<String> flagged = Dedupe.apply(CleanEvents.apply(ReadEvents.json(spark, List.of(Pipeline.write(lines).toString()))))
                .orderBy("agent_arn", "event_id", "is_duplicate").collectAsList().stream()
                .map(r -> r.<String>getAs("agent_arn").substring(AGENT.length()) + " " + r.getAs("event_id") + " "
                        + (r.<Boolean>getAs("is_duplicate") ? "duplicate" : "kept"))
                .toList();
        assertEquals(List.of(
                        "38350 evt-69085 kept",
                        "38350 evt-7460 kept",
                        "38350 evt-7460 duplicate",
                        "44453 evt-69085 kept",
                        "44453 evt-7460 kept"),
                flagged);
    }
}
