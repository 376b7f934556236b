package org.parley.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Learning the Dirichlet priors: digamma against tabled values, α recovered from documents drawn
 * with a known asymmetric α, and β at the maximum of its likelihood.
 */
class DirichletPriorsTest {

  @Test
  void digammaMatchesTabledValues() {
    assertEquals(-0.5772156649015329, DirichletPriors.digamma(1), 1e-12); // −γ
    assertEquals(-1.9635100260214235, DirichletPriors.digamma(0.5), 1e-12);
    assertEquals(2.251752589066721, DirichletPriors.digamma(10), 1e-12);
    assertEquals(-100.56088545786867, DirichletPriors.digamma(0.01), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> DirichletPriors.digamma(0));
  }

  @Test
  void digammaDifferenceIsTheSameBySumAndBySeries() {
    // Below 65 it sums 1/(a+i); above, it subtracts ψ values: both must agree where they meet.
    for (double a : new double[] {0.01, 0.3, 2.5}) {
      double bySum = 0;
      for (int i = 0; i < 65; i++) {
        bySum += 1.0 / (a + i);
      }
      assertEquals(bySum, DirichletPriors.digammaDifference(65, a), 1e-10);
      assertEquals(DirichletPriors.digammaDifference(64, a) + 1.0 / (a + 64), bySum, 1e-10);
    }
    assertEquals(0.0, DirichletPriors.digammaDifference(0, 0.5));
  }

  @Test
  void alphaIsRecoveredFromDocumentsDrawnWithIt() {
    double[] truth = {1.5, 0.6, 0.1};
    int k = truth.length;
    int documents = 20_000;
    int length = 60;
    SplittableRandom random = new SplittableRandom(11);
    long[][] topicDocuments = new long[k][length + 1];
    long[] documentLengths = new long[length + 1];
    for (int d = 0; d < documents; d++) {
      double[] theta = dirichlet(truth, random);
      int[] perTopic = new int[k];
      for (int i = 0; i < length; i++) {
        perTopic[draw(theta, random)]++;
      }
      documentLengths[length]++;
      for (int t = 0; t < k; t++) {
        topicDocuments[t][perTopic[t]]++;
      }
    }
    double[] learned =
        DirichletPriors.asymmetricAlpha(new double[] {1, 1, 1}, topicDocuments, documentLengths);
    for (int t = 0; t < k; t++) {
      assertEquals(truth[t], learned[t], truth[t] * 0.08, "α of topic " + t);
    }
  }

  @Test
  void alphaOfAnUnusedTopicStaysPositive() {
    long[][] topicDocuments = new long[2][11];
    long[] documentLengths = new long[11];
    topicDocuments[0][10] = 100; // every document is all topic 0
    documentLengths[10] = 100;
    double[] learned =
        DirichletPriors.asymmetricAlpha(new double[] {0.5, 0.5}, topicDocuments, documentLengths);
    assertTrue(learned[1] > 0, "the Gamma prior keeps it above zero: " + learned[1]);
    assertTrue(
        learned[0] > 100 * learned[1],
        "the used topic takes the prior mass: " + java.util.Arrays.toString(learned));
  }

  @Test
  void betaSitsWhereItsLikelihoodIsHighest() {
    // Two topics over 50 terms, drawn from a symmetric Dirichlet with β = 0.2.
    int k = 2;
    int vocabulary = 50;
    double truth = 0.2;
    SplittableRandom random = new SplittableRandom(5);
    int[] counts = new int[vocabulary * k];
    double[] symmetric = new double[vocabulary];
    java.util.Arrays.fill(symmetric, truth);
    for (int t = 0; t < k; t++) {
      double[] phi = dirichlet(symmetric, random);
      for (int i = 0; i < 20_000; i++) {
        counts[draw(phi, random) * k + t]++;
      }
    }
    double learned = DirichletPriors.symmetricBeta(0.01, counts, k);
    double best = logLikelihood(learned, counts, k);
    assertTrue(
        best > logLikelihood(learned * 1.05, counts, k)
            && best > logLikelihood(learned / 1.05, counts, k),
        "β " + learned + " is a maximum");
    assertEquals(truth, learned, 0.1, "near the β the topics were drawn with");
  }

  /**
   * Σ_t [lnΓ(Vβ) − lnΓ(n_t + Vβ) + Σ_w (lnΓ(n_wt + β) − lnΓ(β))], each lnΓ difference as a sum of
   * logs.
   */
  private static double logLikelihood(double beta, int[] counts, int k) {
    int vocabulary = counts.length / k;
    double sum = 0;
    for (int t = 0; t < k; t++) {
      long total = 0;
      for (int w = 0; w < vocabulary; w++) {
        int c = counts[w * k + t];
        total += c;
        for (int i = 0; i < c; i++) {
          sum += Math.log(beta + i);
        }
      }
      for (long i = 0; i < total; i++) {
        sum -= Math.log(vocabulary * beta + i);
      }
    }
    return sum;
  }

  private static int draw(double[] p, SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < p.length - 1; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  private static double[] dirichlet(double[] alpha, SplittableRandom random) {
    double[] x = new double[alpha.length];
    double sum = 0;
    for (int i = 0; i < alpha.length; i++) {
      x[i] = gamma(alpha[i], random);
      sum += x[i];
    }
    for (int i = 0; i < x.length; i++) {
      x[i] /= sum;
    }
    return x;
  }

  /**
   * Gamma(shape, 1) by Marsaglia and Tsang; below shape 1 through Gamma(shape + 1) · U^(1/shape).
   */
  private static double gamma(double shape, SplittableRandom random) {
    if (shape < 1) {
      return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal(random);
      double v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(random.nextDouble()) < z * z / 2 + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
