package org.agentaudit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.agentaudit.cli.AgentAudit;

/**
 * The sample's tables, built once per test JVM in a temporary folder by two runs of the real
 * command line (in-process), so that every table has a known history:
 * <ol>
 *   <li>run 1: the sample alone, UTC dates 2025-06-17..19 (so that Kolkata's 2025-06-18, which
 *       begins on UTC 06-17, is there too) → audit table version 0;</li>
 *   <li>run 2: the sample again plus {@code analysts/broken-records.jsonl} (four records to
 *       quarantine) → audit version 1 with the same rows (the run is idempotent), quarantine rows,
 *       and two COMMITTED runs in the runs table.</li>
 * </ol>
 */
public final class SampleTable {
    public static final String BROKEN = "analysts/broken-records.jsonl";
    private static Path dir;

    private SampleTable() {}

    /** The audit table's path (quarantine and runs lie beside it with suffixes _quarantine, _runs). */
    public static synchronized String path() {
        if (dir == null) {
            SparkTestSession.get(); // the tests' session settings win: start it before the command does
            try {
                Path root = Files.createTempDirectory("analysts-sample");
                Path sample = copy("sample/agent-events-2025-06-18.jsonl", root.resolve("in-1"));
                Path broken = copy(BROKEN, root.resolve("in-2"));
                String table = root.resolve("warehouse/agent_activity").toString();
                run("run", "--input", sample.toString(), "--from", "2025-06-17", "--to", "2025-06-19", "--table", table);
                run("run", "--input", sample.toString(), "--input", broken.toString(),
                        "--from", "2025-06-17", "--to", "2025-06-19", "--table", table);
                dir = root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir.resolve("warehouse/agent_activity").toString();
    }

    /** Runs one command line in-process and returns what it printed on standard output. */
    public static Output execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int[] code = new int[1];
        System.setOut(outStream);
        System.setErr(errStream);
        try {
            // Dataset.show prints through Scala's Console, which keeps the System.out it first saw.
            scala.Console$.MODULE$.withOut(outStream, new scala.runtime.AbstractFunction0<Object>() {
                @Override
                public Object apply() {
                    code[0] = AgentAudit.execute(args);
                    return null;
                }
            });
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Output(code[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a command line gave: exit code, standard output, standard error. */
    public record Output(int code, String out, String err) {}

    private static void run(String... args) {
        Output result = execute(args);
        if (result.code() != 0) {
            throw new IllegalStateException("`" + String.join(" ", args) + "` exited " + result.code() + ": " + result.err());
        }
    }

    private static Path copy(String resource, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = SampleTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
