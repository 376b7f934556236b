package org.parley.corpus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.parley.actors.ActorDictionary;
import org.parley.actors.ArticleActorFinder;

/**
 * The dictionary's actors as the generator writes them: every alias, the surname a person is called
 * by after the first mention, dated titles, metonyms; how often each is named overall; and, per
 * theme, the actors its real article named, so generated articles keep real co-mention structure.
 */
final class ActorCast {
  record Title(String text, LocalDate from, LocalDate to) {
    boolean covers(LocalDate date) {
      return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }
  }

  /** An actor as written: {@code name} first, so that its surname can stand alone afterwards. */
  record Actor(
      String id,
      String name,
      boolean person,
      boolean canSpeak,
      String[] aliases,
      String surname,
      Title[] titles,
      String[] metonyms) {}

  final Actor[] actors;

  /** Actors by how often the real corpus names them (plus one, so every actor can appear). */
  final AliasTable popularity;

  /** Persons, who speak most quotes, by popularity. */
  final int[] speakers;

  final AliasTable speakerPopularity;

  /** Per theme, its actors (indexes into {@link #actors}) and their weights. */
  private final int[][] themeActors;

  private final AliasTable[] themeSamplers;

  ActorCast(ActorDictionary dictionary, CorpusModel model) {
    List<ActorDictionary.Actor> entries = dictionary.actors();
    actors = new Actor[entries.size()];
    Map<String, Integer> index = new HashMap<>();
    for (int a = 0; a < actors.length; a++) {
      actors[a] = actor(entries.get(a));
      index.put(actors[a].id(), a);
    }
    double[] mentions = new double[actors.length];
    Arrays.fill(mentions, 1);
    themeActors = new int[model.themes.length][];
    themeSamplers = new AliasTable[model.themes.length];
    for (int t = 0; t < model.themes.length; t++) {
      CorpusModel.Theme theme = model.themes[t];
      List<Integer> known = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      for (int k = 0; k < theme.actorIds().length; k++) {
        Integer a =
            index.get(theme.actorIds()[k]); // an actor since removed from the dictionary is skipped
        if (a != null) {
          known.add(a);
          weights.add((double) theme.actorMentions()[k]);
          mentions[a] += theme.actorMentions()[k];
        }
      }
      themeActors[t] = known.stream().mapToInt(Integer::intValue).toArray();
      themeSamplers[t] =
          known.isEmpty()
              ? null
              : new AliasTable(weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
    popularity = new AliasTable(mentions);
    List<Integer> persons = new ArrayList<>();
    for (int a = 0; a < actors.length; a++) {
      if (actors[a].person()) {
        persons.add(a);
      }
    }
    speakers = persons.stream().mapToInt(Integer::intValue).toArray();
    double[] speakerWeights = new double[speakers.length];
    for (int s = 0; s < speakers.length; s++) {
      speakerWeights[s] = mentions[speakers[s]];
    }
    speakerPopularity = new AliasTable(speakerWeights);
  }

  private static final class BuiltIn {
    static final ActorCast CAST = new ActorCast(ActorDictionary.load(null), CorpusModel.builtIn());
  }

  /** The built-in dictionary, as the actors stage loads it by default. */
  static ActorCast builtIn() {
    return BuiltIn.CAST;
  }

  /**
   * An actor for an article of a theme: usually one its real article named (its "camp"), otherwise
   * any actor by overall popularity.
   */
  int pick(int theme, double campShare, SplittableRandom random) {
    AliasTable camp = themeSamplers[theme];
    if (camp != null && random.nextDouble() < campShare) {
      return themeActors[theme][camp.sample(random)];
    }
    return popularity.sample(random);
  }

  int pickSpeaker(SplittableRandom random) {
    return speakers[speakerPopularity.sample(random)];
  }

  private static Actor actor(ActorDictionary.Actor a) {
    String type = a.type().name();
    boolean person = "PERSON".equals(type);
    // Speakers as QuoteAttribution accepts them: anything but a place or an event.
    boolean canSpeak = !"PLACE".equals(type) && !"EVENT".equals(type);
    List<Title> titles = new ArrayList<>();
    for (ActorDictionary.Affiliation f : a.affiliations()) {
      if (f.from() != null) {
        for (String t : f.titles()) {
          titles.add(new Title(t, f.from(), f.to()));
        }
      }
    }
    return new Actor(
        a.id(),
        a.name(),
        person,
        canSpeak,
        a.aliases().toArray(String[]::new),
        person ? surname(a.name()) : null,
        titles.toArray(Title[]::new),
        "STATE".equals(type) ? a.metonyms().toArray(String[]::new) : new String[0]);
  }

  /** "Badr Jamous" → "Jamous": what the actor stage resolves once the full name was named. */
  private static String surname(String name) {
    int space = name.lastIndexOf(' ');
    if (space < 0) {
      return null;
    }
    String last = name.substring(space + 1);
    int hyphen = last.lastIndexOf('-');
    String bare = hyphen >= 0 ? last.substring(hyphen + 1) : last;
    return last.length() > 2
            && !ArticleActorFinder.PARTICLES.contains(bare.toLowerCase(Locale.ROOT))
            && Character.isUpperCase(last.charAt(0))
        ? last
        : null;
  }
}
