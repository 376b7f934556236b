package org.parley.actors;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How names are compared: token by token, case- and diacritic-insensitive, with hyphens as token
 * breaks and dots and apostrophes ignored, so "Bashar al-Assad" = "Bashar al Assad", "U.N." = "UN",
 * "Türkiye" = "Turkiye". A token written all in capitals in an alias (SNC, US) only matches
 * capitals in the text, so the pronoun "us" is never the United States.
 */
public final class MatchKeys {
  private MatchKeys() {}

  /** Prefix of the key of an all-capitals token. */
  static final String ACRONYM = "^";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** One comparable part of a token and where it sits in the text. */
  public record Part(String key, String acronymKey, int charStart, int charEnd) {}

  /** The keys of an alias as written in the dictionary. */
  public static List<String> aliasKeys(String alias) {
    List<String> keys = new ArrayList<>();
    for (String word : alias.strip().split("[\\s\\-\u2010\u2011]+")) {
      String base = stripPossessive(word);
      String key = fold(base);
      if (!key.isEmpty()) {
        keys.add(isAcronym(base) ? ACRONYM + key : key);
      }
    }
    return keys;
  }

  /** The parts of a text token (one token may hold several parts: al-Assad). */
  public static List<Part> tokenParts(String surface, int charStart) {
    List<Part> parts = new ArrayList<>(2);
    String body = stripPossessive(surface);
    int i = 0;
    while (i < body.length()) {
      while (i < body.length() && isBreak(body.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < body.length() && !isBreak(body.charAt(i))) {
        i++;
      }
      if (i > start) {
        String word = body.substring(start, i);
        String key = fold(word);
        if (!key.isEmpty()) {
          // "SANAs", "NGOs": an acronym with its plural or apostrophe-less possessive s keeps an
          // acronym key; the trie then matches the acronym without the s, as it ends a match.
          boolean acronym = isAcronym(word) || isAcronymWithS(word);
          parts.add(
              new Part(key, acronym ? ACRONYM + key : null, charStart + start, charStart + i));
        }
      }
    }
    return parts;
  }

  /** Lower case, no diacritics, no dots or apostrophes. */
  public static String fold(String word) {
    String s = word;
    if (!isAscii(s)) { // most words have no diacritics: no normalising, no regex
      s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }
    s = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 'ı') {
        c = 'i'; // dotless i (Türkiye's Turkish spellings)
      }
      if (c != '.' && c != '\'' && c != '’' && c != '‘') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** A name as one normalised string: folded parts joined by spaces. */
  public static String normalize(String name) {
    List<String> keys = new ArrayList<>();
    for (Part p : tokenParts(name.strip(), 0)) {
      keys.add(p.key());
    }
    return String.join(" ", keys);
  }

  private static boolean isBreak(char c) {
    return c == '-' || c == '\u2010' || c == '\u2011' || Character.isWhitespace(c);
  }

  static String stripPossessive(String word) {
    String w = word;
    if (w.endsWith("'s") || w.endsWith("’s") || w.endsWith("'S") || w.endsWith("’S")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 1 && (w.endsWith("'") || w.endsWith("’"))) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /**
   * Two or more letters, all capitals, dots allowed: UN, U.N., SNC (one rule for terms and names).
   */
  static boolean isAcronym(String word) {
    return org.parley.text.TermRules.isAcronym(word);
  }

  private static boolean isAcronymWithS(String word) {
    return word.length() > 2
        && word.endsWith("s")
        && isAcronym(word.substring(0, word.length() - 1));
  }
}
