package org.parley.actors;

import java.util.List;
import java.util.Set;

/**
 * When a dictionary demonym names its state actor: "Israeli airstrikes", "Russian warplanes" and
 * "Turkish-backed" do; "Russians" (a people), "a Russian journalist" and "Iranian refugees" (people
 * described by nationality), "the Russian city of Sochi" (a place), "pro-Russian" and "russian" do
 * not. The noun may follow one modifier ("British aid workers"). An entry with only_before names
 * its actor only before those words ("Syrian troops"). ArticleActorFinder tries a demonym last, on
 * a token no alias, metonym or title claimed.
 */
final class Demonyms {
  private Demonyms() {}

  /** Prefixes that turn a demonym against or away from its state, hyphen or not. */
  private static final Set<String> STANCE_PREFIXES = Set.of("pro", "anti", "non");

  /** "British-based", "Iranian-born", "Russian-speaking" say where from, not what a state does. */
  private static final Set<String> ORIGIN_WORDS = Set.of("based", "born", "speaking");

  /**
   * Whether the demonym {@code entry} matched at {@code match} (one part) names its actor: the part
   * is capitalised, begins its token ("Turkish-backed", not "pro-Turkish"), is the demonym itself
   * and not a plural or possessive of it, and stands before a word allowed there.
   */
  static boolean namesActor(
      String text,
      List<MatchKeys.Part> parts,
      List<Integer> tokenOfPart,
      AliasTrie.Match match,
      AliasTrie.Entry entry) {
    int i = match.start();
    MatchKeys.Part part = parts.get(i);
    if (match.trimEnd() > 0 || !Character.isUpperCase(text.charAt(part.charStart()))) {
      return false;
    }
    if (i > 0
        && (tokenOfPart.get(i - 1).equals(tokenOfPart.get(i))
            || STANCE_PREFIXES.contains(parts.get(i - 1).key()))) {
      return false;
    }
    int next = match.end();
    if (!entry.onlyBefore().isEmpty()) {
      for (List<String> words : entry.onlyBefore()) {
        if (startsWith(parts, next, words)) {
          return true;
        }
      }
      return false;
    }
    if (next < parts.size() && ORIGIN_WORDS.contains(parts.get(next).key())) {
      return false;
    }
    // The noun may follow one modifier: "British aid workers", "the Turkish border town".
    for (int k = next; k < Math.min(next + 2, parts.size()); k++) {
      String word = parts.get(k).key();
      if (Lexicon.PEOPLE_NOUNS.contains(word) || NameWords.PLACE_WORDS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(List<MatchKeys.Part> parts, int from, List<String> keys) {
    if (from + keys.size() > parts.size()) {
      return false;
    }
    for (int k = 0; k < keys.size(); k++) {
      MatchKeys.Part p = parts.get(from + k);
      String key = keys.get(k);
      if (!(key.startsWith(MatchKeys.ACRONYM) ? key.equals(p.acronymKey()) : key.equals(p.key()))) {
        return false;
      }
    }
    return true;
  }
}
