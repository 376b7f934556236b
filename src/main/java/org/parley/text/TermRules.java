package org.parley.text;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a token's surface becomes a term: lower case, possessive removed, stop words dropped,
 * acronyms kept whole ({@code U.N.} → {@code un}), proper nouns inside a sentence kept as written
 * ({@code United Nations} → {@code united nations}, not {@code unite nation}), and every other word
 * reduced to its dictionary lemma ({@code talks} → {@code talk}).
 */
public final class TermRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Numbers, ordinals, decades and ranges: kept inside phrases ("resolution 2254"), never alone.
   */
  public static final String NUMERIC_TERM_REGEX = "^[0-9][0-9.,:/\\-]*(st|nd|rd|th|s)?$";

  private static final Pattern NUMERIC = Pattern.compile(NUMERIC_TERM_REGEX);
  private static final String STOP_WORDS_RESOURCE = "/org/parley/text/stop-words-en.txt";
  private static final Set<String> BUILT_IN_STOP_WORDS = loadStopWords();

  private final Set<String> stopWords;

  public TermRules(Collection<String> extraStopWords) {
    Set<String> words = new HashSet<>(BUILT_IN_STOP_WORDS);
    for (String w : extraStopWords) {
      words.add(w.toLowerCase(Locale.ROOT).strip());
    }
    this.stopWords = Set.copyOf(words);
  }

  /**
   * The term of a token, or null when the token is no term (a stop word, a lone letter, a
   * possessive ending).
   *
   * @param sentenceInitial whether the token starts its sentence (capitals there say nothing)
   */
  public String term(String surface, boolean sentenceInitial) {
    String s = surface.replace('’', '\'').replace('‘', '\'');
    if (s.endsWith("'s") || s.endsWith("'S")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("'")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return null;
    }
    if (isAcronym(s)) {
      return s.replace(".", "").toLowerCase(Locale.ROOT);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (stopWords.contains(lower) || !hasLetterOrDigit(lower)) {
      return null;
    }
    if (NUMERIC.matcher(lower).matches()) {
      return lower;
    }
    if (lower.length() < 2) {
      return null;
    }
    if (!sentenceInitial && Character.isUpperCase(s.charAt(0))) {
      return lower;
    }
    return Lemmas.lemma(lower);
  }

  /** The built-in English stop words, lower case. */
  public static Set<String> builtInStopWords() {
    return BUILT_IN_STOP_WORDS;
  }

  public static boolean isNumeric(String term) {
    // The regex needs a leading digit: checked first, most terms are words and skip the matcher.
    return !term.isEmpty()
        && term.charAt(0) >= '0'
        && term.charAt(0) <= '9'
        && NUMERIC.matcher(term).matches();
  }

  /** Two or more capital letters, optionally dotted: UN, U.N., USA, HNC. */
  public static boolean isAcronym(String s) {
    int letters = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        if (!Character.isUpperCase(c)) {
          return false;
        }
        letters++;
      } else if (c != '.') {
        return false;
      }
    }
    return letters >= 2;
  }

  private static boolean hasLetterOrDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> loadStopWords() {
    return WordLists.load(STOP_WORDS_RESOURCE);
  }
}
