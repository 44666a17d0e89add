package org.agentaudit.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param agents            number of agents (1 ..)
 * @param days              UTC days covered by LOGINs, starting at {@code start}; shifts begun on the
 *                          last day run on past it
 * @param start             first UTC day
 * @param out               output directory (Firehose layout {@code yyyy/MM/dd/HH/<file>})
 * @param seed              same options, same seed: byte-identical files
 * @param concatenatedRatio share of files written back to back ({@code }{}) instead of JSON Lines
 * @param duplicateRate     share of events delivered a second time (same EventId, same bytes)
 * @param outOfOrderRate    share of events that arrive after later events of the same agent
 * @param fileMinutes       Firehose buffer interval: one file per this many minutes of arrival time
 * @param maxRecordsPerFile a busier window is split over several files
 * @param threads           writer threads (serialising and gzip); does not change the output
 */
public record GeneratorOptions(int agents, int days, LocalDate start, Path out, long seed,
                               double concatenatedRatio, double duplicateRate, double outOfOrderRate,
                               int fileMinutes, int maxRecordsPerFile, int threads) {

    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_CONCATENATED_RATIO = 0.3;
    public static final double DEFAULT_DUPLICATE_RATE = 0.01;
    public static final double DEFAULT_OUT_OF_ORDER_RATE = 0.005;
    public static final int DEFAULT_FILE_MINUTES = 15;
    public static final int DEFAULT_MAX_RECORDS_PER_FILE = 20_000;

    /** Defaults for everything but the four required options. */
    public static GeneratorOptions of(int agents, int days, LocalDate start, Path out, long seed) {
        return new GeneratorOptions(agents, days, start, out, seed, DEFAULT_CONCATENATED_RATIO,
            DEFAULT_DUPLICATE_RATE, DEFAULT_OUT_OF_ORDER_RATE, DEFAULT_FILE_MINUTES,
            DEFAULT_MAX_RECORDS_PER_FILE, Runtime.getRuntime().availableProcessors());
    }

    public GeneratorOptions withRates(double concatenatedRatio, double duplicateRate, double outOfOrderRate) {
        return new GeneratorOptions(agents, days, start, out, seed, concatenatedRatio, duplicateRate,
            outOfOrderRate, fileMinutes, maxRecordsPerFile, threads);
    }

    public GeneratorOptions withThreads(int threads) {
        return new GeneratorOptions(agents, days, start, out, seed, concatenatedRatio, duplicateRate,
            outOfOrderRate, fileMinutes, maxRecordsPerFile, threads);
    }

    public GeneratorOptions withFileMinutes(int fileMinutes) {
        return new GeneratorOptions(agents, days, start, out, seed, concatenatedRatio, duplicateRate,
            outOfOrderRate, fileMinutes, maxRecordsPerFile, threads);
    }

    /** Checks the values; the message names the option as the command line spells it. */
    public void validate() {
        Objects.requireNonNull(start, "--start is required");
        Objects.requireNonNull(out, "--out is required");
        require(agents >= 1 && agents <= 1_000_000, "--agents must be between 1 and 1000000, got " + agents);
        require(days >= 1 && days <= 3660, "--days must be between 1 and 3660, got " + days);
        require(start.getYear() >= 2000 && start.getYear() <= 9000,
            "--start must be a date between 2000 and 9000, got " + start);
        require(concatenatedRatio >= 0 && concatenatedRatio <= 1,
            "--concatenated-ratio must be between 0 and 1, got " + concatenatedRatio);
        require(duplicateRate >= 0 && duplicateRate <= 0.5,
            "--duplicate-rate must be between 0 and 0.5, got " + duplicateRate);
        require(outOfOrderRate >= 0 && outOfOrderRate <= 0.5,
            "--out-of-order-rate must be between 0 and 0.5, got " + outOfOrderRate);
        require(fileMinutes >= 1 && fileMinutes <= 60 && 60 % fileMinutes == 0,
            "--file-minutes must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + fileMinutes);
        require(maxRecordsPerFile >= 1, "--max-records-per-file must be at least 1, got " + maxRecordsPerFile);
        require(threads >= 1 && threads <= 256, "--threads must be between 1 and 256, got " + threads);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
