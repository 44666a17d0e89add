package org.agentaudit.job;

import static org.agentaudit.testing.EventStream.contact;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.agentaudit.table.Tables;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dirty input corpus (issue #5), built by hand in a temp dir and run once through the whole
 * job into real Delta tables. Each file holds one kind of dirt and one agent, whose good events
 * each carry their own status name, so "good records are used" is checked by name. Every count
 * below was worked out by hand from the files; the run must succeed, reconcile
 * read = valid + duplicates + quarantined for every file and in total, quarantine each bad record
 * with its reason and position, and derive rows from every good one.
 */
class DirtyInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2025, 6, 18);

    @TempDir
    static Path tmp;

    private static RunResult result;
    private static String progress;
    private static Tables tables;
    /** Per file name: read, valid, duplicates, quarantined. */
    private static final Map<String, List<Long>> EXPECTED_COUNTS = new TreeMap<>();
    /** "file line:column reason", every quarantined record. */
    private static final Set<String> EXPECTED_QUARANTINE = new TreeSet<>();
    /** Per agent (= login): the statuses its rows must show. */
    private static final Map<String, Set<String>> EXPECTED_STATUSES = new TreeMap<>();
    private static final Map<String, String> RAW = new LinkedHashMap<>();

    private static String t(String time) {
        return "2025-06-18T" + time + "Z";
    }

    /** An agent whose every good event has a status of its own. */
    private static EventStream agent(String login) {
        return new EventStream(login, login);
    }

    private static String good(EventStream a, String status, String time) {
        a.status(status, "CUSTOM", time).event("STATE_CHANGE", time);
        EXPECTED_STATUSES.computeIfAbsent(login(a), k -> new TreeSet<>()).add(status);
        return last(a);
    }

    private static String login(EventStream a) {
        return a.agentArn().substring(a.agentArn().lastIndexOf('/') + 1);
    }

    private static String last(EventStream a) {
        return a.lines().get(a.lines().size() - 1);
    }

    private static String edit(String line, Consumer<ObjectNode> change) {
        try {
            ObjectNode record = (ObjectNode) JSON.readTree(line);
            change.accept(record);
            return record.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(String file, long read, long valid, long duplicates, long quarantined) {
        EXPECTED_COUNTS.put(file, List.of(read, valid, duplicates, quarantined));
    }

    private static void quarantined(String file, long line, long column, String reason) {
        EXPECTED_QUARANTINE.add(file + " " + line + ":" + column + " " + reason);
    }

    private static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @BeforeAll
    static void runTheJobOnTheCorpus() throws IOException {
        Path in = tmp.resolve("in");

        // duplicates: one re-delivered in the same file, one in a later file (the copy in the
        // smaller file name is kept)
        EventStream dup = agent("good");
        String first = good(dup, "S-good-1", t("09:00:00"));
        good(dup, "S-good-2", t("09:10:00"));
        dup.redeliverLast();
        good(dup, "S-good-3", t("09:20:00"));
        write(in.resolve("a/good.jsonl"), lines(dup.lines().toArray(String[]::new)));
        write(in.resolve("a/zz-redelivered.jsonl"), lines(first));
        expect("good.jsonl", 4, 3, 1, 0);
        expect("zz-redelivered.jsonl", 1, 0, 1, 0);

        // JSON Lines broken mid-file: a line cut short, and a balanced line that is not JSON
        EventStream broken = agent("broken");
        String b1 = good(broken, "S-broken-1", t("09:00:00"));
        String cut = broken.status("S-broken-cut", "CUSTOM", t("09:05:00")).event("STATE_CHANGE", t("09:05:00")).lines().get(1);
        cut = cut.substring(0, cut.length() / 2);
        String b2 = good(broken, "S-broken-2", t("09:10:00"));
        String invalid = broken.status("S-broken-invalid", "CUSTOM", t("09:15:00")).event("STATE_CHANGE", t("09:15:00")).lines().get(3)
                .replace("\"EventType\":\"STATE_CHANGE\"", "\"EventType\":");
        String b3 = good(broken, "S-broken-3", t("09:20:00"));
        write(in.resolve("b/broken.jsonl"), lines(b1, cut, b2, invalid, b3));
        expect("broken.jsonl", 5, 3, 0, 2);
        quarantined("broken.jsonl", 2, 1, "malformed_json");
        quarantined("broken.jsonl", 4, 1, "malformed_json");
        RAW.put("broken.jsonl 2", cut);

        // back-to-back objects broken mid-file: one cut short after a nested object, one not JSON
        EventStream concat = agent("concat");
        String c1 = good(concat, "S-concat-1", t("09:00:00"));
        String c2 = concat.status("S-concat-cut", "CUSTOM", t("09:05:00")).event("STATE_CHANGE", t("09:05:00")).lines().get(1);
        c2 = c2.substring(0, c2.indexOf("\"Configuration\"") - 1); // ends with the AgentStatus object's "}"
        String c3 = good(concat, "S-concat-2", t("09:10:00"));
        String c4 = concat.status("S-concat-invalid", "CUSTOM", t("09:15:00")).event("STATE_CHANGE", t("09:15:00")).lines().get(3)
                .replace("\"Version\":\"2019-05-25\"", "\"Version\":2019-05-25");
        String c5 = good(concat, "S-concat-3", t("09:20:00"));
        write(in.resolve("b/concatenated.json"), c1 + c2 + c3 + c4 + c5);
        expect("concatenated.json", 5, 3, 0, 2);
        quarantined("concatenated.json", 1, c1.length() + 1, "malformed_json");
        quarantined("concatenated.json", 1, c1.length() + c2.length() + c3.length() + 1, "malformed_json");
        RAW.put("concatenated.json 1:" + (c1.length() + 1), c2);

        // gzip without a .gz name, cut a few bytes after the first three records were flushed
        EventStream gz = agent("gz");
        String[] flushed = {good(gz, "S-gz-1", t("09:00:00")), good(gz, "S-gz-2", t("09:10:00")), good(gz, "S-gz-3", t("09:20:00"))};
        EventStream lost = agent("gz-lost");
        for (int i = 0; i < 40; i++) {
            lost.status("S-lost-" + i, "CUSTOM", t("10:" + (10 + i) + ":00")).event("STATE_CHANGE", t("10:" + (10 + i) + ":00"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(bytes, true);
        out.write(lines(flushed).getBytes(StandardCharsets.UTF_8));
        out.flush();
        int flushedBytes = bytes.size();
        out.write(lines(lost.lines().toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
        out.finish();
        write(in.resolve("c/truncated"), Arrays.copyOf(bytes.toByteArray(), flushedBytes + 6));
        write(in.resolve("c/header-only.gz"), Arrays.copyOf(bytes.toByteArray(), 5));
        expect("truncated", 4, 3, 0, 1);
        expect("header-only.gz", 1, 0, 0, 1);
        quarantined("truncated", 4, 1, "truncated_gzip");
        quarantined("header-only.gz", 1, 1, "truncated_gzip");

        // JSON that is not an object
        EventStream nonObject = agent("nonobj");
        write(in.resolve("d/not-objects.jsonl"), lines("[1,2]", "\"x\"", "42", good(nonObject, "S-nonobj-1", t("14:00:00"))));
        expect("not-objects.jsonl", 4, 1, 0, 3);
        for (int line = 1; line <= 3; line++) {
            quarantined("not-objects.jsonl", line, 1, "not_json_object");
        }

        // required fields missing / null / blank / not a string, and timestamps that do not parse
        EventStream fields = agent("fields");
        fields.status("S-fields-bad", "CUSTOM", t("10:00:00")).event("STATE_CHANGE", t("10:00:00"));
        String template = last(fields);
        List<String> fieldLines = new ArrayList<>();
        int n = 0;
        for (String field : new String[] {"AgentARN", "EventId", "EventTimestamp", "EventType"}) {
            int id = n;
            fieldLines.add(edit(template, r -> r.put("EventId", "f-" + id).remove(field)));
            fieldLines.add(edit(template, r -> r.put("EventId", "f-" + id + "n").putNull(field)));
            fieldLines.add(edit(template, r -> r.put("EventId", "f-" + id + "b").put(field, "  ")));
            fieldLines.add(edit(template, r -> r.put("EventId", "f-" + id + "s").put(field, 12)));
            quarantined("fields.jsonl", ++n, 1, "missing_field");
            quarantined("fields.jsonl", ++n, 1, "missing_field");
            quarantined("fields.jsonl", ++n, 1, "blank_field");
            quarantined("fields.jsonl", ++n, 1, "field_not_string");
        }
        for (String bad : List.of("2025-06-18 10:00:00", "18/06/2025 10:00", "2025-06-18T10:00:00.1234567891Z")) {
            int id = n;
            fieldLines.add(edit(template, r -> r.put("EventId", "f-" + id).put("EventTimestamp", bad)));
            quarantined("fields.jsonl", ++n, 1, "bad_timestamp");
        }
        String big = edit(template, r -> r.put("Junk", "z".repeat(50_000)).remove("EventId"));
        fieldLines.add(big);
        quarantined("fields.jsonl", ++n, 1, "missing_field");
        RAW.put("fields.jsonl " + n, big.substring(0, 16_384));
        fieldLines.add(good(fields, "S-fields-ok", t("10:30:00")));
        write(in.resolve("d/fields.jsonl"), lines(fieldLines.toArray(String[]::new)));
        expect("fields.jsonl", n + 1, 1, 0, n);

        // timestamps with 0-9 fraction digits and every offset form; the interval starts check them
        EventStream ts = agent("ts");
        for (String time : TIMESTAMPS.keySet()) {
            good(ts, "S-ts-" + time, time);
        }
        write(in.resolve("e/timestamps.jsonl"), lines(ts.lines().toArray(String[]::new)));
        expect("timestamps.jsonl", TIMESTAMPS.size(), TIMESTAMPS.size(), 0, 0);

        // old null snapshots, lower-case enums, TASKS, unknown EventType, unknown fields, a contact
        // without ContactId, NextAgentStatus spelled EnqueueTimestamp
        EventStream odd = agent("odd");
        List<String> oddLines = new ArrayList<>();
        oddLines.add(edit(odd.eventWithoutSnapshot("LOGIN", t("11:00:00")).lines().get(0), r -> r.put("Version", "2017-10-01")));
        odd.status("S-odd-lower", "custom", t("11:05:00")).event("state_change", t("11:05:00"));
        oddLines.add(last(odd));
        odd.contacts(contact("c-task", "tasks", "api", "connected", t("11:10:00"), t("11:10:00"))).event("STATE_CHANGE", t("11:10:00"));
        oddLines.add(last(odd));
        odd.noContacts().status("S-odd-unknown-type", "CUSTOM", t("11:20:00")).event("AGENT_SOMETHING_NEW", t("11:20:00"));
        oddLines.add(last(odd));
        odd.status("S-odd-extra", "CUSTOM", t("11:30:00")).event("STATE_CHANGE", t("11:30:00"));
        oddLines.add(edit(last(odd), r -> {
            r.put("FieldFrom2030", 1);
            r.putObject("AnotherNewThing").putArray("x").add(true);
            ((ObjectNode) r.get("CurrentAgentSnapshot")).put("NewSnapshotField", "y");
        }));
        ObjectNode noId = contact("ignored", "VOICE", "INBOUND", "CONNECTED", t("11:40:00"), t("11:40:00"));
        noId.remove("ContactId");
        odd.contacts(noId).status("S-odd-no-contact-id", "CUSTOM", t("11:40:00")).event("STATE_CHANGE", t("11:40:00"));
        oddLines.add(last(odd));
        odd.noContacts().status("S-odd-next", "CUSTOM", t("11:50:00")).event("STATE_CHANGE", t("11:50:00"));
        oddLines.add(edit(last(odd), r -> ((ObjectNode) r.get("CurrentAgentSnapshot")).putObject("NextAgentStatus")
                .put("ARN", "arn:x").put("Name", "Lunch").put("EnqueueTimestamp", t("11:55:00"))));
        oddLines.add(edit(odd.eventWithoutSnapshot("LOGOUT", t("12:00:00")).lines().get(odd.lines().size() - 1),
                r -> r.put("Version", "2017-10-01")));
        write(in.resolve("e/odd.jsonl"), lines(oddLines.toArray(String[]::new)));
        expect("odd.jsonl", 8, 8, 0, 0);
        EXPECTED_STATUSES.put("odd", new TreeSet<>(List.of("S-odd-lower", "Connected", "S-odd-unknown-type", "S-odd-extra",
                "S-odd-no-contact-id", "S-odd-next", "Offline")));

        // a 10 MB single line: a valid record with a huge unknown field
        EventStream huge = agent("huge");
        String h1 = edit(good(huge, "S-huge-1", t("12:00:00")), r -> r.put("Junk", "h".repeat(10 << 20)));
        write(in.resolve("f/huge.jsonl"), lines(h1, good(huge, "S-huge-2", t("12:10:00"))));
        expect("huge.jsonl", 2, 2, 0, 0);

        // no records at all
        write(in.resolve("f/empty.jsonl"), "");
        write(in.resolve("f/blank.jsonl"), "  \n\t\n\r\n   ");
        expect("empty.jsonl", 0, 0, 0, 0);
        expect("blank.jsonl", 0, 0, 0, 0);

        // bytes that are not UTF-8 (a Latin-1 "é") between two good lines
        EventStream latin = agent("latin");
        String l1 = good(latin, "S-latin-1", t("13:00:00"));
        latin.username("Jos\u00e9").status("S-latin-bad", "CUSTOM", t("13:05:00")).event("STATE_CHANGE", t("13:05:00"));
        byte[] latinLine = last(latin).getBytes(StandardCharsets.ISO_8859_1);
        String l3 = good(latin.username("latin"), "S-latin-2", t("13:10:00"));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes((l1 + "\n").getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes(latinLine);
        mixed.writeBytes(("\n" + l3 + "\n").getBytes(StandardCharsets.UTF_8));
        write(in.resolve("f/latin1.jsonl"), mixed.toByteArray());
        expect("latin1.jsonl", 3, 2, 0, 1);
        quarantined("latin1.jsonl", 2, 1, "invalid_utf8");

        // a name with a comma and glob characters is a name, not a pattern
        EventStream globName = agent("globname");
        write(in.resolve("f/name, with [glob] {chars}*?.jsonl"), lines(good(globName, "S-globname-1", t("16:00:00")), "42"));
        expect("name, with [glob] {chars}*?.jsonl", 2, 1, 0, 1);
        quarantined("name, with [glob] {chars}*?.jsonl", 2, 1, "not_json_object");

        // never read: hidden and marker files
        write(in.resolve("f/.hidden.jsonl"), "garbage\n");
        write(in.resolve("f/_SUCCESS"), "garbage\n");

        ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        tables = new Tables(tmp.resolve("warehouse/agent_activity").toString());
        RunOptions options = new RunOptions(List.of(in.toString()), "json", DAY, DAY, tables.audit(), 1, 2, 1.0);
        result = new AuditJob(SparkTestSession.get(), new Progress(new PrintStream(progressBytes, true, StandardCharsets.UTF_8)))
                .run(options);
        progress = progressBytes.toString(StandardCharsets.UTF_8);
    }

    /** EventTimestamp as written → the instant it must parse to (truncated to milliseconds). */
    private static final Map<String, String> TIMESTAMPS = new LinkedHashMap<>();

    static {
        TIMESTAMPS.put("2025-06-18T10:00:00Z", "2025-06-18T10:00:00Z");
        TIMESTAMPS.put("2025-06-18T10:10:00.1Z", "2025-06-18T10:10:00.100Z");
        TIMESTAMPS.put("2025-06-18T06:20:00.123456789-04:00", "2025-06-18T10:20:00.123Z");
        TIMESTAMPS.put("2025-06-18T15:00:00.12+0430", "2025-06-18T10:30:00.120Z");
        TIMESTAMPS.put("2025-06-18T10:40:00", "2025-06-18T10:40:00Z");
        TIMESTAMPS.put("2025-06-18T10:50:00.12345+00:00", "2025-06-18T10:50:00.123Z");
    }

    private static String name(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    @Test
    void everyFileReconcilesReadWithValidDuplicatesAndQuarantined() {
        Map<String, List<Long>> actual = new TreeMap<>();
        for (RunResult.FileCounts f : result.files()) {
            actual.put(name(f.file()), List.of(f.read(), f.valid(), f.duplicates(), f.quarantined()));
            assertEquals(f.read(), f.valid() + f.duplicates() + f.quarantined(), f.file());
        }
        assertEquals(EXPECTED_COUNTS, actual);
        assertEquals(EXPECTED_COUNTS.size(), result.inputFiles());
    }

    @Test
    void theTotalsAddUpAndTheRunsTableHoldsThemForTheCommittedRun() {
        long read = EXPECTED_COUNTS.values().stream().mapToLong(c -> c.get(0)).sum();
        long valid = EXPECTED_COUNTS.values().stream().mapToLong(c -> c.get(1)).sum();
        long duplicates = EXPECTED_COUNTS.values().stream().mapToLong(c -> c.get(2)).sum();
        long quarantined = EXPECTED_COUNTS.values().stream().mapToLong(c -> c.get(3)).sum();
        assertEquals(List.of(66L, 33L, 2L, 31L), List.of(read, valid, duplicates, quarantined), "the hand count");
        assertEquals(List.of(read, valid, duplicates, quarantined),
                List.of(result.recordsRead(), result.eventsValid(), result.duplicates(), result.quarantined()));
        assertTrue(progress.contains("read 66 records: 33 events, 2 duplicates, 31 quarantined"), progress);

        List<Row> runs = SparkTestSession.get().read().format("delta").load(tables.runs())
                .filter(col("run_id").equalTo(result.runId())).orderBy("recorded_at").collectAsList();
        assertEquals(List.of("STARTED", "COMMITTED"), runs.stream().map(r -> r.<String>getAs("state")).toList());
        Row committed = runs.get(1);
        assertEquals(List.of(read, valid, duplicates, quarantined, (long) EXPECTED_COUNTS.size(), result.tableVersion()),
                List.of(committed.<Long>getAs("records_read"), committed.<Long>getAs("events_valid"),
                        committed.<Long>getAs("duplicates"), committed.<Long>getAs("quarantined"),
                        committed.<Long>getAs("input_files"), committed.<Long>getAs("table_version")));
        assertEquals(result.slicesWritten(), (long) committed.<Long>getAs("slices_written"));
    }

    @Test
    void everyBadRecordIsInTheQuarantineTableWithItsReasonPositionAndRawText() {
        List<Row> rows = SparkTestSession.get().read().format("delta").load(tables.quarantine()).collectAsList();
        Set<String> actual = new TreeSet<>();
        for (Row r : rows) {
            actual.add(name(r.getAs("source_file")) + " " + r.getAs("line") + ":" + r.getAs("column") + " " + r.getAs("reason"));
            assertEquals(result.runId(), r.getAs("run_id"));
            assertNotNull(r.getAs("detail"), r.toString());
            assertNotNull(r.getAs("raw"), r.toString());
            assertTrue(r.<String>getAs("raw").length() <= 16_384, "raw text is truncated");
            assertTrue(r.<String>getAs("source_file").startsWith("file:" + tmp), r.<String>getAs("source_file"));
        }
        assertEquals(EXPECTED_QUARANTINE, actual);
        assertEquals(31, rows.size());

        Map<String, Row> byPosition = new TreeMap<>();
        rows.forEach(r -> byPosition.put(name(r.getAs("source_file")) + " " + r.getAs("line")
                + (r.<Long>getAs("column") > 1 ? ":" + r.getAs("column") : ""), r));
        RAW.forEach((position, raw) -> assertEquals(raw, byPosition.get(position).getAs("raw"), position));
        assertEquals("EventId is missing or null", byPosition.get("fields.jsonl 5").getAs("detail"));
        assertEquals("AgentARN is not a string but BIGINT", byPosition.get("fields.jsonl 4").getAs("detail"));
        assertTrue(byPosition.get("latin1.jsonl 2").<String>getAs("raw").contains("Jos\ufffd"));
        assertTrue(byPosition.get("truncated 4").<String>getAs("detail").startsWith("truncated_gzip: "),
                byPosition.get("truncated 4").<String>getAs("detail"));
    }

    @Test
    void everyGoodRecordIsUsed() {
        Dataset<Row> audit = SparkTestSession.get().read().format("delta").load(tables.audit());
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Row r : audit.select("agent_username", "status").collectAsList()) {
            actual.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
        }
        assertEquals(EXPECTED_STATUSES, actual);
        Row task = audit.filter(col("contact_id").equalTo("c-task")).first();
        assertEquals(List.of("TASK", "API", "CONNECTED", "Connected"),
                List.of(task.getAs("channel"), task.getAs("initiation_method"), task.getAs("contact_state"), task.getAs("status")));
        assertEquals(0, audit.filter(col("agent_username").equalTo("gz-lost")).count(), "records after the gzip cut are lost");
    }

    @Test
    void timestampsOfEveryShapeGiveTheRightInstants() {
        Map<String, Instant> actual = new TreeMap<>();
        for (Row r : SparkTestSession.get().read().format("delta").load(tables.audit())
                .filter(col("agent_username").equalTo("ts")).collectAsList()) {
            actual.put(r.<String>getAs("agent_status_name").substring("S-ts-".length()), ((Timestamp) r.getAs("interval_start")).toInstant());
        }
        Map<String, Instant> expected = new TreeMap<>();
        TIMESTAMPS.forEach((text, instant) -> expected.put(text, Instant.parse(instant)));
        assertEquals(expected, actual);
    }

    @Test
    void parquetRecordsNameTheirFileAsTheListingDoesWhateverCharactersThePathHolds() throws IOException {
        SparkSession spark = SparkTestSession.get();
        EventStream a = agent("pq");
        good(a, "S-pq-1", t("15:00:00"));
        a.lines().add(edit(template(a), r -> r.put("EventId", "pq-bad").remove("AgentARN")));
        Path json = tmp.resolve("pq source.jsonl");
        write(json, lines(a.lines().toArray(String[]::new)));
        Path in = tmp.resolve("parquet in [x], y");
        spark.read().schema(org.agentaudit.read.EventSchema.PARQUET_RECORD).json(json.toString()).coalesce(1)
                .write().parquet(in.resolve("day {one}").toString());

        Tables pq = new Tables(tmp.resolve("pq warehouse/agent_activity").toString());
        RunResult run = new AuditJob(spark, Progress.silent())
                .run(new RunOptions(List.of(in.toString()), "parquet", DAY, DAY, pq.audit(), 1, 2, 1.0));
        assertEquals(1, run.files().size(), run.files().toString());
        RunResult.FileCounts file = run.files().get(0);
        assertTrue(file.file().contains("/parquet in [x], y/day {one}/part-"), file.file());
        assertEquals(List.of(2L, 1L, 0L, 1L), List.of(file.read(), file.valid(), file.duplicates(), file.quarantined()));
        Row q = spark.read().format("delta").load(pq.quarantine()).first();
        assertEquals(file.file(), q.getAs("source_file"));
        assertEquals("missing_field", q.getAs("reason"));
    }

    private static String template(EventStream a) {
        return last(a);
    }
}
