package org.agentaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agentaudit.config.BadArgument;
import org.junit.jupiter.api.Test;

/** A run's shuffle partitions: one per so many input bytes, never fewer than the profile's. */
class ShufflePartitionsTest {
    @Test
    void oneFromEachSliceOfTheInputAboveTheProfilesCount() {
        // the benchmark's 10 M events: 2,738,347,677 bytes gzip'd
        assertEquals(33, AuditJob.shufflePartitions(2_738_347_677L, 8, "80m"));
        // the 1 M events (268,914,262 bytes) would need 4: the profile's 8 stay
        assertEquals(8, AuditJob.shufflePartitions(268_914_262L, 8, "80m"));
        assertEquals(2, AuditJob.shufflePartitions(2L * 1024 * 1024, 1, "1m"));
        assertEquals(3, AuditJob.shufflePartitions(2L * 1024 * 1024 + 1, 1, "1m"));
    }

    @Test
    void parquetBytesCountThrice() {
        // the benchmark's 10 M events as Parquet: 0.98 GB for what is 2.74 GB of gzip'd JSON
        assertEquals(36, AuditJob.shufflePartitions(AuditJob.jsonEquivalentBytes(983_631_948L, "parquet"), 8, "80m"));
        assertEquals(938_000_000L, AuditJob.jsonEquivalentBytes(938_000_000L, "json"));
    }

    @Test
    void zeroLeavesTheProfilesCount() {
        assertEquals(8, AuditJob.shufflePartitions(2_738_347_677L, 8, "0"));
    }

    @Test
    void aSizeThatIsNotOneIsABadArgument() {
        BadArgument bad = assertThrows(BadArgument.class, () -> AuditJob.shufflePartitions(1, 8, "eighty"));
        assertTrue(bad.getMessage().contains("spark.agentaudit.inputBytesPerPartition must be a size such as 80m, not 'eighty'"),
                bad.getMessage());
    }
}
