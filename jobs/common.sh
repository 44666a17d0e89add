# Shared by the job scripts: run one agent-audit command, locally or through spark-submit.
#   SPARK_SUBMIT       path of spark-submit; when set the job runs on the cluster spark-submit targets,
#                      with SPARK_SUBMIT_OPTS (e.g. "--master yarn --deploy-mode cluster") and
#                      AUDIT_JAR (default target/agent-audit.jar). When unset: bin/agent-audit, local.
#   AGENT_AUDIT_PROFILE profile in conf/ (local, s3, cluster)
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

run_audit() {
  if [ -n "${SPARK_SUBMIT:-}" ]; then
    # shellcheck disable=SC2086  # the options are meant to split into words
    "$SPARK_SUBMIT" ${SPARK_SUBMIT_OPTS:-} --class org.agentaudit.cli.AgentAudit "${AUDIT_JAR:-$home/target/agent-audit.jar}" "$@"
  else
    "$home/bin/agent-audit" "$@"
  fi
}

require() {
  if [ -z "${!1:-}" ]; then
    echo "$(basename "$0"): set $1 ($2)" >&2
    exit 2
  fi
}
