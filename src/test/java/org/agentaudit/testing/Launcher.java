package org.agentaudit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/agent-audit} as a user would: a child process in a working folder of the test's. */
public final class Launcher {
    /** What a finished command left: exit code, standard output, standard error. */
    public record Result(int exitCode, String out, String err) {
        /** stderr without the JVM's own start-up notes, which are not the command's words. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")).toList();
        }
    }

    private Launcher() {}

    public static Path projectHome() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    public static Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), args);
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(projectHome().resolve("bin/agent-audit").toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("launcher", ".out");
            Path err = Files.createTempFile("launcher", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("bin/agent-audit " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
