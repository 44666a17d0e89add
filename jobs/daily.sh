#!/usr/bin/env bash
# The scheduled daily job: yesterday's UTC day, plus the day before again for late data
# (events arrive up to hours late and each day reads a margin of one day on each side).
#   AUDIT_INPUT   where the raw events are (s3a://bucket/prefix, or a folder), required
#   AUDIT_DAY     the day to audit, YYYY-MM-DD (default: yesterday, UTC)
#   AUDIT_TABLE   the audit table (default: the profile's)
#   AUDIT_REPORTS, AUDIT_REPORT_TIMEZONE  also write every agent's CSVs for those days
# See common.sh for running through spark-submit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require AUDIT_INPUT "where the raw agent events are"

day="${AUDIT_DAY:-$(date -u -d yesterday +%F)}"
before="$(date -u -d "$day - 1 day" +%F)"
args=(run --input "$AUDIT_INPUT" --from "$before" --to "$day")
[ -n "${AUDIT_TABLE:-}" ] && args+=(--table "$AUDIT_TABLE")
if [ -n "${AUDIT_REPORTS:-}" ]; then
  args+=(--reports "$AUDIT_REPORTS" --report-timezone "${AUDIT_REPORT_TIMEZONE:?set AUDIT_REPORT_TIMEZONE}")
fi
run_audit "${args[@]}"
