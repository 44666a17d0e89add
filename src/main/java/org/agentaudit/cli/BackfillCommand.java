package org.agentaudit.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.Profile;
import org.agentaudit.job.Backfill;
import org.agentaudit.job.Progress;
import org.agentaudit.job.RunOptions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backfill}: a long range in chunks of days, resumable after the last committed chunk. */
@Command(name = "backfill", description = "Walk UTC dates [--from, --to] in chunks, one committed run per chunk; "
        + "started again with the same arguments it resumes after the last committed chunk.")
final class BackfillCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "URI", description = "Input folder or file; repeatable.")
    List<String> inputs;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|parquet", description = "Input format (default: json).")
    String format;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First UTC date.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last UTC date.")
    LocalDate to;

    @Option(names = "--chunk-days", defaultValue = "7", paramLabel = "N", description = "Days per chunk (default: 7).")
    int chunkDays;

    @Option(names = "--table", paramLabel = "URI", description = "Audit table (default: the profile's table).")
    String table;

    @Option(names = "--restart", description = "Run every chunk again, even those already committed.")
    boolean restart;

    @Override
    public Integer call() {
        Profile profile = common.profile();
        RunOptions whole;
        try {
            whole = new RunOptions(inputs, format, from, to, table == null ? profile.table() : table, profile.marginDays(),
                    profile.prefixSlackHours(), profile.maxQuarantineRatio());
            Backfill.chunks(from, to, chunkDays);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadArgument(e.getMessage());
        }
        SparkSession spark = common.spark();
        Backfill.Outcome outcome = new Backfill(spark, new Progress(System.err), profile.gapMinutes()).run(whole, chunkDays, restart);
        System.out.printf("backfill %s done: %d chunks run, %d skipped as already committed, %d events read; table %s%n",
                outcome.backfillId(), outcome.chunksRun(), outcome.chunksSkipped(), outcome.eventsRead(), whole.table());
        return 0;
    }
}
