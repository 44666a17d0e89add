package org.agentaudit.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** interval_id is a standard name-based (version 5) UUID, computed with Spark's built-in functions. */
class IntervalIdTest {
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /** RFC 4122 section 4.3, done the plain Java way to check the Spark expression against. */
    static UUID uuid5(String name) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(URL_NAMESPACE.getMostSignificantBits())
                .putLong(URL_NAMESPACE.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    @Test
    void matchesTheRfcConstruction() throws Exception {
        List<String> eventIds = List.of("2221b766-24ed-4c2c-83c4-39293d942cd3", "e-0001", "ünïcødé", "");
        String arn = "arn:aws:connect:us-east-1:111122223333:instance/i/agent/a";
        List<Row> ids = SparkTestSession.get().createDataset(eventIds, Encoders.STRING()).toDF("event_id")
                .select(Intervals.intervalId(org.apache.spark.sql.functions.lit(arn), org.apache.spark.sql.functions.col("event_id")))
                .collectAsList();
        for (int i = 0; i < eventIds.size(); i++) {
            UUID expected = uuid5(arn + eventIds.get(i));
            assertEquals(expected.toString(), ids.get(i).getString(0), eventIds.get(i));
            assertEquals(5, UUID.fromString(ids.get(i).getString(0)).version());
            assertEquals(2, UUID.fromString(ids.get(i).getString(0)).variant());
        }
    }
}
