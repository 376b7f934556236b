package org.parley.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.parley.actors.ActorsStep;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.ingest.IngestStep;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;
import org.parley.Parley;
import org.parley.terms.TermsStep;
import org.parley.topics.StoriesStep;
import org.parley.topics.TopicsStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parley run: the selected steps in pipeline order, their tables published together at the
 * end, and a row in {@code runs} whether the run succeeded or failed.
 */
public final class ParleyJob {
  private static final Logger LOG = LoggerFactory.getLogger(ParleyJob.class);

  /** Every step in pipeline order; run.stages selects among them. */
  static final List<Step> PIPELINE =
      List.of(new IngestStep(), new StoriesStep(), new TermsStep(), new ActorsStep(), new TopicsStep());

  /** The key of {@code stage_seconds} that times publishing the staged tables. */
  public static final String PUBLISH = "publish";

  private final SparkSession spark;
  private final ParleyConfig config;

  public ParleyJob(SparkSession spark, ParleyConfig config) {
    this.spark = spark;
    this.config = config;
    // INT96, Spark's default, is deprecated in Parquet; microsecond timestamps read everywhere.
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
  }

  /** The outcome of a run, as stored in the {@code runs} table. */
  public record RunResult(String runId, List<String> stages, IngestStep.Totals ingestTotals,
      Map<String, Long> tableRows, Map<String, Double> stageSeconds, String outputPath) {}

  public RunResult run() {
    String runId = newRunId();
    Instant started = Instant.now();
    String output = config.get(ConfigKeys.OUTPUT_PATH);
    String codec = config.get(ConfigKeys.OUTPUT_COMPRESSION);
    TableStore tables = new TableStore(spark, output, runId, "none".equals(codec) ? "uncompressed" : codec);
    RunContext ctx = new RunContext(spark, config, runId, tables);
    List<String> stages = selectedStages();
    IngestStep.Totals totals = null;
    // Wall seconds per stage, then for publishing: a benchmark and a scheduler both read them from runs.
    Map<String, Double> stageSeconds = new LinkedHashMap<>();
    LOG.info("Parley run {}: stages {}, input {}, output {}", runId, stages, ctx.inputPaths(), output);
    try {
      for (Step step : PIPELINE) {
        if (stages.contains(step.name())) {
          LOG.info("Stage {} starts", step.name());
          long stageStart = System.nanoTime();
          StepReport report = step.run(ctx);
          stageSeconds.put(step.name(), secondsSince(stageStart));
          LOG.info("Stage {} took {} s", step.name(), String.format(java.util.Locale.ROOT, "%.1f", stageSeconds.get(step.name())));
          if (report.ingestTotals() != null) {
            totals = report.ingestTotals();
          }
        }
      }
      Map<String, Long> rows = tables.rowCounts();
      long publishStart = System.nanoTime();
      tables.publish();
      stageSeconds.put(PUBLISH, secondsSince(publishStart));
      recordRun(ctx, started, stages, totals, rows, stageSeconds, "succeeded", null);
      return new RunResult(runId, stages, totals, rows, stageSeconds, output);
    } catch (RuntimeException e) {
      tables.discardStaging();
      try {
        recordRun(ctx, started, stages, totals, tables.rowCounts(), stageSeconds, "failed",
            String.valueOf(e.getMessage()));
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    }
  }

  private List<String> selectedStages() {
    List<String> wanted = config.get(ConfigKeys.RUN_STAGES);
    List<String> ordered = new ArrayList<>();
    for (Step step : PIPELINE) {
      if (wanted.contains(step.name())) {
        ordered.add(step.name());
      }
    }
    return ordered;
  }

  private void recordRun(RunContext ctx, Instant started, List<String> stages, IngestStep.Totals totals,
      Map<String, Long> tableRows, Map<String, Double> stageSeconds, String status, String error) {
    Row row = RowFactory.create(
        ctx.runId(),
        Timestamp.from(started),
        Timestamp.from(Instant.now()),
        stages,
        ctx.inputPaths(),
        config.digest(),
        config.toJson(),
        totals == null ? null : totals.recordsRead(),
        totals == null ? null : totals.accepted(),
        totals == null ? null : totals.duplicates(),
        totals == null ? null : totals.rejected(),
        new LinkedHashMap<>(tableRows),
        new LinkedHashMap<>(stageSeconds),
        status,
        error,
        Parley.version());
    ctx.tables().append(Tables.RUNS, spark.createDataFrame(List.of(row), Tables.RUNS.schema()));
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Sortable and unique: UTC start time, then a random suffix. */
  static String newRunId() {
    String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    return time + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
