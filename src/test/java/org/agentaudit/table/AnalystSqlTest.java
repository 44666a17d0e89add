package org.agentaudit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agentaudit.report.CsvReport;
import org.agentaudit.report.LocalDay;
import org.agentaudit.testing.SampleTable;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysts' names, views and functions (conf/sql) and the example queries of the README's
 * section for analysts, on the sample's tables (SampleTable: two runs, the second with four broken
 * records). Expected figures come from the hand-derived reports in sample/expected/: the SQL must
 * agree with `bin/agent-audit report` to the second.
 */
class AnalystSqlTest {
    private static final String NEW_YORK = "America/New_York";

    private SparkSession spark;
    private Catalog.Names names;

    @BeforeEach
    void register() {
        spark = SparkTestSession.get();
        names = Catalog.register(spark, SampleTable.path());
    }

    @Test
    void theAuditFilesHoldStandardParquetTimestampsThatOtherReadersTake() throws IOException {
        Path part;
        try (Stream<Path> files = Files.walk(Path.of(SampleTable.path()))) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()),
                        new org.apache.hadoop.conf.Configuration()))) {
            org.apache.parquet.schema.MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (String column : List.of("interval_start", "interval_end", "slice_start", "slice_end")) {
                org.apache.parquet.schema.PrimitiveType type = schema.getType(column).asPrimitiveType();
                assertEquals(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64, type.getPrimitiveTypeName(), column);
                assertEquals(org.apache.parquet.schema.LogicalTypeAnnotation.timestampType(true,
                        org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS), type.getLogicalTypeAnnotation(), column);
            }
        }
    }

    @Test
    void namesTheThreeTablesAsDeltaTablesAndLoadsEveryConfSqlFile() {
        assertEquals(List.of("agent_activity", "agent_activity_quarantine", "agent_activity_runs"), names.tables());
        assertTrue(names.timeTravelByName(), "the local session catalog is in-memory: names are external Delta tables");
        assertEquals(List.of("10-local-time.sql", "20-runs.sql", "30-agent-days.sql", "40-quality.sql"), names.sqlFiles());
        assertEquals(List.of(), names.skippedSqlFiles());
        for (String table : names.tables()) {
            assertEquals("EXTERNAL", spark.sql("DESCRIBE TABLE EXTENDED " + table).filter("col_name = 'Type'")
                    .first().getString(1), table); // dropping the name never deletes the data
        }
        // registering again (another `sql`, a notebook restart) replaces the names in place
        Catalog.Names again = Catalog.register(spark, SampleTable.path());
        assertEquals(names, again);
        assertEquals(slices(), spark.sql("SELECT count(*) FROM agent_activity").first().getLong(0));
        assertTrue(slices() > 40, "the sample gives some fifty slices");
    }

    private long slices() {
        return spark.read().format("delta").load(SampleTable.path()).count();
    }

    @Test
    void aTableWithoutNeighboursGetsItsOwnNameOnlyAndTheFilesThatNeedTheOthersAreSkipped() throws IOException {
        Path alone = Files.createTempDirectory("alone").resolve("agent_activity");
        copyTree(Path.of(SampleTable.path()), alone);
        try {
            Catalog.Names only = Catalog.register(spark, alone.toString());
            assertEquals(List.of("agent_activity"), only.tables());
            assertEquals(List.of("20-runs.sql", "40-quality.sql"), only.skippedSqlFiles());
            assertFalse(spark.catalog().tableExists("agent_activity_runs"), "no name may point at another table's runs");
            assertEquals(86400L, spark.sql("SELECT sum(seconds) FROM agent_status_time('America/New_York', DATE'2025-06-18', DATE'2025-06-18') "
                    + "WHERE agent_login = 'maria.lopez'").first().getLong(0));
        } finally {
            Catalog.register(spark, SampleTable.path());
        }
    }

    static Stream<String[]> classicCases() {
        return expectedCases().stream().filter(c -> c[3].equals("classic"));
    }

    /** README: "the report's rows in SQL" — agent_report_rows gives exactly the CSV of `report`. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("classicCases")
    void reportRowsAreTheRowsOfTheCsvReport(String login, String date, String zone, String labels, String file) {
        List<Row> rows = spark.sql("SELECT * FROM agent_report_rows('" + zone + "', DATE'" + date + "', DATE'" + date + "') "
                + "WHERE agent_login = '" + login + "' ORDER BY start").collectAsList();
        List<CsvReport.Line> lines = rows.stream().map(r -> new CsvReport.Line(r.getAs("agent_login"), r.getAs("status"),
                        ((java.sql.Timestamp) r.getAs("start")).toInstant(), ((java.sql.Timestamp) r.getAs("end")).toInstant(),
                        r.getAs("channel"), r.getAs("contact_id")))
                .toList();
        LocalDay day = LocalDay.of(LocalDate.parse(date), LocalDay.zone(zone));
        assertEquals(expected(file), new CsvReport(day.zone(), false).render(lines));
        for (Row r : rows) {
            long seconds = r.<java.sql.Timestamp>getAs("end").toInstant().getEpochSecond()
                    - r.<java.sql.Timestamp>getAs("start").toInstant().getEpochSecond();
            assertEquals(seconds, r.<Long>getAs("seconds"));
        }
    }

    /** README: "time in each status per agent and local day". */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("classicCases")
    void statusTimeAddsUpToTheDurationsOfTheCsvReport(String login, String date, String zone, String labels, String file) {
        Map<String, Long> expected = new TreeMap<>();
        csvRows(file).forEach(r -> expected.merge(r[1], seconds(r[4]), Long::sum));
        Map<String, Long> actual = new TreeMap<>();
        double share = 0;
        for (Row r : spark.sql("SELECT status, seconds, share FROM agent_status_time('" + zone + "', DATE'" + date + "', DATE'" + date + "') "
                + "WHERE agent_login = '" + login + "' AND local_date = DATE'" + date + "'").collectAsList()) {
            actual.put(r.getString(0), r.getLong(1));
            share += r.getDouble(2);
        }
        assertEquals(expected, actual);
        assertEquals(1.0, share, 0.001);
    }

    /** README: "occupancy: time on contacts / time logged in". */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("classicCases")
    void occupancyIsTimeOnContactsOverTimeLoggedIn(String login, String date, String zone, String labels, String file) {
        long loggedIn = 0;
        long onContact = 0;
        long available = 0;
        long custom = 0;
        for (String[] r : csvRows(file)) {
            long s = seconds(r[4]);
            boolean contact = !r[6].isEmpty();
            loggedIn += r[1].equals("Offline") ? 0 : s;
            onContact += contact ? s : 0;
            available += !contact && r[1].equals("Available") ? s : 0;
            custom += !contact && !r[1].equals("Available") && !r[1].equals("Offline") ? s : 0;
        }
        Row row = spark.sql("SELECT * FROM agent_occupancy('" + zone + "', DATE'" + date + "', DATE'" + date + "') "
                + "WHERE agent_login = '" + login + "'").first();
        assertEquals(loggedIn, row.<Long>getAs("logged_in_seconds"));
        assertEquals(onContact, row.<Long>getAs("on_contact_seconds"));
        assertEquals(available, row.<Long>getAs("available_seconds"));
        assertEquals(custom, row.<Long>getAs("custom_seconds"));
        assertEquals(Math.round(10000.0 * onContact / loggedIn) / 10000.0, row.<Double>getAs("occupancy"), 1e-9);
    }

    @Test
    void occupancyOfMariasDayInFigures() {
        Row row = spark.sql("SELECT * FROM agent_occupancy('America/New_York', DATE'2025-06-18', DATE'2025-06-18') "
                + "WHERE agent_login = 'maria.lopez'").first();
        // logged in: 24 h minus Offline 08:59:40 and 06:59:55; on contacts: the seven contact rows of her CSV
        assertEquals(86400 - 32380 - 25195, row.<Long>getAs("logged_in_seconds"));
        assertEquals(6 + 757 + 32 + 20 + 28 + 6 + 22, row.<Long>getAs("on_contact_seconds"));
        assertEquals(757, row.<Long>getAs("connected_seconds"));
        assertEquals(32, row.<Long>getAs("after_contact_work_seconds"));
        assertEquals(2713, row.<Long>getAs("custom_seconds")); // Lunch
        assertEquals(0.0302, row.<Double>getAs("occupancy"), 1e-9);
    }

    /** README: "missed and rejected contacts by channel". */
    @Test
    void contactOutcomesCountMissedRejectedAndErrorsByChannel() {
        List<String> rows = spark.sql("SELECT agent_login, local_date, channel, contacts, missed, rejected, errors "
                        + "FROM agent_contact_outcomes('America/New_York', DATE'2025-06-18', DATE'2025-06-19') "
                        + "ORDER BY agent_login, local_date, channel")
                .collectAsList().stream().map(Row::toString).toList();
        assertEquals(List.of(
                "[dev.patel,2025-06-18,CHAT,2,1,0,0]",      // d4f…181 missed, d4f…182 connected
                "[dev.patel,2025-06-18,TASK,2,0,1,0]",      // e5a…291 rejected, e5a…292 handled
                "[maria.lopez,2025-06-18,VOICE,3,1,0,1]",   // …6071 handled, …6072 missed, …6073 telecom error
                "[sam.okafor,2025-06-18,VOICE,1,0,0,0]"),   // the call across midnight counts on the day it began
                rows);
    }

    /** README: "runs: the latest state of each run". */
    @Test
    void runsLatestHasOneRowPerRunWithItsFinalState() {
        assertEquals(4L, spark.sql("SELECT count(*) FROM agent_activity_runs").first().getLong(0), "STARTED + COMMITTED, twice");
        List<Row> runs = spark.sql("SELECT state, records_read, events_valid, duplicates, quarantined, table_version, "
                + "started_at < finished_at FROM agent_activity_runs_latest ORDER BY started_at").collectAsList();
        assertEquals(List.of("[COMMITTED,54,53,1,0,0,true]", "[COMMITTED,58,53,1,4,1,true]"),
                runs.stream().map(Row::toString).toList());
    }

    /** README: "quarantined records per run and reason". */
    @Test
    void quarantineByRunCountsEachReasonUnderTheRunThatFoundIt() {
        List<String> rows = spark.sql("SELECT q.reason, q.records, q.source_files, r.table_version "
                        + "FROM agent_activity_quarantine_by_run q JOIN agent_activity_runs_latest r USING (run_id) "
                        + "ORDER BY q.reason")
                .collectAsList().stream().map(Row::toString).toList();
        assertEquals(List.of("[bad_timestamp,1,1,1]", "[missing_field,2,1,1]", "[not_json_object,1,1,1]"), rows);
    }

    /** README: "time travel and history", by name and by path. */
    @Test
    void timeTravelAndHistoryWorkOnTheNamesAndOnThePaths() {
        List<Row> history = spark.sql("DESCRIBE HISTORY agent_activity").select("version", "userMetadata")
                .orderBy("version").collectAsList();
        assertEquals(2, history.size());
        List<String> runIds = spark.sql("SELECT run_id FROM agent_activity_runs_latest ORDER BY table_version")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        for (int v = 0; v < 2; v++) {
            assertEquals(v, history.get(v).getLong(0));
            assertEquals("agent-audit run " + runIds.get(v), history.get(v).getString(1), "each version names its run");
        }
        String path = SampleTable.path();
        assertEquals(slices(), spark.sql("SELECT count(*) FROM agent_activity VERSION AS OF 0").first().getLong(0));
        assertEquals(slices(), spark.sql("SELECT count(*) FROM delta.`" + path + "` VERSION AS OF 0").first().getLong(0));
        assertEquals(0L, spark.sql("SELECT count(*) FROM ((SELECT * FROM agent_activity VERSION AS OF 0) "
                + "EXCEPT ALL (SELECT * FROM agent_activity VERSION AS OF 1))").first().getLong(0), "a re-run writes identical rows");
        assertEquals(0L, spark.sql("SELECT count(*) FROM agent_activity_quarantine VERSION AS OF 0").first().getLong(0),
                "the quarantine table was empty after run 1");
        assertEquals(4L, spark.sql("DESCRIBE HISTORY delta.`" + path + "_runs`").count(), "four appends to the runs table");
    }

    /**
     * The README's examples for analysts, word for word, as typed at the command line:
     * {@code bin/agent-audit sql --table T "..."} prints the result; each gives the figures quoted.
     */
    @Test
    void theReadmeExamplesGiveTheFiguresTheyQuote() {
        List<String> byStatus = sqlLines(
                "SELECT status, count(*) AS rows, sum(duration_ms)/1000 AS seconds FROM agent_activity GROUP BY status ORDER BY seconds DESC");
        assertTrue(byStatus.get(0).startsWith("|Offline "), byStatus.toString());

        assertEquals(List.of("|maria.lopez|Offline           |57575  |", "|maria.lopez|Available         |25241  |",
                        "|maria.lopez|Lunch             |2713   |"),
                sqlLines("SELECT agent_login, status, seconds FROM agent_status_time('America/New_York', DATE'2025-06-18', DATE'2025-06-18') "
                        + "WHERE agent_login = 'maria.lopez' ORDER BY seconds DESC").subList(0, 3));

        List<String> reportRows = sqlLines("SELECT status, start, `end`, seconds, channel, contact_id FROM agent_report_rows("
                + "'America/New_York', DATE'2025-06-18', DATE'2025-06-18') WHERE agent_login = 'maria.lopez' ORDER BY start");
        assertEquals(15, reportRows.size(), reportRows.toString());
        assertTrue(reportRows.get(0).startsWith("|Offline           |2025-06-18 04:00:00 ") // printed in UTC, the session's zone
                && reportRows.get(0).contains("|2025-06-18 12:59:40.318|32380  |NULL"), reportRows.get(0));

        assertTrue(sqlLines("SELECT * FROM agent_occupancy('America/New_York', DATE'2025-06-18', DATE'2025-06-19') ORDER BY agent_login, local_date")
                .stream().anyMatch(l -> l.matches("\\|[0-9a-f-]+\\|maria\\.lopez *\\|2025-06-18\\|28825 +\\|871 +\\|757 +\\|32 +\\|25241 +\\|2713 +\\|0\\.0302 *\\|")));

        assertEquals(List.of("|CHAT   |2       |1     |0       |0     |", "|TASK   |2       |0     |1       |0     |",
                        "|VOICE  |4       |1     |0       |1     |"),
                sqlLines("SELECT channel, sum(contacts) AS contacts, sum(missed) AS missed, sum(rejected) AS rejected, sum(errors) AS errors "
                        + "FROM agent_contact_outcomes('America/New_York', DATE'2025-06-18', DATE'2025-06-19') GROUP BY channel")
                        .stream().sorted().toList());

        List<String> runs = sqlLines("SELECT run_id, state, started_at, finished_at, records_read, duplicates, quarantined, table_version "
                + "FROM agent_activity_runs_latest ORDER BY started_at DESC");
        assertEquals(2, runs.size());
        assertTrue(runs.get(0).contains("|COMMITTED|") && runs.get(0).endsWith("|58          |1         |4          |1            |"), runs.get(0));
        assertEquals(3, sqlLines("SELECT * FROM agent_activity_quarantine_by_run ORDER BY started_at DESC, records DESC").size());
    }

    /** The README's time-travel examples, through the command line. */
    @Test
    void theReadmeTimeTravelExamplesWork() {
        List<String> history = sqlLines("DESCRIBE HISTORY agent_activity");
        assertEquals(2, history.size(), history.toString());
        assertTrue(history.stream().allMatch(l -> l.contains("|WRITE    |") && l.contains("agent-audit run ")), history.toString());

        String count = String.format("|%-8d|", slices());
        assertEquals(List.of(count), sqlLines("SELECT count(*) FROM agent_activity VERSION AS OF 0"));
        java.sql.Timestamp firstCommit = spark.sql("DESCRIBE HISTORY agent_activity").filter("version = 0").first().getAs("timestamp");
        assertEquals(List.of(count), sqlLines("SELECT count(*) FROM agent_activity TIMESTAMP AS OF '" + firstCommit + "'"));
        assertEquals(List.of(count), sqlLines("SELECT count(*) FROM delta.`" + SampleTable.path() + "` VERSION AS OF 0"));
        assertEquals(List.of(), sqlLines("(SELECT * FROM agent_activity VERSION AS OF 1) EXCEPT ALL (SELECT * FROM agent_activity VERSION AS OF 0)"),
                "a re-run over the same events changes nothing");
    }

    /** The data rows `bin/agent-audit sql` prints for a statement (header and frame lines dropped). */
    private List<String> sqlLines(String query) {
        SampleTable.Output result = SampleTable.execute("sql", "--table", SampleTable.path(), query);
        assertEquals(0, result.code(), query + ": " + result.err());
        List<String> table = result.out().lines().filter(l -> l.startsWith("|")).toList();
        assertTrue(!table.isEmpty(), query + " printed a table: " + result.out());
        return table.subList(1, table.size());
    }

    @Test
    void localDayHelpersFollowTheZoneNotTheSession() {
        Row r = spark.sql("SELECT local_day_start(DATE'2025-03-09', 'America/New_York'), local_day_start(DATE'2025-03-10', 'America/New_York'), "
                + "local_day_start(DATE'2025-09-07', 'America/Santiago'), local_date_of(TIMESTAMP'2025-06-18 03:59:59', 'America/New_York'), "
                + "local_date_of(TIMESTAMP'2025-06-18 04:00:00', 'America/New_York')").first();
        assertEquals("2025-03-09T05:00:00Z", r.getTimestamp(0).toInstant().toString());
        assertEquals("2025-03-10T04:00:00Z", r.getTimestamp(1).toInstant().toString(), "the 23-hour day ends an hour early");
        assertEquals("2025-09-07T04:00:00Z", r.getTimestamp(2).toInstant().toString(), "no local midnight: the first instant (01:00)");
        assertEquals(LocalDate.of(2025, 6, 17), r.getDate(3).toLocalDate());
        assertEquals(LocalDate.of(2025, 6, 18), r.getDate(4).toLocalDate());
        for (String[] c : List.of(new String[] {"2025-03-09", "America/New_York"}, new String[] {"2025-09-07", "America/Santiago"},
                new String[] {"2025-11-02", "America/New_York"})) {
            LocalDay day = LocalDay.of(LocalDate.parse(c[0]), LocalDay.zone(c[1]));
            assertEquals(day.start(), spark.sql("SELECT local_day_start(DATE'" + c[0] + "', '" + c[1] + "')").first().getTimestamp(0).toInstant(),
                    "same window as the report's LocalDay");
        }
    }

    // ---- the expected reports of the sample

    private static List<String[]> expectedCases() {
        return expected("cases.tsv").lines().skip(1).map(l -> l.split("\t")).collect(Collectors.toList());
    }

    private static String expected(String file) {
        try (InputStream in = AnalystSqlTest.class.getClassLoader().getResourceAsStream("sample/expected/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of an expected CSV (no field of the sample needs quoting). */
    private static List<String[]> csvRows(String file) {
        List<String[]> rows = new ArrayList<>();
        expected(file).lines().skip(1).forEach(l -> rows.add(l.split(",", -1)));
        return rows;
    }

    private static long seconds(String hms) {
        String[] p = hms.split(":");
        return Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2]);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
