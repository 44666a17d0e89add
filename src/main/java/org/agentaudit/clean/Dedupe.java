package org.agentaudit.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

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
        return byAgent.withColumn("is_duplicate",
                col("reason").isNull().and(row_number().over(Window.partitionBy("agent_arn", "event_id", "reason")
                        .orderBy("source_file", "line", "column")).gt(1)));
    }
}
