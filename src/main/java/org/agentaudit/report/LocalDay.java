package org.agentaudit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRulesException;
import org.agentaudit.config.BadArgument;

/**
 * A report's window (audit-status-rules.md section 5): local date D in IANA zone Z covers
 * [start of D in Z, start of D+1 in Z) — 23 or 25 hours on DST days, and where local midnight does
 * not exist the day starts at its first instant. Raw offsets are not zones.
 */
public record LocalDay(LocalDate date, ZoneId zone, Instant start, Instant end) implements java.io.Serializable {

    public static LocalDay of(LocalDate date, ZoneId zone) {
        return new LocalDay(date, zone, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** An IANA region id such as {@code America/New_York}; offsets like {@code +05:30} are refused. */
    public static ZoneId zone(String text) {
        if (text == null || text.isBlank() || text.matches("(?i)(UTC|GMT|UT)?[+-].*")) {
            throw new BadArgument("'" + text + "' is an offset, not an IANA time zone (use a region such as Asia/Kolkata)");
        }
        try {
            ZoneId zone = ZoneId.of(text);
            if (zone instanceof ZoneOffset) {
                throw new BadArgument("'" + text + "' is an offset, not an IANA time zone");
            }
            return zone;
        } catch (ZoneRulesException e) {
            throw new BadArgument("unknown time zone '" + text + "'");
        } catch (java.time.DateTimeException e) {
            throw new BadArgument("'" + text + "' is not an IANA time zone (use a region such as America/New_York)");
        }
    }

    /** The first UTC date whose partition holds part of this day. */
    public LocalDate firstUtcDate() {
        return start.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The last UTC date whose partition holds part of this day. */
    public LocalDate lastUtcDate() {
        return end.minusMillis(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The zone as it appears in report file names: {@code America/New_York} → {@code America-New_York}. */
    public String zoneForFileName() {
        return zone.getId().replace('/', '-');
    }
}
