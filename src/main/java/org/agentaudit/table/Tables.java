package org.agentaudit.table;

/** Where the three tables of one deployment live: the audit table and, beside it, quarantine and runs. */
public record Tables(String audit) {
    /** Attempts of a write that only conflicts with other runs' writes and is safe to repeat. */
    static final int ATTEMPTS = 5;

    /**
     * The Delta concurrent-modification exception (ConcurrentAppendException, ProtocolChangedException,
     * ...) in this exception's chain, or null: another writer committed first and Delta refused this commit.
     */
    public static Throwable concurrentModification(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException) {
                return t;
            }
        }
        return null;
    }

    /**
     * Runs an idempotent write, again when another run's commit made Delta refuse it (two runs
     * creating the table at once, or merging into the quarantine table at once).
     */
    static void retryOnConflict(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || concurrentModification(e) == null) {
                    throw e;
                }
            }
        }
    }

    public String quarantine() {
        return audit + "_quarantine";
    }

    public String runs() {
        return audit + "_runs";
    }
}
