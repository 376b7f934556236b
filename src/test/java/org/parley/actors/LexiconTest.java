package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.ActorText.SentenceSpan;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TermRules;
import org.parley.text.TextOptions;

/**
 * Name discovery and quote attribution read one lexicon: every speech verb and every title in it
 * works in both, on the names NameFinder itself finds.
 */
class LexiconTest {
  private static final ArticleAnalyzer ANALYZER =
      new ArticleAnalyzer(new TextOptions(2000, List.of()));
  private static final NameFinder FINDER = new NameFinder(TermRules.builtInStopWords(), Set.of());

  @Test
  void theListsAreLoadedInLowerCaseAndKeepTheirRoles() {
    assertTrue(
        Lexicon.SPEECH_VERBS.containsAll(Set.of("said", "told", "warned", "confirmed", "tweeted")));
    assertTrue(Lexicon.SPEECH_PARTICIPLES.containsAll(Set.of("saying", "adding", "warning")));
    assertTrue(
        Lexicon.TITLES.containsAll(
            Set.of("president", "foreign", "minister", "mr", "gen", "sgt", "gov")));
    assertTrue(Lexicon.ABBREVIATIONS.containsAll(Set.of("mr", "gen", "jr", "st")));
    assertTrue(Lexicon.PEOPLE_NOUNS.containsAll(Set.of("journalist", "refugees", "citizens")));
    // The state's own people are not "people nouns": "Russian soldiers" names Russia.
    assertFalse(Lexicon.PEOPLE_NOUNS.contains("soldiers"));
    // "st" and "jr" shorten no title before a name: "St Petersburg" keeps its first word.
    assertFalse(Lexicon.TITLES.contains("st"));
    for (Set<String> words :
        List.of(
            Lexicon.SPEECH_VERBS,
            Lexicon.SPEECH_PARTICIPLES,
            Lexicon.TITLES,
            Lexicon.ABBREVIATIONS,
            Lexicon.PEOPLE_NOUNS)) {
      assertTrue(words.stream().allMatch(w -> w.matches("[a-z]+")), words.toString());
    }
  }

  @Test
  void everySpeechVerbMakesANamePersonAndAttributesAQuoteToIt() {
    for (String verb : Lexicon.SPEECH_VERBS) {
      String text = "“We will not go to Sochi,” Ahmed Ramadan " + verb + " on Friday.";
      Article a = new Article(text);
      Name name = a.name("Ahmed Ramadan");
      assertEquals("PERSON", name.guessedType(), verb + ": " + a.names);
      Quote q = a.quote();
      assertEquals("Ahmed Ramadan", q.speakerSurface(), verb + ": " + q);
      assertEquals(QuoteAttribution.SPEAKER_THEN_VERB, q.attribution(), verb + ": " + q);
    }
  }

  @Test
  void aSpeechVerbFromTheOldQuoteListNowTypesTheNameAPersonForPronouns() {
    // "confirmed" was only in the quote list: the name stayed UNKNOWN, so "he" resolved to nobody.
    String text = "Ahmed Ramadan confirmed the talks had failed. “We will not go,” he said.";
    Article a = new Article(text);
    assertEquals("PERSON", a.name("Ahmed Ramadan").guessedType());
    Quote q = a.quote();
    assertEquals(QuoteAttribution.PRONOUN, q.attribution());
    assertEquals("he", q.speakerSurface());
    assertEquals(text.indexOf("he said"), q.speakerCharStart());
  }

  @Test
  void everyTitleIsStrippedFromANameAndStandsBeforeTheSpeakerInAnAppositive() {
    for (String title : Lexicon.TITLES) {
      String word = Character.toUpperCase(title.charAt(0)) + title.substring(1);
      String text =
          "The head of the SNC, " + word + " Nasr al-Hariri, said “the regime is not serious”.";
      Article a = new Article(text).mention("SNC", "snc", "ORGANIZATION");
      Name name = a.name("Nasr al-Hariri");
      assertEquals("PERSON", name.guessedType(), title + ": " + a.names);
      Quote q = a.quote();
      // Before the shared lexicon "Brigadier" or "Former" was no title to quotes: the SNC spoke.
      assertEquals("Nasr al-Hariri", q.speakerSurface(), title + ": " + q);
      assertEquals(QuoteAttribution.SPEAKER_BEFORE_QUOTE, q.attribution(), title + ": " + q);
    }
  }

  /** One article: its sentences, the names NameFinder finds in them, and dictionary mentions. */
  private static final class Article {
    final String text;
    final List<SentenceSpan> sentences = new ArrayList<>();
    final List<Name> names = new ArrayList<>();
    final List<Mention> mentions = new ArrayList<>();

    Article(String text) {
      this.text = text;
      for (ArticleAnalyzer.Sentence s : ANALYZER.analyze(text)) {
        sentences.add(new SentenceSpan(s.index(), s.charStart(), s.charEnd()));
        List<NameFinder.Token> tokens = new ArrayList<>();
        for (ArticleAnalyzer.Token t : s.tokens()) {
          tokens.add(
              new NameFinder.Token(
                  t.surface(), t.charStart(), t.charEnd(), t.afterPunctuation(), false));
        }
        names.addAll(FINDER.find(text, s.index(), tokens));
      }
    }

    Article mention(String surface, String actorId, String type) {
      int at = text.indexOf(surface);
      mentions.add(new Mention(0, actorId, type, surface, at, at + surface.length(), "alias"));
      names.removeIf(n -> n.charStart() < at + surface.length() && at < n.charEnd());
      return this;
    }

    Name name(String surface) {
      return names.stream()
          .filter(n -> n.surface().equals(surface))
          .findFirst()
          .orElseThrow(() -> new AssertionError(surface + " not found in " + names));
    }

    Quote quote() {
      List<Quote> quotes = QuoteAttribution.find(text, sentences, mentions, names);
      assertEquals(1, quotes.size(), quotes.toString());
      return quotes.get(0);
    }
  }
}
