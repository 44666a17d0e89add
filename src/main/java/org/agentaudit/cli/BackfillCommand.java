package org.agentaudit.cli;

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

    @Mixin
    RangeOptions range;

    @Option(names = "--chunk-days", defaultValue = "7", paramLabel = "N", description = "Days per chunk (default: 7).")
    int chunkDays;

    @Option(names = "--restart", description = "Run every chunk again, even those already committed.")
    boolean restart;

    @Override
    public Integer call() {
        Profile profile = common.profile();
        RunOptions whole = range.runOptions(profile, null);
        if (chunkDays < 1) {
            throw new BadArgument("--chunk-days must be 1 or more, not " + chunkDays);
        }
        SparkSession spark = common.spark();
        Backfill.Outcome outcome = new Backfill(spark, new Progress(System.err), profile.gapMinutes()).run(whole, chunkDays, restart);
        System.out.printf("backfill %s done: %d chunks run, %d skipped as already committed, %d events read; table %s%n",
                outcome.backfillId(), outcome.chunksRun(), outcome.chunksSkipped(), outcome.eventsRead(), whole.table());
        return 0;
    }
}
