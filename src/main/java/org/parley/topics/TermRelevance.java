package org.parley.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.ml.linalg.Matrix;

/**
 * Ranks each topic's terms by relevance (Sievert and Shirley, LDAvis, 2014): {@code λ · log p(w|t)
 * + (1 − λ) · log(p(w|t) / p(w))}, where p(w|t) is the term's share of the topic's weight and p(w)
 * its share of all weight (for LDA's counts, its corpus frequency).
 *
 * <p>λ = 1 ranks by probability alone, as MALLET's topic keys and Spark's describeTopics do; that
 * puts terms frequent everywhere ("said", a weekday) near the top of several topics. Lower λ
 * favours terms the topic holds more than the corpus does, which tells topics apart. λ is a reading
 * choice, not a fit: it changes which terms are published, never the model.
 *
 * <p>The matrix is small (vocabulary × k) and already on the driver for a local LDA model, so this
 * is a plain loop, not a Spark job.
 */
public final class TermRelevance {
  private TermRelevance() {}

  /** One of a topic's top terms: rank 1 is the most relevant. */
  public record RankedTerm(
      int topic, int termIndex, int rank, double probability, double relevance) {}

  /**
   * The top {@code n} terms of every topic of {@code termTopicWeights} (vocabulary × k, weights ≥
   * 0, one column per topic, as LDAModel.topicsMatrix), by relevance at {@code lambda}, ties to the
   * lower term index. A term with no weight in a topic is never among its top terms.
   */
  public static List<RankedTerm> topTerms(Matrix termTopicWeights, double lambda, int n) {
    if (!(lambda >= 0.0 && lambda <= 1.0)) {
      throw new IllegalArgumentException("Relevance lambda must be in [0, 1], got " + lambda);
    }
    if (n < 1) {
      throw new IllegalArgumentException("Need at least one term per topic, got " + n);
    }
    int terms = termTopicWeights.numRows();
    int topics = termTopicWeights.numCols();
    double[] termTotals = new double[terms];
    double[] topicTotals = new double[topics];
    double total = 0;
    for (int t = 0; t < topics; t++) {
      for (int w = 0; w < terms; w++) {
        double x = termTopicWeights.apply(w, t);
        if (x < 0 || Double.isNaN(x)) {
          throw new IllegalArgumentException(
              "Topic weights must be non-negative; term " + w + " of topic " + t + " has " + x);
        }
        termTotals[w] += x;
        topicTotals[t] += x;
        total += x;
      }
    }
    List<RankedTerm> ranked = new ArrayList<>(topics * Math.min(n, terms));
    for (int t = 0; t < topics; t++) {
      if (topicTotals[t] <= 0) {
        continue; // an empty topic has no terms to rank
      }
      double[] relevance = new double[terms];
      // The n best so far, worst at the head: lower relevance, then the higher index, is worse.
      PriorityQueue<Integer> best =
          new PriorityQueue<>(
              n + 1,
              (a, b) ->
                  relevance[a] != relevance[b]
                      ? Double.compare(relevance[a], relevance[b])
                      : Integer.compare(b, a));
      for (int w = 0; w < terms; w++) {
        double x = termTopicWeights.apply(w, t);
        if (x <= 0) {
          continue;
        }
        double logProbability = Math.log(x / topicTotals[t]);
        double logLift = logProbability - Math.log(termTotals[w] / total);
        relevance[w] = lambda * logProbability + (1 - lambda) * logLift;
        best.add(w);
        if (best.size() > n) {
          best.poll();
        }
      }
      Integer[] top = best.toArray(new Integer[0]);
      Arrays.sort(top, best.comparator().reversed());
      for (int r = 0; r < top.length; r++) {
        int w = top[r];
        ranked.add(
            new RankedTerm(
                t, w, r + 1, termTopicWeights.apply(w, t) / topicTotals[t], relevance[w]));
      }
    }
    return ranked;
  }
}
