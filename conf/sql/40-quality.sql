-- Data quality: quarantined records per run and reason. A record is merged into the quarantine table
-- once (by file, line and column), under the run that first rejected it.
-- requires: agent_activity_quarantine, agent_activity_runs

CREATE OR REPLACE TEMPORARY VIEW agent_activity_quarantine_by_run AS
SELECT q.run_id, r.started_at, r.state, r.range_from, r.range_to, q.reason,
       count(*) AS records, count(DISTINCT q.source_file) AS source_files
FROM agent_activity_quarantine q
LEFT JOIN agent_activity_runs_latest r ON r.run_id = q.run_id
GROUP BY q.run_id, r.started_at, r.state, r.range_from, r.range_to, q.reason;
