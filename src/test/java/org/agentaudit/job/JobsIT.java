package org.agentaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agentaudit.generate.EventStreamGenerator;
import org.agentaudit.generate.GeneratorOptions;
import org.agentaudit.testing.Launcher;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs/ scripts as a scheduler runs them (local variant): the daily job, and a backfill killed and resumed. */
class JobsIT {
    static final LocalDate FROM = LocalDate.of(2025, 6, 17);
    static final LocalDate TO = LocalDate.of(2025, 6, 22);

    @TempDir
    static Path work;

    static Path events;

    @BeforeAll
    static void generate() throws IOException {
        events = work.resolve("events");
        EventStreamGenerator.generate(GeneratorOptions.of(3, 7, FROM.minusDays(1), events, 11).withThreads(1));
    }

    private static ProcessBuilder job(String script, String table, String... env) {
        ProcessBuilder builder = new ProcessBuilder(Launcher.projectHome().resolve("jobs").resolve(script).toString())
                .directory(work.toFile());
        builder.environment().put("AUDIT_INPUT", events.toString());
        builder.environment().put("AUDIT_TABLE", table);
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        return builder;
    }

    private static List<String> rows(String table) {
        return SparkTestSession.get().read().format("delta").load(table)
                .orderBy("event_date", "agent_arn", "slice_start", "interval_id").collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void dailyJobWritesYesterdayAndTheDayBefore() throws Exception {
        String table = work.resolve("daily").toString();
        Process daily = job("daily.sh", table, "AUDIT_DAY", "2025-06-19").inheritIO().start();
        assertTrue(daily.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, daily.exitValue());
        List<Row> days = SparkTestSession.get().read().format("delta").load(table).select("event_date").distinct().orderBy("event_date").collectAsList();
        assertEquals("[[2025-06-18], [2025-06-19]]", days.toString());
    }

    @Test
    void aKilledBackfillResumesAfterItsLastCommittedChunk() throws Exception {
        String[] range = {"AUDIT_FROM", FROM.toString(), "AUDIT_TO", TO.toString(), "AUDIT_CHUNK_DAYS", "2"};
        // what an uninterrupted backfill leaves: the rows of one run over the range (chunks change nothing: RangesTest)
        String whole = work.resolve("uninterrupted").toString();
        new AuditJob(SparkTestSession.get(), Progress.silent())
                .run(new RunOptions(List.of(events.toString()), "json", FROM, TO, whole, 1, 2, 1.0));

        String table = work.resolve("resumed").toString();
        Process first = job("backfill.sh", table, range).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("first: " + line);
                if (line.contains("chunk 1 of 3") && line.contains("committed table version")) {
                    first.destroyForcibly(); // SIGKILL while chunk 2 runs
                    break;
                }
            }
        }
        first.waitFor(1, TimeUnit.MINUTES);
        assertTrue(first.exitValue() != 0, "the first backfill was killed");

        Process again = job("backfill.sh", table, range).redirectErrorStream(true).start();
        String log = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(10, TimeUnit.MINUTES));
        System.out.println(log);
        assertEquals(0, again.exitValue(), log);
        assertTrue(log.contains("chunk 1 of 3 (2025-06-17 .. 2025-06-18): already committed, skipped"), log);
        assertTrue(log.contains("chunk 3 of 3 (2025-06-21 .. 2025-06-22): committed table version"), log);
        assertTrue(log.contains("1 skipped as already committed"), log);
        assertEquals(rows(whole), rows(table));
    }
}
