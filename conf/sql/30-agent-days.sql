-- The usual questions about agents, per local day in a time zone. Each is a SQL table function:
--   SELECT * FROM agent_status_time('America/New_York', DATE'2025-06-18', DATE'2025-06-18')
-- Arguments: an IANA zone, then the first and last local date (inclusive). Only UTC partitions that
-- can hold those local days are read. Statuses are the table's `status` column (classic labels).
-- Durations in seconds are differences of instants truncated to the second, as in the CSV report,
-- so they add up exactly to the report's Duration column.
-- requires: agent_activity

-- The table's slices cut at local midnights and clipped to each local day: one row per piece.
-- agent_login is the report's login (the Username, else the agent id). The building block of the
-- functions below; also handy on its own.
CREATE OR REPLACE TEMPORARY FUNCTION agent_day_slices(zone STRING, from_date DATE, to_date DATE)
RETURNS TABLE (
  instance_id STRING, agent_arn STRING, agent_login STRING, local_date DATE, status STRING,
  status_source STRING, agent_status_name STRING, agent_status_type STRING, contact_id STRING,
  channel STRING, initiation_method STRING, contact_state STRING, queue_name STRING,
  interval_id STRING, is_open BOOLEAN, start TIMESTAMP, `end` TIMESTAMP, seconds BIGINT)
RETURN
  WITH slices AS (
    SELECT s.*, local_date_of(s.slice_start, zone) AS first_local_date, local_date_of(s.slice_end, zone) AS last_local_date
    FROM agent_activity s
    WHERE s.event_date BETWEEN date_sub(from_date, 1) AND date_add(to_date, 1)
  ), pieces AS (
    SELECT s.*, explode(sequence(s.first_local_date, s.last_local_date)) AS local_date
    FROM slices s
  ), days AS (
    SELECT p.*, local_day_start(p.local_date, zone) AS day_start, local_day_start(date_add(p.local_date, 1), zone) AS day_end
    FROM pieces p
    WHERE p.local_date BETWEEN from_date AND to_date
  )
  SELECT instance_id, agent_arn, coalesce(agent_username, agent_id), local_date, status,
         status_source, agent_status_name, agent_status_type, contact_id,
         channel, initiation_method, contact_state, queue_name,
         interval_id, is_open, greatest(slice_start, day_start), least(slice_end, day_end),
         unix_seconds(least(slice_end, day_end)) - unix_seconds(greatest(slice_start, day_start))
  FROM days
  WHERE (slice_start < day_end AND slice_end > day_start)
     OR (slice_start = slice_end AND slice_start >= day_start AND slice_start < day_end);

-- The rows of the per-agent report (the console's "Download CSV"), classic labels: the day's pieces
-- with consecutive rows of the same status and contact merged, as `bin/agent-audit report` does.
-- channel and contact_id are null when the status does not come from a contact.
CREATE OR REPLACE TEMPORARY FUNCTION agent_report_rows(zone STRING, from_date DATE, to_date DATE)
RETURNS TABLE (instance_id STRING, agent_login STRING, local_date DATE, status STRING,
               start TIMESTAMP, `end` TIMESTAMP, seconds BIGINT, channel STRING, contact_id STRING)
RETURN
  WITH rows AS (
    SELECT instance_id, agent_login, local_date, status, start, `end`,
           CASE WHEN status_source = 'CONTACT' THEN channel END AS channel,
           CASE WHEN status_source = 'CONTACT' THEN contact_id END AS contact_id
    FROM agent_day_slices(zone, from_date, to_date)
  ), marked AS (
    SELECT r.*,
           CASE WHEN lag(status) OVER w = status AND lag(contact_id) OVER w <=> contact_id AND lag(`end`) OVER w = start
                THEN 0 ELSE 1 END AS new_row
    FROM rows r
    WINDOW w AS (PARTITION BY instance_id, agent_login, local_date ORDER BY start, `end`)
  ), grouped AS (
    SELECT m.*, sum(new_row) OVER (PARTITION BY instance_id, agent_login, local_date ORDER BY start, `end`
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS row_group
    FROM marked m
  )
  SELECT instance_id, agent_login, local_date, min_by(status, start), min(start), max(`end`),
         unix_seconds(max(`end`)) - unix_seconds(min(start)), min_by(channel, start), min_by(contact_id, start)
  FROM grouped
  GROUP BY instance_id, agent_login, local_date, row_group;

-- Time in each status per agent and local day: seconds, hours, and the share of the agent's
-- known time that day (time before an agent's first known interval is not counted).
CREATE OR REPLACE TEMPORARY FUNCTION agent_status_time(zone STRING, from_date DATE, to_date DATE)
RETURNS TABLE (instance_id STRING, agent_login STRING, local_date DATE, status STRING,
               seconds BIGINT, hours DOUBLE, share DOUBLE)
RETURN
  SELECT instance_id, agent_login, local_date, status, seconds, round(seconds / 3600.0, 4),
         round(seconds / sum(seconds) OVER (PARTITION BY instance_id, agent_login, local_date), 4)
  FROM (
    SELECT instance_id, agent_login, local_date, status, sum(seconds) AS seconds
    FROM agent_day_slices(zone, from_date, to_date)
    GROUP BY instance_id, agent_login, local_date, status
  );

-- Occupancy per agent and local day: time on contacts / time logged in.
--   logged_in:  a contact is in the snapshot, or the agent status is not of type OFFLINE and the
--               agent has not logged out (an agent can be on an outbound call while Offline);
--   on_contact: a contact dominates the snapshot (offered, connected, on hold, paused, after
--               contact work, missed/rejected/error until cleared);
--   connected:  the dominant contact is CONNECTED or CONNECTED_ONHOLD;
--   after_contact_work: the dominant contact is ENDED;
--   available:  no contact and a ROUTABLE status (idle, waiting for contacts);
--   custom:     no contact and a CUSTOM status (Lunch, Break, Training, ...).
-- occupancy = on_contact / logged_in (null when never logged in that day).
CREATE OR REPLACE TEMPORARY FUNCTION agent_occupancy(zone STRING, from_date DATE, to_date DATE)
RETURNS TABLE (instance_id STRING, agent_login STRING, local_date DATE,
               logged_in_seconds BIGINT, on_contact_seconds BIGINT, connected_seconds BIGINT,
               after_contact_work_seconds BIGINT, available_seconds BIGINT, custom_seconds BIGINT,
               occupancy DOUBLE)
RETURN
  SELECT instance_id, agent_login, local_date, logged_in, on_contact, connected, acw, available, custom,
         CASE WHEN logged_in > 0 THEN round(on_contact / logged_in, 4) END
  FROM (
    SELECT instance_id, agent_login, local_date,
           sum(CASE WHEN status_source = 'CONTACT'
                      OR (status_source = 'AGENT_STATUS' AND coalesce(agent_status_type, '') <> 'OFFLINE')
                    THEN seconds ELSE 0 END) AS logged_in,
           sum(CASE WHEN status_source = 'CONTACT' THEN seconds ELSE 0 END) AS on_contact,
           sum(CASE WHEN status_source = 'CONTACT' AND contact_state IN ('CONNECTED', 'CONNECTED_ONHOLD')
                    THEN seconds ELSE 0 END) AS connected,
           sum(CASE WHEN status_source = 'CONTACT' AND contact_state = 'ENDED' THEN seconds ELSE 0 END) AS acw,
           sum(CASE WHEN status_source = 'AGENT_STATUS' AND agent_status_type = 'ROUTABLE' THEN seconds ELSE 0 END) AS available,
           sum(CASE WHEN status_source = 'AGENT_STATUS' AND agent_status_type = 'CUSTOM' THEN seconds ELSE 0 END) AS custom
    FROM agent_day_slices(zone, from_date, to_date)
    GROUP BY instance_id, agent_login, local_date
  );

-- Contacts per agent, local day and channel, and how many of them were missed, rejected or ended
-- in an error while the agent had them. A contact counts once, on the local day it first shows in
-- the range, with the states it reached as the dominant contact of the agent's snapshot.
CREATE OR REPLACE TEMPORARY FUNCTION agent_contact_outcomes(zone STRING, from_date DATE, to_date DATE)
RETURNS TABLE (instance_id STRING, agent_login STRING, local_date DATE, channel STRING,
               contacts BIGINT, missed BIGINT, rejected BIGINT, errors BIGINT)
RETURN
  SELECT instance_id, agent_login, local_date, channel,
         count(*), count_if(was_missed), count_if(was_rejected), count_if(had_error)
  FROM (
    SELECT instance_id, agent_arn, contact_id,
           min_by(agent_login, start) AS agent_login, min(local_date) AS local_date,
           min_by(channel, start) AS channel,
           bool_or(contact_state = 'MISSED') AS was_missed,
           bool_or(contact_state = 'REJECTED') AS was_rejected,
           bool_or(contact_state = 'ERROR') AS had_error
    FROM agent_day_slices(zone, from_date, to_date)
    WHERE status_source = 'CONTACT'
    GROUP BY instance_id, agent_arn, contact_id
  )
  GROUP BY instance_id, agent_login, local_date, channel;
