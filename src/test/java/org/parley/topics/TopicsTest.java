package org.parley.topics;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Matrix;
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
import org.parley.config.ParleyConfig;
import org.parley.job.ParleyJob;

/** The topics stage: deterministic vocabulary, weights, fit then apply, the quality gate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicsTest {
  /**
   * The seeds are far below what topics need; these tests check the stage's mechanics on them, so
   * they let each topic rest on one article and one term. NPMI's floor stays (see below).
   */
  private static final Map<String, String> ON_THE_SEEDS =
      Map.of("topics.min_articles_per_topic", "1", "topics.min_terms_per_topic", "1");

  private SparkSession spark;
  private Path out;
  private ParleyJob.RunResult fit;

  private static Map<String, String> onTheSeeds(Map<String, String> sets) {
    Map<String, String> all = new HashMap<>(ON_THE_SEEDS);
    all.putAll(sets);
    return all;
  }

  private ParleyConfig config(Map<String, String> sets, List<String> stages) {
    return SparkTestSupport.config(
        null,
        onTheSeeds(sets),
        Map.of(
            "input.paths", List.of("seeds/"), "output.path", out.toString(), "run.stages", stages));
  }

  @BeforeAll
  void fitOnSeeds() {
    spark = SparkTestSupport.spark();
    out = SparkTestSupport.tempDir("parley-topics");
    fit =
        new ParleyJob(
                spark,
                config(
                    Map.of("topics.k", "3", "topics.min_df", "2", "topics.max_iterations", "10"),
                    List.of("ingest", "stories", "terms", "topics")))
            .run();
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(out.resolve(name).toString());
  }

  @Test
  void vocabularyTiesAreBrokenByTerm() {
    StructType schema =
        new StructType()
            .add("term", DataTypes.StringType)
            .add("ngram", DataTypes.IntegerType)
            .add("doc_freq", DataTypes.LongType);
    Dataset<Row> terms =
        spark.createDataFrame(
            List.of(
                RowFactory.create("zeta", 1, 2L),
                RowFactory.create("alpha", 1, 2L),
                RowFactory.create("mid", 1, 3L),
                RowFactory.create("rare", 1, 1L),
                RowFactory.create("two words", 2, 2L)),
            schema);
    List<String> vocab =
        TopicTransforms.vocabulary(terms, false, 2, 1.0, 3, 10).collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertEquals(
        List.of("mid", "alpha", "zeta"),
        vocab,
        "df desc, then term; phrases excluded; rare (df 1) dropped");
    assertEquals(
        List.of("mid", "alpha"),
        TopicTransforms.vocabulary(terms, true, 2, 1.0, 3, 2).collectAsList().stream()
            .map(r -> r.getString(0))
            .toList(),
        "vocab_size keeps the first in that order");
  }

  @Test
  void ldaWeightsOfEachArticleSumToOneWithOneDominantTopic() {
    Dataset<Row> at = table("article_topics");
    assertEquals(5, at.select("article_id").distinct().count(), "every article has topic weights");
    for (Row r :
        at.groupBy("article_id")
            .agg(
                org.apache.spark.sql.functions.sum("weight").as("w"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .count_if(org.apache.spark.sql.functions.col("is_dominant"))
                    .as("d"))
            .collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-6, r.toString());
      assertEquals(1L, r.getLong(2), r.toString());
    }
    Row model = table("topic_models").first();
    assertEquals(3, model.<Integer>getAs("k"));
    assertTrue(model.<Boolean>getAs("selected"));
    assertNotNull(model.getAs("log_perplexity"));
    assertEquals(3, table("topics").count());
    assertEquals(3 * 10, table("topic_terms").count());
  }

  @Test
  void topicTermsAreTheMostRelevantTermsOfTheSavedModel() {
    // topic_terms, not topic_models: the apply test may have replaced the fit's topic_models row.
    String modelId = table("topic_terms").first().getAs("model_id");
    PipelineModel saved = PipelineModel.load(out.resolve("models").resolve(modelId).toString());
    String[] vocabulary = ((CountVectorizerModel) saved.stages()[0]).vocabulary();
    Matrix m = ((LDAModel) saved.stages()[saved.stages().length - 1]).topicsMatrix();
    double total = 0;
    double[] termTotals = new double[m.numRows()];
    double[] topicTotals = new double[m.numCols()];
    for (int w = 0; w < m.numRows(); w++) {
      for (int t = 0; t < m.numCols(); t++) {
        termTotals[w] += m.apply(w, t);
        topicTotals[t] += m.apply(w, t);
        total += m.apply(w, t);
      }
    }
    List<String> vocab = List.of(vocabulary);
    for (int t = 0; t < m.numCols(); t++) {
      double[] relevance = new double[m.numRows()];
      for (int w = 0; w < m.numRows(); w++) {
        double p = m.apply(w, t) / topicTotals[t];
        relevance[w] = 0.6 * Math.log(p) + 0.4 * Math.log(p / (termTotals[w] / total));
      }
      List<Row> terms =
          table("topic_terms").filter("topic_id = " + t).orderBy("rank").collectAsList();
      assertEquals(10, terms.size());
      double previous = Double.POSITIVE_INFINITY;
      for (Row r : terms) {
        int w = vocab.indexOf(r.<String>getAs("term"));
        assertEquals(
            m.apply(w, t) / topicTotals[t],
            r.<Double>getAs("weight"),
            1e-12,
            "weight is p(w|t): " + r);
        assertEquals(relevance[w], r.<Double>getAs("relevance"), 1e-9, r.toString());
        assertTrue(relevance[w] <= previous, "ranked by relevance: " + terms);
        previous = relevance[w];
      }
      double tenth = previous;
      List<String> published = terms.stream().map(r -> r.<String>getAs("term")).toList();
      for (int w = 0; w < m.numRows(); w++) {
        assertTrue(
            published.contains(vocabulary[w]) || relevance[w] <= tenth,
            vocabulary[w] + " is more relevant than topic " + t + "'s tenth term");
      }
    }
  }

  @Test
  void applyingTheSavedModelKeepsTopicIds() {
    String modelId = table("topic_models").first().getAs("model_id");
    Map<String, Integer> fitted = dominant(table("article_topics"));
    Map<String, String> apply =
        new HashMap<>(Map.of("topics.mode", "apply", "topics.model_id", modelId));
    new ParleyJob(spark, config(apply, List.of("topics"))).run();
    assertEquals(fitted, dominant(table("article_topics")));
    assertEquals(modelId, table("topics").first().getAs("model_id"));
  }

  private static Map<String, Integer> dominant(Dataset<Row> articleTopics) {
    Map<String, Integer> out = new HashMap<>();
    for (Row r : articleTopics.filter("is_dominant").collectAsList()) {
      out.put(r.getAs("article_id"), r.getAs("topic_id"));
    }
    return out;
  }

  @Test
  void autoKAndRestartsFitEveryCandidateAndKeepTheMostCoherent() {
    Path autoOut = SparkTestSupport.tempDir("parley-topics-auto");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                onTheSeeds(
                    Map.of(
                        "topics.k",
                        "auto",
                        "topics.k_candidates",
                        "[2, 4]",
                        "topics.restarts",
                        "2",
                        "topics.min_df",
                        "2",
                        "topics.max_iterations",
                        "5",
                        "topics.quality.npmi_min_articles",
                        "5")),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    autoOut.toString(),
                    "run.stages",
                    List.of("ingest", "terms", "topics"))))
        .run();
    List<Row> models =
        spark
            .read()
            .format("delta")
            .load(autoOut.resolve("topic_models").toString())
            .orderBy("k", "params")
            .collectAsList();
    assertEquals(
        List.of(2, 2, 4, 4),
        models.stream().map(r -> r.<Integer>getAs("k")).toList(),
        "two seeds per k");
    assertEquals(4, models.stream().map(r -> r.<String>getAs("model_id")).distinct().count());
    Row best =
        models.stream()
            .max(
                java.util.Comparator.comparingDouble(
                    r -> r.<Double>getAs("mean_npmi") * r.<Double>getAs("balance")))
            .orElseThrow();
    assertEquals(1, models.stream().filter(r -> r.<Boolean>getAs("selected")).count());
    assertTrue(
        best.<Boolean>getAs("selected"),
        "the selected model has the best NPMI x balance: " + models);
    for (Row m : models) {
      assertTrue(
          m.<String>getAs("params").contains("\"relevance_lambda\":0.6"),
          "how terms were ranked: " + m);
      double balance = m.getAs("balance");
      assertTrue(balance >= 0 && balance <= 1 + 1e-9, m.toString());
    }
    assertEquals(
        best.<Integer>getAs("k"),
        (int) spark.read().format("delta").load(autoOut.resolve("topics").toString()).count());
  }

  @Test
  void coherenceOverFewerArticlesThanTheFloorIsNotMeasured() {
    // Five articles, below topics.quality.npmi_min_articles = 50: terms in every article would
    // score 1.
    String modelId = table("topic_terms").first().getAs("model_id");
    assertEquals(
        3,
        table("topics").filter("model_id = '" + modelId + "' and npmi_coherence is null").count());
    assertTrue(
        fit.warnings()
            .contains(
                "topics: mean NPMI not measured: 5 articles, fewer than"
                    + " topics.quality.npmi_min_articles=50; the quality gate (topics.quality.min_mean_npmi) was not applied"),
        fit.warnings().toString());
  }

  @Test
  void theDefaultsOnTheSeedsSkipTopicsAndSayWhy() throws Exception {
    Path copy = SparkTestSupport.tempDir("parley-topics-defaults");
    org.parley.TestFiles.copyTree(out, copy);
    String before =
        spark
            .read()
            .format("delta")
            .load(copy.resolve("topic_terms").toString())
            .first()
            .getAs("model_id");
    ParleyJob.RunResult r =
        new ParleyJob(
                spark,
                SparkTestSupport.config(
                    null,
                    Map.of(),
                    Map.of(
                        "input.paths",
                        List.of("seeds/"),
                        "output.path",
                        copy.toString(),
                        "run.stages",
                        List.of("topics"))))
            .run();
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    String why = r.warnings().get(0);
    assertTrue(why.startsWith("topics: skipped: 5 articles and "), why);
    assertTrue(why.endsWith("2 topics need at least 10 articles and 20 terms"), why);
    assertEquals(
        before,
        spark
            .read()
            .format("delta")
            .load(copy.resolve("topic_terms").toString())
            .first()
            .getAs("model_id"),
        "the topic tables stay as they were");
  }

  @Test
  void justAboveTheFloorsTheStageFitsWhatTheCorpusSupportsAndSaysSo() throws Exception {
    Path copy = SparkTestSupport.tempDir("parley-topics-floor");
    org.parley.TestFiles.copyTree(out, copy);
    // Two articles per topic: five articles support two topics, not three; NPMI over exactly its
    // floor.
    ParleyJob.RunResult r =
        new ParleyJob(
                spark,
                SparkTestSupport.config(
                    null,
                    Map.of(
                        "topics.k",
                        "3",
                        "topics.min_df",
                        "2",
                        "topics.max_iterations",
                        "10",
                        "topics.min_articles_per_topic",
                        "2",
                        "topics.quality.npmi_min_articles",
                        "5"),
                    Map.of(
                        "input.paths",
                        List.of("seeds/"),
                        "output.path",
                        copy.toString(),
                        "run.stages",
                        List.of("topics"))))
            .run();
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(
        r.warnings().get(0).startsWith("topics: k=3 lowered to 2: 5 articles and "),
        r.warnings().toString());
    assertTrue(
        r.warnings().get(0).contains("support at most 2 topics (topics.min_articles_per_topic=2,"),
        r.warnings().toString());
    Row model = spark.read().format("delta").load(copy.resolve("topic_models").toString()).first();
    assertEquals(2, model.<Integer>getAs("k"));
    assertEquals(
        3, new ObjectMapper().readTree(model.<String>getAs("params")).get("requested_k").asInt());
    assertNotNull(model.getAs("mean_npmi"), "measured over as many articles as the floor asks");
    assertEquals(
        2,
        spark
            .read()
            .format("delta")
            .load(copy.resolve("topics").toString())
            .filter("npmi_coherence is not null")
            .count());
  }

  @Test
  void balanceIsTheEffectiveNumberOfTopicsOverK() {
    StructType schema =
        new StructType()
            .add("topic_id", DataTypes.IntegerType)
            .add("is_dominant", DataTypes.BooleanType);
    Dataset<Row> even =
        spark.createDataFrame(
            List.of(
                RowFactory.create(0, true),
                RowFactory.create(1, true),
                RowFactory.create(1, false)),
            schema);
    assertEquals(1.0, TopicEvaluation.balance(even, 2), 1e-12, "one article per topic");
    Dataset<Row> allInOne =
        spark.createDataFrame(
            List.of(RowFactory.create(0, true), RowFactory.create(0, true)), schema);
    assertEquals(
        0.5, TopicEvaluation.balance(allInOne, 2), 1e-12, "one topic takes every article: 1/k");
    // 3 articles in topic 0, 1 in topic 1, k = 4: H = -(3/4 ln 3/4 + 1/4 ln 1/4) = 0.5623; e^H / 4
    // = 0.4387.
    Dataset<Row> skewed =
        spark.createDataFrame(
            List.of(
                RowFactory.create(0, true),
                RowFactory.create(0, true),
                RowFactory.create(0, true),
                RowFactory.create(1, true)),
            schema);
    assertEquals(
        Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))) / 4,
        TopicEvaluation.balance(skewed, 4),
        1e-12);
  }

  @Test
  void qualityGateWarnsOrFails() {
    TopicOptions warn =
        TopicOptions.from(
            config(Map.of("topics.quality.min_mean_npmi", "0.99"), List.of("topics")));
    TopicOptions fail =
        TopicOptions.from(
            config(
                Map.of("topics.quality.min_mean_npmi", "0.99", "topics.quality.on_low", "fail"),
                List.of("topics")));
    TopicFit poor = new TopicFit("m", "lda", 3, null, "{}", null, null, null, 0.1, 0.5, null, 1.0);
    assertNull(TopicEvaluation.qualityGate(warn, poor, null), "logs a warning, does not throw");
    TopicQualityException e =
        assertThrows(
            TopicQualityException.class, () -> TopicEvaluation.qualityGate(fail, poor, null));
    assertTrue(
        e.getMessage().contains("has mean NPMI 0.100, below topics.quality.min_mean_npmi=0.99"),
        e.getMessage());
    assertNull(
        TopicEvaluation.qualityGate(
            fail,
            new TopicFit("m", "lda", 3, null, "{}", null, null, null, 0.995, 0.5, null, 1.0),
            null));
    // Not measured: nothing to judge, and the run says so rather than failing or passing the model.
    TopicFit unmeasured =
        new TopicFit("m", "lda", 3, null, "{}", null, null, null, null, 0.5, null, 1.0);
    String why =
        TopicEvaluation.qualityGate(fail, unmeasured, "mean NPMI not measured: 5 articles");
    assertEquals(
        "mean NPMI not measured: 5 articles; the quality gate (topics.quality.min_mean_npmi) was not applied",
        why);
  }

  @Test
  void gibbsFitsSavesAndAppliesLikeSparksLda() throws Exception {
    Path gOut = SparkTestSupport.tempDir("parley-gibbs");
    Map<String, Object> options =
        Map.of(
            "input.paths",
            List.of("seeds/"),
            "output.path",
            gOut.toString(),
            "run.stages",
            List.of("ingest", "terms", "topics"));
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                onTheSeeds(
                    Map.of(
                        "topics.lda.optimizer",
                        "gibbs",
                        "topics.k",
                        "3",
                        "topics.min_df",
                        "2",
                        "topics.max_iterations",
                        "20",
                        "topics.lda.log_perplexity",
                        "never",
                        "topics.quality.npmi_min_articles",
                        "5")),
                options))
        .run();
    Row model = spark.read().format("delta").load(gOut.resolve("topic_models").toString()).first();
    assertTrue(model.<String>getAs("params").contains("\"optimizer\":\"gibbs\""), model.toString());
    assertNull(model.getAs("log_perplexity"), "topics.lda.log_perplexity: never");
    assertNotNull(model.getAs("mean_npmi"));
    Dataset<Row> at = spark.read().format("delta").load(gOut.resolve("article_topics").toString());
    for (Row r :
        at.groupBy("article_id")
            .agg(org.apache.spark.sql.functions.sum("weight"))
            .collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-6, r.toString());
    }
    Map<String, Integer> fitted = dominant(at);
    assertEquals(5, fitted.size());
    String modelId = model.getAs("model_id");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                onTheSeeds(
                    Map.of(
                        "topics.mode",
                        "apply",
                        "topics.model_id",
                        modelId,
                        "topics.lda.relevance_lambda",
                        "0.9",
                        "topics.quality.npmi_min_articles",
                        "5")),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    gOut.toString(),
                    "run.stages",
                    List.of("topics"))))
        .run();
    assertEquals(
        fitted,
        dominant(spark.read().format("delta").load(gOut.resolve("article_topics").toString())));
    Row applied =
        spark.read().format("delta").load(gOut.resolve("topic_models").toString()).first();
    assertEquals(3, applied.<Integer>getAs("k"));
    assertNotNull(applied.getAs("log_perplexity"), "auto computes it on a small corpus");
    // The fitting run's topic_models row is overwritten; the apply run's keeps the fit's params
    // (saved with the model) and its own ranking λ.
    JsonNode appliedParams = new ObjectMapper().readTree(applied.<String>getAs("params"));
    assertTrue(appliedParams.get("applied").asBoolean());
    assertEquals(
        new ObjectMapper().readTree(model.<String>getAs("params")),
        appliedParams.get("fitted_params"));
    assertEquals(0.9, appliedParams.get("relevance_lambda").asDouble());
  }

  @Test
  void kmeansGivesOneTopicPerArticleWithWeightOne() {
    Path kOut = SparkTestSupport.tempDir("parley-kmeans");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                onTheSeeds(
                    Map.of("topics.algorithm", "kmeans", "topics.k", "2", "topics.min_df", "2")),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    kOut.toString(),
                    "run.stages",
                    List.of("ingest", "terms", "topics"))))
        .run();
    Dataset<Row> at = spark.read().format("delta").load(kOut.resolve("article_topics").toString());
    assertEquals(5, at.count());
    assertEquals(5, at.filter("weight = 1.0 and is_dominant").count());
    assertEquals(
        "kmeans",
        spark
            .read()
            .format("delta")
            .load(kOut.resolve("topic_models").toString())
            .first()
            .getAs("algorithm"));
  }
}
