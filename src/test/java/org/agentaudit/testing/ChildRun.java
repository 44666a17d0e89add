package org.agentaudit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agentaudit.job.FaultInjection;

/**
 * {@code bin/agent-audit} as a real child process, for the end-to-end tests (failsafe, after
 * {@code package}): its own JVM with the flags of conf/jvm.properties, optionally stopped at a
 * step by the fault-injection hook ({@link FaultInjection}), and killed with SIGKILL or let go.
 */
public final class ChildRun implements AutoCloseable {
    private static final Pattern RUN_ID = Pattern.compile("run ([0-9a-f-]{36}) started");
    /** Generous: a loaded 2-core machine can take a minute to start Spark and read. */
    private static final long WAIT_SECONDS = 300;

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Path stdout;
    private final Thread reader;

    private ChildRun(Process process, Path stdout) {
        this.process = process;
        this.stdout = stdout;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    stderr.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "child-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code bin/agent-audit args...}; {@code pauseAt} (or null) selects the step it stops
     * at, and it goes on once {@code resumeFile} exists (null: it waits until it is killed).
     */
    public static ChildRun start(Path workDir, String pauseAt, Path resumeFile, String... args) {
        Path home = Path.of(System.getProperty("user.dir"));
        Path launcher = home.resolve("bin/agent-audit");
        Path jar = home.resolve("target/agent-audit.jar");
        if (!Files.isRegularFile(jar)) {
            fail("no " + jar + ": the end-to-end tests run after `mvn package`");
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC"));
        if (pauseAt != null) {
            jvm.add("-D" + FaultInjection.PAUSE_AT + "=" + pauseAt);
            jvm.add("-D" + FaultInjection.PAUSE_SECONDS + "=" + WAIT_SECONDS);
        }
        if (resumeFile != null) {
            jvm.add("-D" + FaultInjection.RESUME_FILE + "=" + resumeFile);
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("AGENT_AUDIT_JAVA_OPTS", String.join(" ", jvm));
            builder.environment().remove("AGENT_AUDIT_PROFILE");
            builder.environment().remove("AGENT_AUDIT_DEBUG");
            return new ChildRun(builder.start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the run prints the fault-injection marker of {@code step}. */
    public ChildRun awaitPause(String step) throws InterruptedException {
        String marker = FaultInjection.MARKER + step;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!stderr.contains(marker)) {
            if (!process.isAlive()) {
                reader.join(5_000);
                fail("the run ended (exit " + process.exitValue() + ") before pausing at " + step + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                fail("the run did not pause at " + step + " in " + WAIT_SECONDS + " s:\n" + output());
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** SIGKILL (Process.destroyForcibly on Unix), and the exit code: 137 = 128 + 9. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return waitFor();
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the run did not end in " + WAIT_SECONDS + " s:\n" + output());
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** The run id the job printed when it recorded its STARTED row. */
    public String runId() {
        for (String line : stderr) {
            Matcher m = RUN_ID.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        fail("no run id in the output:\n" + output());
        return null;
    }

    /** Lines on stderr that are the job's or the CLI's own (not Spark's logging). */
    public List<String> ownLines() {
        return stderr.stream().filter(l -> l.startsWith("agent-audit") || l.startsWith("[")).toList();
    }

    public String output() {
        try {
            return "stderr:\n" + String.join("\n", stderr) + "\nstdout:\n" + Files.readString(stdout);
        } catch (IOException e) {
            return "stderr:\n" + String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
