package org.parley.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.parley.actors.ActorsStep;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.ingest.IngestStep;
import org.parley.pipeline.IngestTotals;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.RunMode;
import org.parley.pipeline.Step;
import org.parley.spark.Checkpoints;
import org.parley.tables.Table;
import org.parley.tables.TableStore;
import org.parley.terms.TermsStep;
import org.parley.topics.TopicsStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parley run: the selected steps in pipeline order under the output's lock, each table write
 * one Delta commit, and a row in {@code runs} with the version of every table it committed. A run
 * that fails puts the tables it committed back to their versions before it; a run that was killed
 * is put back the same way by the next run, which finds its journal.
 */
public final class ParleyJob {
  private static final Logger LOG = LoggerFactory.getLogger(ParleyJob.class);

  private final SparkSession spark;
  private final ParleyConfig config;
  private final List<Step> pipeline;
  private final RunMode mode;
  private final LocalDate night;

  /** A full run ({@code run}). */
  public ParleyJob(SparkSession spark, ParleyConfig config) {
    this(spark, config, RunMode.FULL, null);
  }

  /** A run in a mode; {@code night} is the landing date a nightly run reads (else null). */
  public ParleyJob(SparkSession spark, ParleyConfig config, RunMode mode, LocalDate night) {
    this(spark, config, Stages.ALL, mode, night);
  }

  /** A job over another list of steps (tests inject a failing one). */
  ParleyJob(SparkSession spark, ParleyConfig config, List<Step> pipeline) {
    this(spark, config, pipeline, RunMode.FULL, null);
  }

  ParleyJob(
      SparkSession spark, ParleyConfig config, List<Step> pipeline, RunMode mode, LocalDate night) {
    this.spark = spark;
    this.config = config;
    this.pipeline = pipeline;
    this.mode = mode;
    this.night = night;
    // INT96, Spark's default, is deprecated in Parquet; microsecond timestamps read everywhere.
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
  }

  /**
   * The outcome of a run, as stored in the {@code runs} table; {@code seconds} is the stages' wall
   * time, less than the sum of {@code stageSeconds} when stages ran side by side.
   */
  public record RunResult(
      String runId,
      String command,
      List<String> stages,
      IngestTotals ingestTotals,
      Map<String, Long> tableRows,
      Map<String, Double> stageSeconds,
      double seconds,
      String outputPath,
      Map<String, Long> tableVersions,
      List<String> warnings,
      List<String> recoveredRuns) {}

  public RunResult run() {
    return run(Interruption.none(spark.sparkContext()));
  }

  /**
   * Runs the job; a signal the interruption catches stops it as a failure would (its tables put
   * back), recorded as {@code interrupted}, and ends it with {@link Interruption.InterruptedRun}.
   */
  public RunResult run(Interruption interruption) {
    String runId = newRunId();
    Instant started = Instant.now();
    String output = config.get(ConfigKeys.OUTPUT_PATH);
    String codec = config.get(ConfigKeys.OUTPUT_COMPRESSION);
    TableStore tables =
        new TableStore(spark, output, "none".equals(codec) ? "uncompressed" : codec);
    RunContext ctx = new RunContext(spark, config, runId, tables, mode, night);
    List<String> stages = selectedStages();
    Duration staleAfter = Duration.ofHours(config.get(ConfigKeys.RUN_LOCK_STALE_HOURS));
    try (OutputLock lock =
            OutputLock.acquire(
                output, spark.sparkContext().hadoopConfiguration(), runId, staleAfter);
        Checkpoints.RunCheckpoints checkpoints =
            Checkpoints.forRun(spark.sparkContext(), output, runId)) {
      RunLedger ledger = new RunLedger(spark, tables);
      List<String> recovered = ledger.recoverUnfinished(runId, lock.takenFrom());
      RunJournal.Entry journal =
          new RunJournal.Entry(
              runId,
              mode.command(),
              started,
              stages,
              ctx.inputPaths(),
              config.digest(),
              config.toJson(),
              ledger.currentVersions());
      ledger.begin(journal);
      LOG.info(
          "Parley {} {}{}: stages {}, input {}, output {}",
          mode.command(),
          runId,
          night == null ? "" : " for " + night,
          stages,
          ctx.inputPaths(),
          output);
      StageRunner runner = new StageRunner(stepsOf(stages), ctx, interruption);
      interruption.running(runId);
      long stagesStart = System.nanoTime();
      try {
        if (sideBySide()) {
          runner.sideBySide();
        } else {
          runner.inOrder();
        }
        interruption.checkpoint();
        interruption.recovering(); // done: recording the run is not cancelled
        Map<String, Long> rows = inStepOrder(tables.rowCounts());
        Map<String, Long> versions = inStepOrder(tables.committedVersions());
        ledger.succeed(
            new RunRecord(
                runId,
                mode.command(),
                started,
                Instant.now(),
                stages,
                ctx.inputPaths(),
                config.digest(),
                config.toJson(),
                runner.ingestTotals(),
                rows,
                runner.stageSeconds(),
                RunRecord.SUCCEEDED,
                null,
                versions,
                runner.warnings()));
        return new RunResult(
            runId,
            mode.command(),
            stages,
            runner.ingestTotals(),
            rows,
            runner.stageSeconds(),
            (System.nanoTime() - stagesStart) / 1e9,
            output,
            versions,
            runner.warnings(),
            recovered);
      } catch (ConfigException e) {
        // A usage problem found once the run started: its tables put back, nothing recorded.
        interruption.recovering();
        ledger.abandon(journal);
        throw e;
      } catch (Exception e) { // Spark's checked SparkException too (a cancelled job throws one)
        interruption.recovering();
        boolean interrupted = interruption.requested();
        RunRecord record =
            new RunRecord(
                runId,
                mode.command(),
                started,
                Instant.now(),
                stages,
                ctx.inputPaths(),
                config.digest(),
                config.toJson(),
                runner.ingestTotals(),
                inStepOrder(tables.rowCounts()),
                runner.stageSeconds(),
                interrupted ? RunRecord.INTERRUPTED : RunRecord.FAILED,
                interrupted ? "interrupted (SIGINT or SIGTERM)" : String.valueOf(e.getMessage()),
                Map.of(),
                runner.warnings());
        List<String> restored;
        try {
          restored = ledger.fail(journal, record);
        } catch (RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
          throw e;
        }
        if (interrupted) {
          throw Interruption.stopped(runId, restored, e);
        }
        throw e;
      }
    }
  }

  /**
   * The stages in pipeline order. A nightly run adds articles to every per-article table, so it
   * runs them all; a refit reads the articles the tables hold, so its ingest only learns the page
   * furniture again, and stories (no model) stay as they are.
   */
  private List<String> selectedStages() {
    List<String> wanted =
        switch (mode) {
          case NIGHTLY -> pipeline.stream().map(Step::name).toList();
          case REFIT -> List.of(IngestStep.NAME, TermsStep.NAME, ActorsStep.NAME, TopicsStep.NAME);
          default -> config.get(ConfigKeys.RUN_STAGES);
        };
    List<String> ordered = new ArrayList<>();
    for (Step step : pipeline) {
      if (wanted.contains(step.name())) {
        ordered.add(step.name());
      }
    }
    return ordered;
  }

  private List<Step> stepsOf(List<String> names) {
    return pipeline.stream().filter(s -> names.contains(s.name())).toList();
  }

  /**
   * Per-table figures in pipeline order of the steps that wrote them, each step's tables in the
   * order it committed them: the same whether the steps ran one after another or side by side.
   */
  private Map<String, Long> inStepOrder(Map<String, Long> byTable) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Step step : pipeline) {
      List<String> written = step.writes().stream().map(Table::name).toList();
      byTable.forEach(
          (table, value) -> {
            if (written.contains(table)) {
              out.putIfAbsent(table, value);
            }
          });
    }
    byTable.forEach(out::putIfAbsent);
    return out;
  }

  /** Whether run.parallel_stages lets this run's stages run side by side. */
  private boolean sideBySide() {
    return switch (config.get(ConfigKeys.RUN_PARALLEL_STAGES)) {
      case "always" -> true;
      case "nightly" -> mode == RunMode.NIGHTLY;
      default -> false;
    };
  }

  /** Sortable and unique: UTC start time, then a random suffix. */
  static String newRunId() {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return time + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
