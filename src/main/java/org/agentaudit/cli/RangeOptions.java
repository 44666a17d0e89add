package org.agentaudit.cli;

import java.time.LocalDate;
import java.util.List;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.Profile;
import org.agentaudit.job.RunOptions;
import picocli.CommandLine.Option;

/** What to read and which UTC days to write: shared by {@code run} and {@code backfill}. */
final class RangeOptions {
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

    /** The checked options of a run; {@code maxQuarantineRatio} null means the profile's. */
    RunOptions runOptions(Profile profile, Double maxQuarantineRatio) {
        try {
            return new RunOptions(inputs, format, from, to, table == null ? profile.table() : table, profile.marginDays(),
                    profile.prefixSlackHours(), maxQuarantineRatio == null ? profile.maxQuarantineRatio() : maxQuarantineRatio);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadArgument(e.getMessage());
        }
    }
}
