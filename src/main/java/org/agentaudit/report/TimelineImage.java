package org.agentaudit.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One agent's local day as a picture, for {@code report --format png|html}: a band over the day
 * (00:00 to the next 00:00 local, 23 or 25 hours on DST days) coloured by status, hour ticks in
 * local time, and a legend with each status's total time, longest first. Time before the agent's
 * first known interval is drawn as "no data". Plain Java 2D in headless mode; rectangles are drawn
 * without anti-aliasing, so every status shows in exactly its colour of conf/status-colors.json.
 */
public final class TimelineImage {
    public static final int WIDTH = 1400;
    private static final int MARGIN = 30;
    private static final int BAND_TOP = 64;
    private static final int BAND_HEIGHT = 70;
    private static final int LEGEND_TOP = BAND_TOP + BAND_HEIGHT + 44;
    private static final int LEGEND_ROW = 24;
    private static final int LEGEND_COLUMNS = 3;
    private static final Color INK = new Color(0x212121);
    private static final Color GRID = new Color(0x616161);

    private final StatusColors colors;
    private boolean text = true;

    public TimelineImage(StatusColors colors) {
        this.colors = colors;
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The picture of one agent's day; {@code lines} are the report's rows in start order. */
    public BufferedImage draw(String login, LocalDay day, String labels, List<CsvReport.Line> lines) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (CsvReport.Line line : lines) {
            totals.merge(line.status(), seconds(line.start(), line.end()), Long::sum);
        }
        List<Map.Entry<String, Long>> legend = new ArrayList<>(totals.entrySet());
        legend.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        boolean noDataFirst = !lines.isEmpty() && lines.get(0).start().isAfter(day.start());
        int legendRows = Math.max(1, (legend.size() + (noDataFirst ? 1 : 0) + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS);
        int height = LEGEND_TOP + legendRows * LEGEND_ROW;

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);

            long hours = Duration.between(day.start(), day.end()).toHours();
            string(g, new Font(Font.SANS_SERIF, Font.BOLD, 18), INK, MARGIN, 28,
                    login + " \u2014 " + day.date() + " (" + day.zone().getId() + ", " + hours + " h), " + labels + " labels");
            string(g, new Font(Font.SANS_SERIF, Font.PLAIN, 12), GRID, MARGIN, 48,
                    lines.isEmpty() ? "no activity known for this day" : lines.size() + " rows of the activity audit");

            // the band: no data first, then every row
            g.setColor(colors.noData());
            g.fillRect(MARGIN, BAND_TOP, WIDTH - 2 * MARGIN, BAND_HEIGHT);
            for (CsvReport.Line line : lines) {
                int x0 = x(day, line.start());
                int x1 = Math.max(x0 + 1, x(day, line.end())); // even a few seconds stay visible
                g.setColor(colors.of(line.status()));
                g.fillRect(x0, BAND_TOP, x1 - x0, BAND_HEIGHT);
            }
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(MARGIN, BAND_TOP, WIDTH - 2 * MARGIN, BAND_HEIGHT);

            // local hour ticks (DST days have 23 or 25 of them)
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            ZonedDateTime hour = day.start().atZone(day.zone()).truncatedTo(ChronoUnit.HOURS);
            for (; !hour.toInstant().isAfter(day.end()); hour = hour.plusHours(1)) {
                if (hour.toInstant().isBefore(day.start())) {
                    continue;
                }
                int x = x(day, hour.toInstant());
                g.setColor(GRID);
                g.drawLine(x, BAND_TOP + BAND_HEIGHT, x, BAND_TOP + BAND_HEIGHT + 5);
                centered(g, tickFont, GRID, x, BAND_TOP + BAND_HEIGHT + 19, String.format("%02d:00", hour.getHour()));
            }

            // legend: colour, status, total time and share of the known time
            long known = totals.values().stream().mapToLong(Long::longValue).sum();
            Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            int columnWidth = (WIDTH - 2 * MARGIN) / LEGEND_COLUMNS;
            List<Object[]> entries = new ArrayList<>();
            legend.forEach(e -> entries.add(new Object[] {colors.of(e.getKey()), e.getKey() + "  " + hms(e.getValue())
                    + String.format("  (%.1f%%)", known == 0 ? 0.0 : 100.0 * e.getValue() / known)}));
            if (noDataFirst) {
                entries.add(new Object[] {colors.noData(), "no data (before the first known interval)"});
            }
            for (int i = 0; i < entries.size(); i++) {
                int x = MARGIN + (i % LEGEND_COLUMNS) * columnWidth;
                int y = LEGEND_TOP + (i / LEGEND_COLUMNS) * LEGEND_ROW;
                g.setColor((Color) entries.get(i)[0]);
                g.fillRect(x, y - 13, 16, 16);
                g.setColor(GRID);
                g.drawRect(x, y - 13, 16, 16);
                string(g, legendFont, INK, x + 24, y, (String) entries.get(i)[1]);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int x(LocalDay day, Instant t) {
        double span = Duration.between(day.start(), day.end()).toMillis();
        double at = Duration.between(day.start(), t).toMillis();
        return MARGIN + (int) Math.round(Math.max(0, Math.min(1, at / span)) * (WIDTH - 2 * MARGIN));
    }

    static long seconds(Instant start, Instant end) {
        return end.getEpochSecond() - start.getEpochSecond(); // as the CSV's Duration
    }

    static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private void centered(Graphics2D g, Font font, Color color, int x, int y, String s) {
        if (!text) {
            return;
        }
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            string(g, font, color, x - metrics.stringWidth(s) / 2, y, s);
        } catch (RuntimeException | LinkageError | InternalError e) {
            text = false;
        }
    }

    /**
     * Text needs fonts; a bare headless JRE may have none (the Debian packages fontconfig and
     * fonts-dejavu-core give them). Without fonts the picture is drawn without its text.
     */
    private void string(Graphics2D g, Font font, Color color, int x, int y, String s) {
        if (!text) {
            return;
        }
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(color);
            g.drawString(s, x, y);
        } catch (RuntimeException | LinkageError | InternalError e) {
            text = false;
        }
    }
}
