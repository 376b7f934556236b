package org.parley.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lemmas of lower-case English word forms: inflections only, so terms stay readable words.
 * Krovetz's dictionary-checked stemmer (KStem) proposes a base form (countries → country, killed →
 * kill, denied → deny); it is kept only when the word is an inflection of it, because KStem also
 * strips derivations (political → politics, syrians → syria). Plurals KStem leaves alone because
 * its dictionary lists them (talks, forces, troops) fall to a conservative plural rule. Word forms
 * are Zipf-distributed, so each executor caches the lemma of each form it has seen, shared by its
 * threads.
 */
public final class Lemmas {
  private Lemmas() {}

  /**
   * Enough for the vocabulary of millions of news articles; past it, lemmas are computed each time.
   */
  static final int CACHE_LIMIT = 500_000;

  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  // Analyzer hands each thread its own reusable token stream.
  private static final Analyzer KSTEM =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new KeywordTokenizer();
          return new TokenStreamComponents(source, new KStemFilter(source));
        }
      };

  /** The lemma of a lower-case word; for a hyphenated compound, of its last part. */
  public static String lemma(String lowerCaseWord) {
    String cached = CACHE.get(lowerCaseWord);
    if (cached != null) {
      return cached;
    }
    String lemma = compute(lowerCaseWord);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(lowerCaseWord, lemma);
    }
    return lemma;
  }

  /** The lemma without the cache (for benchmarks). */
  static String lemmaUncached(String lowerCaseWord) {
    return compute(lowerCaseWord);
  }

  private static String compute(String word) {
    int hyphen = word.lastIndexOf('-');
    if (hyphen > 0 && hyphen < word.length() - 1) {
      return word.substring(0, hyphen + 1) + inflectionalLemma(word.substring(hyphen + 1));
    }
    return inflectionalLemma(word);
  }

  private static String inflectionalLemma(String word) {
    String k = kstem(word);
    if (!k.equals(word) && isInflectionOf(word, k)) {
      return k;
    }
    return singular(word);
  }

  /**
   * Whether {@code word} is {@code base} + s, es, (e)d, ing, with y → ie and doubled consonants.
   */
  static boolean isInflectionOf(String word, String base) {
    for (String ending : new String[] {"s", "es", "ed", "ing"}) {
      if (word.equals(base + ending)) {
        return true;
      }
    }
    int n = base.length();
    if (n < 2) {
      return false;
    }
    char last = base.charAt(n - 1);
    String stem = base.substring(0, n - 1);
    if (last == 'e' && (word.equals(base + "d") || word.equals(stem + "ing"))) {
      return true;
    }
    if (last == 'y' && (word.equals(stem + "ies") || word.equals(stem + "ied"))) {
      return true;
    }
    return word.equals(base + last + "ed") || word.equals(base + last + "ing");
  }

  /**
   * Plural to singular where it is safe: not -ss, -us, -is, -ics, -ous, not short words, not
   * "news".
   */
  static String singular(String word) {
    int n = word.length();
    if (n <= 3 || word.charAt(n - 1) != 's' || word.equals("news")) {
      return word;
    }
    if (word.endsWith("ss")
        || word.endsWith("us")
        || word.endsWith("is")
        || word.endsWith("ics")
        || word.endsWith("'s")) {
      return word;
    }
    if (word.endsWith("ies") && n > 4 && "aeiou".indexOf(word.charAt(n - 4)) < 0) {
      return word.substring(0, n - 3) + "y";
    }
    if (word.endsWith("sses")
        || word.endsWith("xes")
        || word.endsWith("ches")
        || word.endsWith("shes")) {
      return word.substring(0, n - 2);
    }
    return word.substring(0, n - 1);
  }

  private static String kstem(String word) {
    try (TokenStream stream = KSTEM.tokenStream("w", word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      String out = stream.incrementToken() ? term.toString() : word;
      stream.end();
      return out.isEmpty() ? word : out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
