package org.agentaudit.cli;

import static org.agentaudit.testing.TableState.newestCommittedRun;
import static org.agentaudit.testing.TableState.rows;
import static org.agentaudit.testing.TableState.runs;
import static org.agentaudit.testing.TableState.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentaudit.table.AuditTable;
import org.agentaudit.table.Tables;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.SparkTestSession;
import org.agentaudit.testing.TestProfile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's limits (issue #5), through the command line in-process: too much bad input fails the
 * run without committing; empty input succeeds with zero rows and a warning; input that does not
 * exist is a bad argument (exit 2, one line, nothing recorded).
 */
class LimitsTest {
    private static final String DAY = "2025-06-18";

    @TempDir
    Path tmp;

    /** The exit code and the CLI's own stderr lines (the job's progress and the one-line verdict). */
    record Outcome(int exit, List<String> lines) {
        String last() {
            return lines.get(lines.size() - 1);
        }
    }

    static Outcome execute(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = AgentAudit.execute(args);
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        err.print(text);
        List<String> own = text.lines().filter(l -> l.startsWith("agent-audit") || l.startsWith("[")).toList();
        assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
        return new Outcome(exit, own);
    }

    /** Ten records, {@code bad} of them not JSON objects; the good ones are one agent's day. */
    private Path input(String name, int bad) throws IOException {
        List<String> lines = new ArrayList<>();
        EventStream a = new EventStream("a1", "alice", lines);
        a.status("Offline", "OFFLINE", DAY + "T08:00:00Z").event("LOGIN", DAY + "T09:00:00Z");
        for (int i = 1; lines.size() < 10 - bad; i++) {
            a.status("Status " + i, "CUSTOM", DAY + "T10:0" + i + ":00Z").event("STATE_CHANGE", DAY + "T10:0" + i + ":00Z");
        }
        for (int i = 0; i < bad; i++) {
            lines.add("[" + i + "]");
        }
        Path file = tmp.resolve(name + "/events.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file.getParent();
    }

    private String[] run(Path input, String table, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--conf", TestProfile.file().toString(), "--input", input.toString(),
                "--from", DAY, "--to", DAY, "--table", table));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void tooMuchBadInputFailsTheRunWithoutCommitting() throws IOException {
        String table = tmp.resolve("warehouse/agent_activity").toString();
        Tables tables = new Tables(table);
        Path dirty = input("dirty", 4);
        // exactly at the limit is not more than it: the run commits
        Outcome atLimit = execute(run(dirty, table, "--max-quarantine-ratio", "0.4"));
        assertEquals(0, atLimit.exit(), atLimit.lines().toString());
        long version = version(table);
        List<String> before = rows(table);
        assertEquals(6, before.size(), "the six good events' rows");

        Outcome failed = execute(run(dirty, table, "--max-quarantine-ratio", "0.3"));
        assertEquals(1, failed.exit());
        assertEquals("agent-audit: failed: 4 of 10 records (40.0%) are quarantined, more than --max-quarantine-ratio 0.3 allows;"
                + " nothing was written", failed.last());
        assertEquals(version, version(table), "the audit table is not committed");
        assertEquals(before, rows(table));
        List<Row> failedRun = SparkTestSession.get().read().format("delta").load(tables.runs())
                .filter("state = 'FAILED'").collectAsList();
        assertEquals(1, failedRun.size());
        assertTrue(failedRun.get(0).<String>getAs("message").startsWith("4 of 10 records (40.0%) are quarantined"));
        assertEquals(List.of("STARTED", "FAILED"), runs(tables.runs(), failedRun.get(0).getAs("run_id")).stream()
                .map(r -> r.<String>getAs("state")).toList());
    }

    @Test
    void aRatioOutsideZeroToOneIsABadArgument() throws IOException {
        Outcome bad = execute(run(input("in", 0), tmp.resolve("t").toString(), "--max-quarantine-ratio", "1.5"));
        assertEquals(2, bad.exit());
        assertEquals(List.of("agent-audit: --max-quarantine-ratio must be between 0 and 1, not 1.5"), bad.lines());
    }

    @Test
    void emptyInputSucceedsWithZeroRowsAndAWarning() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("2025/06/18"));
        Files.writeString(empty.resolve("2025/06/18/nothing.jsonl"), "");
        Files.writeString(empty.resolve("2025/06/18/blank.jsonl"), " \n\n");
        String table = tmp.resolve("warehouse/agent_activity").toString();

        Outcome outcome = execute(run(empty, table));
        assertEquals(0, outcome.exit(), outcome.lines().toString());
        assertTrue(outcome.lines().stream().anyMatch(l -> l.endsWith(
                "warning: no records in the input: the days 2025-06-18..2025-06-18 are written empty")), outcome.lines().toString());
        assertTrue(AuditTable.exists(SparkTestSession.get(), table));
        assertEquals(List.of(), rows(table));
        Row committed = SparkTestSession.get().read().format("delta").load(new Tables(table).runs())
                .filter("state = 'COMMITTED'").first();
        assertEquals(List.of(2L, 0L, 0L, 0L, 0L, 0L), List.of(committed.<Long>getAs("input_files"),
                committed.<Long>getAs("records_read"), committed.<Long>getAs("events_valid"), committed.<Long>getAs("duplicates"),
                committed.<Long>getAs("quarantined"), committed.<Long>getAs("slices_written")));

        // a folder with no files at all is empty input too; its day is empty already, so Delta makes no
        // commit, and the run records the version it found
        Path none = tmp.resolve("none");
        Files.createDirectories(none);
        long found = version(table);
        assertEquals(0, execute(run(none, table)).exit());
        assertEquals(found, version(table), "no commit");
        List<Row> second = runs(new Tables(table).runs(), newestCommittedRun(new Tables(table).runs()));
        assertEquals(found, second.get(second.size() - 1).<Long>getAs("table_version"));
    }

    @Test
    void inputThatDoesNotExistIsABadArgumentAndNothingIsRecorded() throws IOException {
        String table = tmp.resolve("warehouse/agent_activity").toString();
        Path missing = tmp.resolve("no/such/folder");
        Outcome outcome = execute(run(input("in", 0), table, "--input", missing.toString()));
        assertEquals(2, outcome.exit());
        assertEquals(List.of("agent-audit: input " + missing + " does not exist"), outcome.lines());
        assertFalse(Files.exists(Path.of(table + "_runs")), "no run is recorded for a bad argument");
        assertFalse(Files.exists(Path.of(table)));
    }
}
