package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.ActorText.SentenceSpan;
import org.parley.actors.QuoteMarks.Quotation;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TextOptions;

class AttributionRulesTest {
  private static final ArticleAnalyzer ANALYZER =
      new ArticleAnalyzer(new TextOptions(2000, List.of()));

  @Test
  void aVerbAfterTheQuoteTakesTheSpeakerPastHisTitle() {
    Quote q = only("“It is over,” said U.N. envoy Staffan de Mistura.", "Staffan de Mistura");
    assertEquals(QuoteAttribution.VERB_THEN_SPEAKER, q.attribution());
    assertEquals("staffan_de_mistura", q.speakerActorId());
  }

  @Test
  void aPassiveVerbIsNoAttribution() {
    Quote q =
        only(
            "“The ceasefire holds” was announced by Staffan de Mistura on Friday.",
            "Staffan de Mistura");
    assertEquals(QuoteAttribution.NONE, q.attribution());
    assertNull(q.speakerSurface());
  }

  @Test
  void aParticipleTakesTheSubjectOfItsSentence() {
    Quote q =
        only(
            "Staffan de Mistura left Geneva on Friday, adding that “the regime is not serious”.",
            "Staffan de Mistura");
    assertEquals(QuoteAttribution.SPEAKER_BEFORE_QUOTE, q.attribution());
    assertEquals("Staffan de Mistura", q.speakerSurface());
  }

  @Test
  void aPronounResolvesToTheLastPersonAndContinuationStopsAtAnotherPerson() {
    String text =
        "Staffan de Mistura arrived in Sochi. “We will try,” he said. “Geneva is the place.” "
            + "Nasr al-Hariri disagreed. “Sochi is a trap.”";
    List<Quote> quotes = attribute(text, "Staffan de Mistura", "Nasr al-Hariri");
    assertEquals(3, quotes.size());
    assertEquals(QuoteAttribution.PRONOUN, quotes.get(0).attribution());
    assertEquals("staffan_de_mistura", quotes.get(0).speakerActorId());
    assertEquals("he", quotes.get(0).speakerSurface());
    assertEquals(QuoteAttribution.CONTINUATION, quotes.get(1).attribution());
    assertEquals("staffan_de_mistura", quotes.get(1).speakerActorId());
    assertEquals(
        QuoteAttribution.NONE, quotes.get(2).attribution(), "al-Hariri is named in between");
  }

  private static Quote only(String text, String... persons) {
    List<Quote> quotes = attribute(text, persons);
    assertEquals(1, quotes.size(), quotes.toString());
    return quotes.get(0);
  }

  /** Runs the rules over {@code text} with each of {@code persons} as a PERSON mention. */
  private static List<Quote> attribute(String text, String... persons) {
    List<SentenceSpan> sentences =
        ANALYZER.analyze(text).stream()
            .map(s -> new SentenceSpan(s.index(), s.charStart(), s.charEnd()))
            .toList();
    List<Mention> mentions = new ArrayList<>();
    for (String p : persons) {
      int at = text.indexOf(p);
      String id = p.toLowerCase().replace(' ', '_').replace('-', '_');
      mentions.add(new Mention(0, id, "PERSON", p, at, at + p.length(), "alias"));
    }
    List<Quotation> quotations = QuoteMarks.scan(text);
    TextCursor cursor = new TextCursor(text, quotations, sentences);
    return new AttributionRules(
            cursor, quotations, new SpeakerCandidates(mentions, List.of(), cursor))
        .attribute();
  }
}
