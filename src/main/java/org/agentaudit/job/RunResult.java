package org.agentaudit.job;

import java.util.List;
import java.util.Map;

/**
 * What a run did, in counts: records read = valid + duplicates + quarantined, per file and in total;
 * {@code silentGaps}: logged-in agents silent for longer than gap.minutes (null if not reported).
 */
public record RunResult(
        String runId,
        long inputFiles,
        long inputBytes,
        long recordsRead,
        long eventsValid,
        long duplicates,
        long quarantined,
        long slicesWritten,
        long agents,
        Long silentGaps,
        long tableVersion,
        Map<String, Long> stepMs,
        List<FileCounts> files) {

    /** The accounting of one input file. */
    public record FileCounts(String file, long read, long valid, long duplicates, long quarantined) {}
}
