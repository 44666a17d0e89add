"""Example Airflow DAG: the daily audit through spark-submit (apache-airflow-providers-apache-spark).

Copy to your DAGs folder and adjust the connection, the jar location and the bucket. Each run audits
the run's data interval day plus the day before (late events), exactly as jobs/daily.sh does.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="agent_activity_audit_daily",
    start_date=datetime(2025, 1, 1),
    schedule="30 2 * * *",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=15)},
) as dag:
    SparkSubmitOperator(
        task_id="audit_yesterday",
        conn_id="spark_default",
        application="s3://my-artifacts/agent-audit/agent-audit.jar",
        java_class="org.agentaudit.cli.AgentAudit",
        env_vars={"AGENT_AUDIT_PROFILE": "cluster"},
        application_args=[
            "run",
            "--input", "s3a://my-connect-events/agent-events/",
            "--from", "{{ macros.ds_add(ds, -1) }}",
            "--to", "{{ ds }}",
            "--table", "s3a://my-lake/audit/agent_activity",
        ],
    )
