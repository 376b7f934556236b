package org.parley.job;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkContext;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: a JVM shutdown hook that runs before Spark's own (which
 * would stop the SparkContext under the running job and fail it with an internal error), cancels
 * the run's Spark jobs, and holds the JVM until the run has put its tables back, recorded itself as
 * {@code interrupted} and released the output's lock (see {@link ParleyJob#run}).
 */
public final class Interruption implements AutoCloseable {
  /** Spark's hooks run at Hadoop priority 40 (FileSystem's at 10); a higher one runs first. */
  private static final int BEFORE_SPARK = 60;

  /** The longest the run may take to restore its tables once interrupted. */
  private static final long RECOVERY_MINUTES = 10;

  private static final String GROUP_PREFIX = "parley-run-";

  /**
   * Where Spark reports the tasks a cancellation kills (executor, scheduler, codegen fallback) and
   * the table writes it aborts (Spark's and Delta's file writers, with the stack trace).
   */
  private static final List<String> CANCELLATION_NOISE =
      List.of(
          "org.apache.spark.executor",
          "org.apache.spark.scheduler",
          "org.apache.spark.storage",
          "org.apache.spark.sql.catalyst.expressions",
          "org.apache.spark.sql.execution.datasources.FileFormatWriter",
          "org.apache.spark.sql.delta.files.DeltaFileFormatWriter");

  private final SparkContext spark;
  private final Runnable hook = this::interrupt;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean requested;
  private volatile String runGroup;

  private Interruption(SparkContext spark) {
    this.spark = spark;
  }

  /** No watch: a run in tests, or inside another application. */
  public static Interruption none(SparkContext spark) {
    return new Interruption(spark);
  }

  /** Watches for a shutdown signal until closed. */
  public static Interruption watch(SparkContext spark) {
    Interruption interruption = new Interruption(spark);
    ShutdownHookManager.get()
        .addShutdownHook(interruption.hook, BEFORE_SPARK, RECOVERY_MINUTES, TimeUnit.MINUTES);
    return interruption;
  }

  /** Whether the JVM was asked to stop (SIGINT, SIGTERM). */
  public boolean requested() {
    return requested;
  }

  /**
   * Puts the calling thread's Spark jobs in the run's job group, the one a signal cancels; jobs
   * started after {@link #recovering} (restoring tables, recording the run) are not cancelled.
   */
  void running(String runId) {
    runGroup = GROUP_PREFIX + runId;
    spark.setJobGroup(runGroup, "parley run " + runId, true);
  }

  /** Puts a thread that runs some of the run's steps (side by side) in the run's job group. */
  void enlist() {
    String group = runGroup;
    if (group != null) {
      spark.setJobGroup(group, "parley run", true);
    }
  }

  /** The run is putting its tables back: its jobs from now on must finish. */
  void recovering() {
    runGroup = null;
    spark.clearJobGroup();
  }

  /** Throws when a signal came: called between steps, where no Spark job is there to cancel. */
  void checkpoint() {
    if (requested) {
      throw new IllegalStateException("interrupted");
    }
  }

  private void interrupt() {
    requested = true;
    quietSpark();
    try {
      // Again and again until the run is done: a step may start another job after one is cancelled.
      while (!finished.await(200, TimeUnit.MILLISECONDS)) {
        String group = runGroup;
        if (group != null && !spark.isStopped()) {
          spark.cancelJobGroup(group);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Cancelling tasks makes Spark log their deaths: killed tasks, and code generation or shuffle
   * reads failing on an interrupted thread, with stack traces. They are the cancellation itself,
   * not news; Parley's own log says what the run put back. Only log4j's own backend can be told.
   */
  private static void quietSpark() {
    try {
      Configurator.setLevel("org.apache.spark", Level.ERROR);
      for (String noisy : CANCELLATION_NOISE) {
        Configurator.setLevel(noisy, Level.OFF);
      }
    } catch (LinkageError e) {
      // Another logging backend: its messages stay.
    }
  }

  /** The run is over (recorded, lock released): lets a pending shutdown go on. */
  @Override
  public void close() {
    finished.countDown();
    if (!requested) {
      try {
        ShutdownHookManager.get().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutdown began after all: the hook returns at once, the latch being open.
      }
    }
  }

  /** The run stopped because the JVM was asked to stop, after putting its tables back. */
  static InterruptedRun stopped(String runId, List<String> restored, Throwable cause) {
    return new InterruptedRun(
        "interrupted: run "
            + runId
            + " stopped; "
            + (restored.isEmpty()
                ? "it had committed no table"
                : "tables " + restored + " are back to their versions before it")
            + ", and runs records it as interrupted",
        cause);
  }

  /** The run stopped because the JVM was asked to stop. */
  public static final class InterruptedRun extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InterruptedRun(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
