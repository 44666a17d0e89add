package org.agentaudit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the project the way a user does, in a child process: {@code bin/agent-audit ...} or any java
 * command line (spark-submit's main class), with its own environment and working directory, and
 * keeps what it printed. For the integration tests (*IT), which run after {@code mvn package}.
 */
public final class Launcher {
    private Launcher() {}

    /** What a child process did. */
    public record Result(int exit, String stdout, String stderr, Duration elapsed) {
        /** The lines of stderr that are the program's own (not the JVM's or a logger's). */
        public List<String> errorLines() {
            return stderr.lines().filter(l -> l.startsWith("agent-audit:")).toList();
        }

        public String describe() {
            return "exit " + exit + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** The project's checkout: failsafe and surefire run with it as {@code basedir}. */
    public static Path home() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM flags Spark 4 needs on Java 17, from {@code conf/jvm.properties} (as bin/agent-audit reads them). */
    public static List<String> sparkJvmFlags() {
        try {
            for (String line : Files.readAllLines(home().resolve("conf/jvm.properties"))) {
                Matcher m = Pattern.compile("^spark\\.jvm\\.flags\\s*=\\s*(.*)$").matcher(line);
                if (m.matches()) {
                    return Arrays.asList(m.group(1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("conf/jvm.properties has no spark.jvm.flags");
    }

    /** {@code bin/agent-audit args...} in {@code cwd}, with {@code env} added to this JVM's environment. */
    public static Result agentAudit(Path cwd, Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/agent-audit").toString());
        command.addAll(List.of(args));
        return run(command, cwd, env, timeout);
    }

    /** Any command; killed (and the test failed) when it outlives {@code timeout}. */
    public static Result run(List<String> command, Path cwd, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("child", ".out");
            Path err = Files.createTempFile("child", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
            // a child Spark JVM next to the test JVM on a small machine: keep it modest
            builder.environment().putIfAbsent("AGENT_AUDIT_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC");
            long t0 = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            Result result = new Result(finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), elapsed);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (!finished) {
                throw new AssertionError("killed after " + timeout + ": " + String.join(" ", command) + "\n" + result.describe());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
