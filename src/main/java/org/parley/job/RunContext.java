package org.parley.job;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.parley.config.ParleyConfig;
import org.parley.tables.Columns;
import org.parley.tables.TableStore;

/** What every step of one run shares: the session, the config, the run id and the table store. */
public record RunContext(SparkSession spark, ParleyConfig config, String runId, TableStore tables) {

  /** Adds this run's id to the rows: every published row says which run wrote it. */
  public Dataset<Row> stamped(Dataset<Row> rows) {
    return rows.withColumn(Columns.RUN_ID, functions.lit(runId));
  }

  /** Labels the Spark jobs that follow, so the Spark UI reads like the pipeline. */
  public void describe(String what) {
    spark.sparkContext().setJobDescription("parley " + runId + ": " + what);
  }

  public List<String> inputPaths() {
    return config.get(org.parley.config.ConfigKeys.INPUT_PATHS);
  }
}
