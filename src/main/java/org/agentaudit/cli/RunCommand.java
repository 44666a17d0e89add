package org.agentaudit.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.agentaudit.config.LabelSet;
import org.agentaudit.config.Profile;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.Progress;
import org.agentaudit.job.RunOptions;
import org.agentaudit.job.RunResult;
import org.agentaudit.report.LocalDay;
import org.agentaudit.report.Reports;
import org.agentaudit.table.Coverage;
import org.agentaudit.table.Tables;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: derive and write the audit table for a range of UTC days, and optionally every agent's CSVs. */
@Command(name = "run", description = "Derive and write the audit table for UTC dates [--from, --to].")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RangeOptions range;

    @Option(names = "--reports", paramLabel = "DIR", description = "Also write every agent's CSV for every local date of the range here.")
    String reports;

    @Option(names = "--report-timezone", paramLabel = "ZONE", description = "IANA zone of the --reports days.")
    String reportTimezone;

    @Option(names = "--labels", paramLabel = "classic|2026", description = "Label set of the --reports CSVs (default: the profile's).")
    String labels;

    @Option(names = "--max-quarantine-ratio", paramLabel = "R",
            description = "Fail without writing when more than this fraction of records is quarantined (0..1).")
    Double maxQuarantineRatio;

    @Option(names = "--excel-safe", description = "Neutralise CSV cells starting with = + - @, tab or CR (spreadsheet formula injection).")
    boolean excelSafe;

    @Override
    public Integer call() {
        Profile profile = common.profile();
        if (reports != null && reportTimezone == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reports needs --report-timezone");
        }
        ZoneId zone = reportTimezone == null ? null : CommonOptions.zone(reportTimezone);
        LabelSet reportLabels = CommonOptions.labels(labels == null ? profile.labels() : labels);
        RunOptions options = range.runOptions(profile, maxQuarantineRatio);
        List<LocalDay> reportDays = zone == null ? List.of() : Reports.days(options.from(), options.to(), zone);
        SparkSession spark = common.spark();
        execute(spark, options, profile.gapMinutes(), reports, reportDays, reportLabels, excelSafe, System.out, new Progress(System.err));
        return 0;
    }

    /** The run and its reports, with the summary a person reads; shared with {@code demo}. */
    static RunResult execute(SparkSession spark, RunOptions options, int gapMinutes, String reports, List<LocalDay> reportDays,
                             LabelSet labels, boolean excelSafe, PrintStream out, Progress progress) {
        RunResult result = new AuditJob(spark, progress, gapMinutes).run(options);
        out.printf("run %s committed table version %d: %s%n", result.runId(), result.tableVersion(), options.table());
        out.printf("  UTC dates %s .. %s, %d input files, %d bytes%n", options.from(), options.to(), result.inputFiles(), result.inputBytes());
        out.printf("  records read %d = events %d + duplicates %d + quarantined %d%n",
                result.recordsRead(), result.eventsValid(), result.duplicates(), result.quarantined());
        out.printf("  audit rows written %d for %d agents%n", result.slicesWritten(), result.agents());
        out.printf("  data quality: %s silences of a logged-in agent longer than %d minutes%n",
                result.silentGaps() == null ? "(not reported)" : result.silentGaps(), gapMinutes);
        result.files().stream().filter(f -> f.quarantined() > 0)
                .forEach(f -> out.printf("  quarantined %d of %d records in %s%n", f.quarantined(), f.read(), f.file()));
        if (reports != null) {
            spark.sparkContext().setJobDescription("agent-audit: write per-agent CSV reports");
            long files = Reports.writeAll(spark, options.table(), result.tableVersion(), reportDays, labels, reports, excelSafe);
            out.printf("  %d CSV reports (%s, %s labels) in %s%n", files, reportDays.get(0).zone().getId(), labels.name(), reports);
            warnUnaudited(spark, options.table(), reportDays.get(0).firstUtcDate(), reportDays.get(reportDays.size() - 1).lastUtcDate(),
                    progress);
        }
        return result;
    }

    /** Local days straddle UTC days: say which UTC days a report needed but no run has written yet. */
    static void warnUnaudited(SparkSession spark, String table, LocalDate fromUtc, LocalDate toUtc, Progress progress) {
        List<LocalDate> missing = Coverage.unaudited(spark, new Tables(table), fromUtc, toUtc);
        if (!missing.isEmpty()) {
            progress.warn("UTC days " + missing + " have not been audited yet: reports over them stop where the audited days end;"
                    + " run those days and report again");
        }
    }
}
