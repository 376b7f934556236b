package org.parley.spark;

/**
 * SplitMix64's finaliser, shared by the hashing of stories and the seeding of topic sweeps: a
 * bijection of longs whose output bits all depend on every input bit.
 */
public final class SplitMix {
  private SplitMix() {}

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
