package org.agentaudit.table;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One row of the runs table. Counts are null where the run did not get that far. */
public record RunRecord(
        String runId,
        String state,
        String command,
        LocalDate from,
        LocalDate to,
        List<String> inputs,
        Long inputFiles,
        Long inputBytes,
        Long recordsRead,
        Long eventsValid,
        Long duplicates,
        Long quarantined,
        Long slicesWritten,
        Long agents,
        Long silentGaps,
        Long tableVersion,
        Long durationMs,
        Map<String, Long> stepMs,
        String message) {

    public static final String STARTED = "STARTED";
    public static final String COMMITTED = "COMMITTED";
    public static final String FAILED = "FAILED";

    public static RunRecord started(String runId, String command, LocalDate from, LocalDate to, List<String> inputs) {
        return new RunRecord(runId, STARTED, command, from, to, inputs,
                null, null, null, null, null, null, null, null, null, null, null, Map.of(), null);
    }
}
