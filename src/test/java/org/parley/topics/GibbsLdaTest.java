package org.parley.topics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.SparkTestSupport;

/**
 * The Gibbs LDA estimator in a pipeline like the topics stage's: it finds planted topics, the same
 * seed gives the same topics whatever the input order, and the fitted pipeline saves, loads and
 * transforms as Spark's own LDA model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GibbsLdaTest {
  private static final String[] PLANTED = {"war", "vote", "goal"};
  private static final int TERMS_PER_TOPIC = 10;
  private SparkSession spark;
  private Dataset<Row> corpus;
  private String[] vocabulary;

  @BeforeAll
  void plantTopics() {
    spark = SparkTestSupport.spark();
    // 90 documents of 40 tokens; document d draws 90% of its tokens from planted topic d % 3, the
    // rest
    // from another one, so documents mix topics a little.
    SplittableRandom random = new SplittableRandom(17);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 90; d++) {
      int main = d % 3;
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int topic = random.nextDouble() < 0.9 ? main : (main + 1 + random.nextInt(2)) % 3;
        tokens.add(PLANTED[topic] + random.nextInt(TERMS_PER_TOPIC));
      }
      rows.add(RowFactory.create("a" + d, tokens));
    }
    corpus =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("article_id", DataTypes.StringType)
                .add(TopicTransforms.TOKENS, DataTypes.createArrayType(DataTypes.StringType)));
    List<String> vocab = new ArrayList<>();
    for (String p : PLANTED) {
      for (int i = 0; i < TERMS_PER_TOPIC; i++) {
        vocab.add(p + i);
      }
    }
    java.util.Collections.shuffle(vocab, new java.util.Random(3)); // term indices tell nothing
    vocabulary = vocab.toArray(String[]::new);
  }

  private Pipeline pipeline(long seed) {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new CountVectorizerModel(vocabulary)
                  .setInputCol(TopicTransforms.TOKENS)
                  .setOutputCol(TopicTransforms.FEATURES),
              new GibbsLda()
                  .setK(3)
                  .setMaxIter(30)
                  .setSeed(seed)
                  .setNumPartitions(2)
                  .setFeaturesCol(TopicTransforms.FEATURES)
                  .setTopicDistributionCol(TopicTransforms.DISTRIBUTION)
            });
  }

  private static LocalLDAModel lda(PipelineModel model) {
    return (LocalLDAModel) model.stages()[1];
  }

  @Test
  void eachFittedTopicsTopTermsComeFromOnePlantedTopic() {
    LocalLDAModel lda = lda(pipeline(42).fit(corpus));
    assertEquals(3, lda.topicsMatrix().numCols());
    assertEquals(30, lda.vocabSize());
    Set<String> found = new HashSet<>();
    for (Row topic : lda.describeTopics(TERMS_PER_TOPIC).collectAsList()) {
      Set<String> sources = new HashSet<>();
      for (int index : topic.<Integer>getList(1)) {
        sources.add(vocabulary[index].replaceAll("\\d", ""));
      }
      assertEquals(
          1, sources.size(), "topic " + topic.getInt(0) + "'s top 10 terms come from " + sources);
      found.addAll(sources);
      double weightSum = topic.<Double>getList(2).stream().mapToDouble(Double::doubleValue).sum();
      assertTrue(
          weightSum > 0.95 && weightSum <= 1 + 1e-9,
          "top terms hold the topic's weight: " + weightSum);
    }
    assertEquals(Set.of(PLANTED), found, "every planted topic is found once");
  }

  @Test
  void sameSeedSameTopicsWhateverTheInputOrder() {
    Matrix first = lda(pipeline(7).fit(corpus)).topicsMatrix();
    Matrix again = lda(pipeline(7).fit(corpus)).topicsMatrix();
    Matrix reordered =
        lda(pipeline(7).fit(corpus.orderBy(col("article_id").desc()).repartition(5)))
            .topicsMatrix();
    assertArrayEquals(first.toArray(), again.toArray());
    assertArrayEquals(
        first.toArray(),
        reordered.toArray(),
        "documents are placed by content, not by input order");
    assertFalse(
        java.util.Arrays.equals(
            first.toArray(), lda(pipeline(8).fit(corpus)).topicsMatrix().toArray()),
        "another seed, another sample");
  }

  @Test
  void trainingDocumentsGetTheirTopicsFromTheLastSweep() {
    // Two extra documents: one with no vocabulary term at all, one with the same tokens as a0, so
    // equal contents must still each keep their own id.
    List<Row> extra =
        List.of(
            RowFactory.create("empty", List.of("unknown", "words")),
            RowFactory.create(
                "copy-of-a0", corpus.filter(col("article_id").equalTo("a0")).first().getList(1)));
    Dataset<Row> documents = corpus.unionByName(spark.createDataFrame(extra, corpus.schema()));
    CountVectorizerModel counts =
        new CountVectorizerModel(vocabulary)
            .setInputCol(TopicTransforms.TOKENS)
            .setOutputCol(TopicTransforms.FEATURES);
    GibbsLda gibbs =
        new GibbsLda()
            .setK(3)
            .setMaxIter(30)
            .setSeed(42)
            .setNumPartitions(2)
            .setFeaturesCol(TopicTransforms.FEATURES)
            .setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
    GibbsLda.FitWithDocuments fitted =
        gibbs.fitWithDocuments(counts.transform(documents), "article_id");
    java.util.Map<String, double[]> byId = new java.util.HashMap<>();
    for (Row r : fitted.documentTopics().collectAsList()) {
      assertNull(
          byId.put(r.getString(0), r.<Vector>getAs(1).toArray()),
          "one row per document: " + r.getString(0));
    }
    fitted.documentTopics().unpersist();
    assertEquals(92, byId.size());
    assertArrayEquals(new double[3], byId.get("empty"), "no evidence, no topic");
    // Each planted topic's documents share one dominant fitted topic, and the three differ.
    LocalLDAModel lda = fitted.model();
    int[] fittedTopicOf = new int[3];
    for (Row topic : lda.describeTopics(1).collectAsList()) {
      int planted =
          java.util.Arrays.asList(PLANTED)
              .indexOf(vocabulary[topic.<Integer>getList(1).get(0)].replaceAll("\\d", ""));
      fittedTopicOf[planted] = topic.getInt(0);
    }
    double alpha = gibbs.getDocConcentration();
    for (int d = 0; d < 90; d++) {
      double[] p = byId.get("a" + d);
      assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
      int dominant = 0;
      for (int t = 1; t < 3; t++) {
        dominant = p[t] > p[dominant] ? t : dominant;
      }
      assertEquals(
          fittedTopicOf[d % 3], dominant, "a" + d + " is mostly planted topic " + PLANTED[d % 3]);
      // (n_dt + α) / (40 + 3α): every proportion is a whole number of tokens plus the prior
      for (double share : p) {
        double tokens = share * (40 + 3 * alpha) - alpha;
        assertEquals(Math.round(tokens), tokens, 1e-6);
      }
    }
    // The same seed gives every id the same proportions, whatever the input order.
    GibbsLda.FitWithDocuments again =
        gibbs.fitWithDocuments(
            counts.transform(documents.orderBy(col("article_id").desc()).repartition(3)),
            "article_id");
    for (Row r : again.documentTopics().collectAsList()) {
      assertArrayEquals(byId.get(r.getString(0)), r.<Vector>getAs(1).toArray(), r.getString(0));
    }
    again.documentTopics().unpersist();
    assertArrayEquals(lda.topicsMatrix().toArray(), again.model().topicsMatrix().toArray());
  }

  @Test
  void largeCorporaAreSampledInMoreShardsThanCores() {
    Dataset<Row> features =
        new CountVectorizerModel(vocabulary)
            .setInputCol(TopicTransforms.TOKENS)
            .setOutputCol(TopicTransforms.FEATURES)
            .transform(corpus);
    int cores = spark.sparkContext().defaultParallelism();
    // 90 documents × 40 tokens = 3,600 tokens
    assertEquals(
        Math.max(cores, 36),
        GibbsLda.defaultPartitions(features, TopicTransforms.FEATURES, spark.sparkContext(), 100));
    assertEquals(
        Math.max(cores, 4),
        GibbsLda.defaultPartitions(features, TopicTransforms.FEATURES, spark.sparkContext(), 1000));
    assertEquals(
        cores,
        GibbsLda.defaultPartitions(
            features, TopicTransforms.FEATURES, spark.sparkContext(), 1_000_000));
  }

  @Test
  void learnedPriorsGiveTheCommonTopicTheMostPriorMass() {
    // The planted documents plus 90 more about war: war is now half the corpus's documents.
    SplittableRandom random = new SplittableRandom(23);
    List<Row> rows = new ArrayList<>(corpus.collectAsList());
    for (int d = 0; d < 90; d++) {
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        tokens.add(
            PLANTED[random.nextDouble() < 0.9 ? 0 : 1 + random.nextInt(2)]
                + random.nextInt(TERMS_PER_TOPIC));
      }
      rows.add(RowFactory.create("w" + d, tokens));
    }
    Dataset<Row> warHeavy = spark.createDataFrame(rows, corpus.schema());
    CountVectorizerModel counts =
        new CountVectorizerModel(vocabulary)
            .setInputCol(TopicTransforms.TOKENS)
            .setOutputCol(TopicTransforms.FEATURES);
    GibbsLda gibbs =
        new GibbsLda()
            .setK(3)
            .setMaxIter(30)
            .setSeed(42)
            .setNumPartitions(2)
            .setOptimizeInterval(5)
            .setOptimizeBurnIn(10)
            .setFeaturesCol(TopicTransforms.FEATURES)
            .setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
    LocalLDAModel lda = gibbs.fit(counts.transform(warHeavy));

    double[] alpha = lda.getEffectiveDocConcentration();
    int warTopic = -1;
    for (Row topic : lda.describeTopics(1).collectAsList()) {
      if (vocabulary[topic.<Integer>getList(1).get(0)].startsWith("war")) {
        warTopic = topic.getInt(0);
      }
    }
    assertTrue(warTopic >= 0, "a topic is about war");
    for (int t = 0; t < 3; t++) {
      if (t != warTopic) {
        assertTrue(
            alpha[warTopic] > 1.5 * alpha[t],
            "α "
                + java.util.Arrays.toString(alpha)
                + ": topic "
                + warTopic
                + " (war, in half the documents) gets more prior mass than topic "
                + t);
      }
    }
    assertNotEquals(
        GibbsLda.DEFAULT_BETA, lda.getEffectiveTopicConcentration(), "β is learned too");
    double[] fixed =
        new GibbsLda()
            .setK(3)
            .setMaxIter(30)
            .setSeed(42)
            .setNumPartitions(2)
            .setFeaturesCol(TopicTransforms.FEATURES)
            .setTopicDistributionCol(TopicTransforms.DISTRIBUTION)
            .fit(counts.transform(warHeavy))
            .getEffectiveDocConcentration();
    assertArrayEquals(
        new double[] {5.0 / 3, 5.0 / 3, 5.0 / 3}, fixed, 1e-12, "no interval, no learning");
  }

  @Test
  void topicsMatrixHoldsTheCountsPlusBeta() {
    Matrix topics = lda(pipeline(42).fit(corpus)).topicsMatrix();
    double total = 0;
    for (double v : topics.toArray()) {
      assertTrue(v >= GibbsLda.DEFAULT_BETA - 1e-12);
      total += v - GibbsLda.DEFAULT_BETA;
    }
    assertEquals(90 * 40, total, 1e-6, "every token is counted once");
  }

  @Test
  void fittedPipelineSavesLoadsAndTransformsAlike() throws Exception {
    PipelineModel model = pipeline(42).fit(corpus);
    Path dir = SparkTestSupport.tempDir("parley-gibbs");
    model.write().overwrite().save(dir.resolve("model").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());
    assertInstanceOf(LocalLDAModel.class, loaded.stages()[1]);
    assertArrayEquals(lda(model).topicsMatrix().toArray(), lda(loaded).topicsMatrix().toArray());
    assertArrayEquals(
        new double[] {5.0 / 3, 5.0 / 3, 5.0 / 3},
        lda(loaded).estimatedDocConcentration().toArray(),
        1e-12);
    List<Integer> fitted = dominant(model.transform(corpus));
    assertEquals(fitted, dominant(loaded.transform(corpus)));
    // Documents of one planted topic share a dominant topic.
    for (int d = 3; d < 90; d++) {
      assertEquals(fitted.get(d % 3), fitted.get(d), "document " + d);
    }

    // The unfitted pipeline saves and loads too (GibbsLda is DefaultParamsWritable).
    pipeline(42).write().overwrite().save(dir.resolve("pipeline").toString());
    GibbsLda reread = (GibbsLda) Pipeline.load(dir.resolve("pipeline").toString()).getStages()[1];
    assertEquals(3, reread.getK());
    assertEquals(42L, reread.getSeed());
    assertEquals(5.0 / 3, reread.getDocConcentration(), 1e-12);
  }

  private static List<Integer> dominant(Dataset<Row> transformed) {
    List<Integer> out = new ArrayList<>();
    for (Row r :
        transformed
            .orderBy(org.apache.spark.sql.functions.expr("int(substring(article_id, 2))"))
            .select(TopicTransforms.DISTRIBUTION)
            .collectAsList()) {
      out.add(((Vector) r.get(0)).argmax());
    }
    return out;
  }

  @Test
  void badInputIsRefusedBeforeAnyWork() {
    GibbsLda lda = new GibbsLda().setFeaturesCol("nope");
    assertThrows(IllegalArgumentException.class, () -> lda.fit(corpus));
    assertThrows(IllegalArgumentException.class, () -> new GibbsLda().setK(1));
    assertThrows(IllegalArgumentException.class, () -> new GibbsLda().setDocConcentration(0));
  }

  @Test
  void countVectorsBecomeTokens() {
    assertArrayEquals(
        new int[] {1, 4, 4, 4},
        GibbsLda.tokens(
            org.apache.spark.ml.linalg.Vectors.sparse(6, new int[] {1, 4}, new double[] {1, 3})));
    assertArrayEquals(
        new int[] {0, 2, 2}, GibbsLda.tokens(org.apache.spark.ml.linalg.Vectors.dense(1, 0, 2)));
    assertArrayEquals(new int[0], GibbsLda.tokens(null));
  }
}
