package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.actors.NameDiscoveryEvaluation.Corpus;
import org.parley.actors.NameDiscoveryEvaluation.Score;
import org.parley.actors.NameDiscoveryEvaluation.Span;

/**
 * Name discovery on the hand-made gold spans (see NameDiscoveryEvaluation, jobs/bench-names):
 * Parley's NameFinder must beat the plain capitalisation heuristic of ANCHORS.md on precision and
 * on recall, exact spans, untyped. The F1 floor is the measured F1 minus a margin, so that it
 * catches regressions without breaking when NameFinder improves.
 */
class NameDiscoveryTest {
  /** Measured exact-span F1 (0.896, jobs/bench-names, 2026-12-06) minus about 0.05. */
  private static final double F1_FLOOR = 0.84;

  private static Corpus corpus;

  @BeforeAll
  static void load() {
    corpus = NameDiscoveryEvaluation.load(); // also checks every gold surface against its text
  }

  @Test
  void goldCoversFiveSeedsAndTwentyFiveFakesArticles() {
    Set<String> seeds = new HashSet<>();
    Set<String> fakes = new HashSet<>();
    for (Span s : corpus.gold()) {
      (NameDiscoveryEvaluation.partOf(s.doc()).equals(NameDiscoveryEvaluation.SEEDS)
              ? seeds
              : fakes)
          .add(s.doc());
      assertEquals(s.surface(), corpus.docs().get(s.doc()).text().substring(s.start(), s.end()));
    }
    assertEquals(5, seeds.size());
    assertEquals(25, fakes.size());
    assertEquals(
        corpus.gold().size(), new HashSet<>(corpus.gold()).size(), "no duplicate gold spans");
  }

  @Test
  void parleyBeatsThePlainCapitalisationBaselineOnPrecisionAndRecall() {
    Score parley =
        NameDiscoveryEvaluation.score(
            corpus.gold(), NameDiscoveryEvaluation.parley(corpus), NameDiscoveryEvaluation.ALL);
    Score baseline =
        NameDiscoveryEvaluation.score(
            corpus.gold(), NameDiscoveryEvaluation.baseline(corpus), NameDiscoveryEvaluation.ALL);
    String figures = "parley " + parley + "; baseline " + baseline;
    assertTrue(parley.precision() > baseline.precision(), "precision: " + figures);
    assertTrue(parley.recall() > baseline.recall(), "recall: " + figures);
    assertTrue(parley.f1() >= F1_FLOOR, "F1 below " + F1_FLOOR + ": " + figures);
  }
}
