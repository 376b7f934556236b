package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

/** Relevance ranking of topic terms, worked by hand on a three-term, two-topic model. */
class TermRelevanceTest {
  private static final int SAID = 0;
  private static final int CEASEFIRE = 1;
  private static final int ELECTION = 2;

  /**
   * Terms × topics, column-major. Topic 0: said 6, ceasefire 4; topic 1: said 6, election 4. So
   * p(said) = 12/20 = 0.6, p(ceasefire) = p(election) = 0.2; in topic 0, p(said|0) = 0.6 (lift 1)
   * and p(ceasefire|0) = 0.4 (lift 2).
   */
  private static DenseMatrix model() {
    return new DenseMatrix(3, 2, new double[] {6, 4, 0, 6, 0, 4});
  }

  private static List<Integer> order(List<TermRelevance.RankedTerm> terms, int topic) {
    return terms.stream()
        .filter(t -> t.topic() == topic)
        .map(TermRelevance.RankedTerm::termIndex)
        .toList();
  }

  @Test
  void probabilityAloneRanksTheWordCommonEverywhereFirst() {
    List<TermRelevance.RankedTerm> terms = TermRelevance.topTerms(model(), 1.0, 3);
    assertEquals(List.of(SAID, CEASEFIRE), order(terms, 0), "election has no weight in topic 0");
    assertEquals(List.of(SAID, ELECTION), order(terms, 1));
    TermRelevance.RankedTerm said = terms.get(0);
    assertEquals(1, said.rank());
    assertEquals(0.6, said.probability(), 1e-12);
    assertEquals(Math.log(0.6), said.relevance(), 1e-12);
  }

  @Test
  void relevanceFavoursTheTermTheTopicHoldsMoreThanTheCorpus() {
    // said: λ·log 0.6; ceasefire: λ·log 0.4 + (1 − λ)·log 2. They cross at λ = log 2 / log 3 ≈
    // 0.631.
    List<TermRelevance.RankedTerm> at06 = TermRelevance.topTerms(model(), 0.6, 3);
    assertEquals(List.of(CEASEFIRE, SAID), order(at06, 0));
    assertEquals(List.of(ELECTION, SAID), order(at06, 1));
    TermRelevance.RankedTerm ceasefire = at06.get(0);
    assertEquals(0.6 * Math.log(0.4) + 0.4 * Math.log(2), ceasefire.relevance(), 1e-12);
    assertEquals(0.4, ceasefire.probability(), 1e-12, "the weight stays the probability");
    assertEquals(List.of(SAID, CEASEFIRE), order(TermRelevance.topTerms(model(), 0.64, 3), 0));
    assertEquals(List.of(CEASEFIRE, SAID), order(TermRelevance.topTerms(model(), 0.62, 3), 0));
  }

  @Test
  void keepsTheTopNAndBreaksTiesByTheLowerTermIndex() {
    // Four terms equal in both topics: every relevance ties, so the order is the index order.
    DenseMatrix even = new DenseMatrix(4, 2, new double[] {1, 1, 1, 1, 2, 2, 2, 2});
    List<TermRelevance.RankedTerm> terms = TermRelevance.topTerms(even, 0.6, 2);
    assertEquals(List.of(0, 1), order(terms, 0));
    assertEquals(List.of(0, 1), order(terms, 1));
    assertEquals(List.of(1, 2, 1, 2), terms.stream().map(TermRelevance.RankedTerm::rank).toList());
  }

  @Test
  void anEmptyTopicHasNoTerms() {
    DenseMatrix oneEmpty = new DenseMatrix(2, 2, new double[] {3, 1, 0, 0});
    List<TermRelevance.RankedTerm> terms = TermRelevance.topTerms(oneEmpty, 0.6, 5);
    assertEquals(List.of(0, 1), order(terms, 0));
    assertTrue(order(terms, 1).isEmpty());
  }

  @Test
  void refusesAnOutOfRangeLambdaOrNegativeWeights() {
    assertThrows(IllegalArgumentException.class, () -> TermRelevance.topTerms(model(), 1.2, 3));
    assertThrows(
        IllegalArgumentException.class, () -> TermRelevance.topTerms(model(), Double.NaN, 3));
    assertThrows(IllegalArgumentException.class, () -> TermRelevance.topTerms(model(), 0.6, 0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TermRelevance.topTerms(new DenseMatrix(2, 1, new double[] {1, -1}), 0.6, 2));
    assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
  }
}
