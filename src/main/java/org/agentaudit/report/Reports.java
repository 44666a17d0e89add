package org.agentaudit.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.agentaudit.config.BadArgument;
import org.agentaudit.config.LabelSet;
import org.agentaudit.table.AuditTable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/** The two ways reports leave the job: one agent's day ({@code report}), or every agent's days ({@code run --reports}). */
public final class Reports {
    private Reports() {}

    /** One agent's report: the login as the table knows it (or as asked, when unknown), and its rows. */
    public record AgentDay(String login, boolean known, List<CsvReport.Line> lines) {}

    /**
     * One agent, one local day: the console's Generate Report. {@code agent} is a login, an agent id
     * or an AgentARN; a login found in several instances needs {@code instance}.
     */
    public static AgentDay forAgent(SparkSession spark, String table, String agent, String instance,
                                    LocalDay day, LabelSet labels) {
        Dataset<Row> slices = AuditTable.readDays(spark, table, null, day.firstUtcDate(), day.lastUtcDate())
                .filter(col("agent_username").equalTo(agent).or(col("agent_id").equalTo(agent)).or(col("agent_arn").equalTo(agent)));
        if (instance != null) {
            slices = slices.filter(col("instance_id").equalTo(instance));
        }
        List<Row> matches = slices.select(col("instance_id"), ReportRows.AGENT_LOGIN.as("login")).distinct().collectAsList();
        if (matches.stream().map(r -> r.getString(0)).distinct().count() > 1) {
            throw new BadArgument("agent '" + agent + "' is found in several instances: "
                    + String.join(", ", matches.stream().map(r -> r.getString(0)).distinct().sorted().toList())
                    + "; choose one with --instance");
        }
        List<CsvReport.Line> lines = ReportRows.apply(slices, ReportRows.days(spark, List.of(day)), labels)
                .orderBy("start", "end")
                .collectAsList().stream()
                .map(Reports::line)
                .toList();
        return matches.isEmpty()
                ? new AgentDay(agent, false, lines)
                : new AgentDay(matches.get(0).getString(1), true, lines);
    }

    /**
     * Every agent seen in the table around these days gets one CSV per local day, header-only where
     * it has no rows, in {@code dir/<instance_id>/}. Written by the executors, agent by agent, so the
     * driver never holds the rows. Returns the number of files written.
     */
    public static long writeAll(SparkSession spark, String table, Long version, List<LocalDay> days, LabelSet labels,
                                String dir, boolean excelSafe) {
        LocalDate utcFrom = days.stream().map(LocalDay::firstUtcDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate utcTo = days.stream().map(LocalDay::lastUtcDate).max(Comparator.naturalOrder()).orElseThrow();
        Dataset<Row> slices = AuditTable.readDays(spark, table, version, utcFrom, utcTo);
        Dataset<Row> dayTable = ReportRows.days(spark, days);
        Dataset<Row> rows = ReportRows.apply(slices, dayTable, labels);
        Dataset<Row> everyAgentDay = slices.select(col("instance_id"), ReportRows.AGENT_LOGIN.as("agent_login")).distinct()
                .crossJoin(broadcast(dayTable.select("local_date")));
        Dataset<Row> all = everyAgentDay.join(rows, scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("instance_id", "agent_login", "local_date")).toSeq(), "left")
                .repartition(col("instance_id"), col("agent_login"))
                .sortWithinPartitions("instance_id", "agent_login", "local_date", "start", "end");

        Map<LocalDate, LocalDay> byDate = new HashMap<>();
        days.forEach(d -> byDate.put(d.date(), d));
        SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        LongAccumulator files = spark.sparkContext().longAccumulator("report files");
        String labelSet = labels.name();
        CsvReport csv = new CsvReport(days.get(0).zone(), excelSafe);
        all.foreachPartition((ForeachPartitionFunction<Row>) partition ->
                writePartition(partition, byDate, csv, labelSet, dir, hadoop, files));
        return files.value();
    }

    private static void writePartition(Iterator<Row> partition, Map<LocalDate, LocalDay> days, CsvReport csv, String labels,
                                       String dir, SerializableConfiguration hadoop, LongAccumulator files) throws IOException {
        String key = null;
        StringBuilder content = null;
        Path target = null;
        while (partition.hasNext()) {
            Row row = partition.next();
            String instance = row.getAs("instance_id");
            String login = row.getAs("agent_login");
            LocalDay day = days.get(((java.sql.Date) row.getAs("local_date")).toLocalDate());
            String rowKey = instance + "\u0000" + login + "\u0000" + day.date();
            if (!rowKey.equals(key)) {
                if (content != null) {
                    write(target, content, hadoop);
                    files.add(1);
                }
                key = rowKey;
                content = new StringBuilder(CsvReport.HEADER).append('\n');
                target = new Path(new Path(dir, instance == null || instance.isEmpty() ? "_unknown_instance" : instance),
                        CsvReport.fileName(login, day, labels));
            }
            if (row.getAs("status") != null) {
                csv.append(content, line(row));
            }
        }
        if (content != null) {
            write(target, content, hadoop);
            files.add(1);
        }
    }

    private static void write(Path target, StringBuilder content, SerializableConfiguration hadoop) throws IOException {
        FileSystem fs = target.getFileSystem(hadoop.value());
        fs.setWriteChecksum(false); // no .crc side files beside the reports on a local disk
        try (OutputStream out = fs.create(target, true)) {
            out.write(content.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static CsvReport.Line line(Row row) {
        return new CsvReport.Line(row.getAs("agent_login"), row.getAs("status"),
                ((java.sql.Timestamp) row.getAs("start")).toInstant(), ((java.sql.Timestamp) row.getAs("end")).toInstant(),
                row.getAs("channel"), row.getAs("contact_id"));
    }

    /** Local dates from..to in a zone. */
    public static List<LocalDay> days(LocalDate from, LocalDate to, java.time.ZoneId zone) {
        List<LocalDay> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(LocalDay.of(d, zone));
        }
        return days;
    }
}
