package org.agentaudit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.agentaudit.cli.AgentAudit;
import org.agentaudit.config.LabelSet;
import org.agentaudit.report.Reports;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.Firehose;
import org.agentaudit.testing.Launcher;
import org.agentaudit.testing.S3Server;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on S3, for real: a Firehose-shaped event stream (hourly prefixes, gzip'd objects without
 * {@code .gz}, some with records back to back) in a bucket of a local S3Proxy, read through S3A into
 * a Delta table on S3, reports to local disk and to S3, a Parquet copy of the stream (lower-cased
 * names, as Glue writes them) read from S3, and {@code sql} / {@code report} reading the S3 table
 * back. Every result must equal what the same events give from local disk, and the sample's worked
 * answers in {@code src/test/resources/sample/expected/}.
 *
 * <p>The first run goes through {@code bin/agent-audit} in a child process with
 * {@code AGENT_AUDIT_PROFILE=s3}, {@code AGENT_AUDIT_S3_ENDPOINT} and the AWS keys in its environment:
 * the user's path. The others run in-process, S3A pointed at the server for this bucket only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3RoundTripIT {
    private static final Path HOME = Launcher.projectHome();
    private static final Path EXPECTED = HOME.resolve("src/test/resources/sample/expected");
    private static final String SAMPLE_INSTANCE = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String FROM = "2025-06-17";
    private static final String TO = "2025-06-19";
    private static final String ZONE = "America/New_York";

    private S3Server s3;
    private String bucket;
    @TempDir
    static Path work;
    private SparkSession spark;
    private Path localTable;
    private Path localReports;
    private Path localReports2026;
    private final List<Launcher.Result> printed = new ArrayList<>();
    private boolean launcherRan;

    @BeforeAll
    void setUp() throws IOException {
        long t0 = System.nanoTime();
        s3 = S3Server.start();
        bucket = s3.createBucket("audit");
        List<String> lines = new ArrayList<>(Files.readAllLines(HOME.resolve("src/test/resources/sample/agent-events-2025-06-18.jsonl")));
        lines.addAll(anotherAgent());
        // No AgentARN: quarantined, from S3 as from local disk.
        lines.add("{\"AWSAccountId\":\"111122223333\",\"EventId\":\"bad-0001\",\"EventTimestamp\":\"2025-06-18T15:00:00.000Z\","
                + "\"EventType\":\"STATE_CHANGE\",\"Version\":\"2019-05-25\",\"CurrentAgentSnapshot\":null}");
        Map<String, byte[]> objects = Firehose.objects("agent-events", lines, 5);
        assertTrue(objects.keySet().stream().map(k -> k.substring(0, 14)).distinct().count() >= 10, "many hourly prefixes: " + objects.keySet());
        assertTrue(Firehose.concatenatedObjects(objects) >= 5, "several objects with records back to back");
        assertTrue(objects.keySet().stream().noneMatch(k -> k.endsWith(".gz")), "Firehose objects have no .gz");
        Firehose.writeTo(work.resolve("firehose"), objects);
        objects.forEach((key, bytes) -> s3.put(bucket, "firehose/" + key, bytes));
        Files.write(work.resolve("events.jsonl"), lines);

        spark = SparkTestSession.get();
        s3.configure(spark.sparkContext().hadoopConfiguration(), bucket);

        // The reference: the same objects from local disk.
        localTable = work.resolve("local/agent_activity");
        localReports = work.resolve("local/reports");
        localReports2026 = work.resolve("local/reports-2026");
        assertEquals(0, AgentAudit.execute("run", "--input", work.resolve("firehose").toString(), "--from", FROM, "--to", TO,
                "--table", localTable.toString(), "--reports", localReports.toString(), "--report-timezone", ZONE));
        Reports.writeAll(spark, localTable.toString(), null,
                Reports.days(LocalDate.parse(FROM), LocalDate.parse(TO), java.time.ZoneId.of(ZONE)),
                LabelSet.named("2026"), localReports2026.toString(), false);
        assertExpectedReports(tree(localReports), "");
        assertExpectedReports(tree(localReports2026), "2026");
        System.out.printf("S3RoundTripIT: set-up (server, %d objects, local reference run) %d ms%n",
                objects.size(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @AfterAll
    void tearDown() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** The user's path: bin/agent-audit with the s3 profile, input and table on S3, reports to local disk. */
    @Test
    @Order(1)
    void launcherReadsFirehoseObjectsFromS3IntoATableOnS3() throws IOException {
        Launcher.Result r = launcherRun();
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("committed table version 0: " + s3Table()), r.describe());
        assertEquals(tree(localReports), tree(work.resolve("launcher-reports")), "reports from S3 = reports from local disk");
        assertExpectedReports(tree(work.resolve("launcher-reports")), "");
        assertEquals(rows(localTable.toString()), rows(s3Table()), "the audit rows from S3 = from local disk");
        assertEquals(runCounts(localTable.toString()), runCounts(s3Table()), "the runs table counts the same records");
        assertEquals(quarantine(localTable.toString()), quarantine(s3Table()), "the same record is quarantined");
        assertTrue(Files.isDirectory(s3.bucketDir(bucket).resolve("warehouse/agent_activity/_delta_log")), "the table is in the bucket");
    }

    /**
     * {@code sql} (child process, s3 profile) reads the three tables back from S3, with its keys from a
     * shared credentials file and AWS_PROFILE, not the environment: the AWS default chain at work.
     */
    @Test
    @Order(2)
    void sqlReadsTheS3TableBackWithKeysFromAnAwsProfile() throws IOException {
        launcherRun();
        Path credentials = work.resolve("aws-credentials");
        Files.writeString(credentials, "[audit-test]\naws_access_key_id = " + s3.accessKey()
                + "\naws_secret_access_key = " + s3.secretKey() + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_AUDIT_S3_ENDPOINT", s3.endpoint());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_PROFILE", "audit-test");
        env.put("AWS_ACCESS_KEY_ID", null);
        env.put("AWS_SECRET_ACCESS_KEY", null);
        env.put("AWS_SESSION_TOKEN", null);
        String query = "SELECT concat_ws(' ', 'slices', (SELECT count(*) FROM agent_activity), 'ms', "
                + "(SELECT sum(duration_ms) FROM agent_activity), 'committed', "
                + "(SELECT count(*) FROM agent_activity_runs WHERE state = 'COMMITTED'), 'quarantined', "
                + "(SELECT count(*) FROM agent_activity_quarantine)) AS summary";
        Launcher.Result r = child(env, "sql", "--table", s3Table(), query);
        assertEquals(0, r.exitCode(), r.describe());
        Row local = spark.read().format("delta").load(localTable.toString()).selectExpr("count(*)", "sum(duration_ms)").first();
        String expected = "slices " + local.getLong(0) + " ms " + local.getLong(1) + " committed 1 quarantined 1";
        assertTrue(r.out().contains(expected), "expected '" + expected + "' in\n" + r.describe());
    }

    /** {@code report} on the S3 table: a Kolkata day needs UTC 06-17 too, which the run wrote. */
    @Test
    @Order(3)
    void reportReadsTheS3Table() throws IOException {
        launcherRun();
        for (String labels : List.of("classic", "2026")) {
            Path out = work.resolve("report-" + labels + ".csv");
            assertEquals(0, AgentAudit.execute("report", "--table", s3Table(), "--agent", "dev.patel", "--date", "2025-06-18",
                    "--timezone", "Asia/Kolkata", "--labels", labels, "--out", out.toString()));
            String file = "dev.patel_2025-06-18_Asia-Kolkata" + (labels.equals("classic") ? "" : "_2026") + ".csv";
            assertEquals(Files.readString(EXPECTED.resolve(file)), Files.readString(out), file);
        }
    }

    /**
     * Parquet on S3 as Firehose's record format conversion writes it (Glue schema: the stream's nested
     * layout with lower-cased names, hourly prefixes), written with Spark through S3A; the run reads it
     * from S3 and writes its reports to S3, with the 2026 labels.
     */
    @Test
    @Order(4)
    void parquetOnS3GivesTheSameAuditAndReportsOnS3() throws IOException {
        long t0 = System.nanoTime();
        Dataset<Row> records = spark.read().json(spark.createDataset(readLines(work.resolve("events.jsonl")), Encoders.STRING()));
        Dataset<Row> glue = lowerCased(records).withColumn("prefix", substring(col("eventtimestamp"), 1, 13));
        List<String> hours = glue.select("prefix").distinct().orderBy("prefix").as(Encoders.STRING()).collectAsList();
        for (String hour : hours) { // 2025-06-18T13 → parquet/2025/06/18/13/
            String prefix = hour.substring(0, 4) + "/" + hour.substring(5, 7) + "/" + hour.substring(8, 10) + "/" + hour.substring(11, 13);
            glue.filter(col("prefix").equalTo(hour)).drop("prefix").coalesce(1)
                    .write().parquet("s3a://" + bucket + "/parquet/" + prefix + "/");
        }
        assertTrue(Files.exists(s3.bucketDir(bucket).resolve("parquet/2025/06/18/13")), "hourly prefixes in the bucket");
        long written = System.nanoTime();

        String table = "s3a://" + bucket + "/parquet-warehouse/agent_activity";
        assertEquals(0, AgentAudit.execute("run", "--format", "parquet", "--input", "s3a://" + bucket + "/parquet/",
                "--from", FROM, "--to", TO, "--table", table,
                "--reports", "s3a://" + bucket + "/reports-2026", "--report-timezone", ZONE, "--labels", "2026"));
        assertEquals(rows(localTable.toString()), rows(table), "the audit rows from Parquet on S3 = from JSON on local disk");
        Map<String, String> fromS3 = new TreeMap<>();
        s3.getAll(bucket, "reports-2026/").forEach((k, v) -> fromS3.put(k, new String(v, StandardCharsets.UTF_8)));
        assertEquals(tree(localReports2026), fromS3, "reports written to S3 = reports written to local disk");
        assertExpectedReports(fromS3, "2026");
        System.out.printf("S3RoundTripIT: Parquet written (%d hourly prefixes) in %d ms, run from S3 in %d ms%n", hours.size(),
                Duration.ofNanos(written - t0).toMillis(), Duration.ofNanos(System.nanoTime() - written).toMillis());
    }

    /** Keys go in through the environment and come out nowhere: not printed, not in any table or file. */
    @Test
    @Order(5)
    void theSecretIsNeitherPrintedNorStored() throws IOException {
        launcherRun();
        assertFalse(printed.isEmpty());
        for (Launcher.Result r : printed) {
            assertFalse(r.out().contains(s3.secretKey()) || r.err().contains(s3.secretKey()), "secret printed:\n" + r.describe());
            assertFalse(r.out().contains(s3.accessKey()) || r.err().contains(s3.accessKey()), "key id printed:\n" + r.describe());
        }
        byte[] secret = s3.secretKey().getBytes(StandardCharsets.UTF_8);
        int files = 0;
        try (Stream<Path> stored = Files.walk(s3.bucketDir(bucket))) {
            for (Path file : stored.filter(Files::isRegularFile).toList()) {
                assertFalse(contains(Files.readAllBytes(file), secret), "the secret is stored in " + file);
                files++;
            }
        }
        assertTrue(files > 20, "looked at every object of the bucket: " + files);
        // Parquet pages are compressed: look at the tables' values too.
        for (String table : List.of(s3Table(), s3Table() + "_runs", s3Table() + "_quarantine")) {
            for (String json : spark.read().format("delta").load(table).toJSON().collectAsList()) {
                assertFalse(json.contains(s3.secretKey()) || json.contains(s3.accessKey()), table + " holds a key: " + json);
            }
        }
        String history = spark.sql("DESCRIBE HISTORY delta.`" + s3Table() + "_runs`").toJSON().collectAsList().toString();
        assertFalse(history.contains(s3.secretKey()), "the Delta history holds the secret");
    }

    private synchronized Launcher.Result launcherRun() {
        if (!launcherRan) {
            launcherRan = true;
            Launcher.Result r = child("run", "--input", "s3a://" + bucket + "/firehose/", "--from", FROM, "--to", TO,
                    "--table", s3Table(), "--reports", work.resolve("launcher-reports").toString(), "--report-timezone", ZONE);
            assertEquals(0, r.exitCode(), r.describe());
        }
        return printed.get(0);
    }

    private Launcher.Result child(String... args) {
        return child(s3.environment(), args);
    }

    private Launcher.Result child(Map<String, String> s3Environment, String... args) {
        Map<String, String> env = new HashMap<>(s3Environment);
        env.put("AGENT_AUDIT_PROFILE", "s3");
        Launcher.Result r = Launcher.agentAudit(work, env, Duration.ofMinutes(5), args);
        printed.add(r);
        System.out.printf("S3RoundTripIT: bin/agent-audit %s: exit %d in %d ms%n", args[0], r.exitCode(), r.elapsed().toMillis());
        return r;
    }

    private String s3Table() {
        return "s3a://" + bucket + "/warehouse/agent_activity";
    }

    /** A fourth agent, in another instance, from the test builder: chat, lunch, logout; all before the sample's data end. */
    private static List<String> anotherAgent() {
        EventStream lee = new EventStream("aaaaaaaa-0000-4000-8000-000000000004", "lee.chan");
        lee.status("Offline", "OFFLINE", "2025-06-18T13:55:00.000Z").event("LOGIN", "2025-06-18T14:00:00.100Z")
                .status("Available", "ROUTABLE", "2025-06-18T14:00:05.000Z").event("STATE_CHANGE", "2025-06-18T14:00:05.200Z")
                .event("HEART_BEAT", "2025-06-18T14:02:05.200Z")
                .contacts(EventStream.contact("c-0001", "CHAT", "INBOUND", "CONNECTING", "2025-06-18T14:03:00.000Z", null))
                .event("STATE_CHANGE", "2025-06-18T14:03:00.100Z")
                .contacts(EventStream.contact("c-0001", "CHAT", "INBOUND", "CONNECTED", "2025-06-18T14:03:10.000Z", "2025-06-18T14:03:10.000Z"))
                .event("STATE_CHANGE", "2025-06-18T14:03:10.100Z")
                .redeliverLast()
                .contacts(EventStream.contact("c-0001", "CHAT", "INBOUND", "ENDED", "2025-06-18T14:20:00.000Z", "2025-06-18T14:03:10.000Z"))
                .event("STATE_CHANGE", "2025-06-18T14:20:00.100Z")
                .noContacts().event("STATE_CHANGE", "2025-06-18T14:21:00.000Z")
                .status("Lunch", "CUSTOM", "2025-06-18T16:00:00.000Z").event("STATE_CHANGE", "2025-06-18T16:00:00.300Z")
                .status("Offline", "OFFLINE", "2025-06-18T20:00:00.000Z").event("STATE_CHANGE", "2025-06-18T20:00:00.200Z")
                .event("LOGOUT", "2025-06-18T20:00:03.000Z");
        return lee.lines();
    }

    /** Every New York case of cases.tsv with these labels, found in a run's report folder (instance/file → content). */
    private static void assertExpectedReports(Map<String, String> reports, String labels) throws IOException {
        int compared = 0;
        for (String line : Files.readAllLines(EXPECTED.resolve("cases.tsv")).stream().skip(1).toList()) {
            String[] c = line.split("\t");
            if (c[2].equals(ZONE) && c[3].equals(labels.isEmpty() ? "classic" : labels)) {
                String key = SAMPLE_INSTANCE + "/" + c[4];
                assertTrue(reports.containsKey(key), key + " in " + reports.keySet());
                assertEquals(Files.readString(EXPECTED.resolve(c[4])), reports.get(key), c[4]);
                compared++;
            }
        }
        assertEquals(4, compared, "the four New York cases");
        assertTrue(reports.keySet().stream().anyMatch(k -> k.startsWith(EventStream.INSTANCE + "/lee.chan_2025-06-18")),
                "the builder's agent has its reports too: " + reports.keySet());
    }

    /** A table's rows as sorted JSON: rows hold facts only, so the same events give the same rows. */
    private List<String> rows(String table) {
        return spark.read().format("delta").load(table).toJSON().collectAsList().stream().sorted().toList();
    }

    /** Quarantined records without the source file (a local path or an s3a:// URI) and the run id. */
    private List<String> quarantine(String table) {
        return spark.read().format("delta").load(table + "_quarantine").drop("source_file", "run_id")
                .toJSON().collectAsList().stream().sorted().toList();
    }

    private List<String> runCounts(String table) {
        return spark.read().format("delta").load(table + "_runs").filter(col("state").equalTo("COMMITTED"))
                .selectExpr("input_files", "input_bytes", "records_read", "events_valid", "duplicates", "quarantined",
                        "slices_written", "agents")
                .toJSON().collectAsList();
    }

    /** Recursively renames every field to lower case, keeping the nesting (what a Glue table gives). */
    static Dataset<Row> lowerCased(Dataset<Row> records) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : records.schema().fields()) {
            columns.add(col("`" + f.name() + "`").cast(lower(f.dataType())).as(f.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return records.select(columns.toArray(Column[]::new));
    }

    private static DataType lower(DataType type) {
        if (type instanceof StructType s) {
            StructType out = new StructType();
            for (StructField f : s.fields()) {
                out = out.add(f.name().toLowerCase(java.util.Locale.ROOT), lower(f.dataType()), f.nullable());
            }
            return out;
        }
        if (type instanceof ArrayType a) {
            return new ArrayType(lower(a.elementType()), a.containsNull());
        }
        if (type instanceof MapType m) {
            return new MapType(m.keyType(), lower(m.valueType()), m.valueContainsNull());
        }
        return type;
    }

    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

}
