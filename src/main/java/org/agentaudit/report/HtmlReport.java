package org.agentaudit.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * {@code report --format html}: one self-contained page with the day's timeline picture (an
 * embedded PNG) and the report's rows as a table, the same rows as the CSV.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HtmlReport() {}

    public static String render(String login, LocalDay day, String labels, List<CsvReport.Line> lines, StatusColors colors) {
        byte[] png = TimelineImage.png(new TimelineImage(colors).draw(login, day, labels, lines));
        ZoneId zone = day.zone();
        StringBuilder html = new StringBuilder();
        String title = "Agent activity audit: " + login + ", " + day.date() + " (" + zone.getId() + ")";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#212121}\n")
                .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}\n")
                .append("td.t{font-variant-numeric:tabular-nums;white-space:nowrap}\n")
                .append(".sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border:1px solid #616161}\n")
                .append("img{max-width:100%}\n</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p>Label set: ").append(escape(labels)).append(". Times are local wall times in ")
                .append(escape(zone.getId())).append(".</p>\n")
                .append("<img alt=\"timeline of the day\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n")
                .append("<table>\n<thead><tr><th>Agent login</th><th>Status</th><th>Start time</th><th>End time</th>")
                .append("<th>Duration</th><th>Channel</th><th>Contact ID</th></tr></thead>\n<tbody>\n");
        for (CsvReport.Line line : lines) {
            html.append("<tr><td>").append(escape(line.login())).append("</td><td><span class=\"sw\" style=\"background:")
                    .append(StatusColors.hex(colors.of(line.status()))).append("\"></span>").append(escape(line.status()))
                    .append("</td><td class=\"t\">").append(WALL_TIME.format(line.start().atZone(zone)))
                    .append("</td><td class=\"t\">").append(WALL_TIME.format(line.end().atZone(zone)))
                    .append("</td><td class=\"t\">").append(TimelineImage.hms(TimelineImage.seconds(line.start(), line.end())))
                    .append("</td><td>").append(escape(line.channel()))
                    .append("</td><td>").append(escape(line.contactId())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
