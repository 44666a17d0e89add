package org.agentaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV layout's quoting and {@code --excel-safe} (outputs-and-cli.md): a cell a spreadsheet
 * would run as a formula gets a leading apostrophe only with the flag, and quoting stays right
 * either way (a field is quoted only when it holds , " CR or LF; quotes doubled).
 */
class CsvReportTest {
    private static final Instant T0 = Instant.parse("2025-06-18T10:00:00Z");

    private static String render(boolean excelSafe, String login, String... statuses) {
        List<CsvReport.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            lines.add(new CsvReport.Line(login, statuses[i], T0.plusSeconds(600L * i), T0.plusSeconds(600L * (i + 1)),
                    i == 0 ? "-VOICE" : null, i == 0 ? "@c1" : null));
        }
        return new CsvReport(ZoneId.of("UTC"), excelSafe).render(lines);
    }

    private static final String[] STATUSES = {
        "=HYPERLINK(\"http://evil.example/?x=1\",\"Lunch\")", "+1", "-x", "@x", "\tTab", "\rReturn",
        "Lunch, \"late\"", "Available", "a=b", "'quoted already"};

    @Test
    void withoutTheFlagCellsAreWrittenAsTheyAreAndQuotedOnlyWhenTheyMustBe() {
        assertEquals(String.join("\n",
                "Agent login,Status,Start time,End time,Duration,Channel,Contact ID",
                "=eve,\"=HYPERLINK(\"\"http://evil.example/?x=1\"\",\"\"Lunch\"\")\",2025-06-18 10:00:00,2025-06-18 10:10:00,00:10:00,-VOICE,@c1",
                "=eve,+1,2025-06-18 10:10:00,2025-06-18 10:20:00,00:10:00,,",
                "=eve,-x,2025-06-18 10:20:00,2025-06-18 10:30:00,00:10:00,,",
                "=eve,@x,2025-06-18 10:30:00,2025-06-18 10:40:00,00:10:00,,",
                "=eve,\tTab,2025-06-18 10:40:00,2025-06-18 10:50:00,00:10:00,,",
                "=eve,\"\rReturn\",2025-06-18 10:50:00,2025-06-18 11:00:00,00:10:00,,",
                "=eve,\"Lunch, \"\"late\"\"\",2025-06-18 11:00:00,2025-06-18 11:10:00,00:10:00,,",
                "=eve,Available,2025-06-18 11:10:00,2025-06-18 11:20:00,00:10:00,,",
                "=eve,a=b,2025-06-18 11:20:00,2025-06-18 11:30:00,00:10:00,,",
                "=eve,'quoted already,2025-06-18 11:30:00,2025-06-18 11:40:00,00:10:00,,",
                ""), render(false, "=eve", STATUSES));
    }

    @Test
    void withTheFlagEveryCellThatStartsAFormulaGetsAnApostropheAndIsQuotedAsBefore() {
        assertEquals(String.join("\n",
                "Agent login,Status,Start time,End time,Duration,Channel,Contact ID",
                "'=eve,\"'=HYPERLINK(\"\"http://evil.example/?x=1\"\",\"\"Lunch\"\")\",2025-06-18 10:00:00,2025-06-18 10:10:00,00:10:00,'-VOICE,'@c1",
                "'=eve,'+1,2025-06-18 10:10:00,2025-06-18 10:20:00,00:10:00,,",
                "'=eve,'-x,2025-06-18 10:20:00,2025-06-18 10:30:00,00:10:00,,",
                "'=eve,'@x,2025-06-18 10:30:00,2025-06-18 10:40:00,00:10:00,,",
                "'=eve,'\tTab,2025-06-18 10:40:00,2025-06-18 10:50:00,00:10:00,,",
                "'=eve,\"'\rReturn\",2025-06-18 10:50:00,2025-06-18 11:00:00,00:10:00,,",
                "'=eve,\"Lunch, \"\"late\"\"\",2025-06-18 11:00:00,2025-06-18 11:10:00,00:10:00,,",
                "'=eve,Available,2025-06-18 11:10:00,2025-06-18 11:20:00,00:10:00,,",
                "'=eve,a=b,2025-06-18 11:20:00,2025-06-18 11:30:00,00:10:00,,",
                "'=eve,'quoted already,2025-06-18 11:30:00,2025-06-18 11:40:00,00:10:00,,",
                ""), render(true, "=eve", STATUSES));
    }

    @Test
    void anEmptyOrMissingCellStaysEmpty() {
        String csv = new CsvReport(ZoneId.of("UTC"), true)
                .render(List.of(new CsvReport.Line("", "", T0, T0, null, null)));
        assertEquals(CsvReport.HEADER + "\n,,2025-06-18 10:00:00,2025-06-18 10:00:00,00:00:00,,\n", csv);
    }
}
