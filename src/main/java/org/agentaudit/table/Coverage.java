package org.agentaudit.table;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which UTC days the audit table has been written for, from the runs table's committed runs. A
 * local day straddles two UTC days; a report over a day never audited would be silently short, so
 * callers warn about those days instead.
 */
public final class Coverage {
    private Coverage() {}

    /** The days of [from, to] that no committed run has written. */
    public static List<LocalDate> unaudited(SparkSession spark, Tables tables, LocalDate from, LocalDate to) {
        TreeSet<LocalDate> audited = new TreeSet<>();
        if (AuditTable.exists(spark, tables.runs())) {
            for (Row run : spark.read().format("delta").load(tables.runs())
                    .filter(col("state").equalTo(RunRecord.COMMITTED))
                    .filter(col("range_to").geq(java.sql.Date.valueOf(from)).and(col("range_from").leq(java.sql.Date.valueOf(to))))
                    .select("range_from", "range_to").collectAsList()) {
                for (LocalDate d = run.getDate(0).toLocalDate(); !d.isAfter(run.getDate(1).toLocalDate()); d = d.plusDays(1)) {
                    audited.add(d);
                }
            }
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!audited.contains(d)) {
                missing.add(d);
            }
        }
        return missing;
    }
}
