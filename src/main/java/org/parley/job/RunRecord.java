package org.parley.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ParleyVersion;
import org.parley.pipeline.IngestTotals;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;

/** One row of {@code runs}: what a run read, what it committed, how it ended. */
record RunRecord(
    String runId,
    String command,
    Instant startedAt,
    Instant finishedAt,
    List<String> stages,
    List<String> inputPaths,
    String configDigest,
    String configJson,
    IngestTotals totals,
    Map<String, Long> tableRows,
    Map<String, Double> stageSeconds,
    String status,
    String error,
    Map<String, Long> tableVersions,
    List<String> warnings) {

  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  /** Stopped by SIGINT or SIGTERM; its tables put back as for a failure. */
  static final String INTERRUPTED = "interrupted";

  /** The record of a run that was killed, written by the run that found its journal. */
  static RunRecord killed(RunJournal.Entry entry, String recoveredBy, List<String> restored) {
    return new RunRecord(
        entry.runId(),
        entry.command(),
        entry.startedAt(),
        Instant.now(),
        entry.stages(),
        entry.inputPaths(),
        entry.configDigest(),
        entry.configJson(),
        null,
        Map.of(),
        Map.of(),
        FAILED,
        "The run did not finish (killed); run "
            + recoveredBy
            + " found its journal and restored "
            + (restored.isEmpty() ? "no table (it had committed none)" : "tables " + restored)
            + " to their versions before it",
        Map.of(),
        List.of());
  }

  void appendTo(SparkSession spark, TableStore tables) {
    Row row =
        RowFactory.create(
            runId,
            Timestamp.from(startedAt),
            Timestamp.from(finishedAt),
            stages,
            inputPaths,
            configDigest,
            configJson,
            totals == null ? null : totals.recordsRead(),
            totals == null ? null : totals.accepted(),
            totals == null ? null : totals.duplicates(),
            totals == null ? null : totals.rejected(),
            new LinkedHashMap<>(tableRows),
            new LinkedHashMap<>(stageSeconds),
            status,
            error,
            ParleyVersion.get(),
            command,
            new LinkedHashMap<>(tableVersions),
            warnings);
    tables.append(Tables.RUNS, spark.createDataFrame(List.of(row), Tables.RUNS.schema()));
  }
}
