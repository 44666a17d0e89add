package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentaudit.testing.EventStream;
import org.agentaudit.testing.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --excel-safe} end to end (issue #5): custom status names and a login that a spreadsheet
 * would run as formulas, from the events through the table to the CSVs of {@code run --reports}
 * and {@code report}. Neutralised only with the flag; quoting right either way.
 */
class CsvSafetyTest {
    private static final String DAY = "2025-06-18";
    private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?q=1\",\"Lunch\")";

    @TempDir
    static Path tmp;

    private static String table;
    private static Path reports;

    private static String t(String time) {
        return DAY + "T" + time + "Z";
    }

    @BeforeAll
    static void runWithReports() throws IOException {
        List<String> lines = new ArrayList<>();
        EventStream eve = new EventStream("eve", "eve", lines);
        eve.status("Available", "ROUTABLE", t("09:00:00")).event("LOGIN", t("09:00:00"));
        String[] statuses = {HYPERLINK, "+1", "-x", "@x", "Lunch, \"late\""};
        for (int i = 0; i < statuses.length; i++) {
            String at = t("10:" + i + "0:00");
            eve.status(statuses[i], "CUSTOM", at).event("STATE_CHANGE", at);
        }
        eve.status("Offline", "OFFLINE", t("11:00:00")).event("LOGOUT", t("11:00:00"));
        new EventStream("mallory", "=cmd|' /C calc'!A0", lines)
                .status("Available", "ROUTABLE", t("09:00:00")).event("LOGIN", t("09:00:00"))
                .status("Offline", "OFFLINE", t("10:00:00")).event("LOGOUT", t("10:00:00"));
        Path input = tmp.resolve("in/events.jsonl");
        Files.createDirectories(input.getParent());
        Files.write(input, lines);
        table = tmp.resolve("warehouse/agent_activity").toString();
        reports = tmp.resolve("reports");
        assertEquals(0, AgentAudit.execute("run", "--conf", TestProfile.file().toString(), "--input", input.toString(), "--from", DAY, "--to", DAY, "--table", table,
                "--reports", reports.toString(), "--report-timezone", "UTC", "--excel-safe"));
    }

    private static List<String> report(String agent, boolean excelSafe) throws IOException {
        Path out = tmp.resolve("report-" + agent + "-" + excelSafe + ".csv");
        List<String> args = new ArrayList<>(List.of("report", "--conf", TestProfile.file().toString(), "--table", table, "--agent", agent, "--date", DAY,
                "--timezone", "UTC", "--out", out.toString()));
        if (excelSafe) {
            args.add("--excel-safe");
        }
        assertEquals(0, AgentAudit.execute(args.toArray(String[]::new)));
        return Files.readAllLines(out);
    }

    private static final List<String> EVE_PLAIN = List.of(
            "Agent login,Status,Start time,End time,Duration,Channel,Contact ID",
            "eve,Available,2025-06-18 09:00:00,2025-06-18 10:00:00,01:00:00,,",
            "eve,\"=HYPERLINK(\"\"http://evil.example/?q=1\"\",\"\"Lunch\"\")\",2025-06-18 10:00:00,2025-06-18 10:10:00,00:10:00,,",
            "eve,+1,2025-06-18 10:10:00,2025-06-18 10:20:00,00:10:00,,",
            "eve,-x,2025-06-18 10:20:00,2025-06-18 10:30:00,00:10:00,,",
            "eve,@x,2025-06-18 10:30:00,2025-06-18 10:40:00,00:10:00,,",
            "eve,\"Lunch, \"\"late\"\"\",2025-06-18 10:40:00,2025-06-18 11:00:00,00:20:00,,",
            "eve,Offline,2025-06-18 11:00:00,2025-06-18 11:00:00,00:00:00,,");

    private static final List<String> EVE_SAFE = List.of(
            "Agent login,Status,Start time,End time,Duration,Channel,Contact ID",
            "eve,Available,2025-06-18 09:00:00,2025-06-18 10:00:00,01:00:00,,",
            "eve,\"'=HYPERLINK(\"\"http://evil.example/?q=1\"\",\"\"Lunch\"\")\",2025-06-18 10:00:00,2025-06-18 10:10:00,00:10:00,,",
            "eve,'+1,2025-06-18 10:10:00,2025-06-18 10:20:00,00:10:00,,",
            "eve,'-x,2025-06-18 10:20:00,2025-06-18 10:30:00,00:10:00,,",
            "eve,'@x,2025-06-18 10:30:00,2025-06-18 10:40:00,00:10:00,,",
            "eve,\"Lunch, \"\"late\"\"\",2025-06-18 10:40:00,2025-06-18 11:00:00,00:20:00,,",
            "eve,Offline,2025-06-18 11:00:00,2025-06-18 11:00:00,00:00:00,,");

    @Test
    void reportNeutralisesFormulasOnlyWithTheFlag() throws IOException {
        assertEquals(EVE_PLAIN, report("eve", false));
        assertEquals(EVE_SAFE, report("eve", true));
    }

    @Test
    void runReportsNeutraliseStatusesAndLoginsWithTheFlag() throws IOException {
        Path folder = reports.resolve(EventStream.INSTANCE);
        assertEquals(EVE_SAFE, Files.readAllLines(folder.resolve("eve_" + DAY + "_UTC.csv")));
        List<String> mallory = Files.readAllLines(folder.resolve("=cmd|' _C calc'!A0_" + DAY + "_UTC.csv"));
        assertEquals(List.of("Agent login,Status,Start time,End time,Duration,Channel,Contact ID",
                "'=cmd|' /C calc'!A0,Available,2025-06-18 09:00:00,2025-06-18 10:00:00,01:00:00,,",
                // the last interval is open: it runs to the data end, eve's LOGOUT at 11:00
                "'=cmd|' /C calc'!A0,Offline,2025-06-18 10:00:00,2025-06-18 11:00:00,01:00:00,,"), mallory);
        assertTrue(report("mallory", false).get(1).startsWith("=cmd|' /C calc'!A0,Available,"), "by agent id, no flag");
    }
}
