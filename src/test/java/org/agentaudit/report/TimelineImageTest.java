package org.agentaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The day's picture of `report --format png|html`, drawn from the rows of a CSV report (no Spark). */
class TimelineImageTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int BAND_MIDDLE = 64 + 35;
    private final StatusColors colors = StatusColors.load();

    @Test
    void mariasDayDecodesHasASaneSizeAndShowsEveryStatusInItsColour() throws IOException {
        List<CsvReport.Line> lines = lines("maria.lopez_2025-06-18_America-New_York.csv", NEW_YORK);
        LocalDay day = LocalDay.of(LocalDate.of(2025, 6, 18), NEW_YORK);
        byte[] png = TimelineImage.png(new TimelineImage(colors).draw("maria.lopez", day, "classic", lines));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a PNG that decodes");
        assertEquals(TimelineImage.WIDTH, image.getWidth());
        assertTrue(image.getHeight() >= 200 && image.getHeight() <= 400, "height " + image.getHeight());
        assertTrue(png.length > 8_000 && png.length < 500_000, "size " + png.length);

        Set<Integer> all = colours(image, 0, image.getHeight());
        assertTrue(all.size() > 12, "text, band and legend: many colours, not " + all.size());
        for (CsvReport.Line line : lines) {
            assertTrue(all.contains(colors.of(line.status()).getRGB()), "the colour of " + line.status() + " is in the picture (legend)");
        }
        // the band: any row of ten minutes or more shows in its own colour in the middle of its span
        for (CsvReport.Line line : lines) {
            if (line.end().getEpochSecond() - line.start().getEpochSecond() >= 600) {
                Instant middle = line.start().plusMillis((line.end().toEpochMilli() - line.start().toEpochMilli()) / 2);
                int x = 30 + (int) Math.round((1400 - 60) * (middle.toEpochMilli() - day.start().toEpochMilli())
                        / (double) (day.end().toEpochMilli() - day.start().toEpochMilli()));
                assertEquals(new Color(colors.of(line.status()).getRGB()), new Color(image.getRGB(x, BAND_MIDDLE)),
                        line.status() + " at " + line.start());
            }
        }
        // the whole band is covered: her first row starts at local midnight
        assertEquals(colors.of("Offline").getRGB(), image.getRGB(31, BAND_MIDDLE));
        assertEquals(colors.of("Offline").getRGB(), image.getRGB(1400 - 31, BAND_MIDDLE));
    }

    @Test
    void timeBeforeTheFirstKnownIntervalIsNoDataAndA25HourDayKeepsItsProportions() throws IOException {
        LocalDay day = LocalDay.of(LocalDate.of(2025, 11, 2), NEW_YORK); // 25 hours: 04:00Z .. 05:00Z next day
        assertEquals(25, java.time.Duration.between(day.start(), day.end()).toHours());
        Instant half = day.start().plusSeconds(25 * 3600 / 2);
        List<CsvReport.Line> lines = List.of(new CsvReport.Line("a", "Available", half, day.end(), null, null));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                TimelineImage.png(new TimelineImage(colors).draw("a", day, "classic", lines))));
        int middle = 30 + (1400 - 60) / 2;
        assertEquals(colors.noData().getRGB(), image.getRGB(middle - 3, BAND_MIDDLE));
        assertEquals(colors.of("Available").getRGB(), image.getRGB(middle + 3, BAND_MIDDLE));
        assertTrue(colours(image, 0, image.getHeight()).contains(colors.noData().getRGB()), "no data is in the legend");
    }

    @Test
    void aDayWithoutRowsIsStillAPicture() throws IOException {
        LocalDay day = LocalDay.of(LocalDate.of(2025, 6, 20), NEW_YORK);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                TimelineImage.png(new TimelineImage(colors).draw("nobody", day, "classic", List.of()))));
        assertNotNull(image);
        assertEquals(Set.of(colors.noData().getRGB()), colours(image, BAND_MIDDLE - 20, BAND_MIDDLE + 20, 40, 1360));
    }

    @Test
    void customStatusesTakeAStableColourByTheCrc32OfTheirName() {
        // the notebooks' helper computes the same (zlib.crc32): a custom status looks the same everywhere
        List<String> others = List.of("#9c27b0", "#00838f", "#afb42b", "#5d4037", "#f06292", "#3949ab", "#ef6c00", "#00bfa5");
        for (String name : List.of("Lunch", "Break", "Training", "Réunion")) {
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            assertEquals(Color.decode(others.get((int) (crc.getValue() % others.size()))), colors.of(name), name);
        }
        assertEquals(Color.decode("#2e7d32"), colors.of("Available"));
        assertFalse(colors.of("Lunch").equals(colors.of("Available")));
    }

    @Test
    void theHtmlPageHasThePictureAndTheRowsAndEscapesWhatTheDataHolds() throws IOException {
        LocalDay day = LocalDay.of(LocalDate.of(2025, 6, 18), NEW_YORK);
        List<CsvReport.Line> lines = lines("maria.lopez_2025-06-18_America-New_York.csv", NEW_YORK);
        List<CsvReport.Line> hostile = new java.util.ArrayList<>(lines);
        CsvReport.Line first = lines.get(0);
        hostile.set(0, new CsvReport.Line("<script>alert(1)</script>", "Lunch & \"Learn\"", first.start(), first.end(), null, null));
        String html = HtmlReport.render("maria.lopez", day, "classic", hostile, colors);
        assertFalse(html.contains("<script>"), "data never becomes markup");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Lunch &amp; &quot;Learn&quot;"));
        assertEquals(lines.size() + 1, html.split("<tr>", -1).length - 1, "a header row and one row per report row");
        assertTrue(html.contains("<td class=\"t\">2025-06-18 09:14:11</td><td class=\"t\">2025-06-18 09:26:48</td><td class=\"t\">00:12:37</td>"));
        Matcher img = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(img.find());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1)))), "the embedded picture decodes");
    }

    // ---- helpers

    static List<CsvReport.Line> lines(String expectedCsv, ZoneId zone) throws IOException {
        try (InputStream in = TimelineImageTest.class.getClassLoader().getResourceAsStream("sample/expected/" + expectedCsv)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(l -> l.split(",", -1))
                    .map(f -> new CsvReport.Line(f[0], f[1], local(f[2], zone), local(f[3], zone),
                            f[5].isEmpty() ? null : f[5], f[6].isEmpty() ? null : f[6]))
                    .toList();
        }
    }

    private static Instant local(String wall, ZoneId zone) {
        return LocalDateTime.parse(wall, WALL).atZone(zone).toInstant();
    }

    private static Set<Integer> colours(BufferedImage image, int fromY, int toY) {
        return colours(image, fromY, toY, 0, image.getWidth());
    }

    private static Set<Integer> colours(BufferedImage image, int fromY, int toY, int fromX, int toX) {
        Set<Integer> seen = new HashSet<>();
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen;
    }
}
