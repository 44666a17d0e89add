package org.agentaudit.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A profile from {@code conf/<name>.properties} (or a file given with {@code --conf}): the job's
 * defaults and the Spark settings for one kind of deployment. Chosen with {@code --conf FILE}, else
 * the environment variable {@code AGENT_AUDIT_PROFILE} (a profile name), else {@code local}.
 */
public final class Profile {
    public static final String ENV_PROFILE = "AGENT_AUDIT_PROFILE";

    private final String source;
    private final Map<String, String> values;

    private Profile(String source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Loads the profile the command line or the environment selects. */
    public static Profile load(Optional<Path> confFile) {
        if (confFile.isPresent()) {
            Path file = confFile.get();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--conf " + file + ": no such file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(file.toString(), in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String name = Optional.ofNullable(System.getenv(ENV_PROFILE)).filter(s -> !s.isBlank()).orElse("local");
        return named(name);
    }

    /** Loads {@code conf/<name>.properties}. */
    public static Profile named(String name) {
        try {
            Optional<InputStream> in = ConfigFiles.open(name + ".properties");
            if (in.isEmpty()) {
                throw new IllegalArgumentException("unknown profile '" + name + "': no conf/" + name + ".properties");
            }
            try (InputStream stream = in.get()) {
                return parse("conf/" + name + ".properties", stream);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Profile parse(String source, InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return new Profile(source, values);
    }

    /** A copy with one key replaced, for tests and for settings given on the command line. */
    public Profile with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Profile(source, copy);
    }

    public String source() {
        return source;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a whole number, not '" + value + "'");
        }
    }

    public double getDouble(String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a number, not '" + value + "'");
        }
    }

    /** The {@code spark.*} settings, passed to the SparkSession unchanged. */
    public Map<String, String> sparkSettings() {
        Map<String, String> spark = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("spark.")) {
                spark.put(k, v);
            }
        });
        return spark;
    }

    public String table() {
        return get("table", "warehouse/agent_activity");
    }

    public String labels() {
        return get("labels", "classic");
    }

    public int marginDays() {
        return getInt("margin.days", 1);
    }

    public int gapMinutes() {
        return getInt("gap.minutes", org.agentaudit.derive.SilentGaps.DEFAULT_MINUTES);
    }

    public int prefixSlackHours() {
        return getInt("input.prefix.slack.hours", 2);
    }

    public double maxQuarantineRatio() {
        return getDouble("max.quarantine.ratio", 1.0);
    }
}
