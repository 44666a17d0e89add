package org.agentaudit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.LabelSet;
import org.agentaudit.config.Profile;
import org.agentaudit.job.Progress;
import org.agentaudit.report.CsvReport;
import org.agentaudit.report.HtmlReport;
import org.agentaudit.report.LocalDay;
import org.agentaudit.report.Reports;
import org.agentaudit.report.StatusColors;
import org.agentaudit.report.TimelineImage;
import org.agentaudit.table.AuditTable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: one agent, one local date, one zone — the console's Generate Report + Download CSV. */
@Command(name = "report", description = "Write one agent's activity audit for one local date in one time zone: CSV, or a timeline picture (png, html).")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--table", paramLabel = "URI", description = "Audit table (default: the profile's table).")
    String table;

    @Option(names = "--agent", required = true, paramLabel = "LOGIN", description = "Agent login, agent id or AgentARN.")
    String agent;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Local date.")
    LocalDate date;

    @Option(names = "--timezone", required = true, paramLabel = "ZONE", description = "IANA time zone, e.g. America/New_York.")
    String timezone;

    @Option(names = "--instance", paramLabel = "ID", description = "Instance id, when the login exists in several instances.")
    String instance;

    @Option(names = "--labels", paramLabel = "classic|2026", description = "Label set (default: the profile's).")
    String labels;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the report here (default: standard output for csv; <login>_<date>_<Zone>[_labels].png|html in the current folder).")
    Path out;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|png|html",
            description = "csv (default): the console's CSV; png: the day as a timeline picture; html: the picture and the rows in one page.")
    String format;

    @Option(names = "--excel-safe", description = "Neutralise cells starting with = + - @, tab or CR (spreadsheet formula injection).")
    boolean excelSafe;

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("png") && !format.equals("html")) {
            throw new BadArgument("--format must be csv, png or html, not '" + format + "'");
        }
        Profile profile = common.profile();
        LocalDay day = LocalDay.of(date, CommonOptions.zone(timezone));
        LabelSet labelSet = CommonOptions.labels(labels == null ? profile.labels() : labels);
        String tablePath = table == null ? profile.table() : table;
        SparkSession spark = common.spark();
        if (!AuditTable.exists(spark, tablePath)) {
            throw new BadArgument("no audit table at " + tablePath + " (run `bin/agent-audit run` or `demo` first)");
        }
        Reports.AgentDay report = Reports.forAgent(spark, tablePath, agent, instance, day, labelSet);
        RunCommand.warnUnaudited(spark, tablePath, day.firstUtcDate(), day.lastUtcDate(), new Progress(System.err));
        if (!report.known()) {
            System.err.println("agent-audit: warning: no rows for agent '" + agent + "' around " + date + " in " + tablePath);
        }
        java.util.List<CsvReport.Line> lines = report.lines().stream()
                .map(l -> new CsvReport.Line(report.login(), l.status(), l.start(), l.end(), l.channel(), l.contactId()))
                .toList();
        byte[] content = switch (format) {
            case "png" -> TimelineImage.png(new TimelineImage(StatusColors.load()).draw(report.login(), day, labelSet.name(), lines));
            case "html" -> HtmlReport.render(report.login(), day, labelSet.name(), lines, StatusColors.load()).getBytes(StandardCharsets.UTF_8);
            default -> new CsvReport(day.zone(), excelSafe).render(lines).getBytes(StandardCharsets.UTF_8);
        };
        Path target = out;
        if (target == null && !format.equals("csv")) {
            String csvName = CsvReport.fileName(report.login(), day, labelSet.name());
            target = Path.of(csvName.substring(0, csvName.length() - ".csv".length()) + "." + format);
        }
        if (target == null) {
            System.out.write(content, 0, content.length);
            System.out.flush();
        } else {
            try {
                if (target.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                }
                Files.write(target, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.err.println("wrote " + target + " (" + report.lines().size() + " rows)");
        }
        return 0;
    }
}
