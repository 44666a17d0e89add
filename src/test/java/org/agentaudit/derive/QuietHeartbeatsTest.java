package org.agentaudit.derive;

import static org.agentaudit.testing.EventStream.contact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.agentaudit.clean.CleanEvents;
import org.agentaudit.clean.Dedupe;
import org.agentaudit.config.LabelSet;
import org.agentaudit.generate.EventStreamGenerator;
import org.agentaudit.generate.GeneratorOptions;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.RunOptions;
import org.agentaudit.read.InputFiles;
import org.agentaudit.read.ReadEvents;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.Pipeline;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats that change nothing are not copied into day windows; that must change no row of the
 * table and no silent-gap count. Each stream is derived twice: as the job does it, and with every
 * event copied into its windows.
 */
class QuietHeartbeatsTest {
    private static final int GAP_MINUTES = 10;

    @TempDir
    static Path work;

    /** The rows and the silent-gap count, with quiet heartbeats dropped or (reference) kept. */
    private record Derived(List<String> rows, long silentGaps, long copiedEvents) {}

    private static Derived derive(Dataset<Row> events, LocalDate from, LocalDate to, boolean dropQuiet) {
        RunOptions options = new RunOptions(List.of("unused"), "json", from, to, "unused", 1, 2, 1.0);
        int margin = options.marginDays();
        Dataset<Row> inRange = DayWindows.inRange(events, from, to, margin);
        Dataset<Row> marked = SilentGaps.mark(QuietHeartbeats.apply(DominantContact.apply(inRange), margin), GAP_MINUTES, margin);
        if (!dropQuiet) {
            marked = marked.withColumn("changes_nothing", lit(false));
        }
        Dataset<Row> facts = EventFacts.apply(DayWindows.apply(marked, DayWindows.dataEnds(DayWindows.dayEnds(events, from, to, margin), from, to, margin), from, to, margin))
                .cache();
        Observation quality = new Observation("gaps " + dropQuiet + System.nanoTime());
        List<String> rows = DaySlices.apply(Intervals.apply(SilentGaps.observe(facts, quality)), LabelSet.named("classic"))
                .orderBy("event_date", "agent_arn", "slice_start", "interval_id").collectAsList().stream()
                .map(Row::toString).toList();
        long copied = facts.count();
        facts.unpersist();
        return new Derived(rows, SilentGaps.count(quality), copied);
    }

    private static void assertSameAsCopyingEverything(Dataset<Row> events, LocalDate from, LocalDate to, double leastDropped) {
        Derived reference = derive(events, from, to, false);
        Derived job = derive(events, from, to, true);
        assertTrue(reference.rows().size() > 3, "the stream gives rows: " + reference.rows());
        assertEquals(reference.rows(), job.rows());
        assertEquals(reference.silentGaps(), job.silentGaps());
        double dropped = 1 - (double) job.copiedEvents() / reference.copiedEvents();
        assertTrue(dropped >= leastDropped, "copies left out: " + dropped);
    }

    @Test
    void generatedDaysGiveTheSameRowsWithMostHeartbeatsLeftOut() throws IOException {
        LocalDate start = LocalDate.of(2025, 6, 17);
        Path out = work.resolve("generated");
        EventStreamGenerator.generate(GeneratorOptions.of(12, 4, start, out, 11).withThreads(1));
        List<String> files = new InputFiles(SparkTestSession.get().sparkContext().hadoopConfiguration(), null, null,
                java.time.Duration.ZERO).list(List.of(out.toString())).files();
        Dataset<Row> records = Dedupe.apply(CleanEvents.apply(ReadEvents.json(SparkTestSession.get(), files)));
        Dataset<Row> events = records.filter(col("reason").isNull().and(col("is_duplicate").equalTo(false)));
        assertSameAsCopyingEverything(events, start, start.plusDays(3), 0.5);
    }

    /**
     * What a dropped heartbeat could carry: a new username, the end of a silence, a contact whose
     * history some windows see and others do not (it lasts over a day), the first event of a window,
     * heartbeats after a logout.
     */
    @Test
    void edgeCasesGiveTheSameRows() {
        List<String> lines = new ArrayList<>();
        EventStream a = new EventStream("a1", "alice", lines)
                .status("Available", "ROUTABLE", "2025-06-16T08:00:00Z").event("LOGIN", "2025-06-16T08:00:00Z")
                .event("HEART_BEAT", "2025-06-16T08:02:00Z")
                .event("HEART_BEAT", "2025-06-16T08:30:00Z")                     // after a silence
                .username("alice.b").event("HEART_BEAT", "2025-06-16T08:32:00Z") // renamed on a heartbeat
                .event("HEART_BEAT", "2025-06-16T08:34:00Z")
                .contacts(contact("c1", "VOICE", "CALLBACK", "CONNECTING", "2025-06-16T22:00:00Z", null))
                .event("STATE_CHANGE", "2025-06-16T22:00:00Z");
        for (int minute = 23 * 60; minute < 53 * 60; minute += 5) {  // dialling for more than a day, heartbeats only
            a.event("HEART_BEAT", String.format("2025-06-%02dT%02d:%02d:00Z", 16 + minute / 1440, minute / 60 % 24, minute % 60));
        }
        a.contacts(contact("c1", "VOICE", "CALLBACK", "ENDED", "2025-06-18T06:00:00Z", null))
                .event("STATE_CHANGE", "2025-06-18T06:00:00Z")
                .event("HEART_BEAT", "2025-06-18T06:02:00Z")
                .noContacts().event("STATE_CHANGE", "2025-06-18T06:03:00Z")
                .event("LOGOUT", "2025-06-18T07:00:00Z")
                .event("HEART_BEAT", "2025-06-18T07:02:00Z")                     // logged out: still Offline
                .event("HEART_BEAT", "2025-06-18T07:04:00Z")
                .event("LOGIN", "2025-06-19T08:00:00Z")
                .event("HEART_BEAT", "2025-06-19T08:02:00Z");
        EventStream b = new EventStream("b1", "bob", lines)
                .status("Available", "ROUTABLE", "2025-06-17T12:00:00Z").event("STATE_CHANGE", "2025-06-17T12:00:00Z")
                .contacts(contact("c2", "VOICE", "OUTBOUND", "CONNECTING", "2025-06-17T23:50:00Z", null))
                .event("STATE_CHANGE", "2025-06-17T23:50:00Z")
                .contacts(contact("c2", "VOICE", "OUTBOUND", "CONNECTED", "2025-06-17T23:52:00Z", "2025-06-17T23:52:00Z"))
                .event("STATE_CHANGE", "2025-06-17T23:52:00Z");
        // connected for over a day: the first heartbeat of 06-18 repeats the one before it (the call's
        // history included) yet is the first event of W(06-19) and starts the interval open then
        for (int minute = 23 * 60 + 55; minute <= 48 * 60 + 10; minute += 5) {
            b.event("HEART_BEAT", String.format("2025-06-%02dT%02d:%02d:00Z", 17 + minute / 1440, minute / 60 % 24, minute % 60));
        }
        b.noContacts().event("STATE_CHANGE", "2025-06-19T00:12:00Z")
                .username("bob.c").event("HEART_BEAT", "2025-06-19T00:14:00Z");  // the latest name, on the last heartbeat
        assertSameAsCopyingEverything(Pipeline.events(lines), LocalDate.of(2025, 6, 16), LocalDate.of(2025, 6, 19), 0.1);
    }
}
