package org.agentaudit.job;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the audit job does: typed and checked before any Spark work starts, so a bad
 * argument costs nothing and says what was wrong.
 */
public record RunOptions(
        List<String> inputs,
        String format,
        LocalDate from,
        LocalDate to,
        String table,
        int marginDays,
        int prefixSlackHours,
        double maxQuarantineRatio) {

    public RunOptions {
        Objects.requireNonNull(from, "--from is required");
        Objects.requireNonNull(to, "--to is required");
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one --input is required");
        }
        if (!format.equals("json") && !format.equals("parquet")) {
            throw new IllegalArgumentException("--format must be json or parquet, not '" + format + "'");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (marginDays < 0) {
            throw new IllegalArgumentException("margin.days must be 0 or more, not " + marginDays);
        }
        if (prefixSlackHours < 0) {
            throw new IllegalArgumentException("input.prefix.slack.hours must be 0 or more, not " + prefixSlackHours);
        }
        if (!(maxQuarantineRatio >= 0 && maxQuarantineRatio <= 1)) {
            throw new IllegalArgumentException("--max-quarantine-ratio must be between 0 and 1, not " + maxQuarantineRatio);
        }
        inputs = List.copyOf(inputs);
    }
}
