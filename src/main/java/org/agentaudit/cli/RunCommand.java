package org.agentaudit.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.LabelSet;
import org.agentaudit.config.Profile;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.Progress;
import org.agentaudit.job.RunOptions;
import org.agentaudit.job.RunResult;
import org.agentaudit.report.Reports;
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

    @Option(names = "--input", required = true, paramLabel = "URI", description = "Input folder or file (local, file:, s3a://); repeatable.")
    List<String> inputs;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|parquet", description = "Input format (default: json).")
    String format;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First UTC date to write.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last UTC date to write.")
    LocalDate to;

    @Option(names = "--table", paramLabel = "URI", description = "Audit table (default: the profile's table).")
    String table;

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
        RunOptions options = options(profile);
        SparkSession spark = common.spark();
        execute(spark, options, reports, zone, reportLabels, excelSafe, System.out, new Progress(System.err));
        return 0;
    }

    private RunOptions options(Profile profile) {
        try {
            return new RunOptions(inputs, format, from, to, table == null ? profile.table() : table, profile.marginDays(),
                    profile.prefixSlackHours(), maxQuarantineRatio == null ? profile.maxQuarantineRatio() : maxQuarantineRatio);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadArgument(e.getMessage());
        }
    }

    /** The run and its reports, with the summary a person reads; shared with {@code demo}. */
    static RunResult execute(SparkSession spark, RunOptions options, String reports, ZoneId zone, LabelSet labels,
                             boolean excelSafe, PrintStream out, Progress progress) {
        RunResult result = new AuditJob(spark, progress).run(options);
        out.printf("run %s committed table version %d: %s%n", result.runId(), result.tableVersion(), options.table());
        out.printf("  UTC dates %s .. %s, %d input files, %d bytes%n", options.from(), options.to(), result.inputFiles(), result.inputBytes());
        out.printf("  records read %d = events %d + duplicates %d + quarantined %d%n",
                result.recordsRead(), result.eventsValid(), result.duplicates(), result.quarantined());
        out.printf("  audit rows written %d for %d agents%n", result.slicesWritten(), result.agents());
        result.files().stream().filter(f -> f.quarantined() > 0)
                .forEach(f -> out.printf("  quarantined %d of %d records in %s%n", f.quarantined(), f.read(), f.file()));
        if (reports != null) {
            spark.sparkContext().setJobDescription("agent-audit: write per-agent CSV reports");
            long files = Reports.writeAll(spark, options.table(), result.tableVersion(),
                    Reports.days(options.from(), options.to(), zone), labels, reports, excelSafe);
            out.printf("  %d CSV reports (%s, %s labels) in %s%n", files, zone.getId(), labels.name(), reports);
        }
        return result;
    }
}
