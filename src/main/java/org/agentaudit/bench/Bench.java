package org.agentaudit.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agentaudit.clean.CleanEvents;
import org.agentaudit.clean.Dedupe;
import org.agentaudit.config.LabelSet;
import org.agentaudit.config.Profile;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.Sessions;
import org.agentaudit.read.EventSchema;
import org.agentaudit.read.InputFiles;
import org.agentaudit.read.ReadEvents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Helpers of jobs/benchmark.sh (issue #7), not part of the job:
 * <ul>
 *   <li>{@code prepare IN JSONL PARQUET FILES}: the events of IN once more as gzip'd JSON Lines (what Spark's
 *       own JSON reader can scan: the generator also writes back-to-back {@code }{} files, which it can't) and
 *       as Parquet with the stream's nested layout, each in FILES files;</li>
 *   <li>{@code scan JSONL}: the bare scan, {@code spark.read} with the explicit schema and a count of every
 *       parsed field the job reads;</li>
 *   <li>{@code readscan IN}: the same count through the job's own reader (RecordSplitter + Spark's JSON
 *       parser on each record's bytes), to split the job's time into "read" and the rest;</li>
 *   <li>{@code explain IN FROM TO [json|parquet]}: the physical plan of the derive step.</li>
 * </ul>
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        SparkSession spark = Sessions.create(Profile.load(Optional.empty()));
        long t0 = System.nanoTime();
        String result;
        switch (args[0]) {
            case "prepare" -> result = prepare(spark, args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "scan" -> result = countFields(spark.read().schema(EventSchema.JSON_RECORD).json(args[1]));
            case "readscan" -> result = countFields(ReadEvents.json(spark, list(spark, args[1])));
            case "explain" -> {
                List<String> files = list(spark, args[1]);
                Dataset<Row> parsed = args.length > 4 && args[4].equals("parquet") ? ReadEvents.parquet(spark, files) : ReadEvents.json(spark, files);
                Dataset<Row> records = Dedupe.apply(CleanEvents.apply(parsed));
                Dataset<Row> events = records.filter(AuditJob.VALID_EVENT);
                Dataset<Row> slices = AuditJob.derive(events, new org.agentaudit.job.RunOptions(List.of(args[1]), "json",
                        LocalDate.parse(args[2]), LocalDate.parse(args[3]), "unused", 1, 2, 1.0), LabelSet.named(AuditJob.TABLE_LABELS));
                slices.explain("formatted");
                result = "explained";
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.out.printf("bench %s: %s in %.1f s%n", args[0], result, (System.nanoTime() - t0) / 1e9);
        spark.stop();
    }

    private static List<String> list(SparkSession spark, String input) {
        return new InputFiles(spark.sparkContext().hadoopConfiguration(), null, null, java.time.Duration.ZERO)
                .list(List.of(input)).files();
    }

    private static String prepare(SparkSession spark, String input, String jsonl, String parquet, int files) {
        Dataset<Row> raw = ReadEvents.json(spark, list(spark, input)).filter(col("read_error").isNull()).select("raw");
        raw.repartition(files).write().option("compression", "gzip").text(jsonl);
        spark.read().schema(EventSchema.PARQUET_RECORD).json(jsonl).repartition(files).write().parquet(parquet);
        return "wrote " + jsonl + " and " + parquet;
    }

    /** Non-null counts of every field the job reads, so that no column is pruned from the parse. */
    private static String countFields(Dataset<Row> rows) {
        List<Column> counts = new ArrayList<>();
        for (String field : EventSchema.REQUIRED) {
            counts.add(count(col(field)).as(field));
        }
        Column snapshot = col(rows.columns()[rows.columns().length - 1].equals("snapshot") ? "snapshot" : "CurrentAgentSnapshot");
        for (String field : new String[] {"AgentStatus.Name", "AgentStatus.StartTimestamp", "AgentStatus.Type",
                "Configuration.Username", "Configuration.FirstName", "Configuration.LastName", "Configuration.RoutingProfile.Name"}) {
            Column c = snapshot;
            for (String part : field.split("\\.")) {
                c = c.getField(part);
            }
            counts.add(count(c).as(field));
        }
        for (String field : new String[] {"ContactId", "Channel", "InitiationMethod", "State", "StateStartTimestamp",
                "ConnectedToAgentTimestamp", "Queue.Name"}) {
            counts.add(sum(size(filter(snapshot.getField("Contacts"), c -> {
                Column f = c;
                for (String part : field.split("\\.")) {
                    f = f.getField(part);
                }
                return f.isNotNull();
            }))).as("Contacts." + field));
        }
        Row row = rows.agg(count("*"), counts.toArray(Column[]::new)).first();
        return "records " + row.getLong(0) + ", fields " + row;
    }
}
