package org.parley.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

class SideBySideTest {

  @Test
  void actionsRunAtTheSameTimeWithTheCallersJobGroupAndNoExecutionId() throws Exception {
    SparkContext sc = SparkTestSupport.spark().sparkContext();
    sc.setJobGroup("side-by-side-test", "a run", true);
    sc.setLocalProperty("spark.sql.execution.id", "7");
    ConcurrentHashMap<String, String> seen = new ConcurrentHashMap<>();
    // Each action waits for the other: run one after the other, they would never finish.
    CountDownLatch both = new CountDownLatch(2);
    try {
      SideBySide.run(
          sc,
          () -> {
            both.countDown();
            await(both);
          },
          () -> {
            both.countDown();
            await(both);
            seen.put("group", sc.getLocalProperty("spark.jobGroup.id"));
            seen.put("execution", String.valueOf(sc.getLocalProperty("spark.sql.execution.id")));
            // The data an action computes is Spark's as usual.
            seen.put("count", String.valueOf(SparkTestSupport.spark().range(5).count()));
          });
    } finally {
      sc.setLocalProperty("spark.sql.execution.id", null);
      sc.clearJobGroup();
    }
    assertEquals("side-by-side-test", seen.get("group"));
    assertEquals("null", seen.get("execution"));
    assertEquals("5", seen.get("count"));
  }

  @Test
  void theFirstFailureIsThrownOnceEveryActionHasEnded() {
    SparkContext sc = SparkTestSupport.spark().sparkContext();
    AtomicBoolean slowOneEnded = new AtomicBoolean();
    IllegalStateException failure = new IllegalStateException("the write failed");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                SideBySide.run(
                    sc,
                    () -> {
                      throw failure;
                    },
                    () -> {
                      sleep(300);
                      slowOneEnded.set(true);
                    },
                    () -> {
                      throw new IllegalArgumentException("a later failure");
                    }));
    assertSame(failure, thrown);
    assertTrue(slowOneEnded.get(), "the other actions ended before the failure was thrown");
    assertEquals(1, thrown.getSuppressed().length);
    assertEquals("a later failure", thrown.getSuppressed()[0].getMessage());
  }

  @Test
  void aFailureOfAnotherActionIsThrownWhenTheFirstSucceeds() {
    SparkContext sc = SparkTestSupport.spark().sparkContext();
    StringBuilder done = new StringBuilder();
    UnsupportedOperationException thrown =
        assertThrows(
            UnsupportedOperationException.class,
            () ->
                SideBySide.run(
                    sc,
                    () -> done.append("first"),
                    () -> {
                      throw new UnsupportedOperationException("second failed");
                    }));
    assertEquals("second failed", thrown.getMessage());
    assertEquals("first", done.toString());
    assertNull(thrown.getCause());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "the other action never started");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
