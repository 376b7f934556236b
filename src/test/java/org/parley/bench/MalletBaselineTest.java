package org.parley.bench;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.job.ParleyJob;
import org.parley.topics.TopicTransforms;

class MalletBaselineTest {
  @TempDir Path work;

  private final SparkSession spark = SparkTestSupport.spark();

  private static final StructType DOCUMENTS =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Three disjoint word groups; the third has phrase terms, which must survive the text lines. */
  private static final List<List<String>> GROUPS =
      List.of(
          List.of("rebel", "shell", "aleppo", "siege", "army", "rocket", "district", "regime"),
          List.of("chemical", "sarin", "inspector", "opcw", "gas", "victim", "hospital", "symptom"),
          List.of(
              "united nations",
              "human rights",
              "geneva",
              "envoy",
              "talk",
              "ceasefire",
              "delegation",
              "resolution"));

  /** 60 documents, 20 per group, each 30 tokens drawn from its group only. */
  private Dataset<Row> plantedDocuments() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      List<String> group = GROUPS.get(d % 3);
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        tokens.add(group.get(random.nextInt(group.size())));
      }
      rows.add(row(String.format("doc%02d", d), tokens.toArray(String[]::new)));
    }
    return frame(DOCUMENTS, rows);
  }

  private MalletBaseline.Result train(String documents, String name, int seed) {
    MalletBaseline.Settings settings =
        MalletBaseline.Settings.of(3, 200, seed).withThreads(1).withMaxHeap("256m");
    return MalletBaseline.train(documents, work.resolve(name).toUri().toString(), settings);
  }

  private static List<String> terms(MalletBaseline.Topic t) {
    return t.words().stream().map(MalletBaseline.TopicWord::term).toList();
  }

  @Test
  void recoversPlantedGroupsDeterministicallyAndScoresThem() {
    Dataset<Row> docs = plantedDocuments();
    String docsPath = work.resolve("docs").toUri().toString();
    MalletBaseline.writeTokenDocuments(docs, docsPath);

    MalletBaseline.Result r = train(docsPath, "result-1.json", 11);

    assertEquals(60, r.documents());
    assertEquals(60 * 30, r.tokens());
    assertEquals(24, r.vocabularySize());
    assertEquals(3, r.topics().size());
    Set<Set<String>> found = new HashSet<>();
    for (MalletBaseline.Topic t : r.topics()) {
      Set<String> top8 = new TreeSet<>(terms(t).subList(0, 8));
      assertTrue(
          GROUPS.stream().anyMatch(g -> new TreeSet<>(g).equals(top8)),
          "topic " + t + " is one group");
      found.add(top8);
      assertEquals(20, t.documents(), "each group's documents go to its topic: " + t);
      assertEquals(1.0 / 3, t.documentShare(), 1e-9);
      assertEquals(1, t.words().get(0).rank());
    }
    assertEquals(3, found.size(), "the three topics are the three groups");
    assertTrue(
        r.loadSeconds() > 0 && r.trainSeconds() > 0 && r.processSeconds() > r.trainSeconds());

    // Same seed, one thread: the same topics, word counts and documents.
    MalletBaseline.Result again = train(docsPath, "result-2.json", 11);
    assertEquals(r.topics(), again.topics());

    // Scored with Parley's NPMI on the same documents: groups never mix, so coherence is near 1.
    Dataset<Row> topicTerms = MalletBaseline.topicTerms(spark, r, "mallet-k3");
    assertEquals(List.of("model_id", "topic_id", "rank", "term"), List.of(topicTerms.columns()));
    String[] vocabulary = GROUPS.stream().flatMap(List::stream).toArray(String[]::new);
    Dataset<Row> vectors =
        new CountVectorizerModel(vocabulary)
            .setInputCol("tokens")
            .setOutputCol(TopicTransforms.FEATURES)
            .transform(docs);
    MalletBaseline.Quality q = MalletBaseline.quality(topicTerms, vectors, vocabulary);
    assertEquals(3, q.topicNpmi().size());
    for (Double npmi : q.topicNpmi()) {
      assertTrue(npmi != null && npmi > 0.9, "topic NPMI " + q.topicNpmi());
    }
    assertTrue(q.meanNpmi() > 0.9);
    assertNotNull(q.topicDiversity());
    assertTrue(q.topicDiversity() > 0 && q.topicDiversity() <= 1);
    assertEquals(r.settings().toMap(), ((Map<?, ?>) r.toMap().get("settings")));
  }

  @Test
  void alsoRanksEachTopicsWordsAsParleyRanksItsOwn() {
    Dataset<Row> docs = plantedDocuments();
    String docsPath = work.resolve("docs-relevance").toUri().toString();
    MalletBaseline.writeTokenDocuments(docs, docsPath);
    MalletBaseline.Settings settings =
        MalletBaseline.Settings.of(3, 200, 11)
            .withThreads(1)
            .withMaxHeap("256m")
            .withRelevanceLambda(0.6);
    MalletBaseline.Result r =
        MalletBaseline.train(
            docsPath, work.resolve("result-relevance.json").toUri().toString(), settings);
    assertEquals(0.6, r.settings().relevanceLambda());
    for (MalletBaseline.Topic t : r.topics()) {
      List<String> byRelevance =
          t.wordsByRelevance().stream().map(MalletBaseline.TopicWord::term).toList();
      assertEquals(24, byRelevance.size(), "every word has weight (count + beta) in every topic");
      assertEquals(
          new TreeSet<>(terms(t).subList(0, 8)),
          new TreeSet<>(byRelevance.subList(0, 8)),
          "a planted group is both the most probable and the most relevant words of its topic: "
              + t);
      assertEquals(
          List.of(1, 2, 3),
          t.wordsByRelevance().subList(0, 3).stream().map(MalletBaseline.TopicWord::rank).toList());
    }
    List<Row> ranked =
        MalletBaseline.topicTerms(spark, r, "mallet-k3", true)
            .orderBy("topic_id", "rank")
            .collectAsList();
    assertEquals(r.topics().get(0).wordsByRelevance().get(0).term(), ranked.get(0).getString(3));
  }

  @Test
  void tokenDocumentsKeepVocabularyTermsRepeatedByCountInOrder() {
    StructType schema =
        new StructType()
            .add("article_id", DataTypes.StringType, false)
            .add("term", DataTypes.StringType, false)
            .add("ngram", DataTypes.IntegerType, false)
            .add("count", DataTypes.LongType, false);
    Dataset<Row> articleTerms =
        frame(
            schema,
            row("a", "talk", 1, 2L),
            row("a", "ceasefire", 1, 1L),
            row("a", "united nations", 2, 1L),
            row("a", "rare", 1, 5L), // not in the vocabulary
            row("b", "rare", 1, 1L), // no vocabulary term: no document
            row("c", "united nations", 2, 3L));
    Dataset<Row> docs =
        MalletBaseline.parleyTokenDocuments(
            articleTerms, new String[] {"talk", "united nations", "ceasefire"});
    List<Row> got = docs.orderBy("article_id").collectAsList();
    assertEquals(2, got.size());
    assertEquals("a", got.get(0).getString(0));
    assertEquals(List.of("ceasefire", "talk", "talk", "united nations"), got.get(0).getList(1));
    assertEquals(
        List.of("united nations", "united nations", "united nations"), got.get(1).getList(1));

    String path = work.resolve("tokens").toUri().toString();
    MalletBaseline.writeTokenDocuments(docs, path);
    List<String> lines =
        spark
            .read()
            .text(path)
            .orderBy("value")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(
        List.of(
            "a\tceasefire talk talk united+nations",
            "c\tunited+nations united+nations united+nations"),
        lines);
  }

  /**
   * The whole chain on seeds/: Parley's own LDA, its vocabulary and tokens into MALLET, both scored
   * alike.
   */
  @Test
  void runsOnAParleyOutput() {
    String out = work.resolve("parley").toString();
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                // Five articles: each topic may rest on one article and one term here.
                Map.of(
                    "topics.k",
                    "2",
                    "topics.min_df",
                    "2",
                    "topics.max_iterations",
                    "10",
                    "topics.min_articles_per_topic",
                    "1",
                    "topics.min_terms_per_topic",
                    "1"),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    out,
                    "run.stages",
                    List.of("ingest", "terms", "topics"))))
        .run();
    String modelId =
        spark
            .read()
            .format("delta")
            .load(out + "/topic_models")
            .filter(col("selected"))
            .first()
            .getAs("model_id");

    MalletBaseline.ParleyModel model = MalletBaseline.parleyModel(spark, out, modelId);
    assertEquals(2, model.k());
    assertEquals(10, model.iterations());
    assertTrue(model.includePhrases());
    Dataset<Row> docs = MalletBaseline.parleyTokenDocuments(spark, out, model);
    Set<String> vocabulary = Set.of(model.vocabulary());
    long inVocabulary =
        spark
            .read()
            .format("delta")
            .load(out + "/article_terms")
            .filter(col("term").isin((Object[]) model.vocabulary()))
            .agg(org.apache.spark.sql.functions.sum("count"))
            .first()
            .getLong(0);
    long tokens = 0;
    for (Row d : docs.collectAsList()) {
      List<String> t = d.getList(1);
      assertTrue(vocabulary.containsAll(t));
      tokens += t.size();
    }
    assertEquals(inVocabulary, tokens, "every in-vocabulary occurrence, once");

    String docsPath = work.resolve("seed-docs").toString();
    MalletBaseline.writeTokenDocuments(docs, docsPath);
    MalletBaseline.Result r =
        MalletBaseline.train(
            docsPath,
            work.resolve("seed-result.json").toString(),
            MalletBaseline.Settings.of(model).withThreads(1).withMaxHeap("256m"));
    assertEquals(2, r.settings().k());
    assertEquals(10, r.settings().iterations());
    assertEquals(docs.count(), r.documents());
    assertEquals(tokens, r.tokens());
    assertEquals(
        vocabulary.size(),
        r.vocabularySize(),
        "the seeds vocabulary is small enough that every term occurs");
    for (MalletBaseline.Topic t : r.topics()) {
      assertTrue(
          vocabulary.containsAll(terms(t)),
          "MALLET's words are Parley's terms, phrases decoded: " + t);
    }

    MalletBaseline.Quality q =
        MalletBaseline.quality(
            MalletBaseline.topicTerms(spark, r, "mallet"),
            MalletBaseline.countVectors(spark, out, model),
            model.vocabulary());
    assertEquals(2, q.topicNpmi().size());
    assertFalse(q.topicNpmi().contains(null));
    assertTrue(q.meanNpmi() >= -1 && q.meanNpmi() <= 1);
  }
}
