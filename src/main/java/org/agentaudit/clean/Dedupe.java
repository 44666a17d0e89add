package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Step "dedupe" (audit-status-rules.md section 1.3): at-least-once delivery repeats records with the
 * same EventId; one copy is kept, deterministically the first by source file (by its place in the
 * listing, which is sorted by name), line and column, and the others are flagged {@code is_duplicate}.
 * This is also where the events are shuffled by agent, once: every later window function reuses
 * this partitioning.
 *
 * <p>Copies are matched within an agent (AgentARN + EventId): a re-delivery repeats the whole record,
 * agent included, and matching inside the agent's partition saves a second shuffle of every event.
 */
public final class Dedupe {
    private Dedupe() {}

    public static Dataset<Row> apply(Dataset<Row> cleaned) {
        Dataset<Row> byAgent = cleaned.repartition(col("agent_arn"));
        Column quarantined = col("reason").isNotNull();
        // The copies are sorted by a number first, the agent's hash above the EventId's: Spark's sort
        // compares that number in its own array, without reading the rows, and it nearly always decides
        // (the ARN that used to come first shares its first ~90 bytes with every other agent's). The
        // exact keys follow, so copies are matched exactly; the agents stay grouped.
        Column copyKey = shiftleft(hash(col("agent_arn")).cast("long"), 32)
                .bitwiseOR(hash(col("event_id")).cast("long").bitwiseAND(lit(0xFFFFFFFFL)));
        return byAgent.withColumn("copy_key", copyKey)
                .withColumn("is_duplicate",
                        not(quarantined).and(row_number().over(Window.partitionBy("copy_key", "agent_arn", "event_id", "reason")
                                .orderBy("file_index", "line", "column")).gt(1)))
                .drop("copy_key")
                // Past this choice only a quarantined record's position is read (the quarantine table's
                // key); an event's is dropped, so the records the job keeps cached are that much lighter.
                .withColumn("line", when(quarantined, col("line")))
                .withColumn("column", when(quarantined, col("column")));
    }
}
