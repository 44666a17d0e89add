package org.agentaudit.testing;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.agentaudit.clean.CleanEvents;
import org.agentaudit.clean.Dedupe;
import org.agentaudit.config.LabelSet;
import org.agentaudit.job.AuditJob;
import org.agentaudit.job.RunOptions;
import org.agentaudit.read.ReadEvents;
import org.agentaudit.report.CsvReport;
import org.agentaudit.report.LocalDay;
import org.agentaudit.report.ReportRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The job's steps on a few lines of events, in memory: no table, so rule tests stay fast. */
public final class Pipeline {
    private Pipeline() {}

    /** The audit table rows [from, to] would get from these event lines (margin 1 day). */
    public static Dataset<Row> slices(List<String> lines, LocalDate from, LocalDate to) {
        RunOptions options = new RunOptions(List.of("unused"), "json", from, to, "unused", 1, 2, 1.0);
        return AuditJob.derive(events(lines), options, LabelSet.named("classic"));
    }

    /** The valid, deduplicated events of these lines, as the clean step leaves them. */
    public static Dataset<Row> events(List<String> lines) {
        Path file = write(lines);
        Dataset<Row> records = Dedupe.apply(CleanEvents.apply(ReadEvents.json(SparkTestSession.get(), List.of(file.toString()))));
        return records.filter(col("reason").isNull().and(col("is_duplicate").equalTo(false)));
    }

    /** One agent's CSV report (header included) for a local date, as {@code report} would write it. */
    public static String report(List<String> lines, String login, LocalDate date, String zone, String labels) {
        LocalDay day = LocalDay.of(date, LocalDay.zone(zone));
        Dataset<Row> slices = slices(lines, day.firstUtcDate(), day.lastUtcDate()).filter(col("agent_username").equalTo(login));
        List<CsvReport.Line> rows = ReportRows.apply(slices, ReportRows.days(SparkTestSession.get(), List.of(day)), LabelSet.named(labels))
                .orderBy("start", "end").collectAsList().stream()
                .map(r -> new CsvReport.Line(r.getAs("agent_login"), r.getAs("status"),
                        ((java.sql.Timestamp) r.getAs("start")).toInstant(), ((java.sql.Timestamp) r.getAs("end")).toInstant(),
                        r.getAs("channel"), r.getAs("contact_id")))
                .toList();
        return new CsvReport(day.zone(), false).render(rows);
    }

    /** The report's rows without the header, each as "Status,Start,End,Duration,Channel,Contact" (login dropped). */
    public static List<String> rows(List<String> lines, String login, LocalDate date, String zone, String labels) {
        return report(lines, login, date, zone, labels).lines().skip(1)
                .map(l -> l.substring(l.indexOf(',') + 1))
                .toList();
    }

    public static Path write(List<String> lines) {
        try {
            Path dir = Files.createTempDirectory("events");
            Path file = dir.resolve("events.jsonl");
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
