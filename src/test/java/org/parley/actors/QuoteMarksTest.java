package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.actors.QuoteMarks.Quotation;

class QuoteMarksTest {
  @Test
  void curlyAndStraightMarksPairWithinTheirParagraph() {
    String text = "Jamous said: “We will not go to Sochi.” He called the congress \"a joke\".";
    List<Quotation> quotes = QuoteMarks.scan(text);
    assertEquals(List.of("We will not go to Sochi.", "a joke"), insides(text, quotes));
    Quotation first = quotes.get(0);
    assertEquals('“', text.charAt(first.open()));
    assertEquals('”', text.charAt(first.close()));
    assertEquals(first.close() + 1, first.after());
    assertEquals(0, first.paraStart());
    assertEquals(text.length(), first.paraEnd());
  }

  @Test
  void insideIsTrimmedAndEmptyPairsAndApostrophesYieldNothing() {
    String text =
        "The regime’s “  ceasefire ” held; \"\" was all the SNC’s envoy wrote, and ‘truce’ too.";
    assertEquals(List.of("ceasefire"), insides(text, QuoteMarks.scan(text)));
  }

  @Test
  void marksOfAnotherStyleInsideAreANestedQuotation() {
    String text = "“They call it \"de-escalation\", we call it a siege,” al-Hariri said.";
    assertEquals(
        List.of("They call it \"de-escalation\", we call it a siege,"),
        insides(text, QuoteMarks.scan(text)));
  }

  @Test
  void anUnclosedMarkIsDroppedUnlessTheNextParagraphOpensAQuotation() {
    String dropped = "He said “we will not go to Sochi.\nThe talks ended on Friday.";
    assertEquals(List.of(), QuoteMarks.scan(dropped));

    String runOn =
        "“We will not go to Sochi.\n“We will stay in Geneva,” Jamous said.\n\nThe talks ended.";
    List<Quotation> quotes = QuoteMarks.scan(runOn);
    assertEquals(
        List.of("We will not go to Sochi.", "We will stay in Geneva,"), insides(runOn, quotes));
    assertFalse(quotes.get(0).closed(), "runs to its paragraph's end");
    assertEquals(runOn.indexOf('\n'), quotes.get(0).insideEnd());
    assertEquals(quotes.get(0).block(), quotes.get(1).block(), "one quotation over two paragraphs");
    assertTrue(quotes.get(1).closed());
  }

  @Test
  void paragraphsOfSeparateQuotationsAreSeparateBlocks() {
    String text = "“We won,” he said.\n“They lost,” she said.";
    List<Quotation> quotes = QuoteMarks.scan(text);
    assertEquals(2, quotes.size());
    assertNotEquals(quotes.get(0).block(), quotes.get(1).block());
  }

  @Test
  void aSecondOpeningMarkRestartsAndAStrayClosingMarkIsIgnored() {
    String restart = "“Before the talks “Real quote,” said Jamous.";
    assertEquals(List.of("Real quote,"), insides(restart, QuoteMarks.scan(restart)));

    String stray = "The plan” failed. “Yes,” he said.";
    assertEquals(List.of("Yes,"), insides(stray, QuoteMarks.scan(stray)));
  }

  @Test
  void aStraightMarkAfterALetterOrDigitDoesNotOpen() {
    String text = "The 6\" shells hit Douma, which the Observatory called \"a massacre\".";
    assertEquals(List.of("a massacre"), insides(text, QuoteMarks.scan(text)));
  }

  @Test
  void mixedTypographyAndGuillemets() {
    String mixed = "“We will win,\" said Jamous. «Nous gagnerons», a dit le ministre.";
    assertEquals(List.of("We will win,", "Nous gagnerons"), insides(mixed, QuoteMarks.scan(mixed)));
  }

  private static List<String> insides(String text, List<Quotation> quotes) {
    return quotes.stream().map(q -> text.substring(q.start(), q.end())).toList();
  }
}
