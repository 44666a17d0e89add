#!/usr/bin/env bash
# A backfill over a long range, in chunks of days, each chunk committed on its own and recorded in
# the runs table. Killed or failed, the same command resumes after the last committed chunk.
#   AUDIT_INPUT   where the raw events are, required
#   AUDIT_FROM, AUDIT_TO   the UTC dates, required
#   AUDIT_CHUNK_DAYS       days per chunk (default 7)
#   AUDIT_TABLE   the audit table (default: the profile's)
# See common.sh for running through spark-submit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require AUDIT_INPUT "where the raw agent events are"
require AUDIT_FROM "first UTC date, YYYY-MM-DD"
require AUDIT_TO "last UTC date, YYYY-MM-DD"

args=(backfill --input "$AUDIT_INPUT" --from "$AUDIT_FROM" --to "$AUDIT_TO" --chunk-days "${AUDIT_CHUNK_DAYS:-7}")
[ -n "${AUDIT_TABLE:-}" ] && args+=(--table "$AUDIT_TABLE")
run_audit "${args[@]}"
