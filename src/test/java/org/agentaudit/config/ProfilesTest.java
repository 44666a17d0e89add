package org.agentaudit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The three deployment profiles in {@code conf/}: {@code local} (the default), {@code s3} and
 * {@code cluster}. Each loads by name and by file; each key is documented where it is set; none holds
 * a credential; each keeps to its deployment (in-process on loopback, or left to spark-submit).
 */
class ProfilesTest {
    private static final Path CONF = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("conf");
    private static final List<String> PROFILES = List.of("local", "s3", "cluster");
    /** Keys of the job itself (everything else in a profile is a spark.* setting). */
    private static final Set<String> JOB_KEYS = Set.of("table", "reports", "labels", "margin.days", "gap.minutes",
            "input.prefix.slack.hours", "max.quarantine.ratio");

    @Test
    void everyProfileLoadsByNameAndByFile() {
        for (String name : PROFILES) {
            Profile byName = Profile.named(name);
            Profile byFile = Profile.load(Optional.of(CONF.resolve(name + ".properties")));
            assertEquals(byName.sparkSettings(), byFile.sparkSettings(), name);
            assertEquals(byName.table(), byFile.table(), name);
            assertEquals(1, byName.marginDays(), name);
        }
    }

    @Test
    void localIsTheDefault() {
        assumeTrue(System.getenv(Profile.ENV_PROFILE) == null, "AGENT_AUDIT_PROFILE is set in this environment");
        assertEquals("conf/local.properties", Profile.load(Optional.empty()).source());
        assertEquals("warehouse/agent_activity", Profile.load(Optional.empty()).table());
    }

    @Test
    void everyKeyIsKnownAndDocumentedWhereItIsSet() throws IOException {
        for (String name : PROFILES) {
            List<String> lines = Files.readAllLines(CONF.resolve(name + ".properties"));
            Set<String> keys = new TreeSet<>();
            List<String> undocumented = new ArrayList<>();
            boolean commentInBlock = false;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.isEmpty()) {
                    commentInBlock = false; // a blank line ends a block: its keys need their own comment
                } else if (line.startsWith("#")) {
                    commentInBlock = true;
                } else {
                    String key = line.split("=", 2)[0].strip();
                    keys.add(key);
                    if (!commentInBlock) {
                        undocumented.add(key);
                    }
                }
            }
            assertEquals(List.of(), undocumented, "conf/" + name + ".properties: keys without a comment above them");
            for (String key : keys) {
                assertTrue(key.startsWith("spark.") || JOB_KEYS.contains(key), "conf/" + name + ".properties: unknown key " + key);
            }
            assertEquals(JOB_KEYS, new TreeSet<>(keys.stream().filter(JOB_KEYS::contains).toList()),
                    "conf/" + name + ".properties sets every job key, so that a profile reads complete");
        }
    }

    @Test
    void noProfileHoldsCredentials() throws IOException {
        for (String name : PROFILES) {
            for (String key : Profile.named(name).sparkSettings().keySet()) {
                String k = key.toLowerCase();
                assertFalse(k.contains("access.key") || k.contains("secret") || k.contains("session.token")
                        || k.contains("password") || k.endsWith("fs.s3a.endpoint"), "conf/" + name + ".properties sets " + key);
            }
            String text = Files.readString(CONF.resolve(name + ".properties"));
            assertFalse(text.matches("(?s).*\\bAKIA[0-9A-Z]{12,}.*"), "an AWS key id in conf/" + name + ".properties");
        }
    }

    /** S3A's default provider list has no ~/.aws profile and no web identity (EKS IRSA): both profiles add the SDK's chain. */
    @Test
    void s3AndClusterUseTheAwsDefaultCredentialChain() {
        for (String name : List.of("s3", "cluster")) {
            String providers = Profile.named(name).sparkSettings().get("spark.hadoop.fs.s3a.aws.credentials.provider");
            assertEquals(List.of("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                    "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"), List.of(providers.split(",")), name);
        }
    }

    @Test
    void clusterLeavesMasterAndAddressesToSparkSubmit() {
        Map<String, String> spark = Profile.named("cluster").sparkSettings();
        for (String key : List.of("spark.master", "spark.driver.bindAddress", "spark.driver.host", "spark.ui.enabled",
                "spark.sql.shuffle.partitions")) {
            assertFalse(spark.containsKey(key), "cluster sets " + key);
        }
        assertTrue(Profile.named("cluster").table().startsWith("s3a://"));
    }

    @Test
    void localAndS3RunInProcessOnLoopback() {
        for (String name : List.of("local", "s3")) {
            Map<String, String> spark = Profile.named(name).sparkSettings();
            assertTrue(spark.getOrDefault("spark.master", "").startsWith("local["), name);
            assertEquals("127.0.0.1", spark.get("spark.driver.bindAddress"), name);
            assertEquals("127.0.0.1", spark.get("spark.driver.host"), name);
        }
    }

    /** S3A's defaults retry for minutes; the s3 profile gives up within about half a minute (S3FailureIT measures it). */
    @Test
    void s3FailsFast() {
        Map<String, String> spark = Profile.named("s3").sparkSettings();
        assertEquals("1", spark.get("spark.hadoop.fs.s3a.attempts.maximum"));
        assertEquals("1", spark.get("spark.hadoop.fs.s3a.retry.limit"));
        for (String timeout : List.of("establish.timeout", "timeout", "request.timeout")) {
            assertEquals("15s", spark.get("spark.hadoop.fs.s3a.connection." + timeout), timeout);
        }
        assertTrue(Profile.named("s3").table().startsWith("s3a://"));
    }
}
