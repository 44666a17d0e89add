package org.agentaudit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for the integration tests: S3Proxy ({@code target/s3proxy/s3proxy.jar},
 * copied there by the build) in a child JVM on 127.0.0.1 and a free port, storing objects with its
 * {@code filesystem-nio2} backend in a temporary folder (one subfolder per bucket), checking AWS v2/v4
 * signatures against one static key pair made up per server. Nothing is mocked: the job talks to it
 * through S3A and the AWS SDK exactly as it would talk to Amazon S3 with path-style addressing.
 *
 * <pre>
 *   try (S3Server s3 = S3Server.start()) {
 *       String bucket = s3.createBucket("audit");
 *       s3.put(bucket, "firehose/2025/06/18/13/part-1", bytes);
 *       s3.configure(spark.sparkContext().hadoopConfiguration(), bucket);  // in-process S3A
 *       processBuilder.environment().putAll(s3.environment());            // bin/agent-audit
 *   }
 * </pre>
 */
public final class S3Server implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path data;
    private final Path log;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Process process;
    private S3Client client;

    private S3Server(Path home, int port, String accessKey, String secretKey, Process process) {
        this.home = home;
        this.data = home.resolve("data");
        this.log = home.resolve("s3proxy.log");
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.process = process;
    }

    /** Starts a server and waits until it answers HTTP; a port taken in between is retried. */
    public static S3Server start() {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("S3Proxy did not start", last);
    }

    private static S3Server startOnce() throws IOException {
        Path jar = Launcher.projectHome().resolve("target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests after `mvn package`");
        }
        Path home = Files.createTempDirectory("s3proxy");
        Files.createDirectories(home.resolve("data"));
        int port = freePort();
        // Random per server, so that a test can look for the secret in everything the job wrote.
        String accessKey = "AKIATEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String secretKey = "s3cr3t-" + UUID.randomUUID();
        Path properties = home.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + home.resolve("data"),
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(Launcher.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("s3proxy.log").toFile())
                .start();
        S3Server server = new S3Server(home, port, accessKey, secretKey, process);
        try {
            server.awaitAnswer();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Polls until the server answers any HTTP status (an unsigned request gets 403). */
    private void awaitAnswer() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for S3Proxy", e);
            }
        }
        throw new IOException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT + ": " + logTail());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The folder where the server keeps a bucket's objects (to look at what was really stored). */
    public Path bucketDir(String bucket) {
        return data.resolve(bucket);
    }

    /** A new, empty, uniquely named bucket. */
    public String createBucket(String prefix) {
        String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    public void put(String bucket, String key, byte[] bytes) {
        client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public byte[] get(String bucket, String key) {
        return client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** Every object under a prefix: key (relative to the prefix) → content. */
    public Map<String, byte[]> getAll(String bucket, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (S3Object o : client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            objects.put(o.key().substring(prefix.length()), get(bucket, o.key()));
        }
        return objects;
    }

    /**
     * Points an in-process S3A at this server for one bucket only ({@code fs.s3a.bucket.<bucket>.*}),
     * so other tests sharing the SparkSession are not affected.
     */
    public void configure(Configuration hadoop, String bucket) {
        configureBucket(hadoop, bucket, endpoint(), accessKey, secretKey);
    }

    /** The same for any endpoint and keys (a wrong secret, a port where nothing answers). */
    public static void configureBucket(Configuration hadoop, String bucket, String endpoint, String accessKey, String secretKey) {
        String p = "fs.s3a.bucket." + bucket + ".";
        hadoop.set(p + "endpoint", endpoint);
        hadoop.set(p + "endpoint.region", "us-east-1");
        hadoop.set(p + "path.style.access", "true");
        hadoop.set(p + "connection.ssl.enabled", "false");
        hadoop.set(p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        hadoop.set(p + "access.key", accessKey);
        hadoop.set(p + "secret.key", secretKey);
    }

    /** What a user sets to run {@code bin/agent-audit} against this server (profile {@code s3}). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENT_AUDIT_S3_ENDPOINT", endpoint());
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        return env;
    }

    /** Every file the server stores for a bucket (objects and their folders), for "nothing changed" checks. */
    public Map<String, String> snapshot(String bucket) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(bucketDir(bucket))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(bucketDir(bucket).relativize(p).toString(),
                        Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(endpoint()))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    // plain PUTs: what S3A sends third-party stores too
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }
        return client;
    }

    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(home);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test for
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
