package org.agentaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.agentaudit.testing.Firehose;
import org.agentaudit.testing.Launcher;
import org.agentaudit.testing.S3Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar ({@code target/agent-audit.jar}) on a plain Spark 4.2 classpath, started the way
 * {@code spark-submit} starts it: {@code java -cp "<Spark's jars>" org.apache.spark.deploy.SparkSubmit
 * --master local[2] --class ... agent-audit.jar ...}, the jar given as the application, not on the
 * class path, and no Maven class path anywhere.
 *
 * <p>"Spark's jars" are what a Spark 4.2 binary distribution's {@code jars/} folder holds: spark-* and
 * their dependencies, with hadoop-client-api/runtime but without hadoop-aws, the AWS SDK or Delta.
 * They are taken from {@code target/classpath.txt} (Maven's resolution of spark-core/spark-sql 4.2.0)
 * minus everything the shaded jar must bring itself, and minus the few jars Maven resolves that a
 * distribution does not ship.
 */
class ShadedJarIT {
    private static final Path HOME = Launcher.projectHome();
    private static final Path JAR = HOME.resolve("target/agent-audit.jar");
    private static final Path EXPECTED = HOME.resolve("src/test/resources/sample/expected");
    private static final String SAMPLE_INSTANCE = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    /** Repository paths of jars a Spark distribution does not have: the shaded jar must carry these. */
    private static final List<String> SHADED = List.of(
            "/io/delta/", "/io/unitycatalog/", "/org/apache/hadoop/hadoop-aws/", "/software/amazon/",
            "/info/picocli/", "/org/reactivestreams/", "/com/fasterxml/jackson/datatype/jackson-datatype-jdk8/",
            "/javax/annotation/javax.annotation-api/", "/org/wildfly/openssl/");
    /** Resolved by Maven for Spark's poms but not in a distribution's jars/ (it ships jcl-over-slf4j, shaded protobuf). */
    private static final List<String> NOT_IN_SPARK_DISTRIBUTION = List.of(
            "/commons-logging/commons-logging/", "/com/google/protobuf/protobuf-java/", "/org/checkerframework/",
            "/com/google/errorprone/", "/com/google/j2objc/", "/com/google/guava/listenablefuture/");

    private static String sparkClasspath;

    @BeforeAll
    static void sparkDistributionClasspath() throws IOException {
        List<String> jars = new ArrayList<>();
        for (String jar : Files.readString(HOME.resolve("target/classpath.txt")).trim().split(":")) {
            if (SHADED.stream().noneMatch(jar::contains) && NOT_IN_SPARK_DISTRIBUTION.stream().noneMatch(jar::contains)) {
                jars.add(jar);
            }
        }
        assertTrue(jars.stream().anyMatch(j -> j.contains("/spark-sql_2.13/4.2.0/")), "Spark SQL 4.2.0 on the class path");
        assertTrue(jars.stream().anyMatch(j -> j.contains("/hadoop-client-runtime/")), "a Spark distribution has hadoop-client-runtime");
        assertFalse(jars.stream().anyMatch(j -> j.contains("delta") || j.contains("hadoop-aws") || j.contains("awssdk")),
                "no Delta, hadoop-aws or AWS SDK besides the shaded jar's");
        sparkClasspath = String.join(":", jars);
    }

    @Test
    void shadedJarHoldsOnlyWhatSparkLacks() throws IOException {
        long bytes = Files.size(JAR);
        assertTrue(bytes > 20_000_000 && bytes < 35_000_000, "the shaded jar is ~27 MB, not " + bytes + " bytes");
        Set<String> tops = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(e -> e.getName()).forEach(name -> {
                String[] parts = name.split("/");
                tops.add(parts.length > 2 ? parts[0] + "/" + parts[1] + "/" + parts[2] : name);
            });
            for (String brought : List.of("io/delta/tables/DeltaTable.class", "org/apache/spark/sql/delta/DeltaLog.class",
                    "org/apache/hadoop/fs/s3a/S3AFileSystem.class", "software/amazon/awssdk/services/s3/S3Client.class",
                    "picocli/CommandLine.class", "org/agentaudit/cli/AgentAudit.class", "conf/local.properties",
                    "samples/agent-events-2025-06-18.jsonl")) {
                assertTrue(jar.getEntry(brought) != null, "the shaded jar has " + brought);
            }
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), "Delta's data source is registered: " + services);
        }
        for (String sparks : List.of("scala/collection", "org/apache/parquet", "com/fasterxml/jackson/databind", "org/xerial/snappy",
                "io/netty/buffer", "org/slf4j", "org/apache/http", "org/roaringbitmap", "org/locationtech/jts")) {
            assertFalse(tops.stream().anyMatch(t -> t.startsWith(sparks)), "Spark brings " + sparks + "; the shaded jar must not");
        }
    }

    @Test
    void demoRunsUnderSparkSubmit(@TempDir Path cwd) throws IOException {
        Launcher.Result r = sparkSubmit(cwd, Map.of(), "demo");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(Files.isRegularFile(cwd.resolve("warehouse/agent_activity/_delta_log/00000000000000000000.json")), r.describe());
        assertTrue(Files.isDirectory(cwd.resolve("warehouse/agent_activity_runs/_delta_log")), r.describe());
        Path reports = cwd.resolve("reports").resolve(SAMPLE_INSTANCE);
        for (String file : List.of("maria.lopez_2025-06-18_America-New_York.csv", "dev.patel_2025-06-18_America-New_York.csv",
                "sam.okafor_2025-06-18_America-New_York.csv", "sam.okafor_2025-06-19_America-New_York.csv")) {
            assertEquals(Files.readString(EXPECTED.resolve(file)), Files.readString(reports.resolve(file)), file);
        }
    }

    /** S3A as a cluster runs it: hadoop-aws and the SDK from the shaded jar over Spark's hadoop-client-runtime. */
    @Test
    void runsOnS3UnderSparkSubmitWithTheClusterProfile(@TempDir Path cwd) throws IOException {
        try (S3Server s3 = S3Server.start()) {
            String bucket = s3.createBucket("shaded");
            List<String> lines = Files.readAllLines(HOME.resolve("src/test/resources/sample/agent-events-2025-06-18.jsonl"));
            Firehose.objects("agent-events", lines, 8).forEach((key, bytes) -> s3.put(bucket, "events/" + key, bytes));
            Map<String, String> env = new HashMap<>(s3.environment());
            env.put("AGENT_AUDIT_PROFILE", "cluster");
            Launcher.Result r = sparkSubmit(cwd, env, "run", "--input", "s3a://" + bucket + "/events/",
                    "--from", "2025-06-18", "--to", "2025-06-19", "--table", "s3a://" + bucket + "/warehouse/agent_activity",
                    "--reports", "s3a://" + bucket + "/reports", "--report-timezone", "America/New_York");
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.out().contains("records read 54 = events 53 + duplicates 1 + quarantined 0"), r.describe());
            Map<String, byte[]> reports = s3.getAll(bucket, "reports/" + SAMPLE_INSTANCE + "/");
            for (String file : List.of("maria.lopez_2025-06-18_America-New_York.csv", "sam.okafor_2025-06-19_America-New_York.csv")) {
                assertTrue(reports.containsKey(file), file + " in " + reports.keySet());
                assertEquals(Files.readString(EXPECTED.resolve(file)), new String(reports.get(file), StandardCharsets.UTF_8), file);
            }
            assertTrue(Files.isDirectory(s3.bucketDir(bucket).resolve("warehouse/agent_activity/_delta_log")));
            assertFalse(r.out().contains(s3.secretKey()) || r.err().contains(s3.secretKey()), "the secret is never printed");
        }
    }

    private static Launcher.Result sparkSubmit(Path cwd, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Launcher.java());
        command.addAll(Launcher.sparkJvmFlags());
        command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", sparkClasspath,
                "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
                "--class", "org.agentaudit.cli.AgentAudit", JAR.toString()));
        command.addAll(List.of(args));
        Launcher.Result r = Launcher.command(command, cwd, env, Duration.ofMinutes(5));
        System.out.printf("ShadedJarIT: spark-submit %s: exit %d in %d ms%n",
                String.join(" ", args).replaceAll("s3a://\\S+", "s3a://..."), r.exitCode(), r.elapsed().toMillis());
        return r;
    }
}
