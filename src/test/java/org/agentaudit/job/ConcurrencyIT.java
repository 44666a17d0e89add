package org.agentaudit.job;

import static org.agentaudit.testing.EventStream.contact;
import static org.agentaudit.testing.TableState.commitOf;
import static org.agentaudit.testing.TableState.rows;
import static org.agentaudit.testing.TableState.runStates;
import static org.agentaudit.testing.TableState.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.agentaudit.cli.AgentAudit;
import org.agentaudit.table.Tables;
import org.agentaudit.testing.ChildRun;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.TableState;
import org.agentaudit.testing.TestProfile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency (issue #5): two runs writing the audit table at the same time. The overlap is real
 * and certain: run A is a child process stopped by the fault-injection hook inside its Delta
 * transaction (its write tasks have written their files, its snapshot is read), run B runs to the
 * end in this JVM meanwhile, then A goes on. On disjoint days both commit (Delta's optimistic
 * concurrency with {@code replaceWhere} on disjoint partitions): A's commit records the version it
 * read, older than B's; and when B commits right after A, each run's runs row still names its own
 * commit. On overlapping days B commits and A fails cleanly: exit 1, one line saying
 * another run changed the same days, no commit, its run FAILED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyIT {
    private static final Pattern CONFLICT = Pattern.compile("agent-audit: failed: another run changed the same days of the "
            + "audit table while this run was writing \\(Concurrent\\w+Exception\\); nothing of this run was committed: run it again");

    @TempDir
    static Path tmp;

    private static Path input;
    private static Path conf;
    private static Tables tables;
    private static List<String> allRows;

    /** Two agents, four UTC days (2025-06-17 .. 20), one file per day, a LOGIN, a call and a LOGOUT each day. */
    @BeforeAll
    static void fourDays() throws IOException {
        input = tmp.resolve("in");
        for (int day = 17; day <= 20; day++) {
            String d = "2025-06-" + day + "T";
            List<String> lines = new java.util.ArrayList<>();
            for (String agent : List.of("ann", "bob")) {
                EventStream a = new EventStream(agent + "-" + day, agent, lines);
                a.status("Offline", "OFFLINE", d + "08:00:00Z").event("LOGIN", d + "09:00:00Z")
                        .status("Available", "ROUTABLE", d + "09:00:05Z").event("STATE_CHANGE", d + "09:00:05Z")
                        .contacts(contact("c-" + agent + day, "VOICE", "INBOUND", "CONNECTED", d + "10:00:00Z", d + "10:00:00Z"))
                        .event("STATE_CHANGE", d + "10:00:00Z")
                        .noContacts().event("STATE_CHANGE", d + "10:05:00Z")
                        .status("Offline", "OFFLINE", d + "17:00:00Z").event("LOGOUT", d + "17:00:00Z");
            }
            lines.add("not json");
            Path file = input.resolve("2025/06/" + day + "/events.jsonl");
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        }
        conf = TestProfile.file();
        tables = new Tables(tmp.resolve("warehouse/agent_activity").toString());
        assertEquals(0, AgentAudit.execute(args("2025-06-17", "2025-06-20")));
        allRows = rows(tables.audit());
        assertEquals(4, allRows.stream().map(r -> r.substring(1, 11)).distinct().count(), "rows on four days");
    }

    private static String[] args(String from, String to) {
        return new String[] {"run", "--conf", conf.toString(), "--input", input.toString(), "--from", from, "--to", to,
            "--table", tables.audit()};
    }

    @Order(1)
    @Test
    void runsOnDisjointDaysBothCommit() throws Exception {
        Path resume = tmp.resolve("resume-disjoint");
        try (ChildRun a = ChildRun.start(tmp.resolve("work"), "write", resume, args("2025-06-17", "2025-06-18"))) {
            a.awaitPause("write");
            long before = version(tables.audit());

            assertEquals(0, AgentAudit.execute(args("2025-06-19", "2025-06-20")), "B, while A is inside its transaction");
            long b = version(tables.audit());
            assertEquals(before + 1, b);

            Files.createFile(resume);
            assertEquals(0, a.waitFor(), a.output());
            Row aCommit = commitOf(tables.audit(), a.runId());
            assertNotNull(aCommit, "A committed");
            assertEquals(b + 1, aCommit.<Long>getAs("version"));
            assertEquals(before, aCommit.<Long>getAs("readVersion"), "A read the table before B committed: they overlapped");
            assertEquals(List.of("STARTED", "COMMITTED"), runStates(tables.runs(), a.runId()));
        }
        assertEquals(allRows, rows(tables.audit()), "every day as one run writes it");
    }

    @Order(2)
    @Test
    void runsOnOverlappingDaysOneCommitsTheOtherFailsCleanly() throws Exception {
        Path resume = tmp.resolve("resume-overlap");
        try (ChildRun a = ChildRun.start(tmp.resolve("work"), "write", resume, args("2025-06-18", "2025-06-19"))) {
            a.awaitPause("write");
            long before = version(tables.audit());

            assertEquals(0, AgentAudit.execute(args("2025-06-19", "2025-06-20")), "B commits 2025-06-19 first");
            long b = version(tables.audit());
            assertEquals(before + 1, b);

            Files.createFile(resume);
            assertEquals(1, a.waitFor(), a.output());
            List<String> failed = a.ownLines().stream().filter(l -> l.startsWith("agent-audit: failed")).toList();
            assertEquals(1, failed.size(), a.output());
            assertTrue(CONFLICT.matcher(failed.get(0)).matches(), failed.get(0));
            assertEquals(failed.get(0), a.ownLines().get(a.ownLines().size() - 1), "the message is the last line");
            assertFalse(a.output().contains("\tat org.agentaudit"), "no stack trace of ours:\n" + a.output());

            assertEquals(b, version(tables.audit()), "A committed nothing");
            assertNull(commitOf(tables.audit(), a.runId()));
            List<Row> runs = TableState.runs(tables.runs(), a.runId());
            assertEquals(List.of("STARTED", "FAILED"), runs.stream().map(r -> r.<String>getAs("state")).toList());
            assertTrue(runs.get(1).<String>getAs("message").startsWith("another run changed the same days"));
        }
        assertEquals(allRows, rows(tables.audit()), "nothing half-done: every day as one run writes it");
    }

    @Order(3)
    @Test
    void theFailedRunSucceedsWhenRunAgain() {
        long before = version(tables.audit());
        assertEquals(0, AgentAudit.execute(args("2025-06-18", "2025-06-19")));
        assertEquals(before + 1, version(tables.audit()));
        assertEquals(allRows, rows(tables.audit()));
    }

    /**
     * A run records the version it committed, not the table's latest: here run B commits on other days
     * between A's commit and the moment A looks up its version (A is held at {@code committed}).
     */
    @Order(4)
    @Test
    void eachRunRecordsItsOwnVersionWhenAnotherCommitsRightAfter() throws Exception {
        Path resume = tmp.resolve("resume-committed");
        try (ChildRun a = ChildRun.start(tmp.resolve("work"), "committed", resume, args("2025-06-17", "2025-06-18"))) {
            a.awaitPause("committed");
            long aVersion = version(tables.audit());
            assertEquals(aVersion, commitOf(tables.audit(), a.runId()).<Long>getAs("version"), "A has committed");

            assertEquals(0, AgentAudit.execute(args("2025-06-19", "2025-06-20")), "B commits right after A");
            assertEquals(aVersion + 1, version(tables.audit()));
            String b = TableState.newestCommittedRun(tables.runs());
            assertFalse(b.equals(a.runId()), "A has not recorded its COMMITTED row yet");

            Files.createFile(resume);
            assertEquals(0, a.waitFor(), a.output());
            assertEquals(aVersion, recordedVersion(a.runId()), "A's runs row names A's commit, not B's (the latest)");
            assertEquals(aVersion + 1, recordedVersion(b), "B's names B's");
        }
        assertEquals(allRows, rows(tables.audit()));
    }

    /** The table_version of a run's COMMITTED row. */
    private static long recordedVersion(String runId) {
        List<Row> runs = TableState.runs(tables.runs(), runId);
        Row committed = runs.get(runs.size() - 1);
        assertEquals("COMMITTED", committed.<String>getAs("state"));
        return committed.<Long>getAs("table_version");
    }
}
