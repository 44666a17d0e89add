package org.agentaudit.derive;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step "day windows" (audit-status-rules.md section 6): the rows of UTC day D are a function of the
 * events in W(D) = [D − margin, D + 1 day + margin) alone. Each event is copied once into every
 * window of the run's days that holds it ({@code window_date}), so every later rule — first
 * interval, contact history, data end — sees exactly its day's window, and a run over many days
 * gives the same rows as one run per day. Heartbeats that change nothing ({@link QuietHeartbeats})
 * are not copied. Also attaches {@code window_start}, the first instant of the window, and
 * {@code data_end}: the latest event of the window, over all agents, quiet heartbeats included.
 */
public final class DayWindows {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private DayWindows() {}

    /** The events any day of [from, to] needs: [from − margin, to + 1 day + margin). */
    public static Instant readStart(LocalDate from, int marginDays) {
        return from.minusDays(marginDays).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant readEnd(LocalDate to, int marginDays) {
        return to.plusDays(1L + marginDays).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The events of the run's windows; the other steps see no other. */
    public static Dataset<Row> inRange(Dataset<Row> events, LocalDate from, LocalDate to, int marginDays) {
        return events.filter(isInRange(from, to, marginDays));
    }

    /** Whether an event ({@code event_ts}) lies in one of the run's windows. */
    private static Column isInRange(LocalDate from, LocalDate to, int marginDays) {
        return col("event_ts").geq(lit(java.sql.Timestamp.from(readStart(from, marginDays))))
                .and(col("event_ts").lt(lit(java.sql.Timestamp.from(readEnd(to, marginDays)))));
    }

    /**
     * The latest event of each UTC date the run's windows hold ({@code event_date}, {@code day_end}), of
     * which {@link #dataEnds} makes the windows' data ends. The job takes them from its count of the
     * records instead, in the same pass, grouped by {@link #windowedDay} and file.
     */
    public static Dataset<Row> dayEnds(Dataset<Row> events, LocalDate from, LocalDate to, int marginDays) {
        return events.groupBy(windowedDay(from, to, marginDays).as("event_date")).agg(max("event_ts").as("day_end"))
                .filter(col("event_date").isNotNull());
    }

    /**
     * The UTC date of an event that lies in one of the run's windows, else null: a later date must not
     * reach {@link #windowsOf}, whose sequence would count backwards into the run's days.
     */
    public static Column windowedDay(LocalDate from, LocalDate to, int marginDays) {
        return when(isInRange(from, to, marginDays), dayOf(col("event_ts")));
    }

    /**
     * The UTC date of an instant, by arithmetic on its microseconds: {@code to_date} converts every
     * value through java.time objects in the session's zone (~1 % of a run's CPU).
     */
    public static Column dayOf(Column instant) {
        Column micros = unix_micros(instant);
        // exact, also before 1970: a whole number of days (k × 2^13 × 10,546,875 with |k| < 1.1e8) is a
        // double without rounding, and so is its quotient by a day
        return date_from_unix_date(micros.minus(pmod(micros, lit(MICROS_PER_DAY))).divide(lit(MICROS_PER_DAY)).cast("int"));
    }

    /** The first instant of a UTC date, by arithmetic (see {@link #dayOf}). */
    public static Column startOf(Column date) {
        return timestamp_micros(unix_date(date).cast("long").multiply(lit(MICROS_PER_DAY)));
    }

    /**
     * The data end of each window ({@code window_date}, {@code data_end}): its latest event, over all
     * agents, from the latest event of each date ({@link #dayEnds}): no event is copied for this.
     */
    public static Dataset<Row> dataEnds(Dataset<Row> dayEnds, LocalDate from, LocalDate to, int marginDays) {
        return dayEnds.withColumn("window_date", windowsOf(col("event_date"), from, to, marginDays))
                .groupBy("window_date").agg(max("day_end").as("data_end"));
    }

    /**
     * @param events the events {@link #inRange} keeps, marked by {@link QuietHeartbeats}
     * @param dataEnds {@link #dataEnds} of those events, quiet heartbeats included
     */
    public static Dataset<Row> apply(Dataset<Row> events, Dataset<Row> dataEnds, LocalDate from, LocalDate to, int marginDays) {
        Dataset<Row> windowed = events.filter(not(col("changes_nothing")))
                .withColumn("window_date", windowsOf(dayOf(col("event_ts")), from, to, marginDays));
        return windowed.join(broadcast(dataEnds), "window_date")
                .withColumn("window_start", startOf(date_sub(col("window_date"), marginDays)));
    }

    /** One row per day D of [from, to] whose window holds the given date: D is within margin days of it. */
    private static Column windowsOf(Column date, LocalDate from, LocalDate to, int marginDays) {
        return explode(sequence(
                greatest(date_sub(date, marginDays), lit(java.sql.Date.valueOf(from))),
                least(date_add(date, marginDays), lit(java.sql.Date.valueOf(to)))));
    }
}
