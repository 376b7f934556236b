package org.parley.tables;

import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * A published output table: its folder name under the output path and its one schema.
 * Every table Parley writes is declared once in {@link Tables}.
 */
public final class Table {
  private final String name;
  private final StructType schema;
  private final WriteMode writeMode;

  /** How a run's rows meet the rows already published. */
  public enum WriteMode {
    /** The run's rows replace the table. */
    REPLACE,
    /** The run's rows are added to the table (run history). */
    APPEND
  }

  Table(String name, StructType schema, WriteMode writeMode) {
    this.name = Objects.requireNonNull(name);
    this.schema = Objects.requireNonNull(schema);
    this.writeMode = Objects.requireNonNull(writeMode);
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
