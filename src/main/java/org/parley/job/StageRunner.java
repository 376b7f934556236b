package org.parley.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.IngestTotals;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.spark.SideBySide;
import org.parley.tables.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a run's steps: one after another in pipeline order, or side by side where no step reads a
 * table another of them writes. Side by side pays where the steps are small: a nightly's stages
 * spend their time in Delta commits and short Spark jobs, leaving cores idle that a second stage
 * fills. A step starts only when every step it reads from has succeeded; a step that fails stops
 * those that need it, lets the others finish (their commits are rolled back with the rest), and is
 * what the run fails with.
 */
final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  private final List<Step> steps;
  private final RunContext ctx;
  private final Interruption interruption;
  private final Map<String, Double> seconds = new ConcurrentHashMap<>();
  private final Map<String, StepReport> reports = new ConcurrentHashMap<>();

  /** {@code steps}: those the run selected, in pipeline order. */
  StageRunner(List<Step> steps, RunContext ctx, Interruption interruption) {
    this.steps = List.copyOf(steps);
    this.ctx = ctx;
    this.interruption = interruption;
  }

  /**
   * For each step, the steps it waits for: the earlier ones among {@code steps} that write a table
   * it reads under {@code config}. A step not selected is not waited for: its tables are read as
   * they are stored.
   */
  static Map<Step, List<Step>> dependencies(List<Step> steps, ParleyConfig config) {
    Map<Step, List<Step>> out = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      List<Step> before = new ArrayList<>();
      for (Step earlier : steps.subList(0, i)) {
        for (Table read : step.reads(config)) {
          if (earlier.writes().contains(read)) {
            before.add(earlier);
            break;
          }
        }
      }
      out.put(step, List.copyOf(before));
    }
    return out;
  }

  /** Runs every step, one after another. */
  void inOrder() {
    for (Step step : steps) {
      runStep(step);
    }
  }

  /** Runs each step as soon as the steps it reads from have succeeded. */
  void sideBySide() {
    Map<Step, List<Step>> waitsFor = dependencies(steps, ctx.config());
    List<String> plan = new ArrayList<>();
    waitsFor.forEach(
        (step, before) ->
            plan.add(
                before.isEmpty()
                    ? step.name()
                    : step.name()
                        + " after "
                        + String.join("+", before.stream().map(Step::name).toList())));
    LOG.info("Stages side by side (run.parallel_stages): {}", String.join(", ", plan));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, steps.size()),
            r -> {
              Thread t = new Thread(r, "parley-stage-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    Map<Step, CompletableFuture<Void>> done = new LinkedHashMap<>();
    try {
      for (Step step : steps) {
        CompletableFuture<?>[] before =
            waitsFor.get(step).stream().map(done::get).toArray(CompletableFuture<?>[]::new);
        CompletableFuture<Void> future =
            CompletableFuture.allOf(before).thenRunAsync(() -> inWorker(step), pool);
        future.whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                firstFailure.compareAndSet(null, unwrap(failure));
              }
            });
        done.put(step, future);
      }
      // Every step settles (succeeds, fails, or is skipped because one it needs failed) before the
      // run records itself or rolls back: no commit may land after the rollback.
      for (CompletableFuture<Void> future : done.values()) {
        try {
          future.join();
        } catch (CompletionException | CancellationException e) {
          // Recorded by whenComplete; the first failure is thrown below.
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable failure = firstFailure.get();
    if (failure != null) {
      throw SideBySide.rethrow(failure); // as the step threw it
    }
  }

  /** Seconds each step that finished took, in pipeline order. */
  Map<String, Double> stageSeconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Step step : steps) {
      Double s = seconds.get(step.name());
      if (s != null) {
        out.put(step.name(), s);
      }
    }
    return out;
  }

  /** The finished steps' warnings, "stage: warning", in pipeline order. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (Step step : steps) {
      StepReport report = reports.get(step.name());
      if (report != null) {
        report.warnings().forEach(w -> out.add(step.name() + ": " + w));
      }
    }
    return out;
  }

  /** What ingest counted, if it ran and finished. */
  IngestTotals ingestTotals() {
    for (Step step : steps) {
      StepReport report = reports.get(step.name());
      if (report != null && report.ingestTotals() != null) {
        return report.ingestTotals();
      }
    }
    return null;
  }

  private void inWorker(Step step) {
    // A pool thread starts with a copy of its creator's Spark properties: give it the run's job
    // group (a signal cancels it) and no SQL execution of another thread.
    SideBySide.forgetInheritedExecution(ctx.spark().sparkContext());
    interruption.enlist();
    runStep(step);
  }

  private void runStep(Step step) {
    interruption.checkpoint();
    LOG.info("Stage {} starts", step.name());
    long start = System.nanoTime();
    StepReport report = step.run(ctx);
    double took = (System.nanoTime() - start) / 1e9;
    seconds.put(step.name(), took);
    reports.put(step.name(), report);
    LOG.info("Stage {} took {} s", step.name(), String.format(Locale.ROOT, "%.1f", took));
    for (String w : report.warnings()) {
      LOG.warn("Stage {}: {}", step.name(), w);
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable out = t;
    while (out instanceof CompletionException && out.getCause() != null) {
      out = out.getCause();
    }
    return out;
  }
}
