package org.parley.corpus;

import java.util.SplittableRandom;

/**
 * Draws an index with probability proportional to its weight in constant time (Walker's alias
 * method, Vose's construction): the generator draws hundreds of millions of words, so a binary
 * search per draw would dominate.
 */
final class AliasTable {
  private final double[] keep;
  private final int[] alias;

  AliasTable(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("an alias table needs at least one weight");
    }
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("weights must be non-negative, got " + w);
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    keep = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / total;
      if (scaled[i] < 1) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      keep[s] = scaled[s];
      alias[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    // What is left is 1 up to rounding.
    while (largeCount > 0) {
      int l = large[--largeCount];
      keep[l] = 1;
      alias[l] = l;
    }
    while (smallCount > 0) {
      int s = small[--smallCount];
      keep[s] = 1;
      alias[s] = s;
    }
  }

  static AliasTable of(int[] weights) {
    double[] w = new double[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i];
    }
    return new AliasTable(w);
  }

  int size() {
    return keep.length;
  }

  int sample(SplittableRandom random) {
    return sample(random.nextDouble());
  }

  /** One uniform number in [0, 1) picks both the column and the coin. */
  int sample(double uniform) {
    double x = uniform * keep.length;
    int column = (int) x;
    return x - column < keep[column] ? column : alias[column];
  }
}
