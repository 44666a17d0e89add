package org.agentaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.agentaudit.config.Profile;
import org.agentaudit.job.Progress;
import org.agentaudit.job.RunOptions;
import org.agentaudit.report.LocalDay;
import org.agentaudit.report.Reports;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code demo}: the whole job on the bundled sample, into ./warehouse and ./reports. */
@Command(name = "demo", description = "Run the whole job on the bundled sample events into ./warehouse and ./reports.")
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE = "samples/agent-events-2025-06-18.jsonl";
    // The sample's events lie on UTC 06-18 and 06-19. Its New York days 06-17..06-19 straddle UTC
    // 06-17..06-20, so the demo audits those four UTC days and reports the three local ones.
    static final LocalDate FROM = LocalDate.of(2025, 6, 17);
    static final LocalDate TO = LocalDate.of(2025, 6, 20);
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final List<LocalDay> REPORT_DAYS = Reports.days(FROM, TO.minusDays(1), ZONE);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Profile profile = common.profile();
        Path input = extractSample();
        RunOptions options = new RunOptions(List.of(input.toString()), "json", FROM, TO, profile.table(),
                profile.marginDays(), profile.prefixSlackHours(), profile.maxQuarantineRatio());
        String reports = profile.get("reports", "reports");
        SparkSession spark = common.spark();
        System.out.println("demo: the bundled sample (" + SAMPLE + "), UTC dates " + FROM + " .. " + TO);
        RunCommand.execute(spark, options, profile.gapMinutes(), reports, REPORT_DAYS, CommonOptions.labels(profile.labels()), false, System.out,
                new Progress(System.err));
        System.out.println();
        System.out.println("next:");
        System.out.println("  bin/agent-audit sql \"SELECT status, count(*) AS rows, sum(duration_ms)/1000 AS seconds FROM agent_activity GROUP BY status ORDER BY seconds DESC\"");
        System.out.println("  bin/agent-audit report --agent maria.lopez --date 2025-06-18 --timezone America/New_York --labels 2026");
        return 0;
    }

    /** The sample lives in the jar; the reader wants a file. */
    private static Path extractSample() {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + SAMPLE);
            }
            Path dir = Files.createTempDirectory("agent-audit-demo");
            Path file = dir.resolve("agent-events-2025-06-18.jsonl");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
