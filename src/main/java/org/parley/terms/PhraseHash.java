package org.parley.terms;

/**
 * 64-bit hashes of phrase terms, built a word at a time so that counting candidates by hash makes
 * no string. The hash of the words w1..wn is that of the term "w1 w2 … wn" (FNV-1a over the UTF-16
 * units with one space between words, then SplitMix64's finaliser, as in the stories stage's word
 * hashes): equal terms always get equal hashes, so a hash count is never below the term's count.
 * In Java rather than Spark SQL because 64-bit mixing overflows by design, an error in ANSI mode.
 */
final class PhraseHash {
  private PhraseHash() {}

  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  /** The running state after the first word. */
  static long start(String word) {
    return units(FNV_OFFSET, word);
  }

  /** The running state after a space and {@code word}. */
  static long extend(long state, String word) {
    return units((state ^ ' ') * FNV_PRIME, word);
  }

  /** The hash of the words so far: FNV alone spreads short strings poorly, so it is mixed. */
  static long finish(long state) {
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The hash of a whole term, the same as building it word by word. */
  static long of(String term) {
    return finish(units(FNV_OFFSET, term));
  }

  private static long units(long state, String s) {
    long h = state;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }
}
