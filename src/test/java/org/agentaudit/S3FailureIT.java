package org.agentaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.agentaudit.cli.AgentAudit;
import org.agentaudit.config.Profile;
import org.agentaudit.testing.Launcher;
import org.agentaudit.testing.S3Server;
import org.agentaudit.testing.SparkTestSession;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong credentials and an S3 that cannot be reached or does not answer: exit 1 with one line that
 * says what to check, within a bounded time (the {@code s3} profile's S3A retry and timeout settings,
 * not S3A's defaults, which retry for minutes), the table on S3 left exactly as it was, and no key
 * printed.
 *
 * <p>The table is a real Delta table in a bucket of a local S3Proxy (made locally, uploaded object by
 * object). Wrong keys are tried through {@code bin/agent-audit} (the user's path) and in-process; the
 * time bounds are measured in-process, where a child JVM's start-up on a busy machine does not count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FailureIT {
    private static final Path SAMPLE = Launcher.projectHome().resolve("src/test/resources/sample/agent-events-2025-06-18.jsonl");
    private static final Duration BOUND = Duration.ofSeconds(60);

    private S3Server s3;
    private String bucket;
    @TempDir
    static Path work;
    private Map<String, String> before;

    @BeforeAll
    void setUp() throws IOException {
        s3 = S3Server.start();
        bucket = s3.createBucket("failures");
        Path local = work.resolve("warehouse");
        assertEquals(0, AgentAudit.execute("run", "--input", SAMPLE.toString(), "--from", "2025-06-18", "--to", "2025-06-18",
                "--table", local.resolve("agent_activity").toString()));
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                s3.put(bucket, "warehouse/" + local.relativize(file), Files.readAllBytes(file));
            }
        }
        before = s3.snapshot(bucket);
        assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("warehouse/agent_activity/_delta_log/")), before.toString());
    }

    @AfterAll
    void tearDown() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** The user's path: bin/agent-audit, profile s3, keys in the environment, one of them wrong. */
    @Test
    void wrongSecretThroughTheLauncher() {
        String wrong = "wrong-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(s3.environment());
        env.put("AWS_SECRET_ACCESS_KEY", wrong);
        env.put("AGENT_AUDIT_PROFILE", "s3");
        Launcher.Result r = Launcher.agentAudit(work, env, Duration.ofMinutes(3), "run", "--input", SAMPLE.toString(),
                "--from", "2025-06-18", "--to", "2025-06-18", "--table", table());
        System.out.printf("S3FailureIT: bin/agent-audit with a wrong secret: exit %d in %d ms (JVM and Spark start-up included)%n",
                r.exitCode(), r.elapsed().toMillis());
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals(1, r.agentAuditLines().size(), r.describe());
        assertTrue(r.agentAuditLines().get(0).startsWith("agent-audit: failed: access denied by S3 to s3a://" + bucket + "/warehouse/"),
                r.describe());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace:\n" + r.describe());
        for (String key : List.of(wrong, s3.secretKey())) {
            assertFalse(r.out().contains(key) || r.err().contains(key), "a secret is printed:\n" + r.describe());
        }
        assertEquals(before, s3.snapshot(bucket), "the table on S3 is untouched");
    }

    @Test
    void wrongSecretFailsAtOnceAndLeavesTheTable() {
        String wrong = "wrong-" + UUID.randomUUID();
        configure(bucket, s3.endpoint(), s3.accessKey(), wrong);
        Failure f = runInProcess("run", "--input", SAMPLE.toString(), "--from", "2025-06-18", "--to", "2025-06-18", "--table", table());
        f.assertOneLine("agent-audit: failed: access denied by S3 to s3a://" + bucket + "/warehouse/");
        assertFalse(f.stderr.contains(wrong) || f.stderr.contains(s3.secretKey()), f.stderr);
        assertEquals(before, s3.snapshot(bucket), "the table on S3 is untouched");
    }

    @Test
    void closedPortFailsFast() throws IOException {
        String unreachable = "unreachable-" + UUID.randomUUID().toString().substring(0, 8);
        int port = S3Server.freePort(); // nothing listens there any more
        configure(unreachable, "http://127.0.0.1:" + port, s3.accessKey(), s3.secretKey());
        Failure f = runInProcess("run", "--input", "s3a://" + unreachable + "/firehose/", "--from", "2025-06-18", "--to", "2025-06-18",
                "--table", "s3a://" + unreachable + "/warehouse/agent_activity");
        f.assertOneLine("agent-audit: failed: cannot reach S3: Connect to 127.0.0.1:" + port);
        assertEquals(before, s3.snapshot(bucket));
    }

    /** The worst case: the endpoint accepts connections and never answers (a hung proxy, a black hole). */
    @Test
    void silentEndpointTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-s3");
            acceptor.setDaemon(true);
            acceptor.start();
            String name = "silent-" + UUID.randomUUID().toString().substring(0, 8);
            configure(name, "http://127.0.0.1:" + silent.getLocalPort(), s3.accessKey(), s3.secretKey());
            Failure f = runInProcess("run", "--input", SAMPLE.toString(), "--from", "2025-06-18", "--to", "2025-06-18",
                    "--table", "s3a://" + name + "/warehouse/agent_activity");
            f.assertOneLine("agent-audit: failed: S3 did not answer in time");
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
        assertEquals(before, s3.snapshot(bucket));
    }

    private String table() {
        return "s3a://" + bucket + "/warehouse/agent_activity";
    }

    /**
     * Points S3A at an endpoint for one bucket, with the {@code s3} profile's retry and timeout
     * settings, as {@code AGENT_AUDIT_PROFILE=s3} would set them for every bucket.
     */
    private static void configure(String bucket, String endpoint, String key, String secret) {
        Configuration hadoop = SparkTestSession.get().sparkContext().hadoopConfiguration();
        S3Server.configureBucket(hadoop, bucket, endpoint, key, secret);
        int applied = 0;
        for (Map.Entry<String, String> s : Profile.named("s3").sparkSettings().entrySet()) {
            if (s.getKey().startsWith("spark.hadoop.fs.s3a.")) {
                hadoop.set("fs.s3a.bucket." + bucket + "." + s.getKey().substring("spark.hadoop.fs.s3a.".length()), s.getValue());
                applied++;
            }
        }
        assertTrue(applied >= 5, "the s3 profile's S3A settings: " + applied);
    }

    private record Failure(int exit, String stderr, Duration elapsed, String what) {
        void assertOneLine(String prefix) {
            System.out.printf("S3FailureIT: %s: exit %d in %d ms: %s%n", what, exit, elapsed.toMillis(),
                    stderr.lines().filter(l -> l.startsWith("agent-audit:")).findFirst().orElse("(no line)"));
            assertEquals(1, exit, stderr);
            List<String> lines = stderr.lines().filter(l -> l.startsWith("agent-audit:")).toList();
            assertEquals(1, lines.size(), stderr);
            assertTrue(lines.get(0).startsWith(prefix), "expected '" + prefix + "...', got: " + lines.get(0));
            assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
            assertTrue(elapsed.compareTo(BOUND) < 0, what + " took " + elapsed + ", more than " + BOUND);
        }
    }

    /** The command in this JVM, its stderr captured: no child start-up in the measured time. */
    private static Failure runInProcess(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int exit;
        try (PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(err);
            exit = AgentAudit.execute(args);
        } finally {
            System.setErr(original);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        String stderr = captured.toString(StandardCharsets.UTF_8);
        original.print(stderr);
        return new Failure(exit, stderr, elapsed, String.join(" ", args).replaceAll("--from.*", "").trim());
    }
}
