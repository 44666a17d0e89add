package org.agentaudit.job;

import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.agentaudit.generate.EventStreamGenerator;
import org.agentaudit.generate.GeneratorOptions;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * audit-status-rules.md section 6 as three properties, on generated multi-day data whose shifts
 * cross local and UTC midnight: a rerun gives the same rows; chunks in any order give the rows of
 * one run; late events picked up by re-running the days whose windows hold them.
 */
class RangesTest {
    static final LocalDate D1 = LocalDate.of(2025, 6, 17);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final LocalDate D5 = D1.plusDays(4);

    @TempDir
    static Path work;

    static Path events;
    static SparkSession spark;

    @BeforeAll
    static void generate() throws IOException {
        spark = SparkTestSession.get();
        events = work.resolve("events");
        EventStreamGenerator.generate(GeneratorOptions.of(3, 6, D1.minusDays(1), events, 42).withThreads(1));
    }

    private static List<String> run(String table, Path input, LocalDate from, LocalDate to) {
        new AuditJob(spark, Progress.silent()).run(new RunOptions(List.of(input.toString()), "json", from, to, table, 1, 2, 1.0));
        return rows(table);
    }

    /** Every row of the table, every column, in a stable order. */
    static List<String> rows(String table) {
        return spark.read().format("delta").load(table)
                .orderBy("event_date", "agent_arn", "slice_start", "interval_id").collectAsList().stream()
                .map(Row::toString).toList();
    }

    @Test
    void aRerunGivesTheSameRows() {
        String table = work.resolve("rerun").toString();
        List<String> first = run(table, events, D1, D5);
        assertTrue(first.size() > 100, "generated data gives rows: " + first.size());
        assertEquals(first, run(table, events, D1, D5));
    }

    @Test
    void partitionsSizedByTheInputGiveTheSameRowsAndAreTheRunsOwn() {
        List<String> usual = run(work.resolve("usual").toString(), events, D1, D5);
        String configured = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set(AuditJob.INPUT_BYTES_PER_PARTITION, "64k");
        try {
            assertEquals(usual, run(work.resolve("sized").toString(), events, D1, D5));
        } finally {
            spark.conf().unset(AuditJob.INPUT_BYTES_PER_PARTITION);
        }
        assertEquals(configured, spark.conf().get("spark.sql.shuffle.partitions"), "the session's setting after the run");
    }

    @Test
    void chunksInAnyOrderGiveTheRowsOfOneRun() {
        List<String> whole = run(work.resolve("whole").toString(), events, D1, D5);
        String forward = work.resolve("forward").toString();
        run(forward, events, D1, D2);
        assertEquals(whole, run(forward, events, D3, D5));
        String backward = work.resolve("backward").toString();
        run(backward, events, D3, D5);
        assertEquals(whole, run(backward, events, D1, D2));
    }

    @Test
    void lateEventsArePickedUpByRerunningTheirWindows() throws IOException {
        // the files that arrived on D2 between 10:00 and 14:00 UTC come late
        Path partial = work.resolve("partial");
        Path late = work.resolve("late");
        try (Stream<Path> files = Files.walk(events)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = events.relativize(file);
                String prefix = relative.toString().replace('\\', '/');
                boolean isLate = prefix.startsWith("2025/06/18/1") && prefix.compareTo("2025/06/18/10") >= 0
                        && prefix.compareTo("2025/06/18/14") < 0;
                Path target = (isLate ? late : partial).resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        assertTrue(Files.exists(late), "some files are late");
        String table = work.resolve("late-table").toString();
        List<String> before = run(table, partial, D1, D5);
        String fresh = work.resolve("fresh").toString();
        List<String> everything = run(fresh, events, D1, D5);
        assertTrue(!before.equals(everything), "the late files change the audit");

        // the late files land next to the others; D2 rerun alone makes D2 right
        copyTree(late, partial);
        run(table, partial, D2, D2);
        assertEquals(rowsOf(everything, D2), rowsOf(rows(table), D2));
        // D2's events also lie in the windows of D1 and D3: rerunning those too gives the fresh table
        assertEquals(everything, run(table, partial, D1, D3));
    }

    @Test
    void eventsOutsideTheRunsWindowsDoNotMoveItsDataEnd() throws IOException {
        // a file is read whole when no hourly prefix dates it: the agent's last event in W(D2) is at
        // 12:00 on D2, and a valid event of the next day but one lies outside every window of the run
        EventStream agent = new EventStream("data-end", "dataend")
                .status("Available", "ROUTABLE", "2025-06-18T08:00:00Z").event("LOGIN", "2025-06-18T08:00:00Z")
                .event("HEART_BEAT", "2025-06-18T12:00:00Z");
        Path within = Files.createDirectories(work.resolve("data-end-within")).resolve("events.jsonl");
        Files.write(within, agent.lines());
        agent.event("HEART_BEAT", "2025-06-20T00:30:00Z");
        Path beyond = Files.createDirectories(work.resolve("data-end-beyond")).resolve("events.jsonl");
        Files.write(beyond, agent.lines());

        String withinTable = work.resolve("data-end-within-table").toString();
        List<String> expected = run(withinTable, within.getParent(), D2, D2);
        assertEquals(Instant.parse("2025-06-18T12:00:00Z"), spark.read().format("delta").load(withinTable)
                .agg(max("slice_end")).first().getTimestamp(0).toInstant(), "the open interval ends at the data end");
        assertEquals(expected, run(work.resolve("data-end-beyond-table").toString(), beyond.getParent(), D2, D2));
    }

    private static List<String> rowsOf(List<String> rows, LocalDate day) {
        return rows.stream().filter(r -> r.startsWith("[" + day + ",")).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
