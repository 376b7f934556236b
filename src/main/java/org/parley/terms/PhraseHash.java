package org.parley.terms;

import java.util.List;

/**
 * 64-bit hashes for counting phrase candidates without making their strings. Each word is hashed
 * once (FNV-1a over its UTF-16 units, then SplitMix64's finaliser, as in the stories stage's word
 * hashes); a candidate's key combines its words' hashes in order. Equal words always get equal
 * hashes and equal runs of words equal keys, so a count by hash or key is never below the true
 * count. In Java rather than Spark SQL because 64-bit mixing overflows by design, an error in ANSI
 * mode.
 */
final class PhraseHash {
  private PhraseHash() {}

  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** A word's hash: FNV alone spreads short strings poorly, so it is mixed. */
  static long word(String word) {
    long h = FNV_OFFSET;
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ word.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /** The hashes of a sentence's terms, 0 for a stop word (null). */
  static long[] words(List<String> terms) {
    long[] hashes = new long[terms.size()];
    for (int i = 0; i < hashes.length; i++) {
      String term = terms.get(i);
      hashes[i] = term == null ? 0 : word(term);
    }
    return hashes;
  }

  /** The running state of a key after its first word. */
  static long start(long wordHash) {
    return wordHash;
  }

  /** The running state after one more word: order matters, so "a b" and "b a" differ. */
  static long extend(long state, long wordHash) {
    return state * GOLDEN + wordHash;
  }

  /**
   * The key of the words so far, mixed so that its low bits alone pick a {@link LongHashSet} slot.
   */
  static long finish(long state) {
    return mix(state);
  }

  /** The key of the words {@code wordHashes[0..n)}, the same as building it word by word. */
  static long key(long[] wordHashes, int n) {
    long state = start(wordHashes[0]);
    for (int i = 1; i < n; i++) {
      state = extend(state, wordHashes[i]);
    }
    return finish(state);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
