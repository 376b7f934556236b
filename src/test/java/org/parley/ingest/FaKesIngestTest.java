package org.parley.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.job.ParleyJob;
import org.parley.pipeline.IngestTotals;
import org.parley.tables.Tables;
import org.parley.terms.LongHashSet;
import org.parley.terms.TermTransforms;

/**
 * The FA-KES corpus (804 rows, Windows-1252, CRLF, M/d/yyyy dates, a few undefined 0x81 bytes)
 * through stage ingest with the project's conf/fa-kes.yaml, and the phrase pre-scoring of stage
 * terms on its sentences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaKesIngestTest {
  /** Inputs and outputs of this class\'s runs; JUnit removes it afterwards. */
  @TempDir static Path work;

  private static final String CSV = "src/test/resources/fa-kes/FA-KES-Dataset.csv";
  private final SparkSession spark = SparkTestSupport.spark();
  private Path out;
  private ParleyJob.RunResult result;

  @BeforeAll
  void ingest() {
    out = work.resolve("out");
    ParleyConfig config =
        ConfigLoader.load(
            "conf/fa-kes.yaml",
            Map.of(),
            Map.of(
                "input.paths",
                List.of(CSV),
                "output.path",
                out.toString(),
                "run.stages",
                List.of("ingest")));
    result = new ParleyJob(spark, config).run();
  }

  private Dataset<Row> articles() {
    return spark.read().format("delta").load(out.resolve(Tables.ARTICLES.name()).toString());
  }

  @Test
  void everyRecordIsReadAndNoneRejected() {
    IngestTotals t = result.ingestTotals();
    assertEquals(804, t.recordsRead());
    assertEquals(804, t.accepted() + t.duplicates());
    assertEquals(0, t.rejected());
    assertTrue(t.duplicates() > 0, "FA-KES repeats some articles");
    assertEquals(t.accepted(), articles().count());
    assertTrue(
        spark
            .read()
            .format("delta")
            .load(out.resolve(Tables.REJECTED_RECORDS.name()).toString())
            .isEmpty());
    assertTrue(Files.isDirectory(out.resolve(Tables.SENTENCES.name())));
    assertEquals(List.of("ingest"), result.stages());
  }

  private Dataset<Row> table(org.parley.tables.Table table) {
    return spark.read().format("delta").load(out.resolve(table.name()).toString());
  }

  /** The sites' templates are learned from FA-KES itself and left out; their news stays. */
  @Test
  void pageFurnitureIsLearnedAndLeftOutOfTheSentences() {
    Dataset<Row> furniture = table(Tables.FURNITURE);
    for (String learned :
        List.of(
            "source = 'sputnik' and kind = 'suffix'"
                + " and text like '%comment via facebookcomment via sputnik news'",
            "source = 'trt' and kind = 'sentence' and text like 'follow trtworld dont miss out%'",
            "source = 'alaraby' and kind = 'prefix' and text = 'tags'",
            "source = 'sputnik' and kind = 'prefix' and text = 'get short url'")) {
      assertFalse(furniture.filter(learned).isEmpty(), learned);
    }
    Dataset<Row> sentences = table(Tables.SENTENCES);
    for (String word : List.of("FacebookComment", "SUBSCRIBE", "FOLLOW", "Cookie Policy")) {
      assertEquals(0, sentences.filter(col("text").contains(word)).count(), word);
    }
    // A furniture start is cut where it starts a sentence; a few pages ran a headline and byline
    // into it ("… Middle East 0041 06.04.2017Get short URL 185 The Kurdish-led …"): those stay.
    for (String start : List.of("short URL", "Read Also")) {
      long pages = articles().filter(col("text").contains(start)).count();
      long left = sentences.filter(col("text").contains(start)).count();
      assertTrue(pages >= 30 && left * 8 <= pages, start + ": " + left + " of " + pages);
    }
    assertTrue(
        sentences.filter(col("text").contains("Syrian Observatory for Human Rights")).count() > 250,
        "news that every source repeats is not furniture");

    Row trt =
        articles()
            .filter("source = 'trt' and text like '%Privacy Policy Cookie Policy'")
            .orderBy("article_id")
            .first();
    String text = trt.getAs("text");
    List<Row> spans = trt.getList(trt.fieldIndex("furniture_spans"));
    int chars = 0;
    for (Row span : spans) {
      chars += span.getInt(1) - span.getInt(0);
    }
    assertEquals(chars, trt.<Integer>getAs("furniture_chars"));
    Row last = spans.get(spans.size() - 1);
    assertTrue(text.substring(last.getInt(0), last.getInt(1)).endsWith("Cookie Policy"));
    assertTrue(chars < text.length() / 2, chars + " of " + text.length());
  }

  @Test
  void fieldsAreMappedAndDatesParsed() {
    Row who = articles().filter(col("source_id").equalTo("1914947530")).first();
    assertEquals(java.sql.Date.valueOf("2017-04-05"), who.getAs("published_date"));
    assertEquals("field", who.getAs("date_source"));
    assertEquals("nna", who.getAs("source"));
    assertEquals("Syria attack symptoms consistent with nerve agent use WHO", who.getAs("title"));
    assertTrue(who.<String>getAs("text").startsWith("Wed 05 Apr 2017 Syria attack symptoms"));
    assertTrue(
        who.<String>getAs("locator").startsWith("row 1 (line 2)"), who.<String>getAs("locator"));

    assertTrue(
        articles()
            .filter(
                col("title")
                    .isNull()
                    .or(col("source").isNull())
                    .or(col("published_date").isNull())
                    .or(col("source_id").isNull()))
            .isEmpty(),
        "every row has a title, a source, a date and an id");
    assertTrue(
        articles().filter("url is not null or language is not null").isEmpty(), "unmapped columns");
  }

  @Test
  void noMojibake() {
    String mojibake = "[\\x{FFFD}\\x{0080}-\\x{009F}]";
    assertTrue(
        java.util.regex.Pattern.compile(mojibake).matcher("a\u0095b").find(), "the check can fail");
    for (String column : List.of("text", "title", "source")) {
      long bad = articles().filter(col(column).rlike(mojibake)).count();
      assertEquals(0, bad, column + " has replacement or C1 control characters");
    }
    // Decoded as Windows-1252, the corpus's only non-ASCII characters are bullets and micro signs.
    java.util.Set<Integer> nonAscii = new java.util.TreeSet<>();
    for (Row r : articles().select("title", "text").collectAsList()) {
      (r.getString(0) + r.getString(1)).chars().filter(c -> c > 127).forEach(nonAscii::add);
    }
    assertEquals(java.util.Set.of((int) '•', (int) 'µ'), nonAscii);
  }

  @Test
  void bulletBeforeAnUndefinedByteIsKept() {
    List<Row> hits =
        articles()
            .filter(col("text").contains("medical attention. •Time is running out"))
            .collectAsList();
    assertEquals(1, hits.size());
    assertEquals("1923102873", hits.get(0).getAs("source_id"));
  }

  /**
   * Phrase pre-scoring on real text: the phrases scored from only the candidates that {@code
   * possiblePhrases} lets through are those scored from every candidate, at the default min_count
   * and several min_npmi, while fewer candidates are counted per article.
   */
  @Test
  void prescoredPhrasesAreThePhrasesOfEveryCandidate() {
    Dataset<Row> sentences =
        spark.read().format("delta").load(out.resolve(Tables.SENTENCES.name()).toString());
    Dataset<Row> all =
        TermTransforms.termTotals(TermTransforms.articleCounts(sentences, 3)).cache();
    Dataset<Row> candidateCounts = TermTransforms.candidateCounts(sentences, 3, 3).cache();
    try {
      long frequent = candidateCounts.filter("ngram > 1").count();
      for (double minNpmi : new double[] {0.3, 0.5, 0.7}) {
        long[] keys =
            TermTransforms.candidateKeys(
                    TermTransforms.possiblePhrases(candidateCounts, 3, minNpmi))
                .as(Encoders.LONG())
                .collectAsList()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        Broadcast<LongHashSet> possible =
            JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(LongHashSet.of(keys));
        List<Row> fromPossible =
            TermTransforms.scorePhrases(
                    TermTransforms.termTotals(TermTransforms.articleCounts(sentences, 3, possible)),
                    3,
                    minNpmi)
                .orderBy("term")
                .collectAsList();
        List<Row> fromAll =
            TermTransforms.scorePhrases(all, 3, minNpmi).orderBy("term").collectAsList();
        assertEquals(fromAll, fromPossible, "min_npmi " + minNpmi);
        // Without hash collisions the estimate is the exact score: here 3,688, 1,791 and 693 of
        // 5,417.
        assertTrue(
            keys.length >= fromAll.size() && keys.length < frequent,
            keys.length
                + " possible of "
                + frequent
                + " frequent candidates, "
                + fromAll.size()
                + " phrases");
        if (minNpmi == 0.5) {
          List<String> terms = fromPossible.stream().map(r -> r.<String>getAs("term")).toList();
          assertTrue(
              terms.containsAll(List.of("human rights", "islamic state", "chemical weapon")),
              terms.toString());
        }
      }
    } finally {
      all.unpersist();
      candidateCounts.unpersist();
    }
  }
}
