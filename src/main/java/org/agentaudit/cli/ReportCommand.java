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
import org.agentaudit.report.LocalDay;
import org.agentaudit.report.Reports;
import org.agentaudit.table.AuditTable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: one agent, one local date, one zone — the console's Generate Report + Download CSV. */
@Command(name = "report", description = "Write one agent's activity audit CSV for one local date in one time zone.")
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

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here (default: standard output).")
    Path out;

    @Option(names = "--excel-safe", description = "Neutralise cells starting with = + - @, tab or CR (spreadsheet formula injection).")
    boolean excelSafe;

    @Override
    public Integer call() {
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
        String csv = new CsvReport(day.zone(), excelSafe).render(report.lines().stream()
                .map(l -> new CsvReport.Line(report.login(), l.status(), l.start(), l.end(), l.channel(), l.contactId()))
                .toList());
        if (out == null) {
            System.out.print(csv);
        } else {
            try {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.err.println("wrote " + out + " (" + report.lines().size() + " rows)");
        }
        return 0;
    }
}
