package org.parley.pipeline;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.parley.config.ParleyConfig;
import org.parley.tables.Columns;
import org.parley.tables.Table;
import org.parley.tables.TableStore;

/**
 * What every step of one run shares: the session, the config, the run id, the table store, the
 * run's mode, and for a nightly run the date of the landing folder it reads (else null).
 */
public record RunContext(
    SparkSession spark,
    ParleyConfig config,
    String runId,
    TableStore tables,
    RunMode mode,
    LocalDate night) {

  /** Adds this run's id to the rows: every published row says which run wrote it. */
  public Dataset<Row> stamped(Dataset<Row> rows) {
    return rows.withColumn(Columns.RUN_ID, functions.lit(runId));
  }

  /** Labels the Spark jobs that follow, so the Spark UI reads like the pipeline. */
  public void describe(String what) {
    spark.sparkContext().setJobDescription("parley " + runId + ": " + what);
  }

  /**
   * The rows of a per-article table this run processes: all of them, or in an incremental run those
   * of the articles it added (their rows carry its run id; Parquet statistics on run_id let the
   * scan skip earlier runs' files).
   */
  public Dataset<Row> inScope(Dataset<Row> rows) {
    return mode.incremental() ? rows.filter(functions.col(Columns.RUN_ID).equalTo(runId)) : rows;
  }

  /**
   * Writes a per-article table: appends this run's rows in an incremental run, else replaces the
   * table.
   */
  public long writeArticleRows(Table table, Dataset<Row> rows) {
    return mode.incremental()
        ? tables.append(table, stamped(rows))
        : tables.write(table, stamped(rows));
  }

  public List<String> inputPaths() {
    return config.get(org.parley.config.ConfigKeys.INPUT_PATHS);
  }
}
