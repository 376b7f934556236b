package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.actors.ActorText.SentenceSpan;
import org.parley.actors.QuoteMarks.Quotation;
import org.parley.actors.TextCursor.Word;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TextOptions;

class TextCursorTest {
  private static final ArticleAnalyzer ANALYZER =
      new ArticleAnalyzer(new TextOptions(2000, List.of()));

  @Test
  void wordsJumpOverTheInsideOfQuotations() {
    String text = "Nasr al-Hariri called the plan “a joke, nothing more” and left the U.N. talks.";
    TextCursor cursor = cursor(text);
    List<String> words = cursor.words(0, text.length()).stream().map(Word::lower).toList();
    assertEquals(
        List.of("nasr", "al-hariri", "called", "the", "plan", "and", "left", "the", "u.n", "talks"),
        words);
  }

  @Test
  void wordsAtAndEndingAtAnOffsetJoinAcrossHyphensApostrophesAndDots() {
    String text = "It’s al-Hariri, the U.N. envoy said.";
    TextCursor cursor = cursor(text);
    assertEquals("it’s", cursor.wordAt(0, text.length()).lower());
    int comma = text.indexOf(',');
    Word hariri = cursor.wordEndingAt(comma, 0);
    assertEquals("al-hariri", hariri.lower());
    assertEquals(text.indexOf("al-"), hariri.start());
    assertNull(cursor.wordEndingAt(comma + 1, 0), "no word ends at a comma");
    assertEquals("u.n", cursor.wordAt(text.indexOf("U.N."), text.length()).lower());
    assertEquals(comma, cursor.backOverSpaces(comma, 0));
    assertEquals(text.indexOf("the"), cursor.skipSeparators(comma, text.length()));
  }

  @Test
  void sentencesAreRejoinedAcrossASplitAfterATitleButNotAfterAnAcronym() {
    String text =
        "Mr. de Mistura said: “The talks are over.” The envoy left the U.N. Russia stayed.";
    int mr = text.indexOf("de Mistura");
    int envoy = text.indexOf("The envoy");
    int russia = text.indexOf("Russia");
    // A splitter that cuts after every full stop: "Mr." | "de Mistura … over.”" | "The envoy …
    // U.N." | "Russia stayed."
    List<SentenceSpan> split =
        List.of(
            new SentenceSpan(0, 0, 3),
            new SentenceSpan(1, mr, envoy - 1),
            new SentenceSpan(2, envoy, russia - 1),
            new SentenceSpan(3, russia, text.length()));
    TextCursor cursor = new TextCursor(text, QuoteMarks.scan(text), split);
    Quotation q = QuoteMarks.scan(text).get(0);
    assertEquals(0, cursor.sentenceStart(q.open(), q), "rejoined across Mr.");
    assertEquals(envoy - 1, cursor.sentenceEnd(q.open(), q));
    assertEquals(russia, cursor.sentenceStart(russia + 2, q), "U.N. ends its sentence");
    assertTrue(cursor.isAbbreviationDot(2, 0), "Mr.");
    assertTrue(cursor.isAbbreviationDot(russia - 2, envoy), "U.N.");
    assertFalse(cursor.isAbbreviationDot(text.indexOf("over.") + 4, 0), "over.");
  }

  @Test
  void aQuotationOpensItsSentenceWhenOnlySpaceOrABulletPrecedesIt() {
    String text = "The talks ended. • “We will not go,” Jamous said. He said “no”.";
    TextCursor cursor = cursor(text);
    List<Quotation> quotes = QuoteMarks.scan(text);
    assertTrue(cursor.opensSentence(quotes.get(0)));
    assertFalse(cursor.opensSentence(quotes.get(1)));
  }

  @Test
  void quotationContainingAndFollowsQuote() {
    String text = "“We will not go,” said Jamous, “not now.”";
    TextCursor cursor = cursor(text);
    assertEquals(0, cursor.quotationContaining(text.indexOf("will")));
    assertEquals(-1, cursor.quotationContaining(text.indexOf("said")));
    assertEquals(1, cursor.quotationContaining(text.indexOf("now")));
    assertTrue(cursor.followsQuote(text.indexOf("said")), "”, said");
    assertFalse(cursor.followsQuote(text.indexOf("Jamous")));
  }

  @Test
  void clauseBreaksAndClauseEnds() {
    String text = "“It is over,” with talks stalled, U.N. envoy Staffan de Mistura told reporters.";
    TextCursor cursor = cursor(text);
    int after = text.indexOf('”') + 1;
    int envoy = text.indexOf("U.N.");
    assertEquals(
        envoy - 1, cursor.lastClauseBreak(after, envoy), "just after the comma before U.N.");
    assertEquals(-1, cursor.lastClauseBreak(after, text.indexOf("talks")));
    assertTrue(
        cursor.clauseEndsAt(text.indexOf(" reporters") + 10, text.length()), "full stop follows");
    assertFalse(cursor.clauseEndsAt(text.indexOf(" told"), text.length()));
  }

  private static TextCursor cursor(String text) {
    List<SentenceSpan> sentences =
        ANALYZER.analyze(text).stream()
            .map(s -> new SentenceSpan(s.index(), s.charStart(), s.charEnd()))
            .toList();
    return new TextCursor(text, QuoteMarks.scan(text), sentences);
  }
}
