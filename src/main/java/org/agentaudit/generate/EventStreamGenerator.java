package org.agentaudit.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic Amazon Connect agent event stream the way Kinesis Data Firehose lands it in S3:
 * gzip'd objects without a {@code .gz} extension under {@code yyyy/MM/dd/HH/} prefixes of the UTC
 * arrival hour, most in JSON Lines, some with records back to back ({@code }{}), with duplicate
 * deliveries, events overtaken by later ones and events arriving in a later file or hour.
 *
 * <p>Deterministic: the same options give byte-identical files. Every agent, every agent's delivery
 * and every file has its own random stream derived from the seed; the simulation runs on the calling
 * thread, one file window at a time (memory stays at one window), and the writer threads only
 * render and compress records whose content and order are already fixed.
 */
public final class EventStreamGenerator {

    /** The Firehose delivery stream name and version that prefix every object name. */
    static final String DELIVERY_STREAM = "agent-events";
    static final int DELIVERY_STREAM_VERSION = 1;

    /** One delivery of an event; a duplicate is a second delivery of the same event. */
    record Delivery(AgentEvent event, long arrival, boolean duplicate) {
    }

    private static final Comparator<Delivery> ARRIVAL_ORDER = Comparator
        .comparingLong(Delivery::arrival)
        .thenComparingInt(d -> d.event().agent.index)
        .thenComparingInt(d -> d.event().seq)
        .thenComparing(Delivery::duplicate);

    private record FileStats(long records, long recordBytes, long rawBytes, long fileBytes) {
    }

    private final GeneratorOptions options;
    private final Rng[] deliveryRng;
    private final long[] lastArrival;
    private final List<Delivery> carry = new ArrayList<>();
    private final List<Delivery> window = new ArrayList<>();
    private long windowEnd;
    private long events, duplicates, firstEvent = Long.MAX_VALUE, lastEvent = Long.MIN_VALUE;

    private EventStreamGenerator(GeneratorOptions options) {
        this.options = options;
        this.deliveryRng = new Rng[options.agents()];
        for (int i = 0; i < deliveryRng.length; i++) deliveryRng[i] = Rng.of(options.seed(), "delivery", i);
        this.lastArrival = new long[options.agents()];
    }

    /** Generates the stream into {@code options.out()} (created if missing). */
    public static GenerateResult generate(GeneratorOptions options) throws IOException {
        options.validate();
        return new EventStreamGenerator(options).run();
    }

    private GenerateResult run() throws IOException {
        long started = System.nanoTime();
        GeneratorOptions o = options;
        Files.createDirectories(o.out());
        ContactCenter center = ContactCenter.build(o.seed(), o.agents());
        long rangeStart = o.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long rangeEnd = o.start().plusDays(o.days()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        AgentSimulator[] sims = new AgentSimulator[o.agents()];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = new AgentSimulator(center.agents.get(i), o.seed(), o.start(), o.days(), rangeStart, rangeEnd);
        }

        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "generate-writer-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(2 * o.threads()); // bounds memory: files waiting to be written
        List<Future<FileStats>> written = new ArrayList<>();
        int checked = 0, files = 0, concatenated = 0;
        long windowMs = o.fileMinutes() * 60_000L;
        try {
            for (long w = 0; ; w++) {
                long windowStart = rangeStart + w * windowMs;
                windowEnd = windowStart + windowMs;
                boolean agentsLeft = false;
                for (AgentSimulator sim : sims) {
                    sim.drainUntil(windowEnd, this::deliver);
                    agentsLeft |= !sim.finished();
                }
                int kept = 0;
                for (Delivery d : carry) {
                    if (d.arrival() < windowEnd) window.add(d);
                    else carry.set(kept++, d);
                }
                carry.subList(kept, carry.size()).clear();
                if (!window.isEmpty()) {
                    window.sort(ARRIVAL_ORDER);
                    Path dir = o.out().resolve(hourPrefix(windowStart));
                    Files.createDirectories(dir);
                    for (int part = 0, from = 0; from < window.size(); part++, from += o.maxRecordsPerFile()) {
                        List<Delivery> chunk = List.copyOf(
                            window.subList(from, Math.min(window.size(), from + o.maxRecordsPerFile())));
                        Rng fileRnd = Rng.of(o.seed(), "file", (w << 16) | part);
                        boolean backToBack = fileRnd.chance(o.concatenatedRatio());
                        Path file = dir.resolve(objectName(chunk.get(0).arrival(), fileRnd.uuid()));
                        inFlight.acquireUninterruptibly();
                        written.add(pool.submit(() -> {
                            try {
                                return write(file, chunk, backToBack);
                            } finally {
                                inFlight.release();
                            }
                        }));
                        files++;
                        if (backToBack) concatenated++;
                        while (checked < written.size() && written.get(checked).isDone()) {
                            await(written.get(checked++)); // fail fast on a write error
                        }
                    }
                    window.clear();
                }
                if (!agentsLeft && carry.isEmpty()) break;
            }
            long records = 0, recordBytes = 0, rawBytes = 0, fileBytes = 0;
            for (Future<FileStats> f : written) {
                FileStats s = await(f);
                records += s.records();
                recordBytes += s.recordBytes();
                rawBytes += s.rawBytes();
                fileBytes += s.fileBytes();
            }
            return new GenerateResult(o.out(), o.agents(), center.instances.size(), files, concatenated,
                events, records, duplicates, rawBytes, recordBytes, fileBytes,
                events == 0 ? null : Instant.ofEpochMilli(firstEvent),
                events == 0 ? null : Instant.ofEpochMilli(lastEvent),
                Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Delivery through Kinesis and Firehose: a small delay (sometimes minutes, so the record lands in
     * a later file or hour), in order per agent except for a few overtaken events, and some records
     * delivered twice.
     */
    private void deliver(AgentEvent e) {
        int i = e.agent.index;
        Rng d = deliveryRng[i];
        events++;
        firstEvent = Math.min(firstEvent, e.timestamp);
        lastEvent = Math.max(lastEvent, e.timestamp);
        double r = d.nextDouble();
        long delay = r < 0.003 ? d.seconds(120, 900) : r < 0.03 ? d.seconds(5, 120) : d.seconds(0.2, 3);
        long arrival;
        if (d.chance(options.outOfOrderRate())) {
            arrival = e.timestamp + delay + d.seconds(2, 40); // overtaken by the agent's next events
        } else {
            arrival = Math.max(e.timestamp + delay, lastArrival[i]); // Kinesis keeps order per agent
            lastArrival[i] = arrival;
        }
        add(new Delivery(e, arrival, false));
        if (d.chance(options.duplicateRate())) {
            duplicates++;
            long again = d.chance(0.5) ? d.seconds(0.1, 5) : d.seconds(60, 1800); // same file, or a later one
            add(new Delivery(e, arrival + again, true));
        }
    }

    private void add(Delivery d) {
        (d.arrival() < windowEnd ? window : carry).add(d);
    }

    private static String hourPrefix(long epochMs) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        return String.format("%04d/%02d/%02d/%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }

    /** Firehose's object name: {@code <stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid>}, no extension. */
    static String objectName(long epochMs, String uuid) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        return String.format("%s-%d-%04d-%02d-%02d-%02d-%02d-%02d-%s", DELIVERY_STREAM, DELIVERY_STREAM_VERSION,
            t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), uuid);
    }

    private static FileStats write(Path file, List<Delivery> chunk, boolean backToBack) throws IOException {
        long recordBytes = 0;
        byte[] scratch = new byte[64];
        try (OutputStream fileOut = Files.newOutputStream(file);
             GZIPOutputStream gz = new FastGzip(fileOut);
             OutputStream out = new BufferedOutputStream(gz, 1 << 16)) {
            for (Delivery d : chunk) {
                recordBytes += d.event().writeTo(out, scratch);
                if (!backToBack) out.write('\n');
            }
        }
        long raw = recordBytes + (backToBack ? 0 : chunk.size());
        return new FileStats(chunk.size(), recordBytes, raw, Files.size(file));
    }

    /** gzip at the fastest level: the records are so repetitive that it still compresses ~20:1. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static FileStats await(Future<FileStats> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }
}
