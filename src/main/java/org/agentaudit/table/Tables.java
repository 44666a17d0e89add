package org.agentaudit.table;

/** Where the three tables of one deployment live: the audit table and, beside it, quarantine and runs. */
public record Tables(String audit) {
    public String quarantine() {
        return audit + "_quarantine";
    }

    public String runs() {
        return audit + "_runs";
    }
}
