package org.agentaudit.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agentaudit.config.BadArgument;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the input files a run needs (audit-status-rules.md section 1.1 and 6): recursively,
 * skipping names that begin with {@code .} or {@code _}, and pruning date prefixes that cannot hold
 * events of the read window, so a one-day run over a year of Firehose output lists about three
 * days of files. Both layouts are understood: {@code yyyy/MM/dd/HH/} and Hive-style
 * {@code year=/month=/day=/hour=} (also {@code dt=yyyy-MM-dd}). Prefixes are arrival times, so each
 * is widened by a slack before it is compared with the window. Works on any Hadoop file system
 * (local, {@code file:}, {@code s3a://}).
 */
public final class InputFiles {
    private static final Pattern HIVE = Pattern.compile("(year|month|day|hour)=(\\d{1,4})");
    private static final Pattern HIVE_DATE = Pattern.compile("(?:dt|date)=(\\d{4}-\\d{2}-\\d{2})");

    /** The files found, and their total size in bytes. */
    public record Listing(List<String> files, long bytes) {}

    private final Configuration hadoop;
    private final Instant windowStart;
    private final Instant windowEnd;
    private final Duration slack;

    /** Files whose prefix can hold events in [windowStart, windowEnd); null bounds list everything. */
    public InputFiles(Configuration hadoop, Instant windowStart, Instant windowEnd, Duration slack) {
        this.hadoop = hadoop;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.slack = slack;
    }

    /** Each file once, sorted by name, even where inputs overlap (a folder and a folder inside it). */
    public Listing list(List<String> inputs) {
        Map<String, Long> files = new TreeMap<>();
        for (String input : inputs) {
            Path root = new Path(input);
            try {
                FileSystem fs = root.getFileSystem(hadoop);
                if (!fs.exists(root)) {
                    throw new BadArgument("input " + input + " does not exist");
                }
                walk(fs, fs.getFileStatus(root), new PrefixRange(), files, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
            }
        }
        return new Listing(List.copyOf(files.keySet()), files.values().stream().mapToLong(Long::longValue).sum());
    }

    private void walk(FileSystem fs, FileStatus status, PrefixRange range, Map<String, Long> files, boolean root)
            throws IOException {
        String name = status.getPath().getName();
        if (!root && (name.startsWith(".") || name.startsWith("_"))) {
            return;
        }
        if (status.isFile()) {
            files.put(status.getPath().toString(), status.getLen());
            return;
        }
        PrefixRange here = root ? range : range.enter(name);
        if (!here.mayOverlap(windowStart, windowEnd, slack)) {
            return;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            walk(fs, child, here, files, false);
        }
    }

    /** The time range a chain of date folders stands for; "unknown" once a folder breaks the chain. */
    static final class PrefixRange {
        private final int[] parts; // year, month, day, hour as far as known
        private final boolean broken;

        PrefixRange() {
            this(new int[0], false);
        }

        private PrefixRange(int[] parts, boolean broken) {
            this.parts = parts;
            this.broken = broken;
        }

        PrefixRange enter(String folder) {
            if (broken) {
                return this;
            }
            Matcher date = HIVE_DATE.matcher(folder);
            if (date.matches() && parts.length == 0) {
                LocalDate d = LocalDate.parse(date.group(1));
                return new PrefixRange(new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth()}, false);
            }
            Matcher hive = HIVE.matcher(folder);
            String digits = hive.matches() ? hive.group(2) : folder;
            if (!digits.matches("\\d{1,4}")) {
                return parts.length == 0 ? this : new PrefixRange(parts, true);
            }
            int value = Integer.parseInt(digits);
            int level = parts.length;
            boolean fits = switch (level) {
                case 0 -> digits.length() == 4 && value >= 1970 && value <= 2200;
                case 1 -> value >= 1 && value <= 12;
                case 2 -> value >= 1 && value <= 31;
                case 3 -> value <= 23;
                default -> false;
            };
            if (!fits) {
                return level == 0 ? this : new PrefixRange(parts, true);
            }
            int[] more = java.util.Arrays.copyOf(parts, level + 1);
            more[level] = value;
            return new PrefixRange(more, false);
        }

        boolean mayOverlap(Instant windowStart, Instant windowEnd, Duration slack) {
            if (broken || parts.length == 0 || windowStart == null) {
                return true;
            }
            Instant start;
            Instant end;
            try {
                LocalDate first = LocalDate.of(parts[0], parts.length > 1 ? parts[1] : 1, parts.length > 2 ? parts[2] : 1);
                start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
                end = switch (parts.length) {
                    case 1 -> first.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    case 2 -> first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    case 3 -> first.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    default -> {
                        start = start.plus(Duration.ofHours(parts[3]));
                        yield start.plus(Duration.ofHours(1));
                    }
                };
            } catch (java.time.DateTimeException e) {
                return true; // e.g. 2025/02/30: not a date prefix after all
            }
            return start.minus(slack).isBefore(windowEnd) && end.plus(slack).isAfter(windowStart);
        }
    }
}
