package org.agentaudit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Lays event lines out the way Kinesis Data Firehose delivers the agent event stream to S3: one
 * prefix per UTC hour {@code yyyy/MM/dd/HH/}, several gzip'd objects per hour named
 * {@code <stream>-1-yyyy-MM-dd-HH-mm-ss-<uuid>} with no {@code .gz}, every other object with its
 * records back to back ({@code }{}) instead of one per line, and a re-delivered record (same
 * {@code EventId} again) in the next hour's prefix, as a late duplicate would arrive.
 */
public final class Firehose {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private Firehose() {}

    /** Relative object key → gzip'd bytes, deterministic for the same lines. */
    public static Map<String, byte[]> objects(String stream, List<String> lines, int recordsPerObject) {
        Map<Instant, List<String>> byHour = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode record = parse(line);
            Instant event = Instant.parse(record.get("EventTimestamp").asText());
            Instant hour = event.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            if (!seen.add(record.get("EventId").asText())) {
                hour = hour.plusSeconds(3600); // the re-delivery arrives late
            }
            byHour.computeIfAbsent(hour, h -> new ArrayList<>()).add(line);
        }
        Map<String, byte[]> objects = new TreeMap<>();
        int count = 0;
        for (Map.Entry<Instant, List<String>> hour : byHour.entrySet()) {
            List<String> records = hour.getValue();
            for (int from = 0; from < records.size(); from += recordsPerObject) {
                List<String> chunk = records.subList(from, Math.min(records.size(), from + recordsPerObject));
                boolean concatenated = count++ % 2 == 1;
                String body = concatenated ? String.join("", chunk) : String.join("\n", chunk) + "\n";
                Instant first = hour.getKey().plusSeconds(60L * (from / recordsPerObject));
                String key = PREFIX.format(hour.getKey()) + stream + "-1-" + NAME.format(first) + "-"
                        + UUID.nameUUIDFromBytes((stream + hour.getKey() + from).getBytes(StandardCharsets.UTF_8));
                objects.put(key, gzip(body));
            }
        }
        return objects;
    }

    /** Writes the objects under a local folder, same relative paths (the local twin of the bucket). */
    public static void writeTo(Path dir, Map<String, byte[]> objects) {
        try {
            for (Map.Entry<String, byte[]> o : objects.entrySet()) {
                Path file = dir.resolve(o.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, o.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long concatenatedObjects(Map<String, byte[]> objects) {
        return objects.values().stream().filter(b -> gunzip(b).contains("}{")).count();
    }

    static String gunzip(byte[] bytes) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, UTF-8, gzip'd as Firehose writes an object. */
    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON record: " + line, e);
        }
    }
}
