package org.parley.tables;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * A published output table: its folder name under the output path and its one schema. Every table
 * Parley writes is declared once in {@link Tables}.
 */
public final class Table {
  private final String name;
  private final StructType schema;
  private final WriteMode writeMode;
  private final List<String> clusteredBy;

  /** How a run's rows meet the rows already published. */
  public enum WriteMode {
    /** The run's rows replace the table. */
    REPLACE,
    /** The run's rows are added to the table (run history). */
    APPEND
  }

  Table(String name, StructType schema, WriteMode writeMode) {
    this(name, schema, writeMode, List.of());
  }

  private Table(String name, StructType schema, WriteMode writeMode, List<String> clusteredBy) {
    this.name = Objects.requireNonNull(name);
    this.schema = Objects.requireNonNull(schema);
    this.writeMode = Objects.requireNonNull(writeMode);
    this.clusteredBy = List.copyOf(clusteredBy);
    for (String column : clusteredBy) {
      if (!List.of(schema.fieldNames()).contains(column)) {
        throw new IllegalArgumentException(
            "Table " + name + " has no column " + column + " to cluster by");
      }
    }
  }

  /**
   * The same table, its rows written in order of these columns so that each file holds a narrow
   * range of them: a MERGE whose target condition names a few values reads and rewrites only the
   * files that hold them (Delta skips the others by their min/max statistics).
   */
  Table clusteredBy(String... columns) {
    return new Table(name, schema, writeMode, List.of(columns));
  }

  /** The columns the table's files are ordered by; empty when the order does not matter. */
  public List<String> clusteredBy() {
    return clusteredBy;
  }

  public String name() {
    return name;
  }

  public StructType schema() {
    return schema;
  }

  /** The schema without run_id: what a step produces before the run stamps it. */
  public StructType contentSchema() {
    StructType out = new StructType();
    for (var f : schema.fields()) {
      if (!f.name().equals(Columns.RUN_ID)) {
        out = out.add(f);
      }
    }
    return out;
  }

  public WriteMode writeMode() {
    return writeMode;
  }

  @Override
  public String toString() {
    return name;
  }
}
