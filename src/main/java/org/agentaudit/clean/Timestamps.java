package org.agentaudit.clean;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_millis;

import org.apache.spark.sql.Column;

/**
 * The stream's timestamps (audit-status-rules.md section 1.2): ISO-8601 with 0–9 fraction digits,
 * truncated to milliseconds, with {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or no offset (UTC; the
 * job's session time zone is UTC). Anything else is null.
 */
public final class Timestamps {
    private Timestamps() {}

    public static Column parse(Column text) {
        Column parsed = coalesce(
                try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]XXX")),
                try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]XX")),
                try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]")));
        return timestamp_millis(unix_millis(parsed));
    }
}
