package org.parley.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.Frames.assertSameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Text transforms on explicit article frames: sentences, tokens, counts, sentence rows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextTransformsTest {
  private static final StructType ARTICLES =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("published_date", DataTypes.DateType, true)
          .add("text", DataTypes.StringType, false);

  private Dataset<Row> analyzed;

  @BeforeAll
  void analyze() {
    Dataset<Row> articles =
        frame(
            ARTICLES,
            row("a1", Date.valueOf("2024-03-01"), "The talks failed. Both sides left Geneva."),
            row("a2", null, "Mr. de Mistura said: talks resume.\nU.N. envoy"));
    analyzed = TextTransforms.analyze(articles, new TextOptions(2000, List.of("envoy"))).cache();
  }

  private static Row token(
      String surface, String term, int start, int end, boolean afterPunctuation) {
    return row(surface, term, start, end, afterPunctuation);
  }

  @Test
  void analyzeAddsSentencesWithTokensAndKeepsTheColumns() {
    assertEquals(
        List.of(
            "article_id",
            "published_date",
            "text",
            "sentences",
            "furniture_chars",
            "furniture_spans"),
        List.of(analyzed.schema().fieldNames()));
    Row a1 = analyzed.filter("article_id = 'a1'").first();
    List<Row> sentences = a1.getList(3);
    assertEquals(2, sentences.size());
    assertEquals("Both sides left Geneva.", sentences.get(1).getAs("text"));
    assertEquals(18, (int) sentences.get(1).getAs("char_start"));
    assertEquals(41, (int) sentences.get(1).getAs("char_end"));
  }

  @Test
  void withTextCountsCountsSentencesAndTokens() {
    Dataset<Row> counted =
        TextTransforms.withTextCounts(analyzed).select("article_id", "n_sentences", "n_tokens");
    // a1: The talks failed | Both sides left Geneva -> 2 sentences, 7 tokens.
    // a2: Mr. de Mistura said: talks resume | U.N. envoy -> 2 sentences (the line break), 8 tokens.
    assertSameRows(counted, row("a1", 2, 7), row("a2", 2, 8));
  }

  @Test
  void sentenceRowsAreOnePerSentenceWithTokensAndOffsets() {
    Dataset<Row> rows = TextTransforms.sentenceRows(analyzed);
    assertEquals(
        List.of(
            "article_id",
            "published_date",
            "sentence_index",
            "char_start",
            "char_end",
            "text",
            "tokens"),
        List.of(rows.schema().fieldNames()));
    Date d = Date.valueOf("2024-03-01");
    assertSameRows(
        rows,
        row(
            "a1",
            d,
            0,
            0,
            17,
            "The talks failed.",
            List.of(
                token("The", null, 0, 3, true),
                token("talks", "talk", 4, 9, false),
                token("failed", "fail", 10, 16, false))),
        row(
            "a1",
            d,
            1,
            18,
            41,
            "Both sides left Geneva.",
            List.of(
                token("Both", null, 18, 22, true),
                token("sides", "side", 23, 28, false),
                token("left", "left", 29, 33, false),
                token("Geneva", "geneva", 34, 40, false))),
        row(
            "a2",
            null,
            0,
            0,
            34,
            "Mr. de Mistura said: talks resume.",
            List.of(
                token("Mr", null, 0, 2, true),
                token("de", "de", 4, 6, true),
                token("Mistura", "mistura", 7, 14, false),
                token("said", null, 15, 19, false),
                token("talks", "talk", 21, 26, true),
                token("resume", "resume", 27, 33, false))),
        row(
            "a2",
            null,
            1,
            35,
            45,
            "U.N. envoy",
            List.of(token("U.N", "un", 35, 38, true), token("envoy", null, 40, 45, true))));
  }
}
