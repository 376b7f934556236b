package org.parley.actors;

import java.util.Set;
import org.parley.text.WordLists;

/**
 * The English words the actor stage reads attribution from: speech verbs and titles; and the people
 * nouns before which a demonym names no state. Name discovery ({@link NameFinder}) and quote
 * attribution ({@link QuoteAttribution}) both read these sets, so a verb or title added here counts
 * for both. The words live in {@code src/main/resources/org/parley/actors/lexicon/*.txt} (lower
 * case, several a line, '#' comments) and are loaded once per JVM.
 */
public final class Lexicon {
  private Lexicon() {}

  static final String RESOURCE_DIR = "/org/parley/actors/lexicon/";

  /** Finite speech verbs: said, says, told, warned… */
  public static final Set<String> SPEECH_VERBS = load("speech-verbs.txt");

  /** Speech verbs as participles: saying, adding, warning… */
  public static final Set<String> SPEECH_PARTICIPLES = load("speech-participles.txt");

  /** Words of a title before a name: president, foreign, minister, mr, gen, former… */
  public static final Set<String> TITLES = load("titles.txt");

  /** Abbreviations whose full stop ends no sentence: mr, gen, jr… (without the stop). */
  public static final Set<String> ABBREVIATIONS = load("abbreviations.txt");

  /** Nouns for people a demonym describes, not its state: journalist, refugees, citizens… */
  public static final Set<String> PEOPLE_NOUNS = load("people-nouns.txt");

  private static Set<String> load(String file) {
    return WordLists.load(RESOURCE_DIR + file);
  }
}
