package org.agentaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.agentaudit.generate.EventStreamGenerator;
import org.agentaudit.generate.GenerateResult;
import org.agentaudit.generate.GeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agent-audit generate}: a synthetic agent event stream for tests and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Write a realistic synthetic Amazon Connect agent event stream for tests and benchmarks:",
        "gzip'd Firehose objects (no .gz extension) under DIR/yyyy/MM/dd/HH/ (UTC arrival hour), JSON Lines",
        "and back-to-back '}{' records, with duplicates, out-of-order and late events.",
        "The same options give byte-identical files."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", required = true, paramLabel = "N", description = "Number of agents.")
    int agents;

    @Option(names = "--days", required = true, paramLabel = "D",
        description = "Number of UTC days with logins (shifts begun on the last day run on past it).")
    int days;

    @Option(names = "--start", required = true, paramLabel = "YYYY-MM-DD", description = "First UTC day.")
    String start;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Output directory; must be empty or not exist.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--concatenated-ratio", paramLabel = "R", defaultValue = "0.3",
        description = "Share of files with records back to back '}{' instead of JSON Lines (default: ${DEFAULT-VALUE}).")
    double concatenatedRatio;

    @Option(names = "--duplicate-rate", paramLabel = "R", defaultValue = "0.01",
        description = "Share of events delivered twice, same EventId (default: ${DEFAULT-VALUE}).")
    double duplicateRate;

    @Option(names = "--out-of-order-rate", paramLabel = "R", defaultValue = "0.005",
        description = "Share of events arriving after the agent's later events (default: ${DEFAULT-VALUE}).")
    double outOfOrderRate;

    @Option(names = "--file-minutes", paramLabel = "M", defaultValue = "15",
        description = "Firehose buffer interval: one file per M minutes of arrival time, M divides 60 "
            + "(default: ${DEFAULT-VALUE}).")
    int fileMinutes;

    @Option(names = "--max-records-per-file", paramLabel = "K", defaultValue = "20000",
        description = "A busier interval is split over several files (default: ${DEFAULT-VALUE}).")
    int maxRecordsPerFile;

    @Option(names = "--threads", paramLabel = "T",
        description = "Writer threads; the output does not depend on it (default: number of cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        GeneratorOptions options = validated();
        GenerateResult r = EventStreamGenerator.generate(options);
        PrintWriter w = spec.commandLine().getOut();
        w.println(String.format(Locale.ROOT, "generated %d agents (%d instance%s), %d UTC day%s from %s, seed %d, into %s",
            r.agents(), r.instances(), r.instances() == 1 ? "" : "s", options.days(), options.days() == 1 ? "" : "s",
            options.start(), options.seed(), r.out()));
        w.println(String.format(Locale.ROOT, "  files:   %,d gzip'd (%,d back to back '}{', the rest JSON Lines)",
            r.files(), r.concatenatedFiles()));
        w.println(String.format(Locale.ROOT, "  events:  %,d + %,d duplicates = %,d records, %s .. %s",
            r.events(), r.duplicates(), r.records(), r.firstEvent(), r.lastEvent()));
        w.println(String.format(Locale.ROOT, "  bytes:   %,d raw (%,.0f per record), %,d gzip'd",
            r.rawBytes(), r.averageRecordBytes(), r.fileBytes()));
        w.println(String.format(Locale.ROOT, "  time:    %.1f s (%,.0f records/s)",
            r.elapsed().toMillis() / 1000.0, r.eventsPerSecond()));
        w.flush();
        return 0;
    }

    /** Checks every value before anything is written; a bad one is one clear line (exit 2). */
    GeneratorOptions validated() {
        LocalDate startDay;
        try {
            startDay = LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            throw bad("--start must be a date YYYY-MM-DD, got '" + start + "'");
        }
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) throw bad("--out must be a directory, but " + out + " is a file");
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw bad("--out directory " + out + " is not empty; remove it or choose another");
                }
            } catch (IOException e) {
                throw bad("--out directory " + out + " cannot be read: " + e.getMessage());
            }
        }
        int writerThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        GeneratorOptions options = new GeneratorOptions(agents, days, startDay, out, seed, concatenatedRatio,
            duplicateRate, outOfOrderRate, fileMinutes, maxRecordsPerFile, writerThreads);
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        return options;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
