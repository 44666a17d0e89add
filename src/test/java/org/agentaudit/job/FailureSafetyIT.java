package org.agentaudit.job;

import static org.agentaudit.testing.TableState.orphanFiles;
import static org.agentaudit.testing.TableState.rows;
import static org.agentaudit.testing.TableState.runStates;
import static org.agentaudit.testing.TableState.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.agentaudit.cli.AgentAudit;
import org.agentaudit.table.Tables;
import org.agentaudit.testing.ChildRun;
import org.agentaudit.testing.TableState;
import org.agentaudit.testing.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failure safety (issue #5): a real {@code bin/agent-audit run} in its own JVM, stopped by the
 * fault-injection hook at a step and killed there with SIGKILL, must leave the audit table exactly
 * at its previous version (same rows, no new commit; the files it had written lie in the folder
 * unreferenced), and the runs table must show it as STARTED without an end. The next run then
 * completes. Steps: while reading, after a write task has written its files, and just before the
 * Delta commit (after the conflict checks, before the {@code _delta_log} entry).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureSafetyIT {
    private static final String FROM = "2025-06-18";
    private static final String TO = "2025-06-19";

    @TempDir
    static Path tmp;

    private static Path input;
    private static Path conf;
    private static Tables tables;
    private static long baselineVersion;
    private static List<String> baselineRows;
    private static final List<String> KILLED = new ArrayList<>();

    @BeforeAll
    static void baseline() throws IOException {
        input = tmp.resolve("in/events.jsonl");
        Files.createDirectories(input.getParent());
        try (InputStream sample = FailureSafetyIT.class.getResourceAsStream("/sample/agent-events-2025-06-18.jsonl")) {
            Files.write(input, sample.readAllBytes());
        }
        Files.writeString(input, "[1,2]\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        conf = TestProfile.file();
        tables = new Tables(tmp.resolve("warehouse/agent_activity").toString());
        assertEquals(0, AgentAudit.execute(args()));
        baselineVersion = version(tables.audit());
        baselineRows = rows(tables.audit());
        assertEquals(48, baselineRows.size(), "the sample's rows for 2025-06-18 .. 19");
    }

    private static String[] args() {
        return new String[] {"run", "--conf", conf.toString(), "--input", input.toString(), "--from", FROM, "--to", TO,
            "--table", tables.audit()};
    }

    @Order(1)
    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"read", "write", "commit"})
    void aRunKilledAtAnyStepLeavesTheTableAtItsPreviousVersion(String step) throws Exception {
        Set<String> orphansBefore = orphanFiles(tables.audit());
        String runId;
        try (ChildRun run = ChildRun.start(tmp.resolve("work"), step, null, args())) {
            run.awaitPause(step);
            runId = run.runId();
            assertEquals(137, run.kill(), "SIGKILL");
        }
        KILLED.add(runId);

        assertEquals(baselineVersion, version(tables.audit()), "no new version of the audit table");
        assertEquals(baselineRows, rows(tables.audit()), "the previous version's rows, no partial day");
        assertNull(TableState.commitOf(tables.audit(), runId));
        assertEquals(List.of("STARTED"), runStates(tables.runs(), runId), "the dead run is STARTED without an end");

        Set<String> orphans = orphanFiles(tables.audit());
        if (step.equals("read")) {
            assertEquals(orphansBefore, orphans, "killed while reading: nothing written");
        } else {
            assertTrue(orphans.size() > orphansBefore.size(),
                    "killed after writing files: they lie in the table's folder, unreferenced " + orphans);
        }
    }

    @Order(2)
    @Test
    void theNextRunCompletesWithTheSameRows() {
        assertEquals(3, KILLED.size(), "the three killed runs ran first");
        Set<String> orphans = orphanFiles(tables.audit());
        assertEquals(0, AgentAudit.execute(args()));
        assertEquals(baselineVersion + 1, version(tables.audit()));
        assertEquals(baselineRows, rows(tables.audit()), "files the killed runs left behind never show");
        assertTrue(orphanFiles(tables.audit()).containsAll(orphans));
        for (String dead : KILLED) {
            assertEquals(List.of("STARTED"), runStates(tables.runs(), dead));
        }
    }
}
