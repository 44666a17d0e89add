-- Helpers for local days in an IANA time zone (audit-status-rules.md section 5). They do not depend
-- on spark.sql.session.timeZone: instants stay instants, only the zone argument decides.
--
-- Loaded at start by `bin/agent-audit sql`, the notebooks' session helper and Catalog.register, in
-- file-name order. Statements end with a ';' at the end of a line; full-line '--' comments are
-- dropped. A file whose "requires:" line names a table that does not exist is skipped.

-- The local calendar date of an instant in a zone: local_date_of(slice_start, 'America/New_York').
CREATE OR REPLACE TEMPORARY FUNCTION local_date_of(ts TIMESTAMP, zone STRING)
RETURNS DATE
RETURN CAST(convert_timezone(zone, CAST(ts AS TIMESTAMP_NTZ)) AS DATE);

-- The first instant of local date d in a zone (where local midnight does not exist, the first
-- instant of the day): local_day_start(DATE'2025-06-18', 'America/New_York') = 2025-06-18 04:00 UTC.
CREATE OR REPLACE TEMPORARY FUNCTION local_day_start(d DATE, zone STRING)
RETURNS TIMESTAMP
RETURN make_timestamp(year(d), month(d), day(d), 0, 0, 0, zone);
