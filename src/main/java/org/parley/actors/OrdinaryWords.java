package org.parley.actors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which words the corpus treats as ordinary words rather than names: those it writes in lower case
 * at least as often as capitalised inside a sentence. One typo ("the syria sportsmen") does not
 * make Syria ordinary, and particles with a capital ("al-Nusra") never count as lower case.
 */
public final class OrdinaryWords {
  private OrdinaryWords() {}

  /**
   * One use of a word: written all in lower case, or capitalised after a sentence's first token.
   */
  public record Use(String word, boolean lowerCase, boolean capitalisedInside) {}

  /**
   * The uses one sentence's tokens make (sentence-initial capitals say nothing and are skipped).
   */
  public static List<Use> uses(List<String> surfaces) {
    List<Use> out = new ArrayList<>(surfaces.size());
    for (int i = 0; i < surfaces.size(); i++) {
      String s = surfaces.get(i);
      if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
        continue;
      }
      boolean hasCapital = !s.equals(s.toLowerCase(java.util.Locale.ROOT));
      boolean capitalisedInside =
          i > 0 && Character.isUpperCase(s.charAt(0)) && !MatchKeys.isAcronym(s);
      if (!hasCapital || capitalisedInside) {
        out.add(
            new Use(MatchKeys.fold(MatchKeys.stripPossessive(s)), !hasCapital, capitalisedInside));
      }
    }
    return out;
  }

  /** The rule itself, shared by the Spark aggregation and plain-Java callers. */
  public static boolean isOrdinary(long lowerCaseUses, long capitalisedUses) {
    return lowerCaseUses > 0 && lowerCaseUses >= capitalisedUses;
  }

  /** The ordinary words of a corpus given as sentences of token surfaces (for tests and tools). */
  public static Set<String> of(Iterable<List<String>> sentences) {
    Map<String, long[]> counts = new HashMap<>();
    for (List<String> sentence : sentences) {
      for (Use u : uses(sentence)) {
        long[] c = counts.computeIfAbsent(u.word(), k -> new long[2]);
        c[0] += u.lowerCase() ? 1 : 0;
        c[1] += u.capitalisedInside() ? 1 : 0;
      }
    }
    Set<String> out = new java.util.HashSet<>();
    counts.forEach(
        (w, c) -> {
          if (isOrdinary(c[0], c[1])) {
            out.add(w);
          }
        });
    return out;
  }
}
