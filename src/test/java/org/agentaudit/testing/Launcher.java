package org.agentaudit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the project as a user would, in a child process in a working folder of the test's:
 * {@code bin/agent-audit ...}, or any java command line (spark-submit's main class), with its own
 * environment, and keeps what it printed and how long it took.
 */
public final class Launcher {
    /** What a finished command left: exit code, standard output, standard error, wall time. */
    public record Result(int exitCode, String out, String err, Duration elapsed) {
        /** stderr without the JVM's own start-up notes, which are not the command's words. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")).toList();
        }

        /** The program's own lines on stderr ({@code agent-audit: ...}), not a logger's. */
        public List<String> agentAuditLines() {
            return err.lines().filter(l -> l.startsWith("agent-audit:")).toList();
        }

        public String describe() {
            return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Launcher() {}

    /** The project's checkout: failsafe and surefire run with it as {@code basedir} (and as the working folder). */
    public static Path projectHome() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(projectHome().resolve("bin/agent-audit").toString());
        command.addAll(List.of(args));
        return command(command, workDir, env, Duration.ofMinutes(10));
    }

    /**
     * {@code bin/agent-audit args...} with a time limit, loopback Spark and a modest heap unless
     * {@code env} says otherwise (a child Spark JVM next to the test JVM on a small machine).
     */
    public static Result agentAudit(Path workDir, Map<String, String> env, Duration timeout, String... args) {
        Map<String, String> withDefaults = new HashMap<>(env);
        withDefaults.putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        withDefaults.putIfAbsent("AGENT_AUDIT_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC");
        List<String> command = new ArrayList<>();
        command.add(projectHome().resolve("bin/agent-audit").toString());
        command.addAll(List.of(args));
        return command(command, workDir, withDefaults, timeout);
    }

    /** Any command; killed (and the test failed) when it outlives {@code timeout}. A null in {@code env} removes that variable. */
    public static Result command(List<String> command, Path workDir, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("launcher", ".out");
            Path err = Files.createTempFile("launcher", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            long t0 = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Result result = new Result(finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (!finished) {
                throw new AssertionError("did not finish in " + timeout + ": " + String.join(" ", command) + "\n" + result.describe());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM flags Spark 4 needs on Java 17, from {@code conf/jvm.properties} (as bin/agent-audit reads them). */
    public static List<String> sparkJvmFlags() {
        try {
            Pattern flags = Pattern.compile("^spark\\.jvm\\.flags\\s*=\\s*(.*)$");
            for (String line : Files.readAllLines(projectHome().resolve("conf/jvm.properties"))) {
                Matcher m = flags.matcher(line);
                if (m.matches()) {
                    return Arrays.asList(m.group(1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("conf/jvm.properties has no spark.jvm.flags");
    }
}
