package org.agentaudit.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a run wrote.
 *
 * @param events      distinct events (distinct EventIds)
 * @param records     records written: events plus duplicates
 * @param duplicates  extra deliveries of an already written EventId
 * @param rawBytes    uncompressed bytes written (records and newline delimiters)
 * @param recordBytes bytes of the JSON records alone (for the average record size)
 * @param fileBytes   gzip'd bytes on disk
 * @param concatenatedFiles files written back to back ({@code }{}) rather than JSON Lines
 * @param firstEvent  earliest EventTimestamp, null when nothing was written
 * @param lastEvent   latest EventTimestamp, null when nothing was written
 * @param elapsed     wall time of the run (the only thing that is not deterministic)
 */
public record GenerateResult(Path out, int agents, int instances, int files, int concatenatedFiles,
                             long events, long records, long duplicates, long rawBytes, long recordBytes,
                             long fileBytes, Instant firstEvent, Instant lastEvent, Duration elapsed) {

    public double averageRecordBytes() {
        return records == 0 ? 0 : (double) recordBytes / records;
    }

    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : records / s;
    }
}
