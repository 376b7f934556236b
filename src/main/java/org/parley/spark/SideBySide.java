package org.parley.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;

/**
 * Runs a few independent pieces of a step's work (e.g. two table commits) at the same time and
 * waits for all of them. Much of a Delta commit is single-threaded driver work (planning, the log,
 * the manifest); on a small input two of them side by side keep both cores busy where one after the
 * other leave one idle.
 *
 * <p>The first action runs on the calling thread, each other one on a thread of its own that starts
 * with a copy of the caller's Spark properties: the same job group (a cancelled run cancels its
 * jobs) and job description, and no SQL execution id (a thread inheriting one would report its
 * queries as part of another).
 */
public final class SideBySide {
  private SideBySide() {}

  /** Spark's SQL execution ids, which a thread must not inherit from the one that created it. */
  private static final List<String> EXECUTION_PROPERTIES =
      List.of("spark.sql.execution.id", "spark.sql.execution.root.id");

  /**
   * Clears the SQL execution ids a new thread copied from its creator's Spark properties, keeping
   * the rest (job group, description): call it first thing on a thread that runs Spark queries.
   */
  public static void forgetInheritedExecution(SparkContext sc) {
    EXECUTION_PROPERTIES.forEach(p -> sc.setLocalProperty(p, null));
  }

  /**
   * Runs the actions together; returns when all have ended. The first failure (by the order of the
   * actions) is thrown as it was thrown, once every action has ended: none is left committing after
   * the caller has moved on.
   */
  public static void run(SparkContext sc, Runnable... actions) {
    List<Thread> threads = new ArrayList<>();
    List<AtomicReference<Throwable>> failures = new ArrayList<>();
    for (int i = 1; i < actions.length; i++) {
      Runnable action = actions[i];
      AtomicReference<Throwable> failure = new AtomicReference<>();
      failures.add(failure);
      Thread t =
          new Thread(
              () -> {
                forgetInheritedExecution(sc);
                try {
                  action.run();
                } catch (Throwable e) { // handed to the caller, which rethrows it
                  failure.set(e);
                }
              },
              Thread.currentThread().getName() + "-side-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    Throwable first = null;
    try {
      if (actions.length > 0) {
        actions[0].run();
      }
    } catch (Throwable e) {
      first = e;
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true; // still wait: the action may be committing
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (AtomicReference<Throwable> failure : failures) {
      if (first == null) {
        first = failure.get();
      } else if (failure.get() != null && failure.get() != first) {
        first.addSuppressed(failure.get());
      }
    }
    if (first != null) {
      throw rethrow(first);
    }
  }

  /**
   * Throws the failure as it was thrown, a checked one too (Spark's SparkException comes through
   * Scala code undeclared), so the caller reports what the action threw. Declared to return an
   * exception so that callers can write {@code throw rethrow(e)}.
   */
  public static RuntimeException rethrow(Throwable failure) {
    throw SideBySide.<RuntimeException>sneaky(failure);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable failure) throws T {
    throw (T) failure;
  }
}
