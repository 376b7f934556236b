package org.parley.actors;

import java.util.HashSet;
import java.util.Set;

/**
 * What one article shows about its names, from a single scan of its text: the capitalised words it
 * writes, and the runs of capitalised words it writes standing alone (between punctuation, line
 * breaks or lower-case words). Name discovery reads it to tell one name from two written side by
 * side ("Angela Kane Damascus" when the article also writes "Angela Kane said" and "in Damascus")
 * and a possessive whose apostrophe was stripped ("Syrias" when the article also writes "Syria").
 * Keys are folded as {@link MatchKeys#fold}, possessives stripped, words joined by one space.
 */
final class NameEvidence {
  private final Set<String> words = new HashSet<>();
  private final Set<String> runs = new HashSet<>();

  private NameEvidence() {}

  static NameEvidence of(String text, Set<String> connectors) {
    NameEvidence e = new NameEvidence();
    StringBuilder run = new StringBuilder();
    int runWords = 0;
    int pendingConnector = -1; // run length before a lower-case connector not yet confirmed
    int i = 0;
    int n = text.length();
    boolean brokenBefore = true;
    while (i < n) {
      int start = i;
      while (i < n && isWordChar(text, i)) {
        i++;
      }
      if (i == start) {
        if (!Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\n') {
          brokenBefore = true; // punctuation or a line break ends a run
        }
        i++;
        continue;
      }
      if (!mayBeNamePart(text, start, i)) { // most lower-case words: no string made
        e.close(run, runWords, pendingConnector);
        run.setLength(0);
        runWords = 0;
        pendingConnector = -1;
        brokenBefore = false;
        continue;
      }
      String word = MatchKeys.stripPossessive(text.substring(start, i));
      boolean capitalised = isCapitalised(word);
      if (brokenBefore || !(capitalised || connectors.contains(word))) {
        e.close(run, runWords, pendingConnector);
        run.setLength(0);
        runWords = 0;
        pendingConnector = -1;
      }
      brokenBefore = false;
      if (capitalised) {
        String key = MatchKeys.fold(word);
        e.words.add(key);
        if (runWords > 0) {
          run.append(' ');
        }
        run.append(key);
        runWords++;
        pendingConnector = -1;
      } else if (runWords > 0 && connectors.contains(word)) {
        if (pendingConnector < 0) {
          pendingConnector = run.length();
        }
        run.append(' ').append(word);
      }
    }
    e.close(run, runWords, pendingConnector);
    return e;
  }

  private void close(StringBuilder run, int runWords, int pendingConnector) {
    if (runWords > 0) {
      runs.add(pendingConnector < 0 ? run.toString() : run.substring(0, pendingConnector));
    }
  }

  /** The article writes this word (folded, no possessive) with a capital. */
  boolean writesCapitalised(String key) {
    return words.contains(key);
  }

  /** The article writes these words (folded, space-joined) as a run of their own. */
  boolean writesAlone(String key) {
    return runs.contains(key);
  }

  /** Capitalised, short enough to be a connector (de, al, bin), or hyphenated (al-Assad). */
  private static boolean mayBeNamePart(String text, int start, int end) {
    if (Character.isUpperCase(text.charAt(start)) || end - start <= 5) {
      return true;
    }
    for (int k = start; k < end; k++) {
      if (text.charAt(k) == '-') {
        return true;
      }
    }
    return false;
  }

  /** Capitalised, or a name particle before a capital: al-Assad. */
  private static boolean isCapitalised(String word) {
    char c = word.charAt(0);
    if (Character.isUpperCase(c)) {
      return true;
    }
    int hyphen = word.indexOf('-');
    return hyphen > 0
        && hyphen < word.length() - 1
        && Character.isUpperCase(word.charAt(hyphen + 1))
        && NameWords.NAME_PREFIXES.contains(word.substring(0, hyphen));
  }

  /** Letters and digits, with inner hyphens, dots and apostrophes (al-Assad, U.N, Syria's). */
  private static boolean isWordChar(String text, int i) {
    char c = text.charAt(i);
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    boolean inner = c == '-' || c == '.' || c == '\'' || c == '’';
    return inner
        && i > 0
        && i + 1 < text.length()
        && Character.isLetterOrDigit(text.charAt(i - 1))
        && Character.isLetterOrDigit(text.charAt(i + 1));
  }
}
