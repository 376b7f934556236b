package org.parley.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.tables.Table;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley maintain}: compacts each table's small files (Delta OPTIMIZE; nightly merges add a
 * few files a night) and removes the files that no version within {@code output.retention_days}
 * needs (VACUUM), under the output's lock. Rows never change; the run is recorded in runs.
 */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  static final String COMMAND = "maintain";

  /** Delta refuses a VACUUM retention under 7 days unless this check is off. */
  private static final String RETENTION_CHECK =
      "spark.databricks.delta.retentionDurationCheck.enabled";

  private final SparkSession spark;
  private final ParleyConfig config;

  public Maintenance(SparkSession spark, ParleyConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** What maintain did: the tables' versions after compaction, and seconds per step. */
  public record Result(
      String runId, Map<String, Long> tableVersions, Map<String, Double> stageSeconds) {}

  public Result run() {
    String runId = ParleyJob.newRunId();
    Instant started = Instant.now();
    String output = config.get(ConfigKeys.OUTPUT_PATH);
    TableStore tables = new TableStore(spark, output, "snappy");
    int retentionDays = config.get(ConfigKeys.OUTPUT_RETENTION_DAYS);
    Duration staleAfter = Duration.ofHours(config.get(ConfigKeys.RUN_LOCK_STALE_HOURS));
    try (OutputLock lock =
        OutputLock.acquire(output, spark.sparkContext().hadoopConfiguration(), runId, staleAfter)) {
      RunLedger ledger = new RunLedger(spark, tables);
      ledger.recoverUnfinished(runId, lock.takenFrom());
      Map<String, Double> seconds = new LinkedHashMap<>();
      List<String> done = new ArrayList<>();
      long start = System.nanoTime();
      for (Table t : Tables.ALL) {
        if (tables.exists(t)) {
          spark
              .sparkContext()
              .setJobDescription("parley " + runId + ": maintain: compact " + t.name());
          tables.compact(t);
          done.add(t.name());
        }
      }
      seconds.put("optimize", (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      boolean checkWas = Boolean.parseBoolean(spark.conf().get(RETENTION_CHECK, "true"));
      spark.conf().set(RETENTION_CHECK, retentionDays >= 7 && checkWas);
      try {
        for (Table t : Tables.ALL) {
          if (tables.exists(t)) {
            spark
                .sparkContext()
                .setJobDescription("parley " + runId + ": maintain: vacuum " + t.name());
            tables.vacuum(t, retentionDays * 24.0);
            tables.refreshManifest(t);
          }
        }
      } finally {
        spark.conf().set(RETENTION_CHECK, checkWas);
      }
      seconds.put("vacuum", (System.nanoTime() - start) / 1e9);
      Map<String, Long> versions = new LinkedHashMap<>();
      for (Table t : Tables.DATA) {
        if (tables.exists(t)) {
          versions.put(t.name(), tables.version(t));
        }
      }
      LOG.info(
          "Maintained {} tables in {}: compacted, files older than {} days removed",
          done.size(),
          output,
          retentionDays);
      new RunRecord(
              runId,
              COMMAND,
              started,
              Instant.now(),
              List.of(COMMAND),
              List.of(),
              config.digest(),
              config.toJson(),
              null,
              Map.of(),
              seconds,
              RunRecord.SUCCEEDED,
              null,
              versions,
              List.of())
          .appendTo(spark, tables);
      return new Result(runId, versions, seconds);
    }
  }
}
