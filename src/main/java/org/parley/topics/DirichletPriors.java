package org.parley.topics;

/**
 * Learning LDA's Dirichlet priors from a Gibbs sample (Wallach, Mimno and McCallum, "Rethinking
 * LDA: Why Priors Matter", 2009): an asymmetric α over each document's topics, so that common
 * topics get more prior mass than rare ones, and a symmetric β over each topic's terms. Both are
 * maximum a posteriori estimates by Minka's fixed-point iteration on the sample's counts, which
 * only need histograms (how many documents hold c tokens of topic t) rather than every document.
 *
 * <p>For α, with n_dt and n_d the document's tokens in topic t and in all, and α₀ = Σ α_t, the
 * Dirichlet-multinomial likelihood is bounded below at the current α by a log α_t − b α_t, and its
 * maximum under a Gamma(shape, scale) prior on each α_t gives
 *
 * <pre>
 *   α_t ← (α_t · Σ_d [ψ(n_dt + α_t) − ψ(α_t)] + shape − 1) / (Σ_d [ψ(n_d + α₀) − ψ(α₀)] + 1 / scale)
 * </pre>
 *
 * The Gamma prior (shape just over 1) keeps a topic that no document uses from an α of zero, from
 * which it could never return. β is the same update for one value shared by every term of every
 * topic, with the topics' term counts n_wt and totals n_t in place of the documents'.
 */
final class DirichletPriors {
  private DirichletPriors() {}

  /** The Gamma prior on each α_t: shape and scale as MALLET uses them, nearly flat. */
  static final double ALPHA_PRIOR_SHAPE = 1.001;

  static final double ALPHA_PRIOR_SCALE = 1.0;

  /**
   * Fixed-point steps per optimisation: the estimate settles in a few dozen; this bounds a bad
   * case.
   */
  static final int MAX_STEPS = 200;

  private static final double TOLERANCE = 1e-6;

  /**
   * The MAP asymmetric α given a sample, starting from {@code alpha}. {@code topicDocuments[t][c]}
   * is how many documents hold exactly c tokens of topic t, {@code documentLengths[n]} how many
   * documents hold n tokens in all (index 0, the documents without the topic or empty, adds
   * nothing).
   */
  static double[] asymmetricAlpha(double[] alpha, long[][] topicDocuments, long[] documentLengths) {
    int k = alpha.length;
    double[] current = alpha.clone();
    for (int step = 0; step < MAX_STEPS; step++) {
      double sum = 0;
      for (double a : current) {
        sum += a;
      }
      double denominator = histogramDigammaSum(documentLengths, sum) + 1.0 / ALPHA_PRIOR_SCALE;
      double largestChange = 0;
      double[] next = new double[k];
      for (int t = 0; t < k; t++) {
        double numerator =
            current[t] * histogramDigammaSum(topicDocuments[t], current[t]) + ALPHA_PRIOR_SHAPE - 1;
        next[t] = numerator / denominator;
        largestChange = Math.max(largestChange, Math.abs(next[t] - current[t]) / current[t]);
      }
      current = next;
      if (largestChange < TOLERANCE) {
        break;
      }
    }
    return current;
  }

  /**
   * The maximum-likelihood symmetric β given the word-topic counts (term-major, {@code counts[w * k
   * + t]}) of a vocabulary of {@code counts.length / k} terms, starting from {@code beta}.
   */
  static double symmetricBeta(double beta, int[] counts, int k) {
    int vocabulary = counts.length / k;
    long[] topicTotals = new long[k];
    for (int i = 0; i < counts.length; i++) {
      topicTotals[i % k] += counts[i];
    }
    double current = beta;
    for (int step = 0; step < MAX_STEPS; step++) {
      double numerator = 0;
      for (int c : counts) {
        if (c > 0) {
          numerator += digammaDifference(c, current);
        }
      }
      double betaSum = current * vocabulary;
      double denominator = 0;
      for (long n : topicTotals) {
        if (n > 0) {
          denominator += digammaDifference(n, betaSum);
        }
      }
      if (numerator <= 0 || denominator <= 0) {
        return current; // no tokens: nothing to learn from
      }
      double next = current * numerator / (vocabulary * denominator);
      boolean settled = Math.abs(next - current) / current < TOLERANCE;
      current = next;
      if (settled) {
        break;
      }
    }
    return current;
  }

  /** Σ_c histogram[c] · (ψ(c + a) − ψ(a)). */
  private static double histogramDigammaSum(long[] histogram, double a) {
    double sum = 0;
    for (int c = 1; c < histogram.length; c++) {
      if (histogram[c] != 0) {
        sum += histogram[c] * digammaDifference(c, a);
      }
    }
    return sum;
  }

  /**
   * ψ(n + a) − ψ(a) for a count n ≥ 0: the sum 1/a + 1/(a+1) + … + 1/(a+n−1) for small n, where it
   * is exact; for large n, from ψ itself, which loses nothing there since the difference is large.
   */
  static double digammaDifference(long n, double a) {
    if (n <= 64) {
      double sum = 0;
      for (long i = 0; i < n; i++) {
        sum += 1.0 / (a + i);
      }
      return sum;
    }
    return digamma(n + a) - digamma(a);
  }

  /**
   * The digamma function ψ(x) for x > 0: raised above 10 by ψ(x) = ψ(x + 1) − 1/x, then its
   * asymptotic series.
   */
  static double digamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("digamma needs x > 0, got " + x);
    }
    double result = 0;
    while (x < 10) {
      result -= 1 / x;
      x += 1;
    }
    double f = 1 / (x * x);
    return result
        + Math.log(x)
        - 0.5 / x
        - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
  }
}
