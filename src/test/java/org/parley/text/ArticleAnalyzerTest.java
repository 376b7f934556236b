package org.parley.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sentences (OpenNLP + line breaks) and tokens (Lucene) with offsets into the article text. */
class ArticleAnalyzerTest {
  private final ArticleAnalyzer analyzer = new ArticleAnalyzer(new TextOptions(2000, List.of()));

  private static List<String> texts(List<ArticleAnalyzer.Sentence> sentences) {
    return sentences.stream().map(ArticleAnalyzer.Sentence::text).collect(Collectors.toList());
  }

  private static void assertOffsetsIndexTheText(
      String text, List<ArticleAnalyzer.Sentence> sentences) {
    for (ArticleAnalyzer.Sentence s : sentences) {
      assertEquals(s.text(), text.substring(s.charStart(), s.charEnd()));
      for (ArticleAnalyzer.Token t : s.tokens()) {
        assertEquals(t.surface(), text.substring(t.charStart(), t.charEnd()));
        assertTrue(t.charStart() >= s.charStart() && t.charEnd() <= s.charEnd());
      }
    }
  }

  @Test
  void sentencesSplitByTheModelAndAtLineBreaks() {
    String text =
        "The talks failed. Both sides left Geneva.\nA frustrated UN\n\nNew paragraph here.";
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(text);

    assertEquals(
        List.of(
            "The talks failed.",
            "Both sides left Geneva.",
            "A frustrated UN",
            "New paragraph here."),
        texts(sentences));
    for (int i = 0; i < sentences.size(); i++) {
      assertEquals(i, sentences.get(i).index());
    }
    assertOffsetsIndexTheText(text, sentences);
  }

  @Test
  void noSplitAfterMr() {
    String text =
        "As a result, the regime has squandered a golden opportunity, Mr. de Mistura said. "
            + "Talks resume in May.";
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(text);
    assertEquals(
        List.of(
            "As a result, the regime has squandered a golden opportunity, Mr. de Mistura said.",
            "Talks resume in May."),
        texts(sentences));
    assertOffsetsIndexTheText(text, sentences);
  }

  @Test
  void offsetsIndexIntoTheTextWithLeadingSpaceAndUnicode() {
    String text =
        "“It’s not the US or Russia,” he said.   Türkiye hosted the Antalya forum.\n  Indented line.";
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(text);
    assertEquals(3, sentences.size(), texts(sentences).toString());
    assertEquals("Indented line.", sentences.get(2).text());
    assertOffsetsIndexTheText(text, sentences);
  }

  @Test
  void hyphenatedWordsAreOneToken() {
    List<ArticleAnalyzer.Sentence> sentences =
        analyzer.analyze("Troops of Bashar al-Assad entered the de-escalation zone.");
    List<String> surfaces =
        sentences.get(0).tokens().stream()
            .map(ArticleAnalyzer.Token::surface)
            .collect(Collectors.toList());
    assertEquals(
        List.of("Troops", "of", "Bashar", "al-Assad", "entered", "the", "de-escalation", "zone"),
        surfaces);
    List<String> terms =
        sentences.get(0).tokens().stream()
            .map(ArticleAnalyzer.Token::term)
            .collect(Collectors.toList());
    assertEquals(
        java.util.Arrays.asList(
            "troop", null, "bashar", "al-assad", "enter", null, "de-escalation", "zone"),
        terms);
  }

  @Test
  void afterPunctuationMarksTokensThatFollowPunctuation() {
    List<ArticleAnalyzer.Token> tokens =
        analyzer.analyze("Russia, Iran and Turkey (the guarantors) met.").get(0).tokens();
    List<Boolean> flags =
        tokens.stream().map(ArticleAnalyzer.Token::afterPunctuation).collect(Collectors.toList());
    // Russia | , Iran | and | Turkey | ( the | guarantors | ) met
    assertEquals(List.of(true, true, false, false, true, false, true), flags);
  }

  @Test
  void termsFollowTheRules() {
    List<ArticleAnalyzer.Token> tokens =
        analyzer
            .analyze(
                "The U.N. talks on Resolution 2254 and Assad's negotiations with the United Nations.")
            .get(0)
            .tokens();
    List<String> terms =
        tokens.stream().map(ArticleAnalyzer.Token::term).collect(Collectors.toList());
    assertNull(terms.get(0), "The");
    assertTrue(terms.contains("un"), terms.toString());
    assertTrue(terms.contains("talk"), terms.toString());
    assertTrue(terms.contains("resolution"), terms.toString());
    assertTrue(terms.contains("2254"), terms.toString());
    assertTrue(terms.contains("assad"), terms.toString());
    assertTrue(terms.contains("negotiation"), terms.toString());
    assertTrue(terms.contains("united"), terms.toString());
    assertTrue(terms.contains("nations"), terms.toString());
    assertFalse(terms.contains("unite"), terms.toString());
  }

  @Test
  void longSentencesAreCutAtWhitespace() {
    ArticleAnalyzer small = new ArticleAnalyzer(new TextOptions(50, List.of()));
    String text = "word ".repeat(30).strip(); // 149 characters, no sentence end
    List<ArticleAnalyzer.Sentence> sentences = small.analyze(text);
    assertTrue(sentences.size() >= 3, texts(sentences).toString());
    for (ArticleAnalyzer.Sentence s : sentences) {
      assertTrue(s.text().length() <= 50, s.text());
      assertFalse(s.text().startsWith(" ") || s.text().endsWith(" "));
    }
    assertOffsetsIndexTheText(text, sentences);
    assertEquals(30, sentences.stream().mapToInt(s -> s.tokens().size()).sum());
  }
}
