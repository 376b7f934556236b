package org.parley.job;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.parley.config.ConfigException;
import org.parley.tables.Columns;
import org.parley.tables.Table;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;

/**
 * Time travel by run id: the Delta version of each table as a successful run left it. A run records
 * the versions it committed; a table it did not write is as the last earlier successful run that
 * did write it left it.
 */
public final class RunHistory {
  private RunHistory() {}

  /** A table's version as of a run, and the run that committed that version. */
  public record TableVersion(Table table, long version, String committedBy) {}

  /**
   * Each table's version as of the given run (null: the latest successful run). Tables no run up to
   * it had written are left out. Fails with a message naming the problem for an unknown or
   * unsuccessful run id.
   */
  public static Map<Table, TableVersion> asOf(TableStore tables, String runId) {
    if (!tables.exists(Tables.RUNS)) {
      throw new ConfigException(
          "No runs are recorded in " + tables.outputPath() + ": run Parley there first.");
    }
    // One row per run: small enough for the driver.
    List<Row> runs =
        tables
            .read(Tables.RUNS)
            .select(Columns.RUN_ID, Columns.STATUS, Columns.TABLE_VERSIONS, "started_at")
            .orderBy(col("started_at"), col(Columns.RUN_ID))
            .collectAsList();
    String target = runId;
    if (target == null) {
      for (Row r : runs) {
        if (RunRecord.SUCCEEDED.equals(r.getString(1))) {
          target = r.getString(0);
        }
      }
      if (target == null) {
        throw new ConfigException("No successful run is recorded in " + tables.outputPath() + ".");
      }
    }
    Map<Table, TableVersion> versions = new LinkedHashMap<>();
    boolean found = false;
    for (Row r : runs) {
      boolean isTarget = r.getString(0).equals(target);
      if (isTarget && !RunRecord.SUCCEEDED.equals(r.getString(1))) {
        throw new ConfigException(
            "Run "
                + target
                + " did not succeed ("
                + r.getString(1)
                + "): its tables were put back as they were before it. Choose a successful run (see the runs table).");
      }
      if (RunRecord.SUCCEEDED.equals(r.getString(1))) {
        Map<String, Long> committed = r.getJavaMap(2);
        for (Table t : Tables.DATA) {
          Long v = committed.get(t.name());
          if (v != null) {
            versions.put(t, new TableVersion(t, v, r.getString(0)));
          }
        }
      }
      if (isTarget) {
        found = true;
        break;
      }
    }
    if (!found) {
      throw new ConfigException(
          "Run " + target + " is not in " + tables.outputPath() + "'s runs table.");
    }
    return versions;
  }
}
