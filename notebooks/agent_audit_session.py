"""A SparkSession for the agent-audit notebooks, with the tables and views named.

    from agent_audit_session import session
    audit = session()                       # once per kernel
    df = audit.sql("SELECT * FROM agent_status_time('America/New_York', DATE'2025-06-18', DATE'2025-06-18')")

`audit.sql` takes a Spark SQL string and returns a pandas DataFrame (timestamps as UTC-aware
pandas timestamps, dates as datetime.date). Keep results small: aggregate in SQL, chart in pandas.

Where Spark comes from:
  * `pyspark` when it can be imported (EMR, Databricks, a pip install): the session the platform
    gives, with Delta as the platform configures it. The tables are named as temporary views and
    the views and functions of conf/sql/ are created on top (time travel: `delta.`path``).
  * otherwise the project's own jar, started in this Python process through JPype: the same Spark
    and Delta as `bin/agent-audit`, with the JVM flags of conf/jvm.properties. Needs
    target/agent-audit.jar and target/classpath.txt (`bin/agent-audit demo` or `mvn -DskipTests
    package` builds them) and, on Debian, /usr/share/java/org.jpype.jar (package python3-jpype).
    The tables are named as Delta tables of the session, so `VERSION AS OF` and
    `DESCRIBE HISTORY` work on the names.

Settings (environment variables):
  AGENT_AUDIT_TABLE         the audit table (local path, file: or s3a:// URI); default: the
                            profile's table, i.e. <project>/warehouse/agent_activity, where
                            `bin/agent-audit demo` writes when run from the project folder
  AGENT_AUDIT_PROFILE       profile in conf/ (default local)
  AGENT_AUDIT_NOTEBOOK_OUT  where charts and tables are saved (default <project>/target/notebooks)
  AGENT_AUDIT_ENGINE        pyspark | jpype, to choose instead of "pyspark if importable"
  AGENT_AUDIT_JAVA_OPTS     extra JVM options for the JPype engine (default -Xmx2g)
"""

import atexit
import json
import os
import re
import shlex
import warnings
import zlib
from pathlib import Path

import pandas as pd

HOME = Path(os.environ.get("AGENT_AUDIT_HOME") or Path(__file__).resolve().parent.parent)
BASE_NAMES = ("agent_activity", "agent_activity_quarantine", "agent_activity_runs")
DEBIAN_JPYPE_JAR = Path("/usr/share/java/org.jpype.jar")

_session = None


def session(table=None, profile=None, engine=None):
    """The notebook's AuditSession (created on the first call, then reused)."""
    global _session
    if _session is None:
        _session = AuditSession(table, profile, engine)
    return _session


def literal(text):
    """A Spark SQL string literal: literal("it's") == "'it\\'s'"."""
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def sql_files():
    """conf/sql/*.sql in name order, as (name, required tables, statements) — the rules of CatalogSql.java."""
    files = []
    for path in sorted((HOME / "conf" / "sql").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        requires = []
        for match in re.finditer(r"(?im)^\s*--\s*requires:\s*(.+)$", text):
            requires += [t.strip() for t in match.group(1).split(",") if t.strip()]
        code = "\n".join(line for line in text.splitlines() if not line.strip().startswith("--"))
        statements = [s.strip() for s in re.split(r";[ \t]*(?:\r?\n|$)", code + "\n") if s.strip()]
        files.append((path.name, requires, statements))
    return files


class StatusColors:
    """conf/status-colors.json, as report --format png uses it (a custom status: CRC-32 of its name)."""

    def __init__(self):
        spec = json.loads((HOME / "conf" / "status-colors.json").read_text(encoding="utf-8"))
        self.colors = spec["colors"]
        self.others = spec["others"]
        self.no_data = spec.get("noData", "#eeeeee")

    def __call__(self, status):
        if status in self.colors:
            return self.colors[status]
        return self.others[zlib.crc32(str(status).encode("utf-8")) % len(self.others)]


class AuditSession:
    def __init__(self, table=None, profile=None, engine=None):
        self.profile = profile or os.environ.get("AGENT_AUDIT_PROFILE") or "local"
        self.engine = engine or os.environ.get("AGENT_AUDIT_ENGINE") or ("pyspark" if _has_pyspark() else "jpype")
        self.color = StatusColors()
        self.output_dir = Path(os.environ.get("AGENT_AUDIT_NOTEBOOK_OUT") or HOME / "target" / "notebooks")
        self.output_dir.mkdir(parents=True, exist_ok=True)
        if self.engine == "pyspark":
            self._start_pyspark(table)
        elif self.engine == "jpype":
            self._start_jpype(table)
        else:
            raise ValueError("AGENT_AUDIT_ENGINE is pyspark or jpype, not " + repr(self.engine))

    # ---- what the notebooks use

    def sql(self, query):
        """Runs one Spark SQL statement; the result as a pandas DataFrame."""
        if self.engine == "pyspark":
            frame = self.spark.sql(query).toPandas()
            for column in frame.columns:
                if pd.api.types.is_datetime64_any_dtype(frame[column]) and frame[column].dt.tz is None:
                    frame[column] = frame[column].dt.tz_localize("UTC")  # the session time zone is UTC
            return frame
        dataset = self.spark.sql(query)
        fields = [(str(f.name()), str(f.dataType().typeName())) for f in dataset.schema().fields()]
        records = [json.loads(str(row)) for row in dataset.toJSON().collectAsList()]
        frame = pd.DataFrame.from_records(records, columns=[name for name, _ in fields])
        for name, kind in fields:
            if kind.startswith("timestamp"):
                frame[name] = pd.to_datetime(frame[name], utc=True)
            elif kind == "date":
                frame[name] = pd.to_datetime(frame[name]).dt.date
        return frame

    def ref(self, name):
        """How to name a table for VERSION AS OF / DESCRIBE HISTORY: the name, or delta.`path`."""
        if self.time_travel_by_name:
            return name
        return "delta.`" + self.paths[name].replace("`", "``") + "`"

    def save(self, figure, file_name):
        """Saves a matplotlib figure as PNG in the output folder and returns its path."""
        path = self.output_dir / file_name
        figure.savefig(path, dpi=100, bbox_inches="tight", facecolor="white")
        return path

    def describe(self):
        return (f"engine {self.engine}, table {self.table}\n"
                f"names: {', '.join(self.names)} ({'Delta tables: time travel by name' if self.time_travel_by_name else 'temporary views'})\n"
                f"conf/sql loaded: {', '.join(self.sql_loaded) or '-'}; skipped: {', '.join(self.sql_skipped) or '-'}\n"
                f"charts and tables go to {self.output_dir}")

    # ---- the two engines

    def _table(self, table, profile_table):
        table = table or os.environ.get("AGENT_AUDIT_TABLE") or profile_table
        if "://" not in table and not table.startswith("file:") and not Path(table).is_absolute():
            table = str(HOME / table)  # the project folder, where `bin/agent-audit demo` writes
        return table

    def _start_jpype(self, table):
        import jpype

        jar = HOME / "target" / "agent-audit.jar"
        classpath_file = HOME / "target" / "classpath.txt"
        if not jar.is_file() or not classpath_file.is_file():
            raise RuntimeError(f"{jar} or {classpath_file} is missing: run `bin/agent-audit demo` "
                               f"(or `mvn -DskipTests package`) in {HOME} first")
        classpath = [str(jar)] + [p for p in classpath_file.read_text().strip().split(os.pathsep) if p]
        if DEBIAN_JPYPE_JAR.is_file():
            classpath.append(str(DEBIAN_JPYPE_JAR))  # Debian's JPype needs its support jar on the classpath
        flags = []
        for line in (HOME / "conf" / "jvm.properties").read_text().splitlines():
            if re.match(r"^spark\.jvm\.flags\s*=", line):
                flags = line.split("=", 1)[1].split()
        flags += shlex.split(os.environ.get("AGENT_AUDIT_JAVA_OPTS", "-Xmx2g"))
        flags += [f"-Dagent.audit.home={HOME}", f"-Dlog4j2.configurationFile={HOME / 'conf' / 'log4j2.properties'}",
                  # the session catalog's (empty) default database folder: not in the notebooks folder
                  f"-Dspark.sql.warehouse.dir={HOME / 'target' / 'spark-warehouse'}",
                  "-Dspark.sql.debug.maxToStringFields=500"]  # no warning about long plans in the notebook
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        if not jpype.isJVMStarted():
            jpype.startJVM(jpype.getDefaultJVMPath(), *flags, classpath=classpath, convertStrings=True)
        profile = jpype.JClass("org.agentaudit.config.Profile").named(self.profile)
        self.spark = jpype.JClass("org.agentaudit.job.Sessions").create(profile)
        atexit.register(self.spark.stop)  # before JPype shuts the JVM down: a quiet exit
        self.table = self._table(table, str(profile.table()))
        names = jpype.JClass("org.agentaudit.table.Catalog").register(self.spark, self.table)
        self.names = [str(n) for n in names.tables()]
        self.time_travel_by_name = bool(names.timeTravelByName())
        self.sql_loaded = [str(n) for n in names.sqlFiles()]
        self.sql_skipped = [str(n) for n in names.skippedSqlFiles()]
        self.paths = {n: self.table + s for n, s in zip(BASE_NAMES, ("", "_quarantine", "_runs"))}

    def _start_pyspark(self, table):
        from pyspark.sql import SparkSession

        self.spark = (SparkSession.builder.appName("agent-audit notebook")
                      .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                      .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                      .getOrCreate())
        self.spark.conf.set("spark.sql.session.timeZone", "UTC")  # instants stay instants (as in the job)
        self.table = self._table(table, os.environ.get("AGENT_AUDIT_TABLE") or "warehouse/agent_activity")
        self.paths = {n: self.table + s for n, s in zip(BASE_NAMES, ("", "_quarantine", "_runs"))}
        self.names = []
        for name in BASE_NAMES:
            try:
                self.spark.read.format("delta").load(self.paths[name]).createOrReplaceTempView(name)
                self.names.append(name)
            except Exception as e:  # noqa: BLE001 - a missing neighbour table is normal; the audit table is not
                if name == BASE_NAMES[0]:
                    raise RuntimeError(f"no audit table at {self.table}: {e}") from e
                self.spark.catalog.dropTempView(name)
        self.time_travel_by_name = False
        self.sql_loaded, self.sql_skipped = [], []
        for file_name, requires, statements in sql_files():
            if not set(requires) <= set(self.names):
                self.sql_skipped.append(file_name)
                continue
            try:
                for statement in statements:
                    self.spark.sql(statement)
                self.sql_loaded.append(file_name)
            except Exception as e:  # noqa: BLE001 - e.g. a Spark before 4.0 has no SQL table functions
                warnings.warn(f"conf/sql/{file_name} not loaded: {str(e).splitlines()[0]}")
                self.sql_skipped.append(file_name)


def _has_pyspark():
    try:
        import pyspark  # noqa: F401
        return True
    except ImportError:
        return False
