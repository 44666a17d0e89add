package org.agentaudit.job;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agentaudit.table.AuditTable;
import org.agentaudit.table.RunRecord;
import org.agentaudit.table.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A long range walked in chunks of days, each chunk one run of the audit job (its own Delta commit
 * and its own rows in the runs table). Days are independent (audit-status-rules.md section 6), so
 * chunking changes nothing in the rows. A backfill is identified by what it was asked; started again
 * with the same arguments it skips every chunk already committed and resumes after them.
 */
public final class Backfill {
    /** One chunk: days [from, to], number {@code index} of {@code total} (1-based). */
    public record Chunk(int index, int total, LocalDate from, LocalDate to) {}

    /** What the backfill did: chunks run, chunks skipped as already committed. */
    public record Outcome(String backfillId, int chunksRun, int chunksSkipped, long eventsRead) {}

    private final SparkSession spark;
    private final Progress progress;
    private final int gapMinutes;

    public Backfill(SparkSession spark, Progress progress, int gapMinutes) {
        this.spark = spark;
        this.progress = progress;
        this.gapMinutes = gapMinutes;
    }

    public static List<Chunk> chunks(LocalDate from, LocalDate to, int chunkDays) {
        if (chunkDays < 1) {
            throw new IllegalArgumentException("--chunk-days must be 1 or more, not " + chunkDays);
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(chunkDays)) {
            starts.add(d);
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            LocalDate end = starts.get(i).plusDays(chunkDays - 1L);
            chunks.add(new Chunk(i + 1, starts.size(), starts.get(i), end.isAfter(to) ? to : end));
        }
        return chunks;
    }

    /** A stable name for "this range, these inputs, this table, these chunks". */
    public static String id(RunOptions whole, int chunkDays) {
        String key = String.join("\n", whole.inputs()) + "\n" + whole.format() + "\n" + whole.from() + "\n" + whole.to()
                + "\n" + chunkDays + "\n" + whole.table() + "\n" + whole.marginDays();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Outcome run(RunOptions whole, int chunkDays, boolean restart) {
        String backfillId = id(whole, chunkDays);
        String command = "backfill " + backfillId;
        List<Chunk> chunks = chunks(whole.from(), whole.to(), chunkDays);
        Set<String> committed = restart ? Set.of() : committedChunks(new Tables(whole.table()), command);
        progress.step(String.format("backfill %s: %s .. %s in %d chunks of %d days%s", backfillId, whole.from(), whole.to(),
                chunks.size(), chunkDays, committed.isEmpty() ? "" : ", " + committed.size() + " already committed"));
        long started = System.nanoTime();
        int run = 0;
        int skipped = 0;
        long events = 0;
        for (Chunk chunk : chunks) {
            String label = String.format("chunk %d of %d (%s .. %s)", chunk.index(), chunk.total(), chunk.from(), chunk.to());
            if (committed.contains(chunk.from() + ".." + chunk.to())) {
                skipped++;
                progress.step(label + ": already committed, skipped");
                continue;
            }
            RunOptions options = new RunOptions(whole.inputs(), whole.format(), chunk.from(), chunk.to(), whole.table(),
                    whole.marginDays(), whole.prefixSlackHours(), whole.maxQuarantineRatio());
            RunResult result = new AuditJob(spark, progress, gapMinutes).run(options, command);
            run++;
            events += result.eventsValid();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            int remaining = chunk.total() - chunk.index();
            Duration eta = elapsed.dividedBy(run).multipliedBy(remaining);
            progress.step(String.format("%s: committed table version %d, %d events read, elapsed %s, ETA %s",
                    label, result.tableVersion(), result.eventsValid(), format(elapsed), format(eta)));
        }
        return new Outcome(backfillId, run, skipped, events);
    }

    private Set<String> committedChunks(Tables tables, String command) {
        Set<String> done = new HashSet<>();
        if (!AuditTable.exists(spark, tables.runs())) {
            return done;
        }
        for (Row row : spark.read().format("delta").load(tables.runs())
                .filter(col("state").equalTo(RunRecord.COMMITTED).and(col("command").equalTo(command)))
                .select("range_from", "range_to").collectAsList()) {
            done.add(row.getDate(0).toLocalDate() + ".." + row.getDate(1).toLocalDate());
        }
        return done;
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
