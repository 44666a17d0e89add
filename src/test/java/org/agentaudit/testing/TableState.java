package org.agentaudit.testing;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agentaudit.table.AuditTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a test sees of the Delta tables on disk, read fresh each time (other processes write them). */
public final class TableState {
    private TableState() {}

    private static SparkSession spark() {
        return SparkTestSession.get();
    }

    public static long version(String table) {
        return DeltaTable.forPath(spark(), table).history(1).select("version").first().getLong(0);
    }

    /** Every row of the table's latest version, as text, sorted: equal lists mean equal tables. */
    public static List<String> rows(String table) {
        return spark().read().format("delta").load(table).collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    /** Data files in the table's folder that its latest version does not contain (left by runs that never committed). */
    public static Set<String> orphanFiles(String table) {
        Set<String> live = Arrays.stream(spark().read().format("delta").load(table).inputFiles())
                .map(f -> Path.of(URI.create(f)).getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.walk(Path.of(table))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.toString().contains("_delta_log"))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !live.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The states the runs table recorded for one run, in order: STARTED, then COMMITTED or FAILED (or nothing). */
    public static List<String> runStates(String runsTable, String runId) {
        return runs(runsTable, runId).stream().map(r -> r.<String>getAs("state")).toList();
    }

    public static List<Row> runs(String runsTable, String runId) {
        return spark().read().format("delta").load(runsTable).filter(col("run_id").equalTo(runId))
                .orderBy("recorded_at").collectAsList();
    }

    /** The run id of the runs table's newest COMMITTED row. */
    public static String newestCommittedRun(String runsTable) {
        return spark().read().format("delta").load(runsTable).filter(col("state").equalTo("COMMITTED"))
                .orderBy(col("recorded_at").desc()).first().getAs("run_id");
    }

    /** The commit of the audit table a run made (by the userMetadata the job writes), or null. */
    public static Row commitOf(String table, String runId) {
        List<Row> commits = DeltaTable.forPath(spark(), table).history()
                .filter(col("userMetadata").equalTo(AuditTable.commitMetadata(runId))).collectAsList();
        return commits.isEmpty() ? null : commits.get(0);
    }
}
