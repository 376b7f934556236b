package org.parley.stories;

import static org.parley.spark.SplitMix.mix;

import java.util.Arrays;

/**
 * The arithmetic of banded MinHash, in plain Java: 64-bit shingle hashes, min-hashes and band keys.
 * Kept out of Spark SQL because ANSI mode makes long overflow in SQL expressions an error, and
 * 64-bit mixing overflows by design.
 *
 * <p>A band is {@code rows} min-hashes, each from its own hash function; two articles share a band
 * key only if all {@code rows} minima agree, which for Jaccard similarity J happens with
 * probability J^rows. With {@code bands} bands a pair is proposed with probability 1 − (1 −
 * J^rows)^bands (see {@link StoryTransforms#ROWS_PER_BAND} for the numbers).
 */
final class BandedMinHash {
  private BandedMinHash() {}

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  /** {@code count} salts drawn from the seed (a SplitMix64 sequence), one per hash function. */
  static long[] salts(long seed, int count) {
    long[] out = new long[count];
    long state = seed;
    for (int i = 0; i < count; i++) {
      state += GOLDEN_GAMMA;
      out[i] = mix(state);
    }
    return out;
  }

  /** FNV-1a over the UTF-16 units, then mixed: FNV alone spreads short strings poorly. */
  static long wordHash(String word) {
    long h = FNV_OFFSET;
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ word.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /**
   * The distinct hashes of the {@code shingleWords}-word shingles of {@code words}, sorted. Each
   * shingle hash chains its words' hashes in order, so the same words in another order differ; two
   * different shingles collide with probability about 2^-64. Empty when there are fewer words than
   * {@code shingleWords}.
   */
  static long[] shingleHashes(String[] words, int shingleWords) {
    int count = words.length - shingleWords + 1;
    if (count <= 0) {
      return new long[0];
    }
    long[] wordHashes = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      wordHashes[i] = wordHash(words[i]);
    }
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = shingleWords;
      for (int j = 0; j < shingleWords; j++) {
        h = mix(h ^ wordHashes[i + j]);
      }
      out[i] = h;
    }
    Arrays.sort(out);
    int distinct = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[distinct - 1]) {
        out[distinct++] = out[i];
      }
    }
    return distinct == out.length ? out : Arrays.copyOf(out, distinct);
  }

  /**
   * One key per band for a non-empty set of shingle hashes. Min-hash f is the minimum over the set
   * of mix(hash ^ salt f), {@code bands × rows} functions in all (salts from {@link #salts}); band
   * k's key mixes its {@code rows} minima, with its own salt so that equal minima in different
   * bands give different keys. {@code salts} holds {@code bands × (rows + 1)}.
   */
  static long[] bandKeys(long[] hashes, int bands, int rows, long[] salts) {
    int functions = bands * rows;
    long[] minima = new long[functions];
    Arrays.fill(minima, Long.MAX_VALUE);
    for (long h : hashes) {
      for (int f = 0; f < functions; f++) {
        long v = mix(h ^ salts[f]);
        if (v < minima[f]) {
          minima[f] = v;
        }
      }
    }
    long[] keys = new long[bands];
    for (int k = 0; k < bands; k++) {
      long key = salts[functions + k];
      for (int r = 0; r < rows; r++) {
        key = mix(key ^ minima[k * rows + r]);
      }
      keys[k] = key;
    }
    return keys;
  }
}
