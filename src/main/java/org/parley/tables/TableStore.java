package org.parley.tables;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes Parley's tables: each a path-based Delta table under the output path, reached
 * through Hadoop's file systems (file://, hdfs://, s3a:// alike). Every write is one Delta commit,
 * so a reader sees a table before or after it, never half of it. The store remembers the version
 * each of its writes committed: the run records them, and restores them if it fails.
 */
public final class TableStore {
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);
  static final String DELTA_LOG = "_delta_log";

  /**
   * Rows per file of a clustered table: small enough that a night's MERGE, which touches a few
   * periods, rewrites a few files rather than the table (a few MB each for the trend tables).
   */
  static final long CLUSTERED_FILE_ROWS = 250_000;

  private final SparkSession spark;
  private final Path output;
  private final Map<Table, Long> committed = new LinkedHashMap<>();
  private final Map<Table, Long> rows = new LinkedHashMap<>();

  public TableStore(SparkSession spark, String outputPath, String compression) {
    this.spark = spark;
    this.output = new Path(outputPath);
    if (!DeltaSession.applyTableDefaults(spark)) {
      throw new IllegalStateException(
          "The Spark session lacks Delta Lake's extension ("
              + DeltaSession.DELTA_EXTENSION
              + "): create it with DeltaSession.configure");
    }
    spark.conf().set("spark.sql.parquet.compression.codec", compression);
  }

  public String outputPath() {
    return output.toString();
  }

  /** The table's folder. */
  public String path(Table table) {
    return new Path(output, table.name()).toString();
  }

  /** Replaces the table's rows in one commit; returns its row count. */
  public long write(Table table, Dataset<Row> rowsToWrite) {
    Dataset<Row> conformed = conform(table, rowsToWrite);
    warnIfPlainParquet(table);
    LOG.info("Writing table {}", table.name());
    // A replacing write may change the schema: an output written by an older Parley is upgraded.
    clustered(table, conformed)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .option("maxRecordsPerFile", table.clusteredBy().isEmpty() ? 0 : CLUSTERED_FILE_ROWS)
        .save(path(table));
    return afterCommit(table);
  }

  /** Adds rows to the table in one commit (creating it if absent); returns its row count. */
  public long append(Table table, Dataset<Row> rowsToAdd) {
    conform(table, rowsToAdd).write().format("delta").mode(SaveMode.Append).save(path(table));
    return afterCommit(table);
  }

  /**
   * Adds the rows whose key columns match no row of the table, in one commit (a MERGE that only
   * inserts); creates the table from the rows when it does not exist. Returns its row count.
   */
  public long insertNew(Table table, Dataset<Row> rowsToAdd, List<String> keys) {
    Dataset<Row> conformed = conform(table, rowsToAdd);
    if (!exists(table)) {
      return write(table, conformed);
    }
    String on = String.join(" AND ", keys.stream().map(k -> "t." + k + " <=> s." + k).toList());
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(conformed.as("s"), on)
        .whenNotMatched()
        .insertAll()
        .execute();
    return afterCommit(table);
  }

  /**
   * Updates the rows whose keys match and adds the others, in one commit (a MERGE); creates the
   * table from the rows when it does not exist. {@code targetCondition} (on {@code t.}) says where
   * matches can be: Delta leaves the files outside it unread and unrewritten. Returns the table's
   * row count.
   */
  public long upsert(Table table, Dataset<Row> rows, List<String> keys, String targetCondition) {
    Dataset<Row> conformed = conform(table, rows);
    if (!exists(table)) {
      return write(table, conformed);
    }
    String on = String.join(" AND ", keys.stream().map(k -> "t." + k + " = s." + k).toList());
    LOG.info("Merging into table {}", table.name());
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(conformed.as("s"), targetCondition + " AND " + on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
    return afterCommit(table);
  }

  /**
   * Adds the rows' {@code count} to the table's row of the same key and inserts the rows whose key
   * is new, in one commit (a MERGE): a table of sums takes a night's counts without its stored rows
   * being read first. The rows' other columns replace the stored ones. {@code targetCondition} as
   * in {@link #upsert}. Returns the table's row count.
   */
  public long addCounts(
      Table table, Dataset<Row> rows, List<String> keys, String count, String targetCondition) {
    Dataset<Row> conformed = conform(table, rows);
    if (!exists(table)) {
      return write(table, conformed);
    }
    String on = String.join(" AND ", keys.stream().map(k -> "t." + k + " = s." + k).toList());
    Map<String, String> update = new LinkedHashMap<>();
    for (String column : conformed.columns()) {
      if (!keys.contains(column)) {
        update.put(column, column.equals(count) ? "t." + count + " + s." + count : "s." + column);
      }
    }
    LOG.info("Adding counts to table {}", table.name());
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(conformed.as("s"), targetCondition + " AND " + on)
        .whenMatched()
        .updateExpr(update)
        .whenNotMatched()
        .insertAll()
        .execute();
    return afterCommit(table);
  }

  /** Replaces the rows matching a condition with the given rows, in one commit. */
  public long replaceWhere(Table table, Dataset<Row> replacement, String condition) {
    if (!exists(table)) {
      return write(table, replacement);
    }
    conform(table, replacement)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", condition)
        .save(path(table));
    return afterCommit(table);
  }

  /** The rows range-partitioned and sorted by the table's clustering columns, if it has any. */
  private Dataset<Row> clustered(Table table, Dataset<Row> rows) {
    if (table.clusteredBy().isEmpty()) {
      return rows;
    }
    Column[] by = table.clusteredBy().stream().map(functions::col).toArray(Column[]::new);
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions", "200"));
    return rows.repartitionByRange(partitions, by).sortWithinPartitions(by);
  }

  private long afterCommit(Table table) {
    SymlinkManifest.State state = SymlinkManifest.refresh(spark, path(table));
    long count = state.rows() >= 0 ? state.rows() : read(table).count();
    synchronized (this) { // stages side by side commit from several threads
      committed.put(table, state.version());
      rows.put(table, count);
    }
    return count;
  }

  /**
   * The table's current rows. Read as the Parquet files of its latest version when the list Parley
   * keeps for the manifest is at that version, which is after each of Parley's own commits: a read
   * through Delta rebuilds the table's snapshot and lists its files in Spark jobs first, about a
   * quarter of a night's jobs (BENCHMARKS.md#nightly). The rows are those Delta would read (no
   * deletion vectors, no column mapping, the log's schema), as of this call. Otherwise, e.g. after
   * another tool's commit, through Delta.
   */
  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      throw new IllegalStateException(
          "Table '"
              + table.name()
              + "' is not in "
              + output
              + ": run the stage that writes it first (see --stages)");
    }
    SymlinkManifest.Current current = SymlinkManifest.current(spark, path(table));
    if (current == null) {
      return spark.read().format("delta").load(path(table));
    }
    return current.files().isEmpty()
        ? spark.createDataFrame(List.of(), current.schema())
        : spark.read().schema(current.schema()).parquet(current.files().toArray(String[]::new));
  }

  /** The table's rows at a version. */
  public Dataset<Row> readVersion(Table table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  public boolean exists(Table table) {
    return exists(new Path(path(table), DELTA_LOG));
  }

  /** The table's current version, or -1 when it does not exist. */
  public long version(Table table) {
    // From the log's file names (one NNN...N.json per commit): a listing, not a snapshot load.
    try {
      return CommitLog.latestVersion(fs(), new Path(path(table)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Delta log of " + path(table), e);
    }
  }

  /** The current version of every table that exists, by table name. */
  public Map<String, Long> versions(List<Table> tables) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Table t : tables) {
      out.put(t.name(), version(t));
    }
    return out;
  }

  /**
   * Versions this store committed, by table name: the last commit of each table, in the order of
   * their first commits.
   */
  public synchronized Map<String, Long> committedVersions() {
    Map<String, Long> out = new LinkedHashMap<>();
    committed.forEach((t, v) -> out.put(t.name(), v));
    return out;
  }

  /** Row counts of the tables this store wrote, by table name, in the order of first commits. */
  public synchronized Map<String, Long> rowCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    rows.forEach((t, n) -> out.put(t.name(), n));
    return out;
  }

  /**
   * Puts the table back to a version (a new commit with that version's rows), or removes it when
   * the version is -1 (it did not exist). Does nothing when it is already there.
   */
  public void restore(Table table, long version) {
    long current = version(table);
    if (current == version) {
      return;
    }
    if (version < 0) {
      LOG.warn("Removing table {}: it did not exist before the run", table.name());
      delete(new Path(path(table)));
      return;
    }
    LOG.warn("Restoring table {} from version {} to version {}", table.name(), current, version);
    DeltaTable delta = DeltaTable.forPath(spark, path(table));
    delta.restoreToVersion(version);
    refreshManifest(table);
  }

  /**
   * Rewrites small files into larger ones; the rows are unchanged. A clustered table is rewritten
   * in its clustering order (a rearranging commit, {@code dataChange=false}, so streaming readers
   * and time travel see no new data): Delta's OPTIMIZE would bin-pack it into one file and a
   * night's MERGE would then rewrite all of it. Other tables get Delta OPTIMIZE.
   */
  public void compact(Table table) {
    if (table.clusteredBy().isEmpty()) {
      DeltaTable.forPath(spark, path(table)).optimize().executeCompaction();
      return;
    }
    clustered(table, read(table))
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("dataChange", "false")
        .option("maxRecordsPerFile", CLUSTERED_FILE_ROWS)
        .save(path(table));
    refreshManifest(table);
  }

  /** Deletes files no version newer than the retention needs (Delta VACUUM). */
  public void vacuum(Table table, double retentionHours) {
    Map<String, String> scoped =
        Map.of(
            // Delta 4.1 lists a table's files with this many tasks (10,000 by default): about 35 s
            // per
            // small table in local mode. The session's parallelism is plenty.
            "spark.sql.sources.parallelPartitionDiscovery.parallelism",
            String.valueOf(Math.max(2, spark.sparkContext().defaultParallelism())),
            // Delta 4.1 ignores the retention given to VACUUM unless this is off ("Vacuum with
            // retention threshold other than 0 hours is ignored"), so output.retention_days would
            // not
            // hold.
            "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled",
            "false");
    Map<String, String> before = new HashMap<>();
    scoped.forEach(
        (key, value) -> {
          before.put(key, spark.conf().contains(key) ? spark.conf().get(key) : null);
          spark.conf().set(key, value);
        });
    try {
      DeltaTable.forPath(spark, path(table)).vacuum(retentionHours);
    } finally {
      before.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
  }

  /** Rewrites the table's symlink manifest from its current version. */
  public void refreshManifest(Table table) {
    SymlinkManifest.refresh(spark, path(table));
  }

  private void warnIfPlainParquet(Table table) {
    Path folder = new Path(path(table));
    if (!exists(table) && exists(folder)) {
      LOG.warn(
          "Table {} at {} is a plain Parquet folder from an older Parley; it becomes a Delta table and"
              + " its old files are removed by the next 'maintain' after output.retention_days",
          table.name(),
          folder);
    }
  }

  private boolean exists(Path path) {
    try {
      return fs().exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(Path path) {
    try {
      fs().delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + path, e);
    }
  }

  private FileSystem fs() throws IOException {
    return output.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Selects the table's columns in schema order, failing with the list of missing, unexpected and
   * mistyped fields when the rows do not match the table's schema.
   */
  public static Dataset<Row> conform(Table table, Dataset<Row> rows) {
    StructType expected = table.schema();
    StructType actual = rows.schema();
    List<String> problems = new ArrayList<>();
    for (StructField field : expected.fields()) {
      if (!List.of(actual.fieldNames()).contains(field.name())) {
        problems.add("missing " + field.name() + " " + field.dataType().catalogString());
      } else {
        StructField got = actual.apply(field.name());
        if (!got.dataType().catalogString().equals(field.dataType().catalogString())) {
          problems.add(
              field.name()
                  + " is "
                  + got.dataType().catalogString()
                  + ", expected "
                  + field.dataType().catalogString());
        }
      }
    }
    for (String name : actual.fieldNames()) {
      if (!List.of(expected.fieldNames()).contains(name)) {
        problems.add("unexpected " + name);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Rows for table '"
              + table.name()
              + "' do not match its schema: "
              + String.join("; ", problems));
    }
    Column[] columns = new Column[expected.fields().length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = functions.col(expected.fields()[i].name());
    }
    return rows.select(columns);
  }
}
