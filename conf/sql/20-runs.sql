-- The runs table is an append-only log: a STARTED row when a run begins, then COMMITTED or FAILED.
-- requires: agent_activity_runs

-- One row per run: its latest state and counts, when it started and when it finished (null while
-- running, or when it died without a word: such a run stays STARTED).
CREATE OR REPLACE TEMPORARY VIEW agent_activity_runs_latest AS
SELECT latest.run_id, latest.state, started.started_at,
       CASE WHEN latest.state <> 'STARTED' THEN latest.recorded_at END AS finished_at,
       latest.command, latest.range_from, latest.range_to, latest.inputs, latest.input_files,
       latest.input_bytes, latest.records_read, latest.events_valid, latest.duplicates, latest.quarantined,
       latest.slices_written, latest.agents, latest.table_version, latest.duration_ms, latest.step_ms,
       latest.message
FROM (
  SELECT r.*, row_number() OVER (PARTITION BY run_id
                                 ORDER BY recorded_at DESC, CASE state WHEN 'STARTED' THEN 1 ELSE 0 END) AS n
  FROM agent_activity_runs r
) latest
LEFT JOIN (
  SELECT run_id, min(recorded_at) AS started_at FROM agent_activity_runs GROUP BY run_id
) started ON started.run_id = latest.run_id
WHERE latest.n = 1;
