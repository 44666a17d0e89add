package org.agentaudit.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.RunOptions;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.Pipeline;
import org.apache.spark.sql.Observation;
import org.junit.jupiter.api.Test;

/** A logged-in agent silent for longer than the threshold is counted; a logged-out one is not. */
class SilentGapsTest {
    @Test
    void countsSilencesOfLoggedInAgentsOnly() {
        EventStream a = new EventStream("a1", "alice")
                .status("Available", "ROUTABLE", "2025-06-18T08:00:00Z").event("LOGIN", "2025-06-18T08:00:00Z")
                .event("HEART_BEAT", "2025-06-18T08:02:00Z")
                .event("HEART_BEAT", "2025-06-18T08:17:00Z")   // 15 minutes of silence: a gap
                .event("HEART_BEAT", "2025-06-18T08:22:00Z")   // 5 minutes: not
                .event("LOGOUT", "2025-06-18T08:23:00Z")
                .event("HEART_BEAT", "2025-06-18T09:23:00Z");  // logged out: silence means nothing
        LocalDate day = LocalDate.of(2025, 6, 18);
        Observation quality = new Observation("test quality");
        SilentGaps.observe(AuditJob.eventFacts(Pipeline.events(a.lines()),
                new RunOptions(List.of("unused"), "json", day, day, "unused", 1, 2, 1.0), 10), quality).collectAsList();
        assertEquals(1L, SilentGaps.count(quality));
    }
}
