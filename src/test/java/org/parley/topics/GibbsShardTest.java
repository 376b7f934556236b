package org.parley.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler's arithmetic without Spark: count invariants, determinism, and that it finds planted
 * topics.
 */
class GibbsShardTest {
  private static final int K = 3;
  private static final int TERMS_PER_TOPIC = 8;
  private static final int VOCABULARY = K * TERMS_PER_TOPIC;

  /** Documents each drawn from one planted topic: topic p owns terms [p·8, p·8 + 8). */
  private static List<int[]> plantedDocuments(int perTopic, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < perTopic * K; d++) {
      int planted = d % K;
      int[] tokens = new int[length];
      for (int i = 0; i < length; i++) {
        tokens[i] = planted * TERMS_PER_TOPIC + random.nextInt(TERMS_PER_TOPIC);
      }
      Arrays.sort(tokens);
      docs.add(tokens);
    }
    return docs;
  }

  private static double[] alphas(double alpha) {
    double[] a = new double[K];
    java.util.Arrays.fill(a, alpha);
    return a;
  }

  private static int[] counts(GibbsShard... shards) {
    int[] counts = new int[VOCABULARY * K];
    for (GibbsShard s : shards) {
      s.addCounts(counts, K);
    }
    return counts;
  }

  @Test
  void everySweepKeepsEachTermsTokensAndOnlyMovesTopics() {
    List<int[]> docs = plantedDocuments(10, 20, 7);
    int[] frequency = new int[VOCABULARY];
    for (int[] d : docs) {
      for (int w : d) {
        frequency[w]++;
      }
    }
    // Two shards sampled against the same global counts, as two partitions are in one iteration.
    GibbsShard a = GibbsShard.of(docs.subList(0, 15)).initialised(K, GibbsShard.random(1, -1, 0));
    GibbsShard b = GibbsShard.of(docs.subList(15, 30)).initialised(K, GibbsShard.random(1, -1, 1));
    for (int iteration = 1; iteration <= 5; iteration++) {
      int[] global = counts(a, b);
      int[] before = global.clone();
      a = a.sweep(global, K, alphas(0.1), 0.01, GibbsShard.random(1, iteration, 0));
      b = b.sweep(global, K, alphas(0.1), 0.01, GibbsShard.random(1, iteration, 1));
      assertArrayEquals(before, global, "a sweep reads the global counts, never writes them");
      int[] after = counts(a, b);
      assertEquals(600, Arrays.stream(after).sum(), "tokens after sweep " + iteration);
      for (int w = 0; w < VOCABULARY; w++) {
        int sum = 0;
        for (int t = 0; t < K; t++) {
          assertTrue(after[w * K + t] >= 0);
          sum += after[w * K + t];
        }
        assertEquals(frequency[w], sum, "term " + w + "'s tokens after sweep " + iteration);
      }
      for (int d = 0; d < a.documents(); d++) {
        assertArrayEquals(docs.get(d), a.words(d), "tokens stay in place");
        assertTrue(Arrays.stream(a.topics(d)).allMatch(t -> t >= 0 && t < K));
      }
    }
  }

  @Test
  void sweepsLeaveTheirInputUnchangedAndRepeatWithTheSameRandomNumbers() {
    GibbsShard start =
        GibbsShard.of(plantedDocuments(5, 10, 3)).initialised(K, GibbsShard.random(9, -1, 0));
    int[] before = start.topics(0);
    int[] global = counts(start);
    GibbsShard one = start.sweep(global, K, alphas(0.5), 0.01, GibbsShard.random(9, 1, 0));
    GibbsShard two = start.sweep(global, K, alphas(0.5), 0.01, GibbsShard.random(9, 1, 0));
    assertArrayEquals(
        before, start.topics(0), "the cached shard an iteration started from is not modified");
    for (int d = 0; d < start.documents(); d++) {
      assertArrayEquals(one.topics(d), two.topics(d));
    }
    GibbsShard other = start.sweep(global, K, alphas(0.5), 0.01, GibbsShard.random(9, 2, 0));
    boolean differs = false;
    for (int d = 0; d < start.documents(); d++) {
      differs |= !Arrays.equals(one.topics(d), other.topics(d));
    }
    assertTrue(differs, "another iteration draws other numbers");
  }

  @Test
  void recoversPlantedTopics() {
    GibbsShard shard =
        GibbsShard.of(plantedDocuments(20, 30, 11)).initialised(K, GibbsShard.random(5, -1, 0));
    for (int iteration = 1; iteration <= 30; iteration++) {
      shard = shard.sweep(counts(shard), K, alphas(0.1), 0.01, GibbsShard.random(5, iteration, 0));
    }
    int[] counts = counts(shard);
    // Each term's tokens end up (almost) all in one topic, and each planted topic's terms in the
    // same one.
    for (int planted = 0; planted < K; planted++) {
      int topic = argmax(counts, planted * TERMS_PER_TOPIC);
      for (int w = planted * TERMS_PER_TOPIC; w < (planted + 1) * TERMS_PER_TOPIC; w++) {
        assertEquals(topic, argmax(counts, w), "term " + w + " of planted topic " + planted);
      }
    }
    assertEquals(
        K,
        java.util.stream.IntStream.range(0, K)
            .map(p -> argmax(counts, p * TERMS_PER_TOPIC))
            .distinct()
            .count(),
        "three planted topics, three fitted ones");
  }

  private static int argmax(int[] counts, int w) {
    int best = 0;
    for (int t = 1; t < K; t++) {
      if (counts[w * K + t] > counts[w * K + best]) {
        best = t;
      }
    }
    return best;
  }

  @Test
  void contentHashDependsOnTokensOnly() {
    assertEquals(
        GibbsShard.contentHash(new int[] {1, 2, 2}), GibbsShard.contentHash(new int[] {1, 2, 2}));
    assertNotEquals(
        GibbsShard.contentHash(new int[] {1, 2, 2}), GibbsShard.contentHash(new int[] {1, 2}));
    assertNotEquals(
        GibbsShard.contentHash(new int[] {0}), GibbsShard.contentHash(new int[] {0, 0}));
  }
}
