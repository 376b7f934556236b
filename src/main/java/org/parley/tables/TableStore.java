package org.parley.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * Reads and writes Parley's tables under the output path, through Hadoop's file systems (file://,
 * hdfs://, s3a:// alike). A run writes every table into {@code _staging/<run_id>/} first and
 * publishes them together at the end, so a failed run leaves the published tables as they were;
 * later stages of the same run read the staged tables.
 */
public final class TableStore {
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);
  static final String STAGING = "_staging";

  private final SparkSession spark;
  private final Path output;
  private final Path staging;
  private final String compression;
  private final Map<Table, Long> written = new LinkedHashMap<>();

  public TableStore(SparkSession spark, String outputPath, String runId, String compression) {
    this.spark = spark;
    this.output = new Path(outputPath);
    this.staging = new Path(new Path(output, STAGING), runId);
    this.compression = compression;
  }

  /** Checks the schema, writes the table to staging, and returns its row count from the files. */
  public long write(Table table, Dataset<Row> rows) {
    Dataset<Row> conformed = conform(table, rows);
    Path target = new Path(staging, table.name());
    LOG.info("Writing table {} to {}", table.name(), target);
    conformed.write().mode(SaveMode.ErrorIfExists).option("compression", compression).parquet(target.toString());
    long count = spark.read().parquet(target.toString()).count(); // from Parquet footers
    written.put(table, count);
    return count;
  }

  /** Appends rows straight to a published APPEND table (the run log, written last). */
  public void append(Table table, Dataset<Row> rows) {
    if (table.writeMode() != Table.WriteMode.APPEND) {
      throw new IllegalArgumentException(table + " is not an append table");
    }
    conform(table, rows).write().mode(SaveMode.Append).option("compression", compression)
        .parquet(published(table).toString());
  }

  /** The table as this run wrote it, or else as last published. */
  public Dataset<Row> read(Table table) {
    Path path = written.containsKey(table) ? new Path(staging, table.name()) : published(table);
    if (!exists(path)) {
      throw new IllegalStateException("Table '" + table.name() + "' is not in " + output
          + ": run the stage that writes it first (see --stages)");
    }
    return spark.read().schema(table.schema()).parquet(path.toString());
  }

  /** Row counts of the tables written by this run, by table name. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    written.forEach((t, n) -> counts.put(t.name(), n));
    return counts;
  }

  /** Moves every staged table into place, replacing the published one. */
  public void publish() {
    try {
      FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (Table table : written.keySet()) {
        Path target = published(table);
        if (fs.exists(target) && !fs.delete(target, true)) {
          throw new IOException("cannot remove " + target);
        }
        if (!fs.rename(new Path(staging, table.name()), target)) {
          throw new IOException("cannot move " + table.name() + " into " + target);
        }
      }
      discardStaging();
    } catch (IOException e) {
      throw new UncheckedIOException("Publishing tables to " + output + " failed", e);
    }
  }

  /** Removes what this run staged (after publishing, or when the run failed). */
  public void discardStaging() {
    try {
      FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(staging, true);
      Path stagingRoot = staging.getParent();
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
    } catch (IOException e) {
      LOG.warn("Could not remove staging folder {}: {}", staging, e.getMessage());
    }
  }

  private Path published(Table table) {
    return new Path(output, table.name());
  }

  private boolean exists(Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
          problems.add(field.name() + " is " + got.dataType().catalogString() + ", expected "
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
          "Rows for table '" + table.name() + "' do not match its schema: " + String.join("; ", problems));
    }
    Column[] columns = new Column[expected.fields().length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = functions.col(expected.fields()[i].name());
    }
    return rows.select(columns);
  }
}
