package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.agentaudit.report.StatusColors;
import org.agentaudit.testing.SampleTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `report --format png|html` on the sample's table, through the command line (in-process). */
class ReportPictureTest {
    @TempDir
    Path out;

    @Test
    void pngIsTheDayOfTheAgentInTheStatusColours() throws IOException {
        Path png = out.resolve("maria.png");
        SampleTable.Output result = SampleTable.execute("report", "--table", SampleTable.path(), "--agent", "maria.lopez",
                "--date", "2025-06-18", "--timezone", "America/New_York", "--format", "png", "--out", png.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("wrote " + png + " (15 rows)"), result.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "decodes as an image");
        assertTrue(Files.size(png) > 8_000, "size " + Files.size(png));
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        StatusColors colors = StatusColors.load();
        for (String status : new String[] {"Offline", "Available", "Lunch", "Connected", "Connecting Agent", "After Contact Work",
                "Agent Disconnected", "Calling Customer", "Telecom issue"}) {
            assertTrue(seen.contains(colors.of(status).getRGB()), status);
        }
    }

    @Test
    void htmlHasTheRowsOfThe2026LabelsWhenAskedFor() throws IOException {
        Path html = out.resolve("maria.html");
        SampleTable.Output result = SampleTable.execute("report", "--table", SampleTable.path(), "--agent", "maria.lopez",
                "--date", "2025-06-18", "--timezone", "America/New_York", "--labels", "2026", "--format", "html", "--out", html.toString());
        assertEquals(0, result.code(), result.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(17 + 1, page.split("<tr>", -1).length - 1, "the 2026 file has 17 rows (the call is three)");
        assertTrue(page.contains(">On Hold</td><td class=\"t\">2025-06-18 09:19:30</td><td class=\"t\">2025-06-18 09:20:15</td>"), page);
    }

    @Test
    void anUnknownFormatIsABadArgument() {
        SampleTable.Output result = SampleTable.execute("report", "--table", SampleTable.path(), "--agent", "maria.lopez",
                "--date", "2025-06-18", "--timezone", "America/New_York", "--format", "gif");
        assertEquals(2, result.code());
        assertEquals("agent-audit: --format must be csv, png or html, not 'gif'", result.err().strip());
    }

    @Test
    void csvStaysTheDefaultOnStandardOutput() {
        SampleTable.Output result = SampleTable.execute("report", "--table", SampleTable.path(), "--agent", "sam.okafor",
                "--date", "2025-06-19", "--timezone", "America/New_York");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("Agent login,Status,Start time,End time,Duration,Channel,Contact ID\n"
                + "sam.okafor,Connected,2025-06-19 00:00:00,2025-06-19 00:06:30,00:06:30,VOICE,"), result.out());
    }
}
