package org.agentaudit.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The per-agent CSV (outputs-and-cli.md): the console's "Download CSV" layout. Local wall times
 * truncated to the second; durations are differences of the truncated instants, so a day's rows add
 * up exactly. UTF-8, LF, fields quoted only when they must be.
 */
public final class CsvReport implements java.io.Serializable {
    public static final String HEADER = "Agent login,Status,Start time,End time,Duration,Channel,Contact ID";
    /** First characters that make a spreadsheet treat a cell as a formula (OWASP, "CSV Injection"). */
    private static final String FORMULA_START = "=+-@\t\r";
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One report row, instants in UTC. */
    public record Line(String login, String status, Instant start, Instant end, String channel, String contactId) {}

    private final ZoneId zone;
    private final boolean excelSafe;

    /**
     * @param excelSafe neutralise cells that a spreadsheet would run as a formula (a leading
     *     {@code = + - @}, tab or carriage return, OWASP's CSV injection advice): such a cell gets a
     *     leading apostrophe, and is then quoted like any other
     */
    public CsvReport(ZoneId zone, boolean excelSafe) {
        this.zone = zone;
        this.excelSafe = excelSafe;
    }

    public String render(List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            append(csv, line);
        }
        return csv.toString();
    }

    public void append(StringBuilder csv, Line line) {
        long seconds = line.end().getEpochSecond() - line.start().getEpochSecond();
        csv.append(field(line.login())).append(',')
                .append(field(line.status())).append(',')
                .append(WALL_TIME.format(line.start().atZone(zone))).append(',')
                .append(WALL_TIME.format(line.end().atZone(zone))).append(',')
                .append(String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)).append(',')
                .append(field(line.channel())).append(',')
                .append(field(line.contactId())).append('\n');
    }

    private String field(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (excelSafe && !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** The file name of one agent's day: {@code <login>_<date>_<Zone-Name>[_<labels>].csv}. */
    public static String fileName(String login, LocalDay day, String labels) {
        String suffix = labels.equals("classic") ? "" : "_" + labels;
        return safe(login) + "_" + day.date() + "_" + day.zoneForFileName() + suffix + ".csv";
    }

    /** Logins are user data: keep a file name inside its folder whatever they hold. */
    private static String safe(String login) {
        return login == null || login.isEmpty() ? "_unknown" : login.replaceAll("[/\\\\\\x00-\\x1f]", "_").replaceAll("^\\.+", "_");
    }
}
