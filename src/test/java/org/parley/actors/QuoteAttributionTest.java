package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.ActorText.SentenceSpan;
import org.parley.ingest.ArticleText;
import org.parley.ingest.PublishedDates;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TextOptions;

class QuoteAttributionTest {
  private static final ArticleAnalyzer ANALYZER =
      new ArticleAnalyzer(new TextOptions(2000, List.of()));

  // ------------------------------------------------------------------ seeds

  @Test
  void seed000ThreeQuotesAllBadrJamous() throws IOException {
    Article a =
        new Article(seed("000"))
            .actor("Badr Jamous", "badr_jamous", "PERSON", "alias")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Bashar al Assad", "bashar_al_assad", "PERSON", "alias")
            .actor("Assad", "bashar_al_assad", "PERSON", "surname")
            .actor("Geir O. Pedersen", "geir_pedersen", "PERSON", "alias")
            .actor("Syrian Negotiations Committee", "snc", "ORGANIZATION", "alias")
            .actor("Arab League", "arab_league", "IGO", "alias")
            .actor("United Nations", "un", "IGO", "alias")
            .actor("UN", "un", "IGO", "alias")
            .actor("US", "usa", "STATE", "alias")
            .actor("Russia", "russia", "STATE", "alias")
            .actor("TRT World", "trt", "MEDIA", "alias")
            .actor("Gaza", "gaza", "PLACE", "alias");
    List<Quote> quotes = a.quotes();

    assertEquals(3, quotes.size());
    assertQuote(a, quotes.get(0), "It’s not the US", "badr_jamous", "he", QuoteAttribution.PRONOUN);
    assertQuote(
        a,
        quotes.get(1),
        "We were not part of those negotiations,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);
    assertQuote(
        a,
        quotes.get(2),
        "Until now we haven’t seen",
        "badr_jamous",
        "he",
        QuoteAttribution.PRONOUN);
    assertTrue(
        quotes.get(2).quoteText().endsWith("any movement on this,"),
        "three sentences in one quote");
  }

  @Test
  void seed001SpokesmenRegimeAndScareQuotes() throws IOException {
    Article a =
        new Article(seed("001"))
            .actor("Bashar al-Assad", "bashar_al_assad", "PERSON", "alias")
            .actor("Bashar al-Jaafari", "bashar_al_jaafari", "PERSON", "alias")
            .actor("Yehya al-Aridi", "yehya_al_aridi", "PERSON", "alias")
            .actor("Syrian National Coalition", "snc_coalition", "ORGANIZATION", "alias")
            .actor("High Negotiations Committee", "hnc", "ORGANIZATION", "alias")
            .actor("United Nations", "un", "IGO", "alias")
            .actor("SANA", "sana", "MEDIA", "alias")
            .actor("Russia", "russia", "STATE", "alias")
            .actor("Moscow", "russia", "STATE", "metonym")
            .actor("Damascus", "syria", "STATE", "metonym")
            .actor("Geneva", "geneva", "PLACE", "alias")
            .name("Ahmed Ramadan", "PERSON")
            .name("Kazakh", "UNKNOWN");
    List<Quote> quotes = a.quotes();

    assertEquals(9, quotes.size());
    assertQuote(
        a,
        quotes.get(0),
        "Congress of Syrian National Dialogue",
        null,
        null,
        QuoteAttribution.NONE);
    assertQuote(a, quotes.get(1), "a joke", null, null, QuoteAttribution.NONE);
    assertQuote(
        a,
        quotes.get(2),
        "Congress of Syrian National Dialogue",
        null,
        null,
        QuoteAttribution.NONE);
    assertQuote(
        a,
        quotes.get(3),
        "will not participate in any negotiations",
        null,
        "Ahmed Ramadan",
        QuoteAttribution.SPEAKER_THEN_VERB);
    assertQuote(
        a,
        quotes.get(4),
        "is a joke in bad taste",
        "yehya_al_aridi",
        "Yehya al-Aridi",
        QuoteAttribution.VERB_THEN_SPEAKER);
    assertQuote(
        a,
        quotes.get(5),
        "We have dozens of reasons",
        "yehya_al_aridi",
        "he",
        QuoteAttribution.PRONOUN);
    assertQuote(
        a,
        quotes.get(6),
        "Russia wants to impose",
        "yehya_al_aridi",
        "he",
        QuoteAttribution.PRONOUN);
    assertQuote(
        a,
        quotes.get(7),
        "of course is ready to participate",
        "bashar_al_jaafari",
        "Bashar al-Jaafari",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
    assertQuote(a, quotes.get(8), "de-escalation", null, null, QuoteAttribution.NONE);
  }

  @Test
  void seed002RemarkingThatGoesToTheSentenceSubject() throws IOException {
    Article a =
        new Article(seed("002"))
            .actor("Ahmed Tohmeh", "ahmed_tohmeh", "PERSON", "alias")
            .actor("Tohmeh", "ahmed_tohmeh", "PERSON", "surname")
            .actor("Rudaw", "rudaw", "MEDIA", "alias")
            .actor("Russia", "russia", "STATE", "alias")
            .actor("United Nations", "un", "IGO", "alias")
            .actor("Damascus", "syria", "STATE", "metonym")
            .actor("Ankara", "turkey", "STATE", "metonym");
    List<Quote> quotes = a.quotes();

    assertEquals(1, quotes.size());
    assertQuote(
        a,
        quotes.get(0),
        "these circumstances may present",
        "ahmed_tohmeh",
        "He",
        QuoteAttribution.PRONOUN);
  }

  @Test
  void seed003JamousLeafAndTheSncSource() throws IOException {
    Article a =
        new Article(seed("003"))
            .actor("Syrian Negotiating Commission", "snc", "ORGANIZATION", "alias")
            .actor("SNC", "snc", "ORGANIZATION", "alias")
            .actor("Barbara Leaf", "barbara_leaf", "PERSON", "alias")
            .actor("Leaf", "barbara_leaf", "PERSON", "surname")
            .actor("Badr Jamous", "badr_jamous", "PERSON", "alias")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Hadi Al-Bahra", "hadi_al_bahra", "PERSON", "alias")
            .actor("Hakan Fidan", "hakan_fidan", "PERSON", "alias")
            .actor("Assad", "bashar_al_assad", "PERSON", "surname")
            .actor("United Nations General Assembly", "unga", "IGO", "alias")
            .actor("US", "usa", "STATE", "alias")
            .name("Natasha Franceschi", "PERSON")
            .name("Nicholas Granger", "PERSON")
            .name("Abdulrahman Mustafa", "PERSON")
            .name("Jean-François Guillaume", "PERSON");
    List<Quote> quotes = a.quotes();

    assertEquals(7, quotes.size());
    assertQuote(
        a,
        quotes.get(0),
        "We need all active countries",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);
    assertQuote(
        a,
        quotes.get(1),
        "It’s imperative to stop",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.CONTINUATION);
    assertEquals(
        quotes.get(0).speakerCharStart(), quotes.get(1).speakerCharStart(), "same speaker words");
    assertQuote(
        a,
        quotes.get(2),
        "The US supports the political process",
        "barbara_leaf",
        "Leaf",
        QuoteAttribution.SPEAKER_THEN_VERB);
    assertQuote(
        a,
        quotes.get(3),
        "the leadership of the Commission",
        "snc",
        "SNC",
        QuoteAttribution.ACCORDING_TO);
    // "The source revealed that …": a speech verb with no named subject continues the SNC source.
    assertQuote(
        a,
        quotes.get(4),
        "effective collective pressure operations",
        "snc",
        "SNC",
        QuoteAttribution.CONTINUATION);
    assertQuote(
        a,
        quotes.get(5),
        "The current aid available",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_THEN_VERB);
    assertQuote(
        a,
        quotes.get(6),
        "The international community must assume",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
    assertTrue(
        quotes.get(6).quoteText().endsWith("political process forward."),
        "quote spans two sentences");
  }

  @Test
  void seed004DeMisturaAndHariri() throws IOException {
    Article a =
        new Article(seed("004"))
            .actor("Staffan de Mistura", "staffan_de_mistura", "PERSON", "alias")
            .actor("de Mistura", "staffan_de_mistura", "PERSON", "surname")
            .actor("Nasr al-Hariri", "nasr_al_hariri", "PERSON", "alias")
            .actor("al-Hariri", "nasr_al_hariri", "PERSON", "surname")
            .actor("Bashar Assad", "bashar_al_assad", "PERSON", "alias")
            .actor("Assad", "bashar_al_assad", "PERSON", "surname")
            .actor("Syrian opposition", "syrian_opposition", "ORGANIZATION", "alias")
            .actor("United Nations", "un", "IGO", "alias")
            .actor("U.N.", "un", "IGO", "alias")
            .actor("Syria", "syria", "STATE", "alias")
            .actor("Damascus", "syria", "STATE", "metonym")
            .actor("Russia", "russia", "STATE", "alias")
            .actor("Geneva", "geneva", "PLACE", "alias")
            .name("Carlo Muñoz", "PERSON");
    List<Quote> quotes = a.quotes();

    assertEquals(5, quotes.size());
    assertQuote(
        a,
        quotes.get(0),
        "I am being very pragmatic",
        "staffan_de_mistura",
        "Staffan de Mistura",
        QuoteAttribution.SPEAKER_AFTER_QUOTE);
    assertQuote(
        a,
        quotes.get(1),
        "a golden opportunity",
        "staffan_de_mistura",
        "de Mistura",
        QuoteAttribution.SPEAKER_AFTER_QUOTE);
    // The appositive holds an ORGANIZATION mention ("Syrian opposition"); the subject is al-Hariri.
    assertQuote(
        a,
        quotes.get(2),
        "credibility of the international community at stake,",
        "nasr_al_hariri",
        "Nasr al-Hariri",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
    // "adding Damascus’ efforts at “…”": a participle takes the sentence's subject, not its object.
    assertQuote(
        a,
        quotes.get(3),
        "sabotaging the political process",
        "nasr_al_hariri",
        "Nasr al-Hariri",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
    assertQuote(
        a,
        quotes.get(4),
        "I don’t think that another round",
        "nasr_al_hariri",
        "al-Hariri",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
  }

  @Test
  void everySeedQuoteSlicesExactlyAndSpeakerWordsAreInTheText() throws IOException {
    for (String id : List.of("000", "001", "002", "003", "004")) {
      String text = seed(id);
      Article a = new Article(text).actor("Jamous", "badr_jamous", "PERSON", "surname");
      List<Quote> quotes = a.quotes();
      assertTrue(!quotes.isEmpty(), id);
      for (int i = 0; i < quotes.size(); i++) {
        Quote q = quotes.get(i);
        assertEquals(i, q.quoteIndex(), id);
        assertEquals(q.quoteText(), text.substring(q.charStart(), q.charEnd()), id);
        assertTrue(
            QuoteAttribution.isDoubleMark(text.charAt(q.charStart() - 1)),
            id + " mark before " + q);
        assertTrue(
            QuoteAttribution.isDoubleMark(text.charAt(q.charEnd())), id + " mark after " + q);
        if (q.speakerSurface() != null) {
          assertEquals(
              q.speakerSurface(), text.substring(q.speakerCharStart(), q.speakerCharEnd()), id);
        }
        if (i > 0) {
          assertTrue(quotes.get(i - 1).charEnd() < q.charStart(), id + " text order");
        }
      }
    }
  }

  // ------------------------------------------------------------------ patterns

  @Test
  void verbThenSpeaker() {
    Article a =
        new Article("\"We will not go,\" said Jamous on Friday.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        a,
        a.only(),
        "We will not go,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);

    Article mr =
        new Article("“It is over,” said Mr. de Mistura.")
            .actor("de Mistura", "staffan_de_mistura", "PERSON", "surname");
    assertQuote(
        mr,
        mr.only(),
        "It is over,",
        "staffan_de_mistura",
        "de Mistura",
        QuoteAttribution.VERB_THEN_SPEAKER);
  }

  @Test
  void speakerThenVerbWithTitleWordsAndUnknownName() {
    Article a =
        new Article("\"We will not go,\" spokesman Ahmed Ramadan said.")
            .name("Ahmed Ramadan", "PERSON");
    Quote q = a.only();
    assertQuote(a, q, "We will not go,", null, "Ahmed Ramadan", QuoteAttribution.SPEAKER_THEN_VERB);
    assertEquals(a.text.indexOf("Ahmed"), q.speakerCharStart());

    Article state =
        new Article("“No,” Russia said, ending the talks.")
            .actor("Russia", "russia", "STATE", "alias");
    assertQuote(state, state.only(), "No,", "russia", "Russia", QuoteAttribution.SPEAKER_THEN_VERB);

    Article appositive =
        new Article("“No,” Jamous, the head of the SNC, said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("SNC", "snc", "ORGANIZATION", "alias");
    assertQuote(
        appositive,
        appositive.only(),
        "No,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_THEN_VERB);
  }

  @Test
  void aPlaceIsNeverASpeaker() {
    Article a =
        new Article("“We are ready,” Geneva said.")
            .actor("Geneva", "geneva", "PLACE", "alias")
            .name("Geneva", "PLACE");
    assertQuote(a, a.only(), "We are ready,", null, null, QuoteAttribution.NONE);
  }

  @Test
  void speakerBeforeQuote() {
    Article colon =
        new Article("Jamous said: \"We will not go.\"")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        colon,
        colon.only(),
        "We will not go.",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);

    Article replied =
        new Article("Mr. al-Hariri replied: “No.”")
            .actor("al-Hariri", "nasr_al_hariri", "PERSON", "surname");
    assertQuote(
        replied,
        replied.only(),
        "No.",
        "nasr_al_hariri",
        "al-Hariri",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);

    Article as =
        new Article("As Jamous concluded, “The talks are over.”")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        as,
        as.only(),
        "The talks are over.",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);

    Article auxiliary =
        new Article("Jamous has also said that the regime is \"not serious\".")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        auxiliary,
        auxiliary.only(),
        "not serious",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
  }

  @Test
  void speakerBeforeQuoteAcrossAppositives() {
    Article after =
        new Article(
                "Jamous, head of the Syrian opposition, said the regime \"cannot be trusted\" at all.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Syrian opposition", "syrian_opposition", "ORGANIZATION", "alias");
    assertQuote(
        after,
        after.only(),
        "cannot be trusted",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);

    Article inside =
        new Article("The head of the delegation, Bashar al-Jaafari, said the regime \"is ready\".")
            .actor("Bashar al-Jaafari", "bashar_al_jaafari", "PERSON", "alias");
    assertQuote(
        inside,
        inside.only(),
        "is ready",
        "bashar_al_jaafari",
        "Bashar al-Jaafari",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
  }

  @Test
  void participleTakesTheSentenceSubject() {
    Article a =
        new Article("Jamous said the regime \"lies,\" adding Damascus was \"not serious\".")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Damascus", "syria", "STATE", "metonym");
    List<Quote> quotes = a.quotes();
    assertEquals(2, quotes.size());
    assertQuote(
        a, quotes.get(0), "lies,", "badr_jamous", "Jamous", QuoteAttribution.SPEAKER_BEFORE_QUOTE);
    assertQuote(
        a,
        quotes.get(1),
        "not serious",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);

    Article pronoun =
        new Article("Jamous arrived. He was calm, noting that “the regime is weak.”")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        pronoun,
        pronoun.only(),
        "the regime is weak.",
        "badr_jamous",
        "He",
        QuoteAttribution.PRONOUN);
  }

  @Test
  void speakerLaterInTheSentence() {
    Article start =
        new Article(
                "“I am very disappointed” with the regime, U.N. envoy Staffan de Mistura told reporters.")
            .actor("Staffan de Mistura", "staffan_de_mistura", "PERSON", "alias")
            .actor("U.N.", "un", "IGO", "alias");
    assertQuote(
        start,
        start.only(),
        "I am very disappointed",
        "staffan_de_mistura",
        "Staffan de Mistura",
        QuoteAttribution.SPEAKER_AFTER_QUOTE);

    Article middle =
        new Article(
                "The regime squandered “a golden opportunity” to end the war, Mr. de Mistura said.")
            .actor("de Mistura", "staffan_de_mistura", "PERSON", "surname");
    assertQuote(
        middle,
        middle.only(),
        "a golden opportunity",
        "staffan_de_mistura",
        "de Mistura",
        QuoteAttribution.SPEAKER_AFTER_QUOTE);

    Article inverted =
        new Article(
                "The regime squandered “a golden opportunity” to end the war, said Mr. de Mistura.")
            .actor("de Mistura", "staffan_de_mistura", "PERSON", "surname");
    assertQuote(
        inverted,
        inverted.only(),
        "a golden opportunity",
        "staffan_de_mistura",
        "de Mistura",
        QuoteAttribution.SPEAKER_AFTER_QUOTE);

    // Without a comma the verb belongs to the main clause, not to a trailing attribution.
    Article noClause =
        new Article("The so-called “peace plan” Russia said it backs was dropped.")
            .actor("Russia", "russia", "STATE", "alias");
    assertQuote(noClause, noClause.only(), "peace plan", null, null, QuoteAttribution.NONE);
  }

  @Test
  void speakerBeforeTheQuoteBeatsAnAttributionLaterInTheSentence() {
    Article a =
        new Article(
                "Jaafari said the regime \"is ready\" to talk, the official SANA news agency reported.")
            .actor("Jaafari", "bashar_al_jaafari", "PERSON", "surname")
            .actor("SANA news agency", "sana", "MEDIA", "alias");
    assertQuote(
        a,
        a.only(),
        "is ready",
        "bashar_al_jaafari",
        "Jaafari",
        QuoteAttribution.SPEAKER_BEFORE_QUOTE);
  }

  @Test
  void accordingTo() {
    Article before =
        new Article("According to an SNC source, “the talks failed.”")
            .actor("SNC", "snc", "ORGANIZATION", "alias");
    assertQuote(
        before, before.only(), "the talks failed.", "snc", "SNC", QuoteAttribution.ACCORDING_TO);

    Article after =
        new Article("\"The talks failed,\" according to the SNC.")
            .actor("SNC", "snc", "ORGANIZATION", "alias");
    assertQuote(
        after, after.only(), "The talks failed,", "snc", "SNC", QuoteAttribution.ACCORDING_TO);
  }

  @Test
  void pronounResolvesToTheMostRecentPersonOutsideQuotes() {
    Article a =
        new Article("Jamous spoke in Geneva. \"Assad must go,\" he said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Assad", "bashar_al_assad", "PERSON", "surname");
    Quote q = a.only();
    assertQuote(a, q, "Assad must go,", "badr_jamous", "he", QuoteAttribution.PRONOUN);
    assertEquals(a.text.indexOf(" he ") + 1, q.speakerCharStart());
    assertEquals(q.speakerCharStart() + 2, q.speakerCharEnd());

    Article later =
        new Article("Assad spoke first. Then Jamous arrived. “No,” he said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Assad", "bashar_al_assad", "PERSON", "surname");
    assertQuote(later, later.only(), "No,", "badr_jamous", "he", QuoteAttribution.PRONOUN);

    Article unknownName =
        new Article("Ahmed Ramadan spoke. “No,” he said.").name("Ahmed Ramadan", "PERSON");
    assertQuote(unknownName, unknownName.only(), "No,", null, "he", QuoteAttribution.PRONOUN);
  }

  @Test
  void pronounWithoutAntecedentKeepsTheWordsOnly() {
    Article a = new Article("“We won,” she said.").actor("SNC", "snc", "ORGANIZATION", "alias");
    assertQuote(a, a.only(), "We won,", null, "she", QuoteAttribution.PRONOUN);
  }

  @Test
  void aPronounMentionFromTheDictionaryWins() {
    String text = "Jamous met Leaf. “No,” he said.";
    Article a =
        new Article(text)
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Leaf", "barbara_leaf", "PERSON", "surname");
    a.mentions.add(
        mention(text, "he", "badr_jamous", "PERSON", "pronoun", text.indexOf("he said")));
    assertQuote(a, a.only(), "No,", "badr_jamous", "he", QuoteAttribution.PRONOUN);
  }

  @Test
  void continuationInTheSameParagraph() {
    Article a =
        new Article("\"We will win,\" said Jamous. \"The regime will fall.\"")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    List<Quote> quotes = a.quotes();
    assertEquals(2, quotes.size());
    assertQuote(
        a,
        quotes.get(1),
        "The regime will fall.",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.CONTINUATION);
    assertEquals(quotes.get(0).speakerCharStart(), quotes.get(1).speakerCharStart());
  }

  @Test
  void continuationStopsAtAnotherPersonAParagraphOrAScareQuote() {
    Article other =
        new Article("\"We will win,\" said Jamous. Leaf disagreed. \"The regime will fall.\"")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Leaf", "barbara_leaf", "PERSON", "surname");
    assertQuote(
        other, other.quotes().get(1), "The regime will fall.", null, null, QuoteAttribution.NONE);

    Article paragraph =
        new Article("\"We will win,\" said Jamous.\n\"The regime will fall.\"")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        paragraph,
        paragraph.quotes().get(1),
        "The regime will fall.",
        null,
        null,
        QuoteAttribution.NONE);

    Article scare =
        new Article("\"We will win,\" said Jamous. The regime calls it \"a joke\".")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(scare, scare.quotes().get(1), "a joke", null, null, QuoteAttribution.NONE);
  }

  @Test
  void aQuoteWithAnUnresolvedTagOfItsOwnDoesNotContinue() {
    Article a =
        new Article("\"We will win,\" said Jamous. \"It is over,\" the activist said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(a, a.quotes().get(1), "It is over,", null, null, QuoteAttribution.NONE);
  }

  @Test
  void tagsWithoutCommasAsInFaKes() {
    Article opens =
        new Article("Jamous spoke. \"We will not go\" he said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        opens, opens.only(), "We will not go", "badr_jamous", "he", QuoteAttribution.PRONOUN);

    Article closes =
        new Article("Samples have \"tested positive for sarin\" Ambassador Matthew Rycroft said.")
            .name("Matthew Rycroft", "PERSON");
    assertQuote(
        closes,
        closes.only(),
        "tested positive for sarin",
        null,
        "Matthew Rycroft",
        QuoteAttribution.SPEAKER_THEN_VERB);

    Article inverted =
        new Article(
                "The toll rose \"Dozens died\" said the Syrian Observatory which counts the dead.")
            .actor("Syrian Observatory", "sohr", "ORGANIZATION", "alias");
    assertQuote(
        inverted,
        inverted.only(),
        "Dozens died",
        "sohr",
        "Syrian Observatory",
        QuoteAttribution.VERB_THEN_SPEAKER);
  }

  @Test
  void scareQuotesTitlesAndPassiveVerbsHaveNoSpeaker() {
    Article a =
        new Article(
                "Russia calls the plan \"a joke\", and the \"Congress of Syrian National Dialogue\" "
                    + "was announced by Moscow.")
            .actor("Russia", "russia", "STATE", "alias")
            .actor("Moscow", "russia", "STATE", "metonym");
    List<Quote> quotes = a.quotes();
    assertEquals(2, quotes.size());
    assertQuote(a, quotes.get(0), "a joke", null, null, QuoteAttribution.NONE);
    assertQuote(
        a,
        quotes.get(1),
        "Congress of Syrian National Dialogue",
        null,
        null,
        QuoteAttribution.NONE);
  }

  @Test
  void aQuoteEndingItsSentenceNeedsACompleteTag() {
    Article next =
        new Article("Jamous spoke. “We won.” Leaf said the talks failed.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname")
            .actor("Leaf", "barbara_leaf", "PERSON", "surname");
    assertQuote(next, next.only(), "We won.", null, null, QuoteAttribution.NONE);

    Article tag =
        new Article("“Why now?” Leaf asked.").actor("Leaf", "barbara_leaf", "PERSON", "surname");
    assertQuote(
        tag, tag.only(), "Why now?", "barbara_leaf", "Leaf", QuoteAttribution.SPEAKER_THEN_VERB);
  }

  @Test
  void unbalancedMarks() {
    assertEquals(
        List.of(),
        new Article("He called it \"a joke. Then he left.").quotes(),
        "unclosed: no quote");
    assertEquals(
        List.of(),
        new Article("The talks” failed and 5'10\" is a height.").quotes(),
        "stray closers");

    Article restart =
        new Article("“Unclosed “Real quote,” said Jamous.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        restart,
        restart.only(),
        "Real quote,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);

    Article next =
        new Article("He called it \"a joke.\n\"We will win,\" said Jamous.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        next,
        next.quotes().get(0),
        "a joke.",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.CONTINUATION);

    Article noNext =
        new Article("He called it \"a joke.\nJamous left.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertEquals(List.of(), noNext.quotes(), "unclosed before a paragraph that opens no quote");
  }

  @Test
  void aQuotationOverSeveralParagraphsTakesItsLaterAttribution() {
    Article a =
        new Article("Jamous spoke.\n“The regime has failed.\n\n“It must go,” he said.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    List<Quote> quotes = a.quotes();
    assertEquals(2, quotes.size());
    assertQuote(
        a,
        quotes.get(0),
        "The regime has failed.",
        "badr_jamous",
        "he",
        QuoteAttribution.CONTINUATION);
    assertQuote(a, quotes.get(1), "It must go,", "badr_jamous", "he", QuoteAttribution.PRONOUN);
  }

  @Test
  void nestedAdjacentMixedAndEmptyQuotes() {
    Article nested =
        new Article("“He called it \"a joke\" today,” said Jamous.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        nested,
        nested.only(),
        "He called it \"a joke\" today,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);

    List<Quote> adjacent =
        new Article("The words \"war\" \"peace\" and “hope”“fear” were used.").quotes();
    assertEquals(
        List.of("war", "peace", "hope", "fear"), adjacent.stream().map(Quote::quoteText).toList());
    assertEquals(List.of(0, 1, 2, 3), adjacent.stream().map(Quote::quoteIndex).toList());

    Article mixed =
        new Article("“We will win,\" said Jamous.")
            .actor("Jamous", "badr_jamous", "PERSON", "surname");
    assertQuote(
        mixed,
        mixed.only(),
        "We will win,",
        "badr_jamous",
        "Jamous",
        QuoteAttribution.VERB_THEN_SPEAKER);

    Article guillemets = new Article("« Nous gagnerons », a dit Jamous.");
    assertQuote(guillemets, guillemets.only(), "Nous gagnerons", null, null, QuoteAttribution.NONE);

    assertEquals(List.of(), new Article("He said \"\" and “  ” twice.").quotes(), "empty quotes");
  }

  @Test
  void aSentenceSplitAfterMrIsRejoined() {
    String text = "“It is over,” said Mr. de Mistura.";
    int cut = text.indexOf("Mr.") + 3;
    List<SentenceSpan> split =
        List.of(new SentenceSpan(0, 0, cut), new SentenceSpan(1, cut + 1, text.length()));
    List<Mention> mentions =
        List.of(mention(text, "de Mistura", "staffan_de_mistura", "PERSON", "surname", 0));
    Quote q = QuoteAttribution.find(text, split, mentions, List.of()).get(0);
    assertEquals("staffan_de_mistura", q.speakerActorId());
    assertEquals(QuoteAttribution.VERB_THEN_SPEAKER, q.attribution());
  }

  @Test
  void worksWithoutSentencesMentionsOrNames() {
    String text = "Jamous said: “No.”\n“Yes,” he said.";
    List<Mention> mentions =
        List.of(mention(text, "Jamous", "badr_jamous", "PERSON", "surname", 0));
    List<Quote> quotes = QuoteAttribution.find(text, List.of(), mentions, List.of());
    assertEquals("badr_jamous", quotes.get(0).speakerActorId());
    assertEquals("badr_jamous", quotes.get(1).speakerActorId());
    assertEquals(
        QuoteAttribution.NONE, QuoteAttribution.find(text, null, null, null).get(0).attribution());
    assertEquals(List.of(), QuoteAttribution.find("", List.of(), List.of(), List.of()));
  }

  @Test
  void largeArticleStaysLinear() {
    StringBuilder b = new StringBuilder();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      b.append("\"We will win ").append(i).append(",\" said Jamous, and \"a joke\" ");
    }
    String text = b.toString();
    List<Mention> mentions = new ArrayList<>();
    for (int at = text.indexOf("Jamous"); at >= 0; at = text.indexOf("Jamous", at + 1)) {
      mentions.add(new Mention(0, "badr_jamous", "PERSON", "Jamous", at, at + 6, "surname"));
    }
    List<Quote> quotes =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> QuoteAttribution.find(text, List.of(), mentions, List.of()));
    assertEquals(2 * n, quotes.size());
    assertEquals("badr_jamous", quotes.get(2 * n - 2).speakerActorId());
    assertEquals(
        QuoteAttribution.NONE, quotes.get(2 * n - 1).attribution(), "scare quote after a tag");
  }

  // ------------------------------------------------------------------ helpers

  private static void assertQuote(
      Article a, Quote q, String textStart, String actorId, String surface, String attribution) {
    String where = q.toString();
    assertTrue(q.quoteText().startsWith(textStart), where);
    assertEquals(q.quoteText(), a.text.substring(q.charStart(), q.charEnd()), where);
    assertEquals(attribution, q.attribution(), where);
    assertEquals(actorId, q.speakerActorId(), where);
    assertEquals(surface, q.speakerSurface(), where);
    if (surface == null) {
      assertEquals(-1, q.speakerCharStart(), where);
      assertNull(q.speakerActorId(), where);
    } else {
      assertEquals(surface, a.text.substring(q.speakerCharStart(), q.speakerCharEnd()), where);
    }
  }

  /** A seed article as Parley stores it: no date marker, and 001 without its title line. */
  private static String seed(String id) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(Path.of("seeds"))) {
      file =
          files
              .filter(p -> p.getFileName().toString().startsWith(id + "_"))
              .findFirst()
              .orElseThrow();
    }
    String text = ArticleText.clean(Files.readString(file, StandardCharsets.UTF_8));
    PublishedDates.Marker marker = PublishedDates.leadingMarker(text);
    if (marker != null) {
      text = marker.rest().strip();
    }
    if (id.equals("001")) {
      text = text.substring(text.indexOf('\n') + 1).strip();
    }
    return text;
  }

  /** The first whole-word occurrence of {@code surface} at or after {@code from}, as a mention. */
  static Mention mention(
      String text, String surface, String actorId, String type, String method, int from) {
    int at = wholeWord(text, surface, from);
    if (at < 0) {
      throw new IllegalArgumentException(surface + " not in text after " + from);
    }
    return new Mention(0, actorId, type, surface, at, at + surface.length(), method);
  }

  private static int wholeWord(String text, String surface, int from) {
    for (int at = text.indexOf(surface, from); at >= 0; at = text.indexOf(surface, at + 1)) {
      int end = at + surface.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) {
        return at;
      }
    }
    return -1;
  }

  /** An article with real sentences and dictionary mentions / unknown names found by surface. */
  private static final class Article {
    final String text;
    final List<SentenceSpan> sentences;
    final List<Mention> mentions = new ArrayList<>();
    final List<Name> names = new ArrayList<>();

    Article(String text) {
      this.text = text;
      this.sentences =
          ANALYZER.analyze(text).stream()
              .map(s -> new SentenceSpan(s.index(), s.charStart(), s.charEnd()))
              .toList();
    }

    /** Every whole-word occurrence not already covered by a longer mention added before. */
    Article actor(String surface, String actorId, String type, String method) {
      for (int at = wholeWord(text, surface, 0); at >= 0; at = wholeWord(text, surface, at + 1)) {
        Mention m = mention(text, surface, actorId, type, method, at);
        if (mentions.stream()
            .noneMatch(o -> o.charStart() < m.charEnd() && m.charStart() < o.charEnd())) {
          mentions.add(
              new Mention(
                  sentenceOf(at), actorId, type, surface, m.charStart(), m.charEnd(), method));
        }
      }
      return this;
    }

    Article name(String surface, String guessedType) {
      for (int at = wholeWord(text, surface, 0); at >= 0; at = wholeWord(text, surface, at + 1)) {
        names.add(
            new Name(
                sentenceOf(at),
                surface,
                surface.toLowerCase(),
                guessedType,
                at,
                at + surface.length()));
      }
      return this;
    }

    private int sentenceOf(int at) {
      return sentences.stream()
          .filter(s -> s.charStart() <= at && at < s.charEnd())
          .mapToInt(SentenceSpan::index)
          .findFirst()
          .orElse(-1);
    }

    List<Quote> quotes() {
      List<Mention> sorted =
          mentions.stream().sorted(Comparator.comparingInt(Mention::charStart)).toList();
      return QuoteAttribution.find(text, sentences, sorted, names);
    }

    Quote only() {
      List<Quote> quotes = quotes();
      assertEquals(1, quotes.size(), quotes.toString());
      return quotes.get(0);
    }
  }
}
