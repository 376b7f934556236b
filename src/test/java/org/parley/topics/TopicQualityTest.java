package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.assertApproximatelySameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/**
 * Topic quality on a four-document corpus worked out by hand (D = 4):
 *
 * <pre>
 *   d1: war peace talks ceasefire
 *   d2: war peace talks
 *   d3: war peace talks football
 *   d4: war peace football
 * </pre>
 *
 * Document counts: war 4, peace 4, talks 3, football 2, ceasefire 1, treaty 0. With counts,
 * NPMI(a,b) = ln(n_ab · D / (n_a · n_b)) / (ln D − ln n_ab):
 *
 * <ul>
 *   <li>war·peace: n_ab = 4 = D, in every document → 1
 *   <li>war·x, peace·x (x in n_x documents, so n_ab = n_x): ln(n_x · 4 / (4 · n_x)) = ln 1 → 0
 *   <li>talks·ceasefire: n_ab = 1 (d1): ln(1·4 / (3·1)) / ln 4 = ln(4/3) / ln 4 ≈ 0.2075187496
 *   <li>talks·football: n_ab = 1 (d3): ln(1·4 / (3·2)) / ln 4 = ln(2/3) / ln 4 ≈ −0.2924812504
 *   <li>football·ceasefire: never together → −1; war·treaty: treaty never occurs → −1
 * </ul>
 */
class TopicQualityTest {
  private static final double TOLERANCE = 1e-9;
  private static final String[] BY_TOPIC = {"model_id", "topic_id"};
  private static final String FEATURES = "features";

  private static final StructType TOPIC_TERMS =
      new StructType()
          .add("model_id", DataTypes.StringType, false)
          .add("topic_id", DataTypes.IntegerType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("term", DataTypes.StringType, false);

  /** The documents' vocabulary: treaty is in it but in no document. */
  private static final String[] VOCABULARY = {
    "war", "peace", "talks", "football", "ceasefire", "treaty"
  };

  private static final double TALKS_CEASEFIRE = Math.log(4.0 / 3) / Math.log(4);
  private static final double TALKS_FOOTBALL = Math.log(2.0 / 3) / Math.log(4);

  private static List<Row> corpusRows() {
    List<Row> rows = new ArrayList<>();
    String[][] docs = {
      {"d1", "war", "peace", "talks", "ceasefire"},
      {"d2", "war", "peace", "talks"},
      {"d3", "war", "peace", "talks", "football"},
      {"d4", "war", "peace", "football"}
    };
    for (String[] doc : docs) {
      for (int i = 1; i < doc.length; i++) {
        rows.add(row(doc[0], doc[i]));
      }
    }
    return rows;
  }

  private static Dataset<Row> corpus() {
    return countVectors(VOCABULARY, corpusRows(), false);
  }

  /**
   * (article_id, features): each article's (article, term) rows counted into a vector over the
   * vocabulary.
   */
  private static Dataset<Row> countVectors(
      String[] vocabulary, List<Row> documentTerms, boolean dense) {
    List<String> terms = Arrays.asList(vocabulary);
    Map<String, double[]> counts = new TreeMap<>();
    for (Row r : documentTerms) {
      counts
          .computeIfAbsent(r.getString(0), d -> new double[vocabulary.length])[
          terms.indexOf(r.getString(1))]++;
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach(
        (article, c) ->
            rows.add(
                RowFactory.create(
                    article, dense ? Vectors.dense(c) : Vectors.dense(c).toSparse())));
    return SparkTestSupport.spark()
        .createDataFrame(
            rows,
            new StructType()
                .add("article_id", DataTypes.StringType, false)
                .add(FEATURES, new VectorUDT(), false));
  }

  private static Dataset<Row> npmi(Dataset<Row> topicTerms, Dataset<Row> documents, int topN) {
    return TopicQuality.npmiCoherence(topicTerms, documents, FEATURES, VOCABULARY, topN);
  }

  /** One topic's terms, best first. */
  private static List<Row> topic(String model, int topicId, String... terms) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      rows.add(row(model, topicId, i + 1, terms[i]));
    }
    return rows;
  }

  /**
   * m1's topics; the terms after the fourth only count when topN is above 4. Topic 4 has one term
   * and topic 5's only term is at rank 5.
   */
  private static Dataset<Row> topics() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(topic("m1", 1, "war", "peace", "talks", "ceasefire", "football"));
    rows.addAll(topic("m1", 2, "football", "ceasefire", "talks"));
    rows.addAll(topic("m1", 3, "war", "treaty"));
    rows.addAll(topic("m1", 4, "peace"));
    rows.add(row("m1", 5, 5, "war"));
    return frame(TOPIC_TERMS, rows);
  }

  /**
   * Top 4: topic 1 has 6 pairs, war·peace = 1, talks·ceasefire = ln(4/3)/ln 4, the other four 0 →
   * (1 + 0.2075187496) / 6 ≈ 0.2012531249. Topic 2: football·ceasefire −1, football·talks
   * ln(2/3)/ln 4, ceasefire·talks ln(4/3)/ln 4 → (−1 − 0.2924812504 + 0.2075187496) / 3 ≈
   * −0.3616541669. Topic 3: war·treaty −1. Topics 4 and 5 have fewer than two top terms: null.
   */
  @Test
  void coherenceIsTheMeanPairNpmiOfTheTopTerms() {
    assertApproximatelySameRows(
        npmi(topics(), corpus(), 4),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, (1 + TALKS_CEASEFIRE) / 6),
        row("m1", 2, (-1 + TALKS_FOOTBALL + TALKS_CEASEFIRE) / 3),
        row("m1", 3, -1.0),
        row("m1", 4, null),
        row("m1", 5, null));
  }

  /**
   * Top 2: topic 1 is war·peace = 1 (talks, ceasefire and football ignored), topic 2 is
   * football·ceasefire = −1 (talks ignored); with top 5, topic 1 also gets football's four pairs:
   * war·football 0, peace·football 0, talks·football ln(2/3)/ln 4, ceasefire·football −1, and topic
   * 5's war counts alone (null).
   */
  @Test
  void onlyTermsRankedWithinTopNCount() {
    assertApproximatelySameRows(
        npmi(topics(), corpus(), 2),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, 1.0),
        row("m1", 2, -1.0),
        row("m1", 3, -1.0),
        row("m1", 4, null),
        row("m1", 5, null));
    assertApproximatelySameRows(
        npmi(topics(), corpus(), 5),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, (1 + TALKS_CEASEFIRE + TALKS_FOOTBALL - 1) / 10),
        row("m1", 2, (-1 + TALKS_FOOTBALL + TALKS_CEASEFIRE) / 3),
        row("m1", 3, -1.0),
        row("m1", 4, null),
        row("m1", 5, null));
  }

  /**
   * Same topic ids in two models: m1's topic 1 is war·peace (1), m2's is football·ceasefire (−1);
   * mixing the models would pair war or peace with football or ceasefire.
   */
  @Test
  void modelsAreScoredApart() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(topic("m1", 1, "war", "peace"));
    rows.addAll(topic("m2", 1, "football", "ceasefire"));
    rows.addAll(topic("m2", 2, "talks", "ceasefire"));
    assertApproximatelySameRows(
        npmi(frame(TOPIC_TERMS, rows), corpus(), 10),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, 1.0),
        row("m2", 1, -1.0),
        row("m2", 2, TALKS_CEASEFIRE));
  }

  /**
   * Every term twice in its article, and d3's talks three times, in dense vectors: the counts are
   * of documents, whatever the term counts and the vectors' form.
   */
  @Test
  void termCountsAboveOneDoNotCountTwiceNorDoesTheVectorForm() {
    List<Row> rows = new ArrayList<>(corpusRows());
    rows.addAll(corpusRows());
    rows.add(row("d3", "talks"));
    assertApproximatelySameRows(
        npmi(topics(), countVectors(VOCABULARY, rows, true), 4),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, (1 + TALKS_CEASEFIRE) / 6),
        row("m1", 2, (-1 + TALKS_FOOTBALL + TALKS_CEASEFIRE) / 3),
        row("m1", 3, -1.0),
        row("m1", 4, null),
        row("m1", 5, null));
  }

  /**
   * Terms whose order differs between Java's UTF-16 comparison and Spark's UTF-8 byte order: the
   * emoji (a surrogate pair, D83D…) sorts before the fullwidth Ａ (FF21) in Java, after it (F0…
   * against EF…) in Spark, and the vocabulary has them in a third order. They share two of three
   * articles, each in two: ln(2·3 / (2·2)) / (ln 3 − ln 2) = 1. A pair looked up in another order
   * than it was counted would count as never together (−1).
   */
  @Test
  void pairsAreFoundWhateverTheTermsOrder() {
    String fullwidthA = "\uFF21";
    String emoji = "\uD83D\uDE00";
    String[] vocabulary = {"war", fullwidthA, emoji};
    List<Row> docs =
        List.of(
            row("d1", fullwidthA),
            row("d1", emoji),
            row("d2", emoji),
            row("d2", fullwidthA),
            row("d3", "war"));
    assertApproximatelySameRows(
        TopicQuality.npmiCoherence(
            frame(TOPIC_TERMS, topic("m1", 1, emoji, fullwidthA)),
            countVectors(vocabulary, docs, false),
            FEATURES,
            vocabulary,
            10),
        TOLERANCE,
        BY_TOPIC,
        row("m1", 1, 1.0));
  }

  /** A top term outside the documents' vocabulary cannot be counted: an error, not a silent −1. */
  @Test
  void aTopTermOutsideTheVocabularyIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> npmi(frame(TOPIC_TERMS, topic("m1", 1, "war", "armistice")), corpus(), 10));
    assertTrue(e.getMessage().contains("armistice"), e.getMessage());
  }

  /**
   * Top 3 of m1: {war, peace, talks} and {talks, football, ceasefire} share talks → 5 distinct of 2
   * × 3 = 5/6 (with the rank-4 terms treaty and match it would be 7/8). m2: both topics are {a, b,
   * c} → 3/6.
   */
  @Test
  void diversityIsTheShareOfDistinctTopTerms() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(topic("m1", 1, "war", "peace", "talks", "treaty"));
    rows.addAll(topic("m1", 2, "talks", "football", "ceasefire", "match"));
    rows.addAll(topic("m2", 1, "a", "b", "c"));
    rows.addAll(topic("m2", 2, "c", "b", "a"));
    assertApproximatelySameRows(
        TopicQuality.topicDiversity(frame(TOPIC_TERMS, rows), 3),
        TOLERANCE,
        new String[] {"model_id"},
        row("m1", 5.0 / 6),
        row("m2", 0.5));
  }
}
