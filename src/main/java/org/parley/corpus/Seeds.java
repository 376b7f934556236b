package org.parley.corpus;

/**
 * Seeds for the generator's random streams. Each article draws from streams keyed by (seed, article
 * index, purpose) and nothing else, so its content does not depend on which task, shard or order
 * generates it, and a copy can regenerate its original anywhere.
 */
final class Seeds {
  private Seeds() {}

  /** Purposes: separate streams, so that e.g. deciding an article's kind never shifts its text. */
  static final long KIND = 1;

  static final long ORIGIN = 2;
  static final long DATE = 3;
  static final long CONTENT = 4;
  static final long SOURCE = 5;
  static final long COPY = 6;
  static final long CALENDAR = 7;

  /** A well-mixed 64-bit seed for (seed, index, purpose). */
  static long mix(long seed, long index, long purpose) {
    return finalise(finalise(seed * 0x9E3779B97F4A7C15L + purpose) + index * 0xBF58476D1CE4E5B9L);
  }

  /** A uniform double in [0, 1) for (seed, index, purpose), without creating a stream. */
  static double uniform(long seed, long index, long purpose) {
    return (mix(seed, index, purpose) >>> 11) * 0x1.0p-53;
  }

  /** The 64-bit finaliser of MurmurHash3 (a bijection that spreads every input bit). */
  private static long finalise(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
