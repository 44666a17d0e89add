package org.agentaudit.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.agentaudit.clean.CleanEvents;
import org.agentaudit.clean.Dedupe;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.LabelSet;
import org.agentaudit.derive.DayWindows;
import org.agentaudit.derive.DaySlices;
import org.agentaudit.derive.DominantContact;
import org.agentaudit.derive.EventFacts;
import org.agentaudit.derive.Intervals;
import org.agentaudit.derive.QuietHeartbeats;
import org.agentaudit.derive.SilentGaps;
import org.agentaudit.read.InputFiles;
import org.agentaudit.read.ReadEvents;
import org.agentaudit.table.AuditTable;
import org.agentaudit.table.QuarantineTable;
import org.agentaudit.table.RunRecord;
import org.agentaudit.table.RunsTable;
import org.agentaudit.table.Tables;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The audit job: read → clean → dedupe → dominant contact → quiet heartbeats → day windows → event
 * facts → intervals → day slices → write.
 * Each step is a plain Dataset function in its own class; this class only wires them, does the I/O
 * at both ends, names each Spark job after its step, and accounts for every record.
 */
public final class AuditJob {
    /** The label set of the table's {@code status} column. */
    public static final String TABLE_LABELS = "classic";

    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    /**
     * Input bytes per shuffle partition (e.g. {@code 80m}; 0 or unset: off), in gzip'd JSON. A run then
     * uses one partition per that many bytes of its input, and never fewer than {@code spark.sql.shuffle.partitions}:
     * the cached records keep the partitioning they were shuffled into, so adaptive execution cannot
     * size it afterwards, and a partition too big for a task's memory spills in every sort of the derive.
     */
    public static final String INPUT_BYTES_PER_PARTITION = "spark.agentaudit.inputBytesPerPartition";

    /** A record the derive uses: valid, and the first copy of its event. */
    public static final Column VALID_EVENT = col("reason").isNull().and(col("is_duplicate").equalTo(false));
    private static final StructType DAY_ENDS = new StructType()
            .add("event_day", DataTypes.IntegerType)
            .add("day_end", DataTypes.LongType);

    private final SparkSession spark;
    private final Progress progress;
    private final int gapMinutes;

    public AuditJob(SparkSession spark, Progress progress) {
        this(spark, progress, SilentGaps.DEFAULT_MINUTES);
    }

    /** @param gapMinutes a logged-in agent silent longer than this is counted as a gap (profile: gap.minutes) */
    public AuditJob(SparkSession spark, Progress progress, int gapMinutes) {
        this.spark = spark;
        this.progress = progress;
        this.gapMinutes = gapMinutes;
    }

    /** The pure part: valid, deduplicated events → the audit table's rows for [from, to]. */
    public static Dataset<Row> derive(Dataset<Row> events, RunOptions options, LabelSet tableLabels) {
        return DaySlices.apply(Intervals.apply(eventFacts(events, options, SilentGaps.DEFAULT_MINUTES)), tableLabels);
    }

    /**
     * Valid, deduplicated events → the facts of each event in each day window of [from, to], events
     * followed by more than {@code gapMinutes} of silence flagged for {@link SilentGaps#observe}.
     */
    public static Dataset<Row> eventFacts(Dataset<Row> events, RunOptions options, int gapMinutes) {
        return eventFacts(events, DayWindows.dayEnds(events, options.from(), options.to(), options.marginDays()), options, gapMinutes);
    }

    /** {@link #eventFacts(Dataset, RunOptions, int)} with the latest event of each UTC date already known ({@link DayWindows#dayEnds}). */
    static Dataset<Row> eventFacts(Dataset<Row> events, Dataset<Row> dayEnds, RunOptions options, int gapMinutes) {
        int margin = options.marginDays();
        Dataset<Row> inRange = DayWindows.inRange(events, options.from(), options.to(), margin);
        Dataset<Row> marked = SilentGaps.mark(QuietHeartbeats.apply(DominantContact.apply(inRange), margin), gapMinutes, margin);
        return EventFacts.apply(DayWindows.apply(marked, DayWindows.dataEnds(dayEnds, options.from(), options.to(), margin),
                options.from(), options.to(), margin));
    }

    public RunResult run(RunOptions options) {
        return run(options, "run");
    }

    /** Runs the job; {@code command} names it in the runs table (e.g. a backfill and its chunk). */
    public RunResult run(RunOptions options, String command) {
        String runId = UUID.randomUUID().toString();
        Tables tables = new Tables(options.table());
        long started = System.nanoTime();
        Map<String, Long> stepMs = new LinkedHashMap<>();
        // Listed before the run is recorded: a missing input is a bad argument, not a failed run.
        InputFiles.Listing listing = timed(stepMs, "list inputs", () -> new InputFiles(
                spark.sparkContext().hadoopConfiguration(),
                DayWindows.readStart(options.from(), options.marginDays()),
                DayWindows.readEnd(options.to(), options.marginDays()),
                Duration.ofHours(options.prefixSlackHours())).list(options.inputs()));
        String configuredPartitions = spark.conf().get(SHUFFLE_PARTITIONS);
        int partitions = shufflePartitions(jsonEquivalentBytes(listing.bytes(), options.format()), Integer.parseInt(configuredPartitions),
                spark.conf().get(INPUT_BYTES_PER_PARTITION, "0"));
        progress.step("listed " + listing.files().size() + " input files (" + listing.bytes() + " bytes; " + partitions + " shuffle partitions)");
        spark.conf().set(SHUFFLE_PARTITIONS, partitions);
        try {
            return record(options, command, runId, tables, listing, stepMs, started);
        } finally {
            spark.conf().set(SHUFFLE_PARTITIONS, configuredPartitions);
        }
    }

    private RunResult record(RunOptions options, String command, String runId, Tables tables, InputFiles.Listing listing,
                             Map<String, Long> stepMs, long started) {
        AuditTable.checkReachable(spark, options.table());
        RunsTable.append(spark, tables.runs(), RunRecord.started(runId, command, options.from(), options.to(), options.inputs()));
        progress.step("run " + runId + " started (UTC dates " + options.from() + " .. " + options.to() + ")");
        try {
            return execute(options, command, runId, tables, listing, stepMs, started);
        } catch (RuntimeException e) {
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            try {
                RunsTable.append(spark, tables.runs(), new RunRecord(runId, RunRecord.FAILED, command, options.from(), options.to(),
                        options.inputs(), null, null, null, null, null, null, null, null, null, null, durationMs, stepMs,
                        String.valueOf(e.getMessage())));
            } catch (RuntimeException secondary) {
                e.addSuppressed(secondary);
            }
            throw e;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private RunResult execute(RunOptions options, String command, String runId, Tables tables, InputFiles.Listing listing,
                              Map<String, Long> stepMs, long started) {
        Dataset<Row> parsed = options.format().equals("parquet")
                ? ReadEvents.parquet(spark, listing.files())
                : ReadEvents.json(spark, listing.files());
        Dataset<Row> records = Dedupe.apply(CleanEvents.apply(FaultInjection.pauseInTask("read", parsed)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Accounting accounting = timed(stepMs, "read, clean, dedupe", () -> account(records, listing.files(), options));
            List<RunResult.FileCounts> files = accounting.files();
            long read = files.stream().mapToLong(RunResult.FileCounts::read).sum();
            long valid = files.stream().mapToLong(RunResult.FileCounts::valid).sum();
            long duplicates = files.stream().mapToLong(RunResult.FileCounts::duplicates).sum();
            long quarantined = files.stream().mapToLong(RunResult.FileCounts::quarantined).sum();
            progress.step(String.format("read %d records: %d events, %d duplicates, %d quarantined", read, valid, duplicates, quarantined));
            if (read > 0 && quarantined > options.maxQuarantineRatio() * read) {
                throw new RunFailed(String.format("%d of %d records (%.1f%%) are quarantined, more than --max-quarantine-ratio %s allows; nothing was written",
                        quarantined, read, 100.0 * quarantined / read, options.maxQuarantineRatio()));
            }
            if (read == 0) {
                progress.warn("no records in the input: the days " + options.from() + ".." + options.to() + " are written empty");
            }

            Dataset<Row> events = records.filter(VALID_EVENT);
            Observation quality = new Observation("data quality");
            Dataset<Row> slices = DaySlices.apply(Intervals.apply(
                    SilentGaps.observe(eventFacts(events, accounting.dayEnds(), options, gapMinutes), quality)), LabelSet.named(TABLE_LABELS));
            long version = timed(stepMs, "derive and write the audit table", () -> {
                describe("derive statuses, build intervals, slice by day, write " + options.from() + ".." + options.to());
                try {
                    return FaultInjection.committing(
                            () -> AuditTable.replaceDays(spark, slices, tables.audit(), options.from(), options.to(), runId));
                } catch (RuntimeException e) {
                    Throwable conflict = Tables.concurrentModification(e);
                    if (conflict == null) {
                        throw e;
                    }
                    // Delta's optimistic concurrency: another run committed to days this run replaces
                    // (or created the table) after this run read the table; this commit was refused whole.
                    throw new RunFailed("another run changed the same days of the audit table while this run was writing ("
                            + conflict.getClass().getSimpleName() + "); nothing of this run was committed: run it again", e);
                }
            });
            Row written = timed(stepMs, "count written", () -> {
                describe("count the rows written");
                return AuditTable.readDays(spark, tables.audit(), version, options.from(), options.to())
                        .agg(count("*"), countDistinct("agent_arn")).first();
            });
            if (quarantined > 0) {
                timed(stepMs, "write quarantine", () -> {
                    describe("write quarantine");
                    QuarantineTable.merge(spark, ReadEvents.withSourceFile(records.filter(col("reason").isNotNull()), listing.files()),
                            tables.quarantine(), runId);
                    return null;
                });
            }
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Long silentGaps = SilentGaps.count(quality);
            RunResult result = new RunResult(runId, listing.files().size(), listing.bytes(), read, valid, duplicates,
                    quarantined, written.getLong(0), written.getLong(1), silentGaps, version, stepMs, files);
            RunsTable.append(spark, tables.runs(), new RunRecord(runId, RunRecord.COMMITTED, command, options.from(), options.to(),
                    options.inputs(), result.inputFiles(), result.inputBytes(), read, valid, duplicates, quarantined,
                    result.slicesWritten(), result.agents(), silentGaps, version, durationMs, stepMs, null));
            return result;
        } finally {
            records.unpersist();
        }
    }

    /**
     * Records read, valid, duplicate and quarantined per input file, every listed file included (an
     * empty one reads 0); the four must add up, or the run fails. The same pass over the records finds
     * the latest event of each UTC date, which the derive needs before any window is complete: what
     * {@link DayWindows#dayEnds} computes for the pure path, here counted per file and date and taken
     * together.
     */
    private Accounting account(Dataset<Row> records, List<String> listed, RunOptions options) {
        describe("read, clean, dedupe: account for every record");
        Map<String, RunResult.FileCounts> byFile = new TreeMap<>();
        listed.forEach(f -> byFile.put(f, new RunResult.FileCounts(f, 0, 0, 0, 0)));
        // a date as its day number and an instant as its microseconds: no java.sql types on the way
        Map<Integer, Long> dayEnds = new TreeMap<>();
        long unlisted = 0;
        Column windowedDay = DayWindows.windowedDay(options.from(), options.to(), options.marginDays());
        for (Row row : records.groupBy(col("file_index"), when(VALID_EVENT, unix_date(windowedDay)).as("event_day")).agg(
                count("*").as("read"),
                sum(when(VALID_EVENT, 1).otherwise(0)).as("valid"),
                sum(when(col("is_duplicate"), 1).otherwise(0)).as("duplicates"),
                sum(when(col("reason").isNotNull(), 1).otherwise(0)).as("quarantined"),
                unix_micros(max("event_ts")).as("day_end"))
                .collectAsList()) {
            if (row.isNullAt(0)) {
                unlisted += row.getLong(2);
                continue;
            }
            String file = listed.get(row.getInt(0));
            RunResult.FileCounts sum = byFile.get(file);
            byFile.put(file, new RunResult.FileCounts(file, sum.read() + row.getLong(2), sum.valid() + row.getLong(3),
                    sum.duplicates() + row.getLong(4), sum.quarantined() + row.getLong(5)));
            if (!row.isNullAt(1)) {
                dayEnds.merge(row.getInt(1), row.getLong(6), Math::max);
            }
        }
        if (unlisted > 0) {
            throw new RunFailed(unlisted + " records came from a file that is not in the listing; nothing was written");
        }
        for (RunResult.FileCounts counts : byFile.values()) {
            if (counts.read() != counts.valid() + counts.duplicates() + counts.quarantined()) {
                throw new RunFailed("records of " + counts.file() + " do not add up: " + counts);
            }
        }
        List<Row> dayEndRows = new ArrayList<>();
        dayEnds.forEach((date, end) -> dayEndRows.add(RowFactory.create(date, end)));
        return new Accounting(new ArrayList<>(byFile.values()), spark.createDataFrame(dayEndRows, DAY_ENDS)
                .select(date_from_unix_date(col("event_day")).as("event_date"), timestamp_micros(col("day_end")).as("day_end")));
    }

    /** The per-file counts of a run's records and the latest event of each UTC date. */
    private record Accounting(List<RunResult.FileCounts> files, Dataset<Row> dayEnds) {}

    /**
     * Parquet holds the same records in about a third of the bytes of gzip'd JSON (the benchmark's 10 M
     * events: 0.98 GB against 2.74 GB), so its bytes count three times towards the shuffle partitions.
     */
    static long jsonEquivalentBytes(long inputBytes, String format) {
        return format.equals("parquet") ? 3 * inputBytes : inputBytes;
    }

    /**
     * The shuffle partitions of a run over {@code inputBytes}: one per {@code bytesPerPartition}, at least
     * {@code configured}, and at most 100,000 (a size of a few bytes would otherwise ask for millions).
     */
    static int shufflePartitions(long inputBytes, int configured, String bytesPerPartition) {
        long perPartition;
        try {
            perPartition = JavaUtils.byteStringAsBytes(bytesPerPartition);
        } catch (NumberFormatException e) {
            throw new BadArgument(INPUT_BYTES_PER_PARTITION + " must be a size such as 80m, not '" + bytesPerPartition + "'");
        }
        if (perPartition <= 0) {
            return configured;
        }
        return (int) Math.max(configured, Math.min(100_000, (inputBytes + perPartition - 1) / perPartition));
    }

    private void describe(String step) {
        spark.sparkContext().setJobDescription("agent-audit: " + step);
    }

    private <T> T timed(Map<String, Long> stepMs, String step, Supplier<T> work) {
        long t0 = System.nanoTime();
        T result = work.get();
        stepMs.put(step, Duration.ofNanos(System.nanoTime() - t0).toMillis());
        return result;
    }

    /** A run that stopped for a reason the user should read (exit 1). */
    public static final class RunFailed extends RuntimeException {
        public RunFailed(String message) {
            super(message);
        }

        public RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
