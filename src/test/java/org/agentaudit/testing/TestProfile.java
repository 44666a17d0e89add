package org.agentaudit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentaudit.config.ConfigFiles;
import org.agentaudit.config.Profile;

/**
 * The profile tests run with: conf/local.properties plus a few settings that make small runs cheap.
 * Delta rebuilds a table's state in 50 partitions by default ({@code snapshotPartitions}), which
 * on a two-core machine costs about half of a small run's CPU; tests use one.
 */
public final class TestProfile {
    public static final Map<String, String> OVERRIDES = new LinkedHashMap<>();

    static {
        OVERRIDES.put("spark.sql.shuffle.partitions", "2");
        OVERRIDES.put("spark.databricks.delta.snapshotPartitions", "1");
    }

    private static Path file;

    private TestProfile() {}

    /** The profile, for a SparkSession made in the test JVM. */
    public static Profile profile() {
        Profile profile = Profile.named("local");
        for (Map.Entry<String, String> setting : OVERRIDES.entrySet()) {
            profile = profile.with(setting.getKey(), setting.getValue());
        }
        return profile;
    }

    /** The same as a file, for {@code --conf} (the CLI in-process, and child processes). */
    public static synchronized Path file() {
        if (file == null) {
            try (InputStream local = ConfigFiles.open("local.properties").orElseThrow()) {
                StringBuilder text = new StringBuilder(new String(local.readAllBytes(), StandardCharsets.ISO_8859_1));
                text.append("\n# test overrides (TestProfile)\n");
                OVERRIDES.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
                Path written = Files.createTempFile("agent-audit-test", ".properties");
                Files.writeString(written, text, StandardCharsets.ISO_8859_1);
                written.toFile().deleteOnExit();
                file = written;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
