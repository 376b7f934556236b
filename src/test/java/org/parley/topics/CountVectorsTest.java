package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;
import org.parley.job.ParleyJob;
import org.parley.tables.Tables;

/**
 * The sampler's count vectors, built from article_terms directly, are CountVectorizer's on the
 * token documents.
 */
class CountVectorsTest {
  private static final String[] VOCABULARY = {"talk", "geneva", "ceasefire", "peace talk"};

  @Test
  void sameVectorsAsCountVectorizerOnTheTokenDocuments() {
    Map<String, Vector> direct =
        byArticle(TopicTransforms.countVectors(articleTerms(), true, VOCABULARY));
    Map<String, Vector> viaTokens =
        byArticle(
            new CountVectorizerModel(VOCABULARY)
                .setInputCol(TopicTransforms.TOKENS)
                .setOutputCol(TopicTransforms.FEATURES)
                .transform(TopicTransforms.documents(articleTerms(), true)));

    assertEquals(viaTokens, direct);
    assertEquals(
        Vectors.sparse(4, new int[] {0, 1, 3}, new double[] {3, 1, 2}),
        direct.get("a1"),
        "counts by vocabulary index, the phrase included, the term outside the vocabulary left out");
    assertEquals(
        Vectors.sparse(4, new int[0], new double[0]),
        direct.get("a2"),
        "an article with none of the vocabulary keeps an empty vector");
  }

  /**
   * On the seed articles' own article_terms and a vocabulary chosen as the topics stage chooses it.
   */
  @Test
  void sameVectorsOnTheSeedArticles() {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-count-vectors");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                Map.of(),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    out.toString(),
                    "run.stages",
                    List.of("ingest", "terms"))))
        .run();
    Dataset<Row> articleTerms =
        spark.read().format("delta").load(out.resolve("article_terms").toString());
    String[] vocabulary =
        TopicTransforms.vocabulary(
                spark.read().format("delta").load(out.resolve("term_stats").toString()),
                true,
                2,
                1.0,
                5,
                1000)
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toArray(String[]::new);
    assertTrue(vocabulary.length > 50, "terms in two seed articles or more: " + vocabulary.length);

    Map<String, Vector> direct =
        byArticle(TopicTransforms.countVectors(articleTerms, true, vocabulary));
    Map<String, Vector> viaTokens =
        byArticle(
            new CountVectorizerModel(vocabulary)
                .setInputCol(TopicTransforms.TOKENS)
                .setOutputCol(TopicTransforms.FEATURES)
                .transform(TopicTransforms.documents(articleTerms, true)));

    assertEquals(5, direct.size(), "one vector per seed article");
    assertEquals(viaTokens, direct);
  }

  @Test
  void withoutPhrasesOnlySingleWordsAreCountedAndTheSizeIsInTheMetadata() {
    Dataset<Row> vectors = TopicTransforms.countVectors(articleTerms(), false, VOCABULARY);

    assertEquals(
        Vectors.sparse(4, new int[] {0, 1}, new double[] {3, 1}), byArticle(vectors).get("a1"));
    assertEquals(
        4,
        AttributeGroup.fromStructField(vectors.schema().apply(TopicTransforms.FEATURES)).size(),
        "the vocabulary size, as GibbsLda reads it");
  }

  @Test
  void repeatedIndicesAreSummed() {
    Row first = RowFactory.create(2, 1L);
    Row again = RowFactory.create(2, 4L);
    Row last = RowFactory.create(5, 1L);
    assertEquals(
        Vectors.sparse(6, new int[] {2, 5}, new double[] {5, 1}),
        TopicTransforms.sparseCounts(
            6,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(first, again, last)).toSeq()));
  }

  private static Dataset<Row> articleTerms() {
    SparkSession spark = SparkTestSupport.spark();
    Date day = Date.valueOf("2017-11-02");
    return spark.createDataFrame(
        List.of(
            termRow("a1", day, "talk", 1, 3),
            termRow("a1", day, "geneva", 1, 1),
            termRow("a1", day, "peace talk", 2, 2),
            termRow("a1", day, "envoy", 1, 5),
            termRow("a2", null, "envoy", 1, 2)),
        Tables.ARTICLE_TERMS.schema());
  }

  private static Row termRow(String article, Date day, String term, int ngram, long count) {
    return RowFactory.create(article, day, term, ngram, count, 0.1, "run-1");
  }

  private static Map<String, Vector> byArticle(Dataset<Row> vectors) {
    Map<String, Vector> out = new TreeMap<>();
    for (Row r : vectors.select("article_id", TopicTransforms.FEATURES).collectAsList()) {
      out.put(r.getString(0), r.getAs(1));
    }
    return out;
  }
}
