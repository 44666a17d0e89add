package org.agentaudit.derive;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.agentaudit.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UTC days of the rules, computed by arithmetic ({@link DayWindows#dayOf}, {@link DayWindows#startOf}),
 * agree with java.time at the edges of days, before 1970 and far ahead, whatever the session's zone.
 */
class UtcDaysTest {
    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Kolkata"})
    void datesAndMidnightsAreUtcAtEveryEdge(String sessionZone) {
        SparkSession spark = SparkTestSession.get();
        String before = spark.conf().get("spark.sql.session.timeZone");
        spark.conf().set("spark.sql.session.timeZone", sessionZone);
        try {
            List<Instant> instants = new ArrayList<>();
            for (String day : new String[] {"1969-12-31", "1970-01-01", "2025-06-18", "2026-03-29", "2149-06-06", "9999-12-30"}) {
                Instant midnight = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
                instants.add(midnight);
                instants.add(midnight.minusNanos(1_000)); // the last microsecond of the day before
                instants.add(midnight.plusSeconds(12 * 3600 + 1));
            }
            List<Row> rows = new ArrayList<>();
            instants.forEach(i -> rows.add(RowFactory.create(Timestamp.from(i))));
            Dataset<Row> result = spark.createDataFrame(rows, new StructType().add("ts", DataTypes.TimestampType))
                    .select(col("ts"), DayWindows.dayOf(col("ts")).as("day"))
                    .select(col("ts"), col("day"), DayWindows.startOf(col("day")).as("midnight"));
            for (Row row : result.collectAsList()) {
                Instant instant = row.getTimestamp(0).toInstant();
                LocalDate expected = instant.atZone(ZoneOffset.UTC).toLocalDate();
                assertEquals(expected, row.getDate(1).toLocalDate(), "UTC date of " + instant);
                assertEquals(expected.atStartOfDay(ZoneOffset.UTC).toInstant(), row.getTimestamp(2).toInstant(), "UTC midnight of " + expected);
            }
            assertEquals(instants.size(), result.count());
        } finally {
            spark.conf().set("spark.sql.session.timeZone", before);
        }
    }
}
