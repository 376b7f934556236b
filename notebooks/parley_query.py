"""SQL over Parley's Delta tables, by table name, into pandas.

    import parley_query as pq
    pq.connect("../out")                      # or connect(output, run="20241201T020000Z-1a2b3c4d")
    pq.tables()                               # table, rows, version
    pq.sql("SELECT term, total_count FROM term_stats ORDER BY 2 DESC LIMIT 10")

Two engines, the same SQL (DuckDB's dialect):
- the ``duckdb`` Python module (pip install duckdb pandas), reading each table with ``delta_scan``
  when DuckDB's delta extension loads, else the files Delta's log names;
- DuckDB's JDBC jar through JPype, for machines without the module (Debian 12 packages no duckdb
  or pyarrow): ``python3-jpype`` plus the jar from Maven Central (PARLEY_DUCKDB_JAR, or found in
  ~/.m2). It reads the files each table's symlink manifest names.

A table is never read by globbing its folder: the folder also holds replaced versions' files.
Reading as of an earlier run takes each table at the Delta version that run left it (the runs
table records it), through either engine.
"""

import glob
import json
import os
import re
import urllib.parse

import pandas as pd

__all__ = ["connect", "sql", "tables", "Output", "default_output"]

_DEFAULT = None


def default_output():
    """The output folder a notebook reads: $PARLEY_OUTPUT, else ../out (the README's run)."""
    return os.environ.get("PARLEY_OUTPUT", "../out")


def connect(output=None, run="latest", engine=None):
    """Opens an output (default: default_output()) as of a run and makes it the default for sql()."""
    global _DEFAULT
    _DEFAULT = Output(output or default_output(), run=run, engine=engine)
    return _DEFAULT


def sql(query):
    """Runs a query over the default output's tables (connect() first, or $PARLEY_OUTPUT is used)."""
    return _default().sql(query)


def tables():
    """The default output's tables with their row counts and Delta versions."""
    return _default().tables()


def _default():
    return _DEFAULT if _DEFAULT is not None else connect()


class Output:
    """One Parley output folder, each of its tables a view named after it."""

    def __init__(self, output, run="latest", engine=None):
        self.path = _local_path(output)
        if not os.path.isdir(self.path):
            raise FileNotFoundError(
                f"No Parley output at {self.path}: run the job first (README), or set PARLEY_OUTPUT")
        self.engine = engine or _open_engine()
        self.names = sorted(
            n for n in os.listdir(self.path) if os.path.isdir(os.path.join(self.path, n, "_delta_log")))
        if "runs" not in self.names:
            raise FileNotFoundError(f"{self.path} holds no runs table: is it a Parley output?")
        self.run = run or "latest"
        self.versions = {} if self.run == "latest" else self._versions_as_of(self.run)
        for name in self.names:
            if self.run == "latest" or name in self.versions or name == "runs":
                self.engine.execute(f'CREATE OR REPLACE VIEW "{name}" AS {self._scan(name)}')

    # ---- queries ----

    def sql(self, query):
        return self.engine.frame(query)

    def tables(self):
        rows = []
        for name in self.names:
            if self.run != "latest" and name not in self.versions and name != "runs":
                continue  # no successful run up to the chosen one had written it
            count = self.engine.frame(f'SELECT count(*) AS n FROM "{name}"')["n"].iloc[0]
            version = self.versions.get(name, _DeltaLog(self._dir(name)).latest_version())
            rows.append((name, int(count), int(version)))
        return pd.DataFrame(rows, columns=["table", "rows", "version"])

    def describe(self):
        return f"{self.path} as of {'the latest run' if self.run == 'latest' else 'run ' + self.run} ({self.engine.name})"

    # ---- reading a table ----

    def _dir(self, name):
        return os.path.join(self.path, name)

    def _scan(self, name):
        """The SELECT that reads a table at its chosen version."""
        version = None if name == "runs" else self.versions.get(name)
        if self.engine.delta_scan:
            uri = "file://" + self._dir(name)
            return (f"SELECT * FROM delta_scan('{uri}')" if version is None
                    else f"SELECT * FROM delta_scan('{uri}', version => {version})")
        log = _DeltaLog(self._dir(name))
        if version is None:
            files = _manifest_files(self._dir(name))
            schema = None
        else:
            files, schema = log.state(version, self.engine)
        if not files:
            return _empty_select(schema or log.state(log.latest_version(), self.engine)[1])
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return f"SELECT * FROM read_parquet([{listed}], union_by_name = true)"

    def _versions_as_of(self, run_id):
        """Each table's version as the chosen run left it (as RunHistory does in the job)."""
        self.engine.execute(f'CREATE OR REPLACE VIEW "runs" AS {self._scan("runs")}')
        runs = self.engine.frame(
            "SELECT run_id, status, CAST(to_json(table_versions) AS VARCHAR) AS versions FROM runs"
            " ORDER BY started_at, run_id")
        if run_id not in set(runs["run_id"]):
            raise ValueError(f"Run {run_id} is not in {self.path}'s runs table")
        versions = {}
        for r in runs.itertuples():
            if r.run_id == run_id and r.status != "succeeded":
                raise ValueError(f"Run {run_id} did not succeed ({r.status}); its tables were put back."
                                 " Choose a successful run from the runs table")
            if r.status == "succeeded":
                versions.update({k: int(v) for k, v in json.loads(r.versions or "{}").items()})
            if r.run_id == run_id:
                break
        return versions


class _DeltaLog:
    """The files and schema of a Delta table at a version, from its _delta_log (commits and checkpoints)."""

    COMMIT = re.compile(r"(\d{20})\.json")
    CHECKPOINT = re.compile(r"(\d{20})\.checkpoint(\.\d+\.\d+)?\.parquet")

    def __init__(self, table_dir):
        self.dir = table_dir
        self.log = os.path.join(table_dir, "_delta_log")
        self.entries = os.listdir(self.log)

    def latest_version(self):
        found = [int(m.group(1)) for n in self.entries for m in [self.COMMIT.fullmatch(n)] if m]
        if not found:
            raise FileNotFoundError(f"{self.log} holds no commits")
        return max(found)

    def state(self, version, engine):
        checkpoints = sorted({int(m.group(1)) for n in self.entries for m in [self.CHECKPOINT.fullmatch(n)] if m
                              and int(m.group(1)) <= version})
        files, schema, start = set(), None, 0
        if checkpoints:
            cp = checkpoints[-1]
            parts = sorted(os.path.join(self.log, n) for n in self.entries if self.CHECKPOINT.fullmatch(n)
                           and int(n[:20]) == cp)
            listed = ", ".join(f"'{p}'" for p in parts)
            rows = engine.frame(
                f'SELECT "add".path AS add_path, "metaData".schemaString AS schema FROM read_parquet([{listed}])'
                ' WHERE "add" IS NOT NULL OR "metaData" IS NOT NULL')
            files.update(p for p in rows["add_path"] if isinstance(p, str))
            schemas = [s for s in rows["schema"] if isinstance(s, str)]
            schema = schemas[-1] if schemas else None
            start = cp + 1
        for v in range(start, version + 1):
            commit = os.path.join(self.log, f"{v:020d}.json")
            if not os.path.exists(commit):
                raise ValueError(f"Version {version} of {self.dir} is no longer readable: its log was cleaned"
                                 " (older than the table's log retention)")
            with open(commit, encoding="utf-8") as f:
                for line in f:
                    action = json.loads(line)
                    if "add" in action:
                        files.add(action["add"]["path"])
                    elif "remove" in action:
                        files.discard(action["remove"]["path"])
                    elif "metaData" in action:
                        schema = action["metaData"]["schemaString"]
        paths = [os.path.join(self.dir, urllib.parse.unquote(p)) for p in sorted(files)]
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise ValueError(f"Version {version} of {self.dir} is older than 'maintain' keeps"
                             f" (output.retention_days): {len(missing)} of its files were removed")
        return paths, schema


def _manifest_files(table_dir):
    manifest = os.path.join(table_dir, "_symlink_format_manifest", "manifest")
    with open(manifest, encoding="utf-8") as f:
        return [_local_path(line.strip()) for line in f if line.strip()]


def _empty_select(schema_string):
    """A typed, empty SELECT for a table with no files (DuckDB cannot read_parquet an empty list)."""
    fields = json.loads(schema_string)["fields"]
    columns = ", ".join(f'CAST(NULL AS {_duck_type(f["type"])}) AS "{f["name"]}"' for f in fields)
    return f"SELECT {columns} WHERE false"


def _duck_type(t):
    simple = {"string": "VARCHAR", "integer": "INTEGER", "long": "BIGINT", "double": "DOUBLE", "float": "FLOAT",
              "boolean": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMPTZ", "binary": "BLOB", "short": "SMALLINT"}
    if isinstance(t, str):
        return simple.get(t, "VARCHAR")
    if t["type"] == "array":
        return _duck_type(t["elementType"]) + "[]"
    if t["type"] == "map":
        return f"MAP({_duck_type(t['keyType'])}, {_duck_type(t['valueType'])})"
    if t["type"] == "struct":
        return "STRUCT(" + ", ".join(f'"{f["name"]}" {_duck_type(f["type"])}' for f in t["fields"]) + ")"
    return "VARCHAR"


def _local_path(path):
    path = str(path)
    if re.match(r"^(s3a?|hdfs|abfss?|gs)://", path):
        raise ValueError(f"{path}: notebooks read a local or mounted output; copy it locally or mount it")
    if path.startswith("file:"):
        path = urllib.parse.unquote(re.sub(r"^file:(//)?", "", path))
    return os.path.abspath(path)


# ---- engines ----

def _open_engine():
    try:
        import duckdb  # noqa: F401
        return _DuckModule()
    except ImportError:
        return _DuckJdbc()


class _DuckModule:
    name = "duckdb module"

    def __init__(self):
        import duckdb
        self.con = duckdb.connect()
        try:
            self.con.execute("LOAD delta")
            self.delta_scan = True
        except Exception:  # noqa: BLE001 - not installed, or no network to fetch it: read the log instead
            try:
                self.con.execute("INSTALL delta")
                self.con.execute("LOAD delta")
                self.delta_scan = True
            except Exception:  # noqa: BLE001
                self.delta_scan = False
        if self.delta_scan:
            self.name = "duckdb module, delta_scan"

    def execute(self, statement):
        self.con.execute(statement)

    def frame(self, query):
        return self.con.execute(query).df()


class _DuckJdbc:
    name = "DuckDB JDBC through JPype"
    delta_scan = False

    def __init__(self):
        import jpype
        import jpype.dbapi2
        if not jpype.isJVMStarted():
            classpath = [_duckdb_jar()] + [p for p in ["/usr/share/java/org.jpype.jar"] if os.path.exists(p)]
            jpype.startJVM(classpath=classpath, convertStrings=True)
        self.con = jpype.dbapi2.connect("jdbc:duckdb:")
        self.con.autocommit = True

    def execute(self, statement):
        cur = self.con.cursor()
        try:
            cur.execute(statement)
        finally:
            cur.close()

    def frame(self, query):
        cur = self.con.cursor()
        try:
            cur.execute(query)
            names = [d[0] for d in cur.description]
            rows = [tuple(_python(v) for v in row) for row in cur.fetchall()]
        finally:
            cur.close()
        return pd.DataFrame(rows, columns=names)


def _python(value):
    """JDBC values JPype leaves as Java objects (arrays, maps, structs) become their text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "getClass"):  # a Java object
        return str(value)
    return value


def _duckdb_jar():
    jar = os.environ.get("PARLEY_DUCKDB_JAR")
    if jar:
        return jar
    found = sorted(glob.glob(os.path.expanduser("~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar")),
                   key=lambda p: [int(x) for x in re.findall(r"\d+", os.path.basename(p))])
    if not found:
        raise FileNotFoundError(
            "No duckdb Python module and no DuckDB JDBC jar: pip install duckdb, or fetch the jar with"
            " 'mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.3.2.0' (or set PARLEY_DUCKDB_JAR)")
    return found[-1]
