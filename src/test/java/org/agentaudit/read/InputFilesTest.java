package org.agentaudit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.agentaudit.derive.DayWindows;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-day run over a year of hourly Firehose prefixes lists about three days of files, not the year. */
class InputFilesTest {
    @TempDir
    Path lake;

    private List<String> listFor(Path root, LocalDate day) {
        return new InputFiles(new Configuration(), DayWindows.readStart(day, 1), DayWindows.readEnd(day, 1), Duration.ofHours(2))
                .list(List.of(root.toString())).files();
    }

    @Test
    void aOneDayRunOverAYearOfHourlyPrefixesListsAboutThreeDays() throws IOException {
        Path firehose = lake.resolve("firehose");
        Path hive = lake.resolve("hive");
        for (LocalDateTime hour = LocalDateTime.of(2025, 1, 1, 0, 0); hour.getYear() == 2025; hour = hour.plusHours(1)) {
            touch(firehose.resolve(String.format("%d/%02d/%02d/%02d/events-%s", hour.getYear(), hour.getMonthValue(),
                    hour.getDayOfMonth(), hour.getHour(), hour.toEpochSecond(ZoneOffset.UTC))));
            touch(hive.resolve(String.format("year=%d/month=%02d/day=%02d/hour=%02d/part-%s", hour.getYear(), hour.getMonthValue(),
                    hour.getDayOfMonth(), hour.getHour(), hour.toEpochSecond(ZoneOffset.UTC))));
        }
        touch(firehose.resolve("2025/06/18/13/_SUCCESS"));
        touch(firehose.resolve("2025/06/18/13/.part.crc"));

        LocalDate day = LocalDate.of(2025, 6, 18);
        for (Path root : List.of(firehose, hive)) {
            List<String> files = listFor(root, day);
            // [06-17 00:00, 06-20 00:00) widened by 2 hours of arrival slack on each side: 72 + 4 hourly files
            assertEquals(76, files.size(), root.toString());
            assertTrue(files.stream().noneMatch(f -> f.contains("_SUCCESS") || f.contains(".part.crc")));
            assertTrue(files.stream().anyMatch(f -> f.contains("2025/06/16/22") || f.contains("month=06/day=16/hour=22")));
            assertTrue(files.stream().noneMatch(f -> f.contains("2025/06/16/21") || f.contains("month=06/day=16/hour=21")));
        }
    }

    @Test
    void foldersThatAreNotDatesAreListedWhole() throws IOException {
        touch(lake.resolve("exports/agent/a.json"));
        touch(lake.resolve("exports/2025/13/x.json")); // not a month: not pruned
        touch(lake.resolve("exports/2024/01/01/00/old.json"));
        List<String> files = listFor(lake.resolve("exports"), LocalDate.of(2025, 6, 18));
        assertEquals(2, files.size(), files.toString());
    }

    @Test
    void overlappingInputsListEachFileOnce() throws IOException {
        touch(lake.resolve("in/a/x.json"));
        touch(lake.resolve("in/b.json"));
        InputFiles.Listing listing = new InputFiles(new Configuration(), null, null, Duration.ZERO)
                .list(List.of(lake.resolve("in").toString(), lake.resolve("in/a").toString(), lake.resolve("in/b.json").toString()));
        assertEquals(2, listing.files().size(), listing.files().toString());
        assertTrue(listing.files().get(0).endsWith("in/a/x.json") && listing.files().get(1).endsWith("in/b.json"), listing.files().toString());
        assertEquals(4, listing.bytes(), "each file's bytes once");
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
    }
}
