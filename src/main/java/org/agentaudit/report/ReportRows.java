package org.agentaudit.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.agentaudit.config.LabelSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Step "report" (audit-status-rules.md section 5): audit table rows → the rows of each agent's local
 * day. Every slice that overlaps the day is clipped to it and labelled with the chosen set; then
 * consecutive rows with the same label and contact that touch are merged into one. Output columns:
 * {@code instance_id, agent_login, local_date, status, start, end, channel, contact_id}.
 */
public final class ReportRows {
    private static final StructType DAYS = new StructType()
            .add("local_date", DataTypes.DateType)
            .add("window_start", DataTypes.TimestampType)
            .add("window_end", DataTypes.TimestampType);

    /** The login a report is filed under; an agent never seen with a Username goes by its agent id. */
    static final Column AGENT_LOGIN = org.apache.spark.sql.functions.coalesce(col("agent_username"), col("agent_id"));

    private ReportRows() {}

    /** The local days as a small table to join with. */
    public static Dataset<Row> days(SparkSession spark, List<LocalDay> days) {
        List<Row> rows = days.stream()
                .map(d -> RowFactory.create(Date.valueOf(d.date()), Timestamp.from(d.start()), Timestamp.from(d.end())))
                .toList();
        return spark.createDataFrame(rows, DAYS);
    }

    public static Dataset<Row> apply(Dataset<Row> slices, Dataset<Row> days, LabelSet labels) {
        Column start = greatest(col("slice_start"), col("window_start"));
        Column end = least(col("slice_end"), col("window_end"));
        Column overlaps = col("slice_start").lt(col("window_end")).and(col("slice_end").gt(col("window_start")))
                .or(col("slice_start").equalTo(col("slice_end"))
                        .and(col("slice_start").geq(col("window_start"))).and(col("slice_start").lt(col("window_end"))));
        Column fromContact = col("status_source").equalTo("CONTACT");
        Dataset<Row> clipped = slices.join(broadcast(days), overlaps)
                .select(
                        col("instance_id"), AGENT_LOGIN.as("agent_login"), col("local_date"),
                        labels.status().as("status"),
                        start.as("start"), end.as("end"),
                        when(fromContact, col("channel")).as("channel"),
                        when(fromContact, col("contact_id")).as("contact_id"));

        WindowSpec day = Window.partitionBy("instance_id", "agent_login", "local_date").orderBy("start", "end");
        Column continues = lag(col("status"), 1).over(day).equalTo(col("status"))
                .and(lag(col("contact_id"), 1).over(day).eqNullSafe(col("contact_id")))
                .and(lag(col("end"), 1).over(day).equalTo(col("start")));
        return clipped
                .withColumn("new_row", when(continues, lit(0)).otherwise(lit(1)))
                .withColumn("row_group", sum("new_row").over(day.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .groupBy("instance_id", "agent_login", "local_date", "row_group")
                .agg(first("status").as("status"), min("start").as("start"), max("end").as("end"),
                        first("channel", true).as("channel"), first("contact_id", true).as("contact_id"))
                .drop("row_group");
    }
}
