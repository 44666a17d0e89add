package org.agentaudit.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.agentaudit.config.ConfigFiles;

/**
 * The colours of statuses in timeline pictures, from {@code conf/status-colors.json} (the notebooks
 * read the same file): listed statuses have their own colour; any other (a custom status) takes one
 * of {@code others} by the CRC-32 of its name, so it looks the same in every picture.
 */
public final class StatusColors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Color> colors;
    private final List<Color> others;
    private final Color noData;

    private StatusColors(Map<String, Color> colors, List<Color> others, Color noData) {
        this.colors = colors;
        this.others = others;
        this.noData = noData;
    }

    public static StatusColors load() {
        try {
            Optional<InputStream> in = ConfigFiles.open("status-colors.json");
            if (in.isEmpty()) {
                throw new IllegalStateException("no conf/status-colors.json");
            }
            try (InputStream stream = in.get()) {
                Definition d = JSON.readValue(stream, Definition.class);
                if (d.colors == null || d.others == null || d.others.isEmpty()) {
                    throw new IllegalStateException("conf/status-colors.json needs colors and others");
                }
                Map<String, Color> colors = new LinkedHashMap<>();
                d.colors.forEach((k, v) -> colors.put(k, parse(v)));
                return new StatusColors(colors, d.others.stream().map(StatusColors::parse).toList(),
                        parse(d.noData == null ? "#eeeeee" : d.noData));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("conf/status-colors.json: " + e.getMessage(), e);
        }
    }

    public Color of(String status) {
        Color known = colors.get(status);
        if (known != null) {
            return known;
        }
        CRC32 crc = new CRC32();
        crc.update((status == null ? "" : status).getBytes(StandardCharsets.UTF_8));
        return others.get((int) (crc.getValue() % others.size()));
    }

    public Color noData() {
        return noData;
    }

    /** {@code #rrggbb} as used in HTML. */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static Color parse(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalStateException("conf/status-colors.json: '" + hex + "' is not a #rrggbb colour");
        }
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Definition {
        public Map<String, String> colors;
        public List<String> others;
        public String noData;
    }
}
