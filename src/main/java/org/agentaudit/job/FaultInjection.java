package org.agentaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * A test hook, off unless the JVM runs with {@code -Dagent.audit.pauseAt=STEP}: the failure-safety
 * and concurrency tests (FailureSafetyIT, ConcurrencyIT) use it to stop a real run at an exact
 * point, then SIGKILL it there or let another run commit meanwhile. At the step the run prints one
 * line, {@code agent-audit: paused at STEP}, to stderr and waits until the file named by
 * {@code -Dagent.audit.resumeFile} exists, or for {@code -Dagent.audit.pauseSeconds} (default 600).
 * Each step pauses once per JVM.
 * <ul>
 *   <li>{@code read}: a task of the read job has read its input (the read is under way, the
 *       run's STARTED row is written, nothing else is);
 *   <li>{@code write}: a task of the audit table's write has written its Parquet files into the
 *       table's folder, inside the Delta transaction (its snapshot is read), before the commit;
 *   <li>{@code commit}: the audit table's commit is about to write its {@code _delta_log} entry,
 *       after Delta's conflict checks (local file system tables only: it installs a LogStore);
 *   <li>{@code committed}: the audit table's commit is written; the run has not yet looked up the
 *       version it committed, nor recorded its COMMITTED row.
 * </ul>
 * When the property is not set, nothing here touches a run: no plan changes, no other LogStore.
 */
public final class FaultInjection {
    public static final String PAUSE_AT = "agent.audit.pauseAt";
    public static final String RESUME_FILE = "agent.audit.resumeFile";
    public static final String PAUSE_SECONDS = "agent.audit.pauseSeconds";
    /** The line printed when a run pauses, followed by the step. */
    public static final String MARKER = "agent-audit: paused at ";

    private static final Set<String> PAUSED = ConcurrentHashMap.newKeySet();
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");
    private static volatile boolean committing;

    private FaultInjection() {}

    static boolean selected(String step) {
        return step.equals(System.getProperty(PAUSE_AT));
    }

    /** Pauses here when this is the selected step (the first time only). */
    public static void pause(String step) {
        if (!selected(step) || !PAUSED.add(step)) {
            return;
        }
        System.err.println(MARKER + step);
        System.err.flush();
        String resume = System.getProperty(RESUME_FILE);
        long deadline = System.nanoTime() + Long.getLong(PAUSE_SECONDS, 600) * 1_000_000_000L;
        try {
            while (System.nanoTime() < deadline && (resume == null || !Files.exists(Path.of(resume)))) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The rows unchanged; when {@code step} is selected, the first task that computes them pauses
     * once it has finished its work (its output is written), before it reports to the driver.
     */
    public static Dataset<Row> pauseInTask(String step, Dataset<Row> rows) {
        if (!selected(step)) {
            return rows;
        }
        return rows.mapPartitions((MapPartitionsFunction<Row, Row>) partition -> {
            TaskContext.get().addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> pause(step));
            return partition;
        }, Encoders.row(rows.schema()));
    }

    /** Runs the audit table's write; its commit pauses when {@code commit} is selected. */
    public static <T> T committing(Supplier<T> write) {
        committing = true;
        try {
            return write.get();
        } finally {
            committing = false;
        }
    }

    /** Installs the pausing LogStore for local tables when {@code commit} is selected. */
    public static void configure(SparkConf conf) {
        if (selected("commit")) {
            conf.set("spark.delta.logStore.file.impl", PauseBeforeCommit.class.getName());
        }
    }

    /** Delta's local LogStore, pausing before it writes a commit of the audit table. */
    public static final class PauseBeforeCommit extends io.delta.storage.LocalLogStore {
        public PauseBeforeCommit(Configuration hadoopConf) {
            super(hadoopConf);
        }

        @Override
        public void write(org.apache.hadoop.fs.Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
                throws IOException {
            if (committing && COMMIT_FILE.matcher(path.getName()).matches()) {
                pause("commit");
            }
            super.write(path, actions, overwrite, hadoopConf);
        }
    }
}
