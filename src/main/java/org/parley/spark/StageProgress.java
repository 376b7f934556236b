package org.parley.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress line every few seconds for each stage still running, "stage 12 (count at
 * TermsStep.java:160): 3/8 tasks done, 2 running", for when Spark's console progress bar is off
 * (output not a terminal, where its carriage returns would be raw escape codes in a log file).
 */
public final class StageProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);

  private final ScheduledExecutorService timer;

  private StageProgress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Logs the running stages every {@code seconds} seconds (a stage younger than that is not shown).
   */
  public static StageProgress every(SparkContext spark, long seconds) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-stage-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(() -> log(spark, seconds * 1000), seconds, seconds, TimeUnit.SECONDS);
    return new StageProgress(timer);
  }

  private static void log(SparkContext spark, long olderThanMillis) {
    try {
      long now = System.currentTimeMillis();
      for (int id : spark.statusTracker().getActiveStageIds()) {
        var info = spark.statusTracker().getStageInfo(id);
        if (info.isEmpty() || now - info.get().submissionTime() < olderThanMillis) {
          continue;
        }
        SparkStageInfo stage = info.get();
        LOG.info(
            "stage {} ({}): {}/{} tasks done, {} running",
            id,
            stage.name(),
            stage.numCompletedTasks(),
            stage.numTasks(),
            stage.numActiveTasks());
      }
    } catch (RuntimeException e) {
      // Progress is a courtesy: never let it disturb the run (e.g. while the context stops).
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
