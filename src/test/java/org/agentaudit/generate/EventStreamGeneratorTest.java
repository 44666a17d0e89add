package org.agentaudit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.agentaudit.cli.GenerateCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The synthetic stream must look like what Firehose lands from Amazon Connect, because the job's
 * tests and benchmarks trust it: layout, record shape, event semantics and delivery quirks.
 */
class EventStreamGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate START = LocalDate.of(2025, 6, 18);
    private static final int AGENTS = 16, DAYS = 3;
    private static final long SEED = 7;
    private static final long HOUR = 3_600_000;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern OBJECT_PATH = Pattern.compile(
        "(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/agent-events-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-" + UUID.pattern());

    /** One record as read back: where it was and what it says. */
    record Rec(String file, long hourStart, int position, String raw, JsonNode node) {
        String eventId() {
            return node.get("EventId").asText();
        }

        String type() {
            return node.get("EventType").asText();
        }

        String agent() {
            return node.get("AgentARN").asText();
        }

        long time() {
            return Instant.parse(node.get("EventTimestamp").asText()).toEpochMilli();
        }

        JsonNode current() {
            return node.get("CurrentAgentSnapshot");
        }
    }

    @TempDir
    static Path shared;
    static GenerateResult result;
    static List<Rec> records;
    static Map<String, byte[]> fileBytes;
    /** Per agent, distinct events in EventTimestamp, EventId order. */
    static Map<String, List<Rec>> byAgent;

    @BeforeAll
    static void generateOnce() throws IOException {
        Path out = shared.resolve("stream");
        result = EventStreamGenerator.generate(GeneratorOptions.of(AGENTS, DAYS, START, out, SEED));
        fileBytes = readTree(out);
        records = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : fileBytes.entrySet()) records.addAll(parse(f.getKey(), f.getValue()));
        byAgent = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Rec r : records) {
            if (seen.add(r.eventId())) byAgent.computeIfAbsent(r.agent(), k -> new ArrayList<>()).add(r);
        }
        for (List<Rec> l : byAgent.values()) {
            l.sort(Comparator.comparingLong(Rec::time).thenComparing(Rec::eventId));
        }
    }

    // ---- determinism ------------------------------------------------------------------------------

    @Test
    void sameOptionsGiveIdenticalBytesWhateverTheThreadsAndAnotherSeedDiffers(@TempDir Path dir) throws IOException {
        GeneratorOptions base = GeneratorOptions.of(6, 2, START, dir.resolve("a"), 42);
        EventStreamGenerator.generate(base.withThreads(1));
        EventStreamGenerator.generate(GeneratorOptions.of(6, 2, START, dir.resolve("b"), 42).withThreads(3));
        EventStreamGenerator.generate(GeneratorOptions.of(6, 2, START, dir.resolve("c"), 43));
        Map<String, byte[]> a = readTree(dir.resolve("a")), b = readTree(dir.resolve("b")), c = readTree(dir.resolve("c"));
        assertFalse(a.isEmpty());
        assertTrue(a.keySet().equals(b.keySet()), "same file tree: " + a.size() + " vs " + b.size() + " files, "
            + a.keySet().stream().filter(k -> !b.containsKey(k)).findFirst().orElse("-") + " only in one");
        for (String name : a.keySet()) assertArrayEquals(a.get(name), b.get(name), name);
        assertFalse(a.keySet().equals(c.keySet()), "another seed gives other files");
        Set<String> agentsA = parseAll(a).stream().map(Rec::agent).collect(Collectors.toSet());
        Set<String> agentsC = parseAll(c).stream().map(Rec::agent).collect(Collectors.toSet());
        assertTrue(java.util.Collections.disjoint(agentsA, agentsC), "ARNs derive from the seed");
    }

    // ---- layout -----------------------------------------------------------------------------------

    @Test
    void firehoseLayoutHourPrefixesGzipWithoutExtensionBothFramings() {
        int backToBack = 0, jsonLines = 0;
        for (Map.Entry<String, byte[]> f : fileBytes.entrySet()) {
            String name = f.getKey();
            assertTrue(OBJECT_PATH.matcher(name).matches(), "Firehose path: " + name);
            String base = name.substring(name.lastIndexOf('/') + 1);
            assertFalse(base.startsWith(".") || base.startsWith("_") || base.endsWith(".gz"), name);
            byte[] gz = f.getValue();
            assertTrue(gz.length > 2 && (gz[0] & 0xFF) == 0x1f && (gz[1] & 0xFF) == 0x8b, "gzip magic: " + name);
            String text = gunzip(gz);
            if (text.endsWith("\n")) {
                jsonLines++;
                for (String line : text.split("\n")) assertTrue(line.startsWith("{\"AWSAccountId\"") && line.endsWith("}"), name);
            } else {
                backToBack++;
                assertFalse(text.contains("\n"), name);
                assertTrue(text.contains("}{") || !text.substring(1).contains("{\"AWSAccountId\""), name);
            }
        }
        assertEquals(result.files(), fileBytes.size());
        assertEquals(result.concatenatedFiles(), backToBack);
        double share = (double) backToBack / fileBytes.size();
        assertTrue(share > 0.15 && share < 0.45, "about 30 % back to back, got " + share);
        assertTrue(jsonLines > 0);
    }

    @Test
    void hourPrefixIsTheArrivalHourSomeEventsLandInALaterHour() {
        long later = 0;
        for (Rec r : records) {
            long t = r.time();
            assertTrue(t < r.hourStart() + HOUR, "an event cannot arrive before it happened: " + r.file());
            assertTrue(t >= r.hourStart() - HOUR, "delivery delays stay under an hour: " + r.file());
            if (t < r.hourStart()) later++;
        }
        assertTrue(later > 0, "some events land in the next hour's prefix");
        assertTrue(later < records.size() * 0.05, "but only some: " + later);
    }

    @Test
    void someLinesAreOutOfOrderWithinAFile() {
        long outOfOrder = 0;
        // Re-delivered duplicates are out of order too; leave them out to see the overtaken events.
        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(Rec::eventId, Collectors.counting()));
        Map<String, List<Rec>> byFile = records.stream().filter(r -> copies.get(r.eventId()) == 1)
            .collect(Collectors.groupingBy(Rec::file));
        for (List<Rec> file : byFile.values()) {
            Map<String, Long> lastSeen = new HashMap<>();
            file.sort(Comparator.comparingInt(Rec::position));
            for (Rec r : file) {
                Long prev = lastSeen.put(r.agent(), r.time());
                if (prev != null && prev > r.time()) outOfOrder++;
            }
        }
        assertTrue(outOfOrder > 0, "some agent's lines are out of EventTimestamp order in a file");
    }

    // ---- record shape -----------------------------------------------------------------------------

    @Test
    void everyRecordParsesAndHasTheFieldsOfARealRecord() {
        assertEquals(result.records(), records.size());
        for (Rec r : records) {
            JsonNode n = r.node();
            String where = r.file() + " #" + r.position();
            assertTrue(n.get("AWSAccountId").asText().matches("\\d{12}"), where);
            String instance = n.get("InstanceARN").asText();
            assertTrue(instance.matches("arn:aws:connect:[a-z0-9-]+:\\d{12}:instance/" + UUID.pattern()), where);
            assertTrue(r.agent().matches(Pattern.quote(instance) + "/agent/" + UUID.pattern()), where);
            assertTrue(UUID.matcher(r.eventId()).matches(), where);
            assertTrue(TIMESTAMP.matcher(n.get("EventTimestamp").asText()).matches(), where);
            assertTrue(Set.of("LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT").contains(r.type()), where);
            assertEquals("2019-05-25", n.get("Version").asText(), where);
            assertSnapshot(r.current(), where);
            JsonNode prev = n.get("PreviousAgentSnapshot");
            assertTrue(prev != null, "PreviousAgentSnapshot is always present: " + where);
            if (r.type().equals("STATE_CHANGE")) assertSnapshot(prev, where);
            else assertTrue(prev.isNull(), "PreviousAgentSnapshot is null on " + r.type() + ": " + where);
        }
    }

    private static void assertSnapshot(JsonNode s, String where) {
        assertTrue(s != null && s.isObject(), where);
        JsonNode status = s.get("AgentStatus");
        assertTrue(status.get("ARN").asText().contains("/agent-state/"), where);
        assertTrue(Set.of("ROUTABLE", "OFFLINE", "CUSTOM").contains(status.get("Type").asText()), where);
        assertTrue(TIMESTAMP.matcher(status.get("StartTimestamp").asText()).matches(), where);
        assertTrue(status.get("Name").isTextual(), where);
        JsonNode config = s.get("Configuration");
        assertTrue(config.get("Username").asText().matches("agent\\d{4,}"), where);
        assertTrue(config.get("FirstName").isTextual() && config.get("LastName").isTextual(), where);
        assertTrue(config.has("AgentHierarchyGroups") && config.get("Proficiencies").isArray(), where);
        JsonNode rp = config.get("RoutingProfile");
        assertTrue(rp.get("ARN").asText().contains("/routing-profile/") && rp.get("Name").isTextual(), where);
        assertTrue(rp.get("InboundQueues").size() >= 2, where);
        assertTrue(rp.get("InboundQueues").get(0).get("Name").isNull(), "the agent's own queue has no name: " + where);
        assertTrue(rp.get("DefaultOutboundQueue").get("ARN").asText().contains("/queue/"), where);
        assertEquals(3, rp.get("Concurrency").size(), where);
        assertTrue(s.get("Contacts").isArray() && s.has("NextAgentStatus"), where);
        for (JsonNode c : s.get("Contacts")) {
            for (String f : List.of("Channel", "ConnectedToAgentTimestamp", "ContactId", "InitialContactId",
                "InitiationMethod", "Queue", "QueueTimestamp", "State", "StateStartTimestamp")) {
                assertTrue(c.has(f), f + " in a contact: " + where);
            }
            assertTrue(UUID.matcher(c.get("ContactId").asText()).matches(), where);
            assertTrue(c.get("Queue").get("ARN").asText().contains("/queue/"), where);
        }
    }

    @Test
    void averageRecordIsTwoToThreeAndAHalfKilobytes() {
        double avg = result.averageRecordBytes();
        assertTrue(avg >= 2000 && avg <= 3500, "average record size " + avg);
        long raw = records.stream().mapToLong(r -> r.raw().getBytes(StandardCharsets.UTF_8).length).sum();
        assertEquals(result.recordBytes(), raw, "reported bytes are the bytes written");
    }

    // ---- delivery ---------------------------------------------------------------------------------

    @Test
    void duplicatesAtTheConfiguredRateAndByteIdentical() {
        Map<String, List<Rec>> copies = records.stream().collect(Collectors.groupingBy(Rec::eventId));
        long dups = records.size() - copies.size();
        assertEquals(result.duplicates(), dups);
        assertEquals(result.events(), copies.size());
        double rate = (double) dups / copies.size();
        assertTrue(rate > 0.006 && rate < 0.014, "about 1 % duplicates, got " + rate);
        boolean otherFile = false;
        for (List<Rec> c : copies.values()) {
            if (c.size() < 2) continue;
            assertEquals(c.get(0).raw(), c.get(1).raw(), "a duplicate is the same record re-delivered");
            otherFile |= !c.get(0).file().equals(c.get(1).file());
        }
        assertTrue(otherFile, "some duplicates land in another file");
    }

    @Test
    void duplicateRateIsAnOption(@TempDir Path dir) throws IOException {
        GenerateResult r = EventStreamGenerator.generate(
            GeneratorOptions.of(6, 1, START, dir, 3).withRates(0, 0.1, 0));
        List<Rec> recs = parseAll(readTree(dir));
        long distinct = recs.stream().map(Rec::eventId).distinct().count();
        double rate = (double) (recs.size() - distinct) / distinct;
        assertTrue(rate > 0.07 && rate < 0.13, "about 10 % duplicates, got " + rate);
        assertEquals(0, r.concatenatedFiles());
    }

    // ---- event semantics --------------------------------------------------------------------------

    @Test
    void heartbeatEvery120sWhileNothingHappensAndUpToAnHourAfterLogout() {
        long heartbeats = 0, afterLogout = 0;
        for (List<Rec> events : byAgent.values()) {
            boolean loggedIn = false;
            long logoutAt = -1;
            Rec prev = null;
            for (Rec r : events) {
                if (prev != null) {
                    long gap = r.time() - prev.time();
                    if (r.type().equals("HEART_BEAT")) {
                        heartbeats++;
                        assertTrue(gap >= 120_000 && gap <= 120_150, "heartbeat 120 s after the last event, got " + gap);
                    }
                    // (Offline without LOGOUT happens: closing the browser does not log out; silence may follow.)
                    boolean offline = prev.current().get("AgentStatus").get("Type").asText().equals("OFFLINE");
                    if (loggedIn && !offline) assertTrue(gap <= 120_150, "a logged-in agent is never silent > 120 s: " + gap);
                }
                switch (r.type()) {
                    case "LOGIN" -> {
                        loggedIn = true;
                        logoutAt = -1;
                    }
                    case "LOGOUT" -> {
                        loggedIn = false;
                        logoutAt = r.time();
                        assertEquals("OFFLINE", prev.current().get("AgentStatus").get("Type").asText(),
                            "Offline before logout");
                    }
                    case "HEART_BEAT" -> {
                        if (logoutAt >= 0) {
                            afterLogout++;
                            assertTrue(r.time() - logoutAt <= HOUR, "heartbeats for up to an hour after logout");
                        }
                    }
                    default -> {
                    }
                }
                prev = r;
            }
        }
        assertTrue(afterLogout > 0, "heartbeats after logout");
        assertTrue(heartbeats > result.events() / 2, "heartbeats are most of the volume: " + heartbeats);
    }

    @Test
    void shiftsOnTheRequestedDaysSomeCrossUtcAndLocalMidnight() {
        Map<String, ZoneId> zones = new HashMap<>();
        for (ContactCenter.Agent a : ContactCenter.build(SEED, AGENTS).agents) zones.put(a.arn, a.zone);
        long from = START.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = START.plusDays(DAYS).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int shifts = 0, crossUtc = 0, crossLocal = 0;
        Set<ZoneId> zonesSeen = new HashSet<>();
        for (Map.Entry<String, List<Rec>> e : byAgent.entrySet()) {
            ZoneId zone = zones.get(e.getKey());
            zonesSeen.add(zone);
            Long login = null;
            for (Rec r : e.getValue()) {
                if (r.type().equals("LOGIN")) {
                    login = r.time();
                    assertTrue(login >= from && login < to, "LOGIN within the requested days");
                    JsonNode st = r.current().get("AgentStatus");
                    assertEquals("Offline", st.get("Name").asText());
                    assertTrue(Instant.parse(st.get("StartTimestamp").asText()).toEpochMilli() < login,
                        "LOGIN shows the Offline status taken at the earlier logout");
                } else if (r.type().equals("LOGOUT") && login != null) {
                    shifts++;
                    long length = r.time() - login;
                    assertTrue(length > 7 * HOUR && length < 11 * HOUR, "about 8 h shifts: " + length);
                    if (!day(login, ZoneOffset.UTC).equals(day(r.time(), ZoneOffset.UTC))) crossUtc++;
                    if (!day(login, zone).equals(day(r.time(), zone))) crossLocal++;
                    login = null;
                }
            }
        }
        assertTrue(shifts >= AGENTS * DAYS / 2, "most agents work most days: " + shifts);
        assertTrue(crossUtc > 0, "some shifts cross UTC midnight");
        assertTrue(crossLocal > 0, "some night shifts cross local midnight");
        assertTrue(zonesSeen.size() >= 3, "a mix of home time zones: " + zonesSeen);
    }

    private static LocalDate day(long epochMs, ZoneId zone) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }

    private static final Map<String, Set<String>> NEXT_STATES = Map.of(
        "PENDING", Set.of("CONNECTING", "MISSED"),
        "CONNECTING", Set.of("CONNECTED", "MISSED", "REJECTED", "ERROR", "ENDED"),
        "CONNECTED", Set.of("CONNECTED_ONHOLD", "PAUSED", "ENDED"),
        "CONNECTED_ONHOLD", Set.of("CONNECTED"),
        "PAUSED", Set.of("CONNECTED"));
    private static final Set<String> LAST_STATES = Set.of("ENDED", "MISSED", "REJECTED", "ERROR");

    @Test
    void snapshotsChainAndContactsFollowTheirLifecycle() {
        Set<String> seen = new HashSet<>();
        int maxChats = 0;
        for (List<Rec> events : byAgent.values()) {
            Map<String, JsonNode> open = new HashMap<>();
            JsonNode before = null;
            for (Rec r : events) {
                JsonNode cur = r.current();
                String where = r.type() + " " + r.node().get("EventTimestamp").asText() + " " + r.agent();
                if (r.type().equals("STATE_CHANGE")) {
                    assertEquals(before, r.node().get("PreviousAgentSnapshot"), "previous = last current: " + where);
                }
                if (r.type().equals("HEART_BEAT")) assertEquals(before, cur, "a heartbeat changes nothing: " + where);
                JsonNode status = cur.get("AgentStatus");
                seen.add("status:" + status.get("Name").asText());
                if (before != null && !before.get("AgentStatus").get("Name").equals(status.get("Name"))
                    && !r.type().equals("LOGIN")) {
                    assertEquals(r.node().get("EventTimestamp"), status.get("StartTimestamp"), "status start: " + where);
                }
                if (!cur.get("NextAgentStatus").isNull()) seen.add("next:" + cur.get("NextAgentStatus").get("Name").asText());
                Map<String, Integer> perChannel = new HashMap<>();
                Map<String, JsonNode> now = new HashMap<>();
                for (JsonNode c : cur.get("Contacts")) {
                    String id = c.get("ContactId").asText(), state = c.get("State").asText();
                    String channel = c.get("Channel").asText(), method = c.get("InitiationMethod").asText();
                    perChannel.merge(channel, 1, Integer::sum);
                    seen.add(channel + ":" + method + ":" + state);
                    now.put(id, c);
                    JsonNode was = open.get(id);
                    if (was == null) {
                        assertTrue(state.equals("CONNECTING") || state.equals("PENDING"), "a contact starts offered: " + where);
                        assertEquals(state.equals("PENDING"), method.equals("CALLBACK"), where);
                        assertEquals(r.node().get("EventTimestamp"), c.get("StateStartTimestamp"), where);
                    } else if (!was.get("State").asText().equals(state)) {
                        assertTrue(NEXT_STATES.getOrDefault(was.get("State").asText(), Set.of()).contains(state),
                            was.get("State").asText() + " -> " + state + ": " + where);
                        assertEquals(r.node().get("EventTimestamp"), c.get("StateStartTimestamp"), "state start: " + where);
                    } else {
                        assertEquals(was.get("StateStartTimestamp"), c.get("StateStartTimestamp"), where);
                    }
                    JsonNode connected = c.get("ConnectedToAgentTimestamp");
                    if (state.equals("CONNECTED") && (was == null || was.get("ConnectedToAgentTimestamp").isNull())) {
                        assertEquals(r.node().get("EventTimestamp"), connected, "connected to agent when CONNECTED: " + where);
                    } else if (was != null) {
                        assertEquals(was.get("ConnectedToAgentTimestamp"), connected, where);
                    } else {
                        assertTrue(connected.isNull(), where);
                    }
                    if (state.equals("REJECTED")) assertNotEquals("VOICE", channel, "a rejected call shows as MISSED");
                    if (state.equals("PAUSED")) assertEquals("TASK", channel);
                    if (method.equals("OUTBOUND")) assertTrue(c.get("QueueTimestamp").isNull(), where);
                }
                for (Map.Entry<String, JsonNode> gone : open.entrySet()) {
                    if (!now.containsKey(gone.getKey())) {
                        assertTrue(LAST_STATES.contains(gone.getValue().get("State").asText()),
                            "a contact leaves after ENDED, MISSED, REJECTED or ERROR: " + where);
                    }
                }
                open = now;
                assertTrue(perChannel.getOrDefault("VOICE", 0) <= 1, where);
                if (perChannel.getOrDefault("VOICE", 0) == 1) assertEquals(1, now.size(), "voice is alone: " + where);
                for (JsonNode slot : cur.get("Configuration").get("RoutingProfile").get("Concurrency")) {
                    int used = perChannel.getOrDefault(slot.get("Channel").asText(), 0);
                    assertEquals(slot.get("MaximumSlots").asInt() - used, slot.get("AvailableSlots").asInt(), where);
                }
                maxChats = Math.max(maxChats, perChannel.getOrDefault("CHAT", 0));
                before = cur;
            }
        }
        assertTrue(maxChats >= 2, "concurrent chats");
        for (String expected : List.of("VOICE:INBOUND:CONNECTED", "VOICE:INBOUND:CONNECTED_ONHOLD", "VOICE:INBOUND:MISSED",
            "VOICE:INBOUND:ENDED", "VOICE:OUTBOUND:CONNECTING", "VOICE:OUTBOUND:CONNECTED", "VOICE:OUTBOUND:ENDED",
            "VOICE:CALLBACK:PENDING", "VOICE:CALLBACK:CONNECTING", "VOICE:TRANSFER:CONNECTED",
            "CHAT:API:CONNECTED", "CHAT:API:MISSED", "TASK:API:PAUSED", "TASK:API:REJECTED",
            "status:Available", "status:Offline", "status:Lunch", "status:Break", "status:Training", "status:Meeting")) {
            assertTrue(seen.contains(expected), "the stream has " + expected);
        }
        assertTrue(seen.stream().anyMatch(s -> s.endsWith(":ERROR")), "errors");
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("next:")), "NextAgentStatus while busy");
        assertEquals(2, records.stream().map(r -> r.node().get("InstanceARN").asText()).distinct().count(), "two instances");
    }

    // ---- helpers under test -----------------------------------------------------------------------

    @Test
    void timestampsAreFormattedLikeTheStream() {
        Rng r = new Rng(5);
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        byte[] b = new byte[24];
        for (int i = 0; i < 20_000; i++) {
            long ms = r.between(946_684_800_000L, 4_102_444_800_000L); // 2000 .. 2100
            Json.timestamp(ms, b, 0);
            assertEquals(iso.format(Instant.ofEpochMilli(ms)), new String(b, StandardCharsets.US_ASCII));
        }
    }

    // ---- the command ------------------------------------------------------------------------------

    @Test
    void commandRejectsBadValuesBeforeWritingAnything(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        String o = out.toString();
        assertBad("--start", "--agents", "2", "--days", "1", "--start", "2025-13-01", "--out", o);
        assertBad("--agents", "--agents", "0", "--days", "1", "--start", "2025-06-18", "--out", o);
        assertBad("--days", "--agents", "2", "--days", "0", "--start", "2025-06-18", "--out", o);
        assertBad("--concatenated-ratio", "--agents", "2", "--days", "1", "--start", "2025-06-18", "--out", o,
            "--concatenated-ratio", "1.5");
        assertBad("--file-minutes", "--agents", "2", "--days", "1", "--start", "2025-06-18", "--out", o,
            "--file-minutes", "7");
        assertBad("--out", "--agents", "2", "--days", "1", "--start", "2025-06-18");
        assertFalse(Files.exists(out), "nothing written");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        assertBad("not empty", "--agents", "2", "--days", "1", "--start", "2025-06-18", "--out", o);
    }

    private static void assertBad(String mention, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new GenerateCommand());
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cmd.execute(args), String.join(" ", args));
        assertTrue(err.toString().lines().findFirst().orElse("").contains(mention), err.toString());
    }

    @Test
    void commandWritesAndSummarises(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new GenerateCommand());
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute("--agents", "3", "--days", "1", "--start", "2025-06-18", "--out",
            dir.resolve("s").toString(), "--seed", "9", "--duplicate-rate", "0.05");
        assertEquals(0, code);
        String summary = out.toString();
        for (String word : List.of("files", "events", "duplicates", "bytes")) assertTrue(summary.contains(word), summary);
        assertFalse(readTree(dir.resolve("s")).isEmpty());
    }

    // ---- reading back -----------------------------------------------------------------------------

    static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static List<Rec> parseAll(Map<String, byte[]> files) throws IOException {
        List<Rec> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) all.addAll(parse(f.getKey(), f.getValue()));
        return all;
    }

    /** Reads JSON Lines and back-to-back objects alike, keeping each record's raw text. */
    static List<Rec> parse(String name, byte[] gz) throws IOException {
        java.util.regex.Matcher m = OBJECT_PATH.matcher(name);
        if (!m.matches()) fail("not a Firehose object path: " + name);
        long hourStart = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
            .atTime(Integer.parseInt(m.group(4)), 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        String text = gunzip(gz);
        List<Rec> out = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            int i = 0;
            while (p.nextToken() != null) {
                int from = (int) p.currentTokenLocation().getCharOffset();
                JsonNode node = JSON.readTree(p);
                int to = (int) p.currentLocation().getCharOffset();
                assertTrue(node.isObject(), name);
                out.add(new Rec(name, hourStart, i++, text.substring(from, to), node));
            }
        }
        return out;
    }

    static String gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("not gzip", e);
        }
    }
}
