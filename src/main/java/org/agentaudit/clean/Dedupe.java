package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Step "dedupe" (audit-status-rules.md section 1.3): at-least-once delivery repeats records with the
 * same EventId; one copy is kept, deterministically the first by source file, line and column, and
 * the others are flagged {@code is_duplicate}. This is also where the events are shuffled by agent,
 * once: every later window function reuses this partitioning.
 *
 * <p>Copies are matched within an agent (AgentARN + EventId): a re-delivery repeats the whole record,
 * agent included, and matching inside the agent's partition saves a second shuffle of every event.
 */
public final class Dedupe {
    private Dedupe() {}

    public static Dataset<Row> apply(Dataset<Row> cleaned) {
        Dataset<Row> byAgent = cleaned.repartition(col("agent_arn"));
        Column quarantined = col("reason").isNotNull();
        return byAgent.withColumn("is_duplicate",
                        not(quarantined).and(row_number().over(Window.partitionBy("agent_arn", "event_id", "reason")
                                .orderBy("source_file", "line", "column")).gt(1)))
                // Past this choice only a quarantined record's position is read (the quarantine table's
                // key); an event's is dropped, so the records the job keeps cached are that much lighter.
                .withColumn("line", when(quarantined, col("line")))
                .withColumn("column", when(quarantined, col("column")));
    }
}
