package org.parley.actors;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One article's short forms of organisations: after "Syrian Observatory for Human Rights", "the
 * Observatory" is that actor, as "Jamous" is Badr Jamous after his full name. A multi-word alias
 * mention of an actor that is not a person registers its organisation words ({@link
 * NameFinder#ORG_WORDS}: observatory, commission, coalition, council, army...). A short form
 * resolves only after "the", only to the one actor that registered it so far (two actors: left
 * alone from then on), and only when written as the name wrote it: a head capitalised in the name
 * ("Syrian Observatory") needs "the Observatory"; one in lower case ("US-led coalition") takes "the
 * coalition" and "the Coalition". Not when a name goes on ("the Commission of Inquiry").
 */
final class ShortForms {
  /** Words after which the short form is the start of a longer name. */
  private static final Set<String> NAME_CONTINUES = Set.of("of", "for", "on");

  /** Who registered a word, and whether it was only ever written capitalised. */
  private record Owner(String actorId, String actorType, boolean capitalOnly) {}

  private final Map<String, Owner> owners = new HashMap<>();
  private final Set<String> ambiguous = new HashSet<>();

  /** Registers the organisation words of a dictionary mention spanning parts [start, end). */
  void register(
      String text, List<MatchKeys.Part> parts, int start, int end, ActorText.Mention mention) {
    if (end - start < 2 || "PERSON".equals(mention.actorType())) {
      return;
    }
    for (int k = start; k < end; k++) {
      MatchKeys.Part p = parts.get(k);
      String key = p.key();
      if (!NameWords.ORG_WORDS.contains(key) || ambiguous.contains(key)) {
        continue;
      }
      boolean capital = Character.isUpperCase(text.charAt(p.charStart()));
      Owner previous = owners.get(key);
      if (previous == null) {
        owners.put(key, new Owner(mention.actorId(), mention.actorType(), capital));
      } else if (!previous.actorId().equals(mention.actorId())) {
        owners.remove(key);
        ambiguous.add(key);
      } else if (previous.capitalOnly() && !capital) {
        owners.put(key, new Owner(mention.actorId(), mention.actorType(), false));
      }
    }
  }

  /**
   * The mention a short form at part {@code i} makes ("the Observatory"), or null. One "-based"
   * modifier may stand between ("the Britain-based Observatory"), and a possessive may have lost
   * its apostrophe ("the Observatorys report", as FA-KES writes it).
   */
  ActorText.Mention resolve(
      String text,
      int sentenceIndex,
      List<MatchKeys.Part> parts,
      List<Integer> tokenOfPart,
      int i) {
    MatchKeys.Part p = parts.get(i);
    int trim = 0;
    Owner owner = owners.get(p.key());
    if (owner == null
        && !NameWords.ORG_WORDS.contains(p.key())
        && p.key().length() > 3
        && p.key().endsWith("s")) {
      owner = owners.get(p.key().substring(0, p.key().length() - 1));
      trim = 1;
    }
    if (owner == null || !aloneInToken(tokenOfPart, i) || !afterThe(parts, tokenOfPart, i)) {
      return null;
    }
    if (owner.capitalOnly() && !Character.isUpperCase(text.charAt(p.charStart()))) {
      return null;
    }
    if (i + 1 < parts.size()) {
      MatchKeys.Part next = parts.get(i + 1);
      if (NAME_CONTINUES.contains(next.key())
          || Character.isUpperCase(text.charAt(next.charStart()))) {
        return null;
      }
    }
    int end = p.charEnd() - trim;
    return new ActorText.Mention(
        sentenceIndex,
        owner.actorId(),
        owner.actorType(),
        text.substring(p.charStart(), end),
        p.charStart(),
        end,
        ArticleActorFinder.SHORT_FORM);
  }

  private static boolean aloneInToken(List<Integer> tokenOfPart, int i) {
    return (i == 0 || !tokenOfPart.get(i - 1).equals(tokenOfPart.get(i)))
        && (i + 1 == tokenOfPart.size() || !tokenOfPart.get(i + 1).equals(tokenOfPart.get(i)));
  }

  /** "the" right before part {@code i}, or before a "-based" token right before it. */
  private static boolean afterThe(List<MatchKeys.Part> parts, List<Integer> tokenOfPart, int i) {
    int before = i - 1;
    if (before >= 1
        && "based".equals(parts.get(before).key())
        && tokenOfPart.get(before - 1).equals(tokenOfPart.get(before))) {
      int token = tokenOfPart.get(before);
      while (before >= 0 && tokenOfPart.get(before) == token) {
        before--;
      }
    }
    return before >= 0 && "the".equals(parts.get(before).key());
  }
}
