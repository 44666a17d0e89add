package org.agentaudit.derive;

import static org.agentaudit.testing.EventStream.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.Pipeline;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * audit-status-rules.md sections 2–5 on hand-made streams. Each expected row was worked out from
 * the spec by hand; reports are in UTC unless a test is about zones, so times read as written.
 */
class StatusRulesTest {
    private static final LocalDate DAY = LocalDate.of(2025, 6, 18);

    private static String t(String time) {
        return "2025-06-18T" + time + "Z";
    }

    private static List<String> utcRows(EventStream agent) {
        return Pipeline.rows(agent.lines(), "alice", DAY, "UTC", "classic");
    }

    private static EventStream loggedIn() {
        return new EventStream("a1", "alice")
                .status("Offline", "OFFLINE", t("07:00:00")).event("LOGIN", t("08:00:00"))
                .status("Available", "ROUTABLE", t("08:00:10")).event("STATE_CHANGE", t("08:00:10"));
    }

    @Test
    void dominantContactByStatePrecedenceThenBackToTheConnectedOne() {
        EventStream a = loggedIn();
        a.contacts(contact("c1", "CHAT", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00")),
                contact("c2", "CHAT", "INBOUND", "CONNECTING", t("09:00:00"), null)).event("STATE_CHANGE", t("09:00:00"));
        a.contacts(contact("c1", "CHAT", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00")),
                contact("c2", "CHAT", "INBOUND", "MISSED", t("09:05:00"), null)).event("STATE_CHANGE", t("09:05:00"));
        a.contacts(contact("c1", "CHAT", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:06:00"));
        a.contacts(contact("c1", "CHAT", "INBOUND", "ENDED", t("09:10:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:10:00"));
        a.noContacts().event("STATE_CHANGE", t("09:11:00"));
        a.event("LOGOUT", t("10:00:00")).event("HEART_BEAT", t("10:30:00"));

        assertEquals(List.of(
                "Offline,2025-06-18 07:00:00,2025-06-18 08:00:10,01:00:10,,",
                "Available,2025-06-18 08:00:10,2025-06-18 09:00:00,00:59:50,,",
                "Connected,2025-06-18 09:00:00,2025-06-18 09:05:00,00:05:00,CHAT,c1",
                "Contact Missed,2025-06-18 09:05:00,2025-06-18 09:06:00,00:01:00,CHAT,c2",
                // back to c1: its StateStartTimestamp is before the previous event, so the event's time
                "Connected,2025-06-18 09:06:00,2025-06-18 09:10:00,00:04:00,CHAT,c1",
                "After Contact Work,2025-06-18 09:10:00,2025-06-18 09:11:00,00:01:00,CHAT,c1",
                "Available,2025-06-18 09:11:00,2025-06-18 10:00:00,00:49:00,,",
                "Offline,2025-06-18 10:00:00,2025-06-18 10:30:00,00:30:00,,"), utcRows(a));
    }

    @Test
    void tiesGoToTheEarlierStateStartThenTheSmallerContactId() {
        EventStream a = loggedIn();
        a.contacts(contact("c9", "CHAT", "INBOUND", "CONNECTING", t("09:00:01"), null),
                contact("c5", "CHAT", "INBOUND", "CONNECTING", t("09:00:02"), null)).event("STATE_CHANGE", t("09:00:03"));
        a.contacts(contact("c9", "CHAT", "INBOUND", "CONNECTING", t("09:00:01"), null),
                contact("c5", "CHAT", "INBOUND", "CONNECTING", t("09:00:02"), null),
                contact("c4", "CHAT", "INBOUND", "CONNECTING", null, null),
                contact("c7", "CHAT", "INBOUND", "CONNECTED", t("09:00:04"), t("09:00:04")),
                contact("c6", "CHAT", "INBOUND", "CONNECTED", t("09:00:04"), t("09:00:04"))).event("STATE_CHANGE", t("09:00:05"));
        a.noContacts().event("STATE_CHANGE", t("09:01:00"));

        List<String> rows = utcRows(a);
        assertEquals("Connecting Agent,2025-06-18 09:00:01,2025-06-18 09:00:04,00:00:03,CHAT,c9", rows.get(2));
        assertEquals("Connected,2025-06-18 09:00:04,2025-06-18 09:01:00,00:00:56,CHAT,c6", rows.get(3));
    }

    @Test
    void contactsWithoutAContactIdNeverDominate() {
        EventStream a = loggedIn();
        a.contacts(contact(null, "VOICE", "INBOUND", "ERROR", null, null),
                contact(" ", "VOICE", "INBOUND", "ERROR", null, null),
                contact("c3", "CHAT", "INBOUND", "RINGING", null, null)).event("STATE_CHANGE", t("09:00:00"));
        a.contacts(contact("", "VOICE", "INBOUND", "CONNECTED", null, null)).event("STATE_CHANGE", t("09:01:00"));
        a.noContacts().event("STATE_CHANGE", t("09:02:00"));

        List<String> rows = utcRows(a);
        assertEquals("RINGING,2025-06-18 09:00:00,2025-06-18 09:01:00,00:01:00,CHAT,c3", rows.get(2));
        assertEquals("Available,2025-06-18 09:01:00,2025-06-18 09:02:00,00:01:00,,", rows.get(3),
                "an event whose only contact has no ContactId shows the agent status");
    }

    /** One contact going through {@code states}; the label of its last row in both sets. */
    static Stream<Arguments> labelRows() {
        return Stream.of(
                Arguments.of("VOICE", "INBOUND", List.of("INCOMING"), "Joining Customer", "Connecting"),
                Arguments.of("VOICE", "CALLBACK", List.of("PENDING"), "Joining Customer", "Connecting"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTING"), "Connecting Agent", "Connecting Agent"),
                Arguments.of("VOICE", "FANCY_NEW_METHOD", List.of("CONNECTING"), "Connecting Agent", "Connecting Agent"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTING"), "Calling Customer", "Calling Customer"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTING", "CONNECTED"), "Connected", "Call Connected"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTING", "CONNECTED"), "Busy", "Busy"),
                Arguments.of("CHAT", "INBOUND", List.of("CONNECTED"), "Connected", "Connected"),
                Arguments.of("EMAIL", "AGENT_REPLY", List.of("CONNECTED"), "Busy", "Connected"),
                Arguments.of("SMS", "API", List.of("CONNECTED"), "Connected", "Connected"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTED", "CONNECTED_ONHOLD"), "Connected", "On Hold"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTED", "CONNECTED_ONHOLD"), "Busy", "On Hold"),
                Arguments.of("TASK", "API", List.of("CONNECTED", "PAUSED"), "Paused", "Paused"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTING", "MISSED"), "Agent Disconnected", "Agent Disconnected"),
                Arguments.of("CHAT", "INBOUND", List.of("CONNECTING", "MISSED"), "Contact Missed", "Contact Missed"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTING", "REJECTED"), "Agent Disconnected", "Agent Disconnected"),
                Arguments.of("CHAT", "INBOUND", List.of("CONNECTING", "REJECTED"), "Contact Missed", "Contact Missed"),
                Arguments.of("TASKS", "API", List.of("CONNECTING", "REJECTED"), "Rejected", "Rejected"),
                Arguments.of("EMAIL", "INBOUND", List.of("CONNECTING", "REJECTED"), "Rejected", "Rejected"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTING", "ERROR"), "Telecom issue", "Telecom issue"),
                Arguments.of("CHAT", "INBOUND", List.of("ERROR"), "Error", "Error"),
                Arguments.of("VOICE", "CALLBACK", List.of("CONNECTING", "ENDED"), "Missed Call Agent", "Missed Call Agent"),
                Arguments.of("VOICE", "CALLBACK", List.of("ENDED"), "After Contact Work", "After Contact Work"),
                Arguments.of("VOICE", "CALLBACK", List.of("CONNECTING", "CONNECTED", "ENDED"), "After Contact Work", "After Contact Work"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTING", "ENDED"), "Telecom issue", "Telecom issue"),
                Arguments.of("VOICE", "EXTERNAL_OUTBOUND", List.of("ENDED"), "Telecom issue", "Telecom issue"),
                Arguments.of("VOICE", "OUTBOUND", List.of("CONNECTING", "CONNECTED", "ENDED"), "After Contact Work", "After Contact Work"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTING", "ENDED"), "After Contact Work", "After Contact Work"),
                Arguments.of("CHAT", "INBOUND", List.of("CONNECTED", "ENDED"), "After Contact Work", "After Contact Work"),
                Arguments.of("VOICE", "INBOUND", List.of("CONNECTED", "WEIRD_NEW_STATE"), "WEIRD_NEW_STATE", "WEIRD_NEW_STATE"));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3} / {4}")
    @MethodSource("labelRows")
    void labelOfEachRowInBothSets(String channel, String method, List<String> states, String classic, String label2026) {
        EventStream a = loggedIn();
        String connected = null;
        int second = 0;
        for (String state : states) {
            String at = t(String.format("09:00:%02d", second));
            if (state.equals("CONNECTED")) {
                connected = at;
            }
            a.contacts(contact("c1", channel, method.toLowerCase(), state.toLowerCase(), at, connected)).event("STATE_CHANGE", at);
            second += 10;
        }
        a.noContacts().event("STATE_CHANGE", t("09:05:00"));
        assertEquals(classic, lastStatusOf("c1", Pipeline.rows(a.lines(), "alice", DAY, "UTC", "classic")));
        assertEquals(label2026, lastStatusOf("c1", Pipeline.rows(a.lines(), "alice", DAY, "UTC", "2026")));
    }

    private static String lastStatusOf(String contactId, List<String> rows) {
        String status = null;
        for (String row : rows) {
            if (row.endsWith("," + contactId)) {
                status = row.substring(0, row.indexOf(','));
            }
        }
        return status;
    }

    @Test
    void channelIsNormalisedAndShownOnlyForContacts() {
        EventStream a = loggedIn();
        a.contacts(contact("t1", " tasks ", "API", "CONNECTING", t("09:00:00"), null)).event("STATE_CHANGE", t("09:00:00"));
        a.noContacts().event("STATE_CHANGE", t("09:01:00"));
        List<String> rows = utcRows(a);
        assertEquals("Connecting Agent,2025-06-18 09:00:00,2025-06-18 09:01:00,00:01:00,TASK,t1", rows.get(2));
        assertEquals("Available,2025-06-18 09:01:00,2025-06-18 09:01:00,00:00:00,,", rows.get(3));
    }

    @Test
    void startTimeIsTheStatesOwnTimeOnlyBetweenThePreviousEventAndThisOne() {
        EventStream a = loggedIn();
        a.status("Lunch", "CUSTOM", t("08:59:30")).event("STATE_CHANGE", t("09:00:00"));      // own time after previous event
        a.status("Training", "CUSTOM", t("08:30:00")).event("STATE_CHANGE", t("09:30:00"));   // own time before previous event
        a.status("Meeting", "CUSTOM", t("10:30:00")).event("STATE_CHANGE", t("10:00:00"));    // own time after the event (clock skew)
        a.event("HEART_BEAT", t("10:45:00"));
        assertEquals(List.of(
                "Offline,2025-06-18 07:00:00,2025-06-18 08:00:10,01:00:10,,",
                "Available,2025-06-18 08:00:10,2025-06-18 08:59:30,00:59:20,,",
                "Lunch,2025-06-18 08:59:30,2025-06-18 09:30:00,00:30:30,,",
                "Training,2025-06-18 09:30:00,2025-06-18 10:00:00,00:30:00,,",
                "Meeting,2025-06-18 10:00:00,2025-06-18 10:45:00,00:45:00,,"), utcRows(a));
    }

    @Test
    void firstIntervalKeepsItsOwnTimeUnlessALoginIntoAStatusOtherThanOffline() {
        EventStream offline = new EventStream("a1", "alice")
                .status("Offline", "OFFLINE", "2025-06-15T07:00:00Z").event("LOGIN", t("08:00:00"))
                .status("Available", "ROUTABLE", t("08:00:10")).event("STATE_CHANGE", t("08:00:10"));
        assertEquals("Offline,2025-06-18 00:00:00,2025-06-18 08:00:10,08:00:10,,", utcRows(offline).get(0));

        EventStream available = new EventStream("a1", "alice")
                .status("Available", "ROUTABLE", "2025-06-15T07:00:00Z").event("LOGIN", t("08:00:00"))
                .event("HEART_BEAT", t("08:02:00"));
        assertEquals(List.of("Available,2025-06-18 08:00:00,2025-06-18 08:02:00,00:02:00,,"), utcRows(available));

        EventStream midShift = new EventStream("a1", "alice")  // data read starts mid-shift: no LOGIN
                .status("Available", "ROUTABLE", t("06:00:00")).event("HEART_BEAT", t("08:00:00"))
                .event("HEART_BEAT", t("08:02:00"));
        assertEquals(List.of("Available,2025-06-18 06:00:00,2025-06-18 08:02:00,02:02:00,,"), utcRows(midShift));
    }

    @Test
    void holdAndReturnFromHoldStartAtTheirEvents() {
        EventStream a = loggedIn();
        a.contacts(contact("v1", "VOICE", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:00:00"));
        a.contacts(contact("v1", "VOICE", "INBOUND", "CONNECTED_ONHOLD", t("09:00:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:02:00"));
        a.contacts(contact("v1", "VOICE", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:03:00"));
        a.contacts(contact("v1", "VOICE", "INBOUND", "ENDED", t("09:05:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:05:00"));
        a.noContacts().event("STATE_CHANGE", t("09:06:00"));
        List<String> rows2026 = Pipeline.rows(a.lines(), "alice", DAY, "UTC", "2026");
        assertEquals(List.of(
                "Call Connected,2025-06-18 09:00:00,2025-06-18 09:02:00,00:02:00,VOICE,v1",
                "On Hold,2025-06-18 09:02:00,2025-06-18 09:03:00,00:01:00,VOICE,v1",
                "Call Connected,2025-06-18 09:03:00,2025-06-18 09:05:00,00:02:00,VOICE,v1"), rows2026.subList(2, 5));
        // classic: the hold is part of one Connected row
        assertEquals("Connected,2025-06-18 09:00:00,2025-06-18 09:05:00,00:05:00,VOICE,v1", utcRows(a).get(2));
    }

    @Test
    void logoutHandling() {
        EventStream a = loggedIn();
        a.event("LOGOUT", t("10:00:00"));                                         // snapshot still says Available
        a.status("Available", "ROUTABLE", t("10:10:00")).event("HEART_BEAT", t("10:10:00")); // heartbeat after logout: nothing
        a.eventWithoutSnapshot("LOGIN", t("11:00:00"));                           // ends the logout, still Offline
        a.status("Available", "ROUTABLE", t("11:00:05")).event("STATE_CHANGE", t("11:00:05"));
        a.event("LOGOUT", t("12:00:00"));
        a.status("Break", "CUSTOM", t("12:30:00")).event("STATE_CHANGE", t("12:30:00")); // a snapshot event ends a logout too
        a.event("HEART_BEAT", t("13:00:00"));
        assertEquals(List.of(
                "Offline,2025-06-18 07:00:00,2025-06-18 08:00:10,01:00:10,,",
                "Available,2025-06-18 08:00:10,2025-06-18 10:00:00,01:59:50,,",
                "Offline,2025-06-18 10:00:00,2025-06-18 11:00:05,01:00:05,,",
                "Available,2025-06-18 11:00:05,2025-06-18 12:00:00,00:59:55,,",
                "Offline,2025-06-18 12:00:00,2025-06-18 12:30:00,00:30:00,,",
                "Break,2025-06-18 12:30:00,2025-06-18 13:00:00,00:30:00,,"), utcRows(a));
    }

    @Test
    void eventsThatChangeNothingStartNothing() {
        EventStream a = loggedIn();
        a.eventWithoutSnapshot("HEART_BEAT", t("09:00:00"));
        a.eventWithoutSnapshot("STATE_CHANGE", t("09:10:00"));
        a.noStatus().event("STATE_CHANGE", t("09:20:00")); // neither AgentStatus nor contacts
        a.status("Available", "ROUTABLE", t("08:00:10")).username("alice").event("HEART_BEAT", t("09:30:00"));
        assertEquals(List.of(
                "Offline,2025-06-18 07:00:00,2025-06-18 08:00:10,01:00:10,,",
                "Available,2025-06-18 08:00:10,2025-06-18 09:30:00,01:29:50,,"), utcRows(a));
    }

    @Test
    void aHeartbeatShowingAnotherKeyStartsAnInterval() {
        EventStream a = loggedIn();
        a.status("Lunch", "CUSTOM", t("09:00:00")).event("HEART_BEAT", t("09:01:00")); // the STATE_CHANGE was lost
        a.event("HEART_BEAT", t("09:03:00"));
        assertEquals("Lunch,2025-06-18 09:00:00,2025-06-18 09:03:00,00:03:00,,", utcRows(a).get(2));
    }

    @Test
    void zeroLengthIntervalsAreKept() {
        EventStream a = loggedIn();
        a.contacts(contact("c1", "CHAT", "INBOUND", "CONNECTING", t("09:00:00"), null)).event("STATE_CHANGE", t("09:00:00"), "e-0001");
        a.contacts(contact("c1", "CHAT", "INBOUND", "CONNECTED", t("09:00:00"), t("09:00:00"))).event("STATE_CHANGE", t("09:00:00"), "e-0002");
        a.noContacts().event("STATE_CHANGE", t("09:01:00"));
        assertEquals(List.of(
                "Connecting Agent,2025-06-18 09:00:00,2025-06-18 09:00:00,00:00:00,CHAT,c1",
                "Connected,2025-06-18 09:00:00,2025-06-18 09:01:00,00:01:00,CHAT,c1"), utcRows(a).subList(2, 4));
        long zeroLength = Pipeline.slices(a.lines(), DAY, DAY).filter("duration_ms = 0 AND contact_state = 'CONNECTING'").count();
        assertEquals(1, zeroLength);
    }

    /**
     * A contact's history is what its day's window holds (section 6): a callback dialled before
     * W(18th) = [17th, 20th) and ended inside it is "was dialling" for the 17th but not for the 18th,
     * in one run over both days just as in a run of each day alone.
     */
    @Test
    void aContactsHistoryIsWhatEachDaysWindowShows() {
        EventStream a = new EventStream("a1", "alice").status("Available", "ROUTABLE", "2025-06-16T23:00:00Z");
        a.contacts(contact("c1", "VOICE", "CALLBACK", "CONNECTING", "2025-06-16T23:50:00Z", null)).event("STATE_CHANGE", "2025-06-16T23:50:00Z");
        a.contacts(contact("c1", "VOICE", "CALLBACK", "ENDED", "2025-06-17T00:10:00Z", null)).event("STATE_CHANGE", "2025-06-17T00:10:00Z");
        a.noContacts().event("STATE_CHANGE", "2025-06-18T00:30:00Z");
        LocalDate before = DAY.minusDays(1);
        String endedRows = "contact_id = 'c1' AND contact_state = 'ENDED'";
        List<Row> both = Pipeline.slices(a.lines(), before, DAY).filter(endedRows).orderBy("event_date").collectAsList();
        assertEquals(List.of("2025-06-17 Missed Call Agent", "2025-06-18 After Contact Work"),
                both.stream().map(r -> r.getAs("event_date") + " " + r.getAs("status")).toList());
        assertEquals("After Contact Work", Pipeline.slices(a.lines(), DAY, DAY).filter(endedRows).first().getAs("status"));
        assertEquals("Missed Call Agent", Pipeline.slices(a.lines(), before, before).filter(endedRows).first().getAs("status"));
    }

    @Test
    void theStatusAtMidnightIsWhateverWasOpenEvenDaysEarlier() {
        List<String> lines = new ArrayList<>();
        EventStream a = new EventStream("a1", "alice", lines)
                .status("Available", "ROUTABLE", "2025-06-16T20:00:00Z").event("HEART_BEAT", "2025-06-17T06:00:00Z");
        for (int hour = 0; hour < 24; hour += 2) {
            a.event("HEART_BEAT", String.format("2025-06-18T%02d:30:00Z", hour));
        }
        a.event("HEART_BEAT", "2025-06-19T03:00:00Z");
        assertEquals(List.of("Available,2025-06-18 00:00:00,2025-06-19 00:00:00,24:00:00,,"),
                Pipeline.rows(lines, "alice", DAY, "UTC", "classic"));
        // seen from Kolkata the same interval is clipped to the local day (UTC+05:30)
        assertEquals(List.of("Available,2025-06-18 00:00:00,2025-06-19 00:00:00,24:00:00,,"),
                Pipeline.rows(lines, "alice", DAY, "Asia/Kolkata", "classic"));
    }

    @Test
    void dstDaysAre23And25HoursLong() {
        for (String[] day : new String[][] {
            {"2025-03-09", "23:00:00", "America/New_York"}, {"2025-11-02", "25:00:00", "America/New_York"},
            {"2025-10-05", "23:00:00", "Australia/Sydney"}, {"2025-04-06", "25:00:00", "Australia/Sydney"}}) {
            LocalDate date = LocalDate.parse(day[0]);
            List<String> lines = new ArrayList<>();
            EventStream a = new EventStream("a1", "alice", lines)
                    .status("Available", "ROUTABLE", date.minusDays(1) + "T10:00:00Z").event("LOGIN", date.minusDays(1) + "T10:00:00Z");
            a.status("Lunch", "CUSTOM", date + "T17:00:00Z").event("STATE_CHANGE", date + "T17:00:00Z");
            a.status("Available", "ROUTABLE", date + "T18:00:00Z").event("STATE_CHANGE", date + "T18:00:00Z");
            a.event("HEART_BEAT", date.plusDays(1) + "T12:00:00Z");
            List<String> rows = Pipeline.rows(lines, "alice", date, day[2], "classic");
            long seconds = rows.stream().mapToLong(r -> {
                String[] hms = r.split(",")[3].split(":");
                return Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
            }).sum();
            assertEquals(day[1], String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60), rows.toString());
            assertEquals(date + " 00:00:00", rows.get(0).split(",")[1]);
            assertEquals(date.plusDays(1) + " 00:00:00", rows.get(rows.size() - 1).split(",")[2]);
        }
    }

    @Test
    void theSampleSeenFromSydney() throws java.io.IOException {
        List<String> sample = java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/resources/sample/agent-events-2025-06-18.jsonl"));
        // AEST is UTC+10 in June: dev.patel's Offline since 20:15Z and Available from 13:31:02Z
        assertEquals(List.of(
                "Offline,2025-06-18 06:15:00,2025-06-18 23:31:02,17:16:02,,",
                "Available,2025-06-18 23:31:02,2025-06-19 00:00:00,00:28:58,,"),
                Pipeline.rows(sample, "dev.patel", DAY, "Australia/Sydney", "classic"));
        List<String> next = Pipeline.rows(sample, "dev.patel", DAY.plusDays(1), "Australia/Sydney", "classic");
        assertEquals("Available,2025-06-19 00:00:00,2025-06-19 00:10:44,00:10:44,,", next.get(0));
        assertEquals("Offline,2025-06-19 06:15:00,2025-06-19 14:30:15,08:15:15,,", next.get(next.size() - 1));
    }

    @Test
    void theLatestUsernameNamesEveryIntervalOfTheArn() {
        EventStream a = new EventStream("a1", "old.name")
                .status("Available", "ROUTABLE", t("08:00:00")).event("LOGIN", t("08:00:00"));
        a.username("new.name").status("Lunch", "CUSTOM", t("12:00:00")).event("STATE_CHANGE", t("12:00:00"));
        a.eventWithoutSnapshot("HEART_BEAT", t("13:00:00"));
        List<String> rows = Pipeline.rows(a.lines(), "new.name", DAY, "UTC", "classic");
        assertEquals(List.of(
                "Available,2025-06-18 08:00:00,2025-06-18 12:00:00,04:00:00,,",
                "Lunch,2025-06-18 12:00:00,2025-06-18 13:00:00,01:00:00,,"), rows);
        assertEquals(List.of(), Pipeline.rows(a.lines(), "old.name", DAY, "UTC", "classic"));
    }

    @Test
    void aRedeliveredEventCountsOnce() {
        EventStream a = loggedIn();
        a.status("Lunch", "CUSTOM", t("09:00:00")).event("STATE_CHANGE", t("09:00:00")).redeliverLast();
        a.event("HEART_BEAT", t("09:30:00"));
        assertEquals(3, utcRows(a).size());
        assertEquals(3, Pipeline.slices(a.lines(), DAY, DAY).count());
    }
}
