package org.agentaudit.clean;

import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.StringTrimRight;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataTypes;

/**
 * The stream's timestamps (audit-status-rules.md section 1.2): ISO-8601 with 0–9 fraction digits,
 * truncated to milliseconds, with {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or no offset (UTC; the
 * job's session time zone is UTC). Anything else is null.
 */
public final class Timestamps {
    /** Exactly the accepted forms; Spark's cast alone would also take a space for the T, a bare date, a zone name. */
    static final String ISO_8601 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?$";

    private Timestamps() {}

    public static Column parse(Column text) {
        // The cast is Spark's hand-written parser, several times faster than a pattern-driven
        // try_to_timestamp; it keeps microseconds (extra digits dropped) and nulls impossible dates.
        // A trailing Z is dropped first: text without an offset is read in the session's time zone,
        // UTC (Sessions), where a Z costs Spark two pattern replacements per value to read it.
        Column parsed = when(text.rlike(ISO_8601), withoutTrailingZ(text).try_cast("timestamp"));
        return timestamp_millis(unix_millis(parsed));
    }

    /**
     * {@code TRIM(TRAILING 'Z' FROM text)}, Spark's own expression built directly: the function
     * {@code rtrim(text, 'Z')} would do the same, but its two-argument form is deprecated and says so
     * in the log of every run.
     */
    private static Column withoutTrailingZ(Column text) {
        return ExpressionUtils.column(new StringTrimRight(ExpressionUtils.expression(text),
                scala.Option.apply(Literal.create("Z", DataTypes.StringType))));
    }
}
