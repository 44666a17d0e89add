package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.agentaudit.testing.Launcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end on the bundled sample, as a new user runs it: {@code demo}, then
 * {@code report} for every worked answer in samples/expected (byte for byte), then {@code sql}.
 */
class SampleEndToEndIT {
    @TempDir
    static Path work;

    static Launcher.Result demo;

    @BeforeAll
    static void runDemo() {
        demo = Launcher.run(work, "demo");
    }

    @Test
    void demoWritesADeltaTableAndOneCsvPerAgentAndDate() throws IOException {
        assertEquals(0, demo.exitCode(), demo.err());
        // the progress a person reads, not Spark's warnings (a deprecated call once put one in every run)
        assertFalse(demo.err().contains(" WARN "), demo.err());
        assertTrue(Files.isDirectory(work.resolve("warehouse/agent_activity/_delta_log")));
        assertTrue(demo.out().contains("records read 54 = events 53 + duplicates 1 + quarantined 0"), demo.out());
        List<Path> csvs;
        try (Stream<Path> files = Files.walk(work.resolve("reports"))) {
            csvs = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        // 3 agents × local dates 2025-06-17, 18, 19 in America/New_York, in one instance folder
        assertEquals(9, csvs.size(), csvs.toString());
        Path expected = Path.of("src/test/resources/sample/expected");
        for (String name : List.of("maria.lopez_2025-06-18_America-New_York.csv", "dev.patel_2025-06-18_America-New_York.csv",
                "sam.okafor_2025-06-18_America-New_York.csv", "sam.okafor_2025-06-19_America-New_York.csv")) {
            Path written = csvs.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
            assertEquals(Files.readString(expected.resolve(name)), Files.readString(written), name);
        }
        try (Stream<Path> files = Files.walk(work.resolve("reports"))) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".crc")).count(), "no checksum side files");
        }
    }

    @Test
    void reportReproducesEveryWorkedAnswer() throws IOException {
        assertEquals(0, demo.exitCode(), demo.err());
        Path expected = Path.of("src/test/resources/sample/expected");
        List<String> cases = Files.readAllLines(expected.resolve("cases.tsv")).stream().skip(1).toList();
        assertEquals(10, cases.size());
        String table = work.resolve("warehouse/agent_activity").toString();
        boolean first = true;
        for (String line : cases) {
            String[] c = line.split("\t");
            Path out = work.resolve("out").resolve(c[4]);
            String[] args = {"report", "--table", table, "--agent", c[0], "--date", c[1], "--timezone", c[2], "--labels", c[3], "--out", out.toString()};
            // the first through the launcher in a child process, the rest in-process (same code, faster)
            int exit = first ? Launcher.run(work, args).exitCode() : AgentAudit.execute(args);
            first = false;
            assertEquals(0, exit, line);
            assertEquals(Files.readString(expected.resolve(c[4])), Files.readString(out), c[4]);
        }
    }

    @Test
    void reportToStandardOutputAndByAgentId() {
        String table = work.resolve("warehouse/agent_activity").toString();
        Launcher.Result byId = Launcher.run(work, "report", "--table", table, "--agent", "7d3f0c1a-2b4e-4f6a-9c8d-1e2f3a4b5c6d",
                "--date", "2025-06-18", "--timezone", "America/New_York");
        assertEquals(0, byId.exitCode(), byId.err());
        assertTrue(byId.out().startsWith("Agent login,Status,Start time,End time,Duration,Channel,Contact ID\nmaria.lopez,Offline,"), byId.out());
    }

    @Test
    void sqlCountsTheRowsRightAfterDemo() {
        Launcher.Result sql = Launcher.run(work, "sql", "SELECT count(*) AS n, count(DISTINCT agent_username) AS agents FROM agent_activity");
        assertEquals(0, sql.exitCode(), sql.err());
        assertTrue(sql.out().matches("(?s).*\\|\\s*\\d+\\s*\\|\\s*3\\s*\\|.*"), sql.out());
    }
}
