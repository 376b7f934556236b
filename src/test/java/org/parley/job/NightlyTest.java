package org.parley.job;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.SparkTestSupport;
import org.parley.TableSnapshots;
import org.parley.TestFiles;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.RunMode;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * The nightly sequence on real articles: FA-KES split into three landing dates (the second
 * re-delivers five articles of the first, the third holds two bad records), a full run over the
 * first date, nightly runs of the others; then the same night again, an equal rebuild with {@code
 * run --keep-models}, an empty night and a two-article night. Every run happens once, here, and the
 * tests read what they left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyTest {
  private static final LocalDate D1 = LocalDate.of(2017, 6, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate EMPTY = D1.plusDays(3);
  private static final LocalDate SMALL = D1.plusDays(4);
  private static final int REDELIVERED = 5;

  private SparkSession spark;
  private Path landing;
  private Path out;
  private Path rebuilt;
  private ParleyJob.RunResult full;
  private ParleyJob.RunResult night2;
  private ParleyJob.RunResult night3;
  private ParleyJob.RunResult night3Again;
  private ParleyJob.RunResult emptyNight;
  private ParleyJob.RunResult smallNight;
  private Map<String, List<String>> afterNight3;
  private Map<String, List<String>> afterNight3Again;
  private Map<String, List<String>> afterRebuild;
  private Map<String, List<String>> beforeEmptyNight;
  private Map<String, List<String>> afterEmptyNight;
  private ParleyJob.RunResult refit;
  private String modelBeforeRefit;

  /** Before the refit rewrites them: per table, the articles each run's rows cover. */
  private final Map<String, Map<String, Long>> articlesByRun = new LinkedHashMap<>();

  private String selectedModelRun;

  /** The run ids of the actors table's rows before and after the night with a new dictionary. */
  private List<String> actorRunsBeforeSmallNight;

  private List<String> actorRunsAfterSmallNight;
  private List<String> actorIdsBeforeSmallNight;
  private List<String> actorIdsAfterSmallNight;

  @BeforeAll
  void runTheNights() throws IOException {
    spark = SparkTestSupport.spark();
    Path work = SparkTestSupport.tempDir("parley-nightly");
    landing = work.resolve("landing");
    out = work.resolve("out");
    rebuilt = work.resolve("rebuilt");
    List<Map<String, Object>> articles = faKes(86);
    writeNight(D1, articles.subList(0, 40), List.of());
    List<Map<String, Object>> second = new ArrayList<>(articles.subList(40, 60));
    for (Map<String, Object> copy : articles.subList(0, REDELIVERED)) {
      Map<String, Object> again = new LinkedHashMap<>(copy);
      again.put("id", copy.get("id") + "-redelivered");
      second.add(again);
    }
    writeNight(D2, second, List.of());
    writeNight(
        D3,
        articles.subList(60, 84),
        List.of("{\"id\": \"broken\", \"text\": \"unterminated", "{\"id\": \"empty\"}"));

    full = new ParleyJob(spark, config(landing.resolve("date=" + D1).toString())).run();
    night2 = nightly(D2);
    night3 = nightly(D3);
    afterNight3 = TableSnapshots.of(spark, out, 9);
    night3Again = nightly(D3);
    afterNight3Again = TableSnapshots.of(spark, out, 9);

    TestFiles.copyTree(out, rebuilt);
    new ParleyJob(spark, config(landing.toString(), rebuilt), RunMode.KEEP_MODELS, null).run();
    afterRebuild = TableSnapshots.of(spark, rebuilt, 9);

    beforeEmptyNight = afterNight3Again;
    emptyNight = nightly(EMPTY);
    afterEmptyNight = TableSnapshots.of(spark, out, 9);
    writeNight(SMALL, articles.subList(84, 86), List.of());
    actorRunsBeforeSmallNight = column(Tables.ACTORS, "run_id");
    actorIdsBeforeSmallNight = column(Tables.ACTORS, "actor_id");
    // The two-article night runs with one more actor in the dictionary.
    Path dictionary = work.resolve("actors-plus-one.yaml");
    Files.writeString(
        dictionary,
        Files.readString(Path.of("conf/actors.yaml"))
            + "\n  - id: test_review_board\n    name: Parley Test Review Board\n"
            + "    type: ORGANIZATION\n");
    smallNight =
        new ParleyJob(
                spark,
                config(
                    landing.resolve("date=" + SMALL).toString(),
                    out,
                    Map.of("actors.dictionary", dictionary.toString())),
                RunMode.NIGHTLY,
                SMALL)
            .run();
    actorRunsAfterSmallNight = column(Tables.ACTORS, "run_id");
    actorIdsAfterSmallNight = column(Tables.ACTORS, "actor_id");
    modelBeforeRefit = table(out, Tables.TOPICS).first().getAs("model_id");
    selectedModelRun =
        table(out, Tables.TOPIC_MODELS).filter(col("selected")).first().getAs("run_id");
    for (Table t :
        List.of(
            Tables.ARTICLES,
            Tables.SENTENCES,
            Tables.ARTICLE_TERMS,
            Tables.ACTOR_MENTIONS,
            Tables.ARTICLE_TOPICS)) {
      Map<String, Long> byRun = new LinkedHashMap<>();
      for (Row r :
          table(out, t).groupBy("run_id").agg(countDistinct("article_id")).collectAsList()) {
        byRun.put(r.getString(0), r.getLong(1));
      }
      articlesByRun.put(t.name(), byRun);
    }
    refit = new ParleyJob(spark, config(landing.toString()), RunMode.REFIT, null).run();
  }

  private ParleyJob.RunResult nightly(LocalDate night) {
    return new ParleyJob(
            spark, config(landing.resolve("date=" + night).toString()), RunMode.NIGHTLY, night)
        .run();
  }

  private ParleyConfig config(String input) {
    return config(input, out);
  }

  /** FA-KES's settings, and a small, quick topic model (EM, k = 3). */
  private static ParleyConfig config(String input, Path output) {
    return config(input, output, Map.of());
  }

  private static ParleyConfig config(String input, Path output, Map<String, String> more) {
    Map<String, String> settings =
        new LinkedHashMap<>(
            Map.of("topics.k", "3", "topics.max_iterations", "15", "terms.phrases.min_count", "2"));
    settings.putAll(more);
    return ConfigLoader.load(
        null, settings, Map.of("input.paths", List.of(input), "output.path", output.toString()));
  }

  /** One column of an output table, sorted. */
  private List<String> column(Table t, String name) {
    return table(out, t).select(name).as(Encoders.STRING()).collectAsList().stream()
        .sorted()
        .toList();
  }

  @Test
  void theFirstRunLearnsTheModelsTheNightsThenApply() {
    assertEquals("run", full.command());
    assertEquals(40, full.ingestTotals().accepted());
    assertTrue(table(out, Tables.PHRASES).count() > 0, "phrases learned and stored");
    assertTrue(
        table(out, Tables.ORDINARY_WORDS).count() > 100, "ordinary words learned and stored");
    assertEquals(
        full.runId(), selectedModelRun, "topic_models is the fit's, untouched by the nights");
    assertEquals(1, table(out, Tables.TOPICS).select("model_id").distinct().count());
    assertEquals(
        List.of(), night2.warnings(), "a night with stored models has nothing to warn about");
  }

  @Test
  void aNightAddsOnlyWhatIsNewAndCountsRedeliveriesAsDuplicates() {
    var t2 = night2.ingestTotals();
    assertEquals(25, t2.recordsRead());
    assertEquals(20, t2.accepted());
    assertEquals(
        REDELIVERED, t2.duplicates(), "re-delivered articles are duplicates of the first night's");
    assertTrue(t2.reconciles());
    var t3 = night3.ingestTotals();
    assertEquals(26, t3.recordsRead());
    assertEquals(24, t3.accepted());
    assertEquals(2, t3.rejected());

    Dataset<Row> articles = table(out, Tables.ARTICLES);
    assertEquals(86, articles.count(), "40 + 20 + 24, and 2 on the last night");
    assertEquals(
        40, articles.filter(col("ingest_date").equalTo(lit(D1.toString()).cast("date"))).count());
    assertEquals(
        24, articles.filter(col("ingest_date").equalTo(lit(D3.toString()).cast("date"))).count());
    assertEquals(
        20,
        articles.filter(col("source_path").contains("date=" + D2)).count(),
        "the first night's copies are kept, not the re-delivered ones");
    // The earlier articles' rows are the first run's: nothing was recomputed for them.
    for (Table t :
        List.of(
            Tables.ARTICLES,
            Tables.SENTENCES,
            Tables.ARTICLE_TERMS,
            Tables.ACTOR_MENTIONS,
            Tables.ARTICLE_TOPICS)) {
      assertEquals(40L, articlesByRun.get(t.name()).get(full.runId()), t.name());
      assertEquals(20L, articlesByRun.get(t.name()).get(night2.runId()), t.name());
    }
    Dataset<Row> runs = table(out, Tables.RUNS).filter(col("run_id").equalTo(night2.runId()));
    Row run = runs.first();
    assertEquals("nightly", run.getAs("command"));
    assertEquals((long) REDELIVERED, (long) run.<Long>getAs("duplicates"));
  }

  @Test
  void rejectionsKeepTheirNight() {
    Dataset<Row> rejected = table(out, Tables.REJECTED_RECORDS);
    assertEquals(
        2,
        rejected.count(),
        "the re-run of the third night replaced its rejections, not added to them");
    assertEquals(
        2, rejected.filter(col("ingest_date").equalTo(lit(D3.toString()).cast("date"))).count());
  }

  @Test
  void corpusTablesReflectEveryNight() {
    Dataset<Row> stats = table(out, Tables.TERM_STATS);
    Dataset<Row> terms = table(out, Tables.ARTICLE_TERMS);
    Dataset<Row> perTerm =
        terms.groupBy("term", "ngram").agg(sum("count").as("total"), count(lit(1)).as("df"));
    Dataset<Row> mismatches =
        perTerm
            .join(stats, new String[] {"term", "ngram"}, "full_outer")
            .filter(
                "total is null or total_count is null or total != total_count or df != doc_freq");
    assertTrue(mismatches.isEmpty(), () -> mismatches.limit(5).collectAsList().toString());
    Row regime = stats.orderBy(col("doc_freq").desc()).first();
    assertEquals(
        Math.log(87.0 / (1 + regime.<Long>getAs("doc_freq"))) + 1,
        regime.<Double>getAs("idf"),
        1e-12,
        "idf over all 86 articles");
    long topicArticles = table(out, Tables.TOPICS).agg(sum("article_count")).first().getLong(0);
    assertEquals(
        table(out, Tables.ARTICLE_TOPICS).filter(col("is_dominant")).count(), topicArticles);
    assertEquals(
        table(out, Tables.ARTICLE_TOPICS).select("article_id").distinct().count(),
        table(out, Tables.ARTICLE_TERMS).select("article_id").distinct().count(),
        "every article with terms has topic weights");
  }

  @Test
  void reRunningANightChangesNothing() {
    assertEquals(0, night3Again.ingestTotals().accepted());
    assertEquals(24, night3Again.ingestTotals().duplicates());
    TableSnapshots.assertEqual(afterNight3, afterNight3Again);
  }

  @Test
  void theNightsEqualARebuildThatKeepsTheModels() {
    TableSnapshots.assertEqual(afterNight3Again, afterRebuild);
  }

  @Test
  void anEmptyNightSucceedsAndSaysSo() {
    assertEquals(0, emptyNight.ingestTotals().recordsRead());
    assertTrue(
        emptyNight.warnings().stream().anyMatch(w -> w.contains("nothing arrived")),
        emptyNight.warnings().toString());
    TableSnapshots.assertEqual(beforeEmptyNight, afterEmptyNight);
    Row run = table(out, Tables.RUNS).filter(col("run_id").equalTo(emptyNight.runId())).first();
    assertEquals("succeeded", run.getAs("status"));
  }

  @Test
  void aTwoArticleNightSucceeds() {
    assertEquals(2, smallNight.ingestTotals().accepted());
    assertEquals(86, table(out, Tables.ARTICLES).count());
    assertEquals(
        2L,
        articlesByRun.get(Tables.ARTICLE_TOPICS.name()).get(smallNight.runId()),
        "the stored model weighs even two articles");
  }

  @Test
  void actorsAreRewrittenOnlyWhenTheDictionaryChanges() {
    assertEquals(
        List.of(full.runId()),
        actorRunsBeforeSmallNight.stream().distinct().toList(),
        "nights with the first run's dictionary leave its actors rows as they are");
    assertEquals(
        List.of(smallNight.runId()),
        actorRunsAfterSmallNight.stream().distinct().toList(),
        "a night with a changed dictionary writes every row");
    assertFalse(actorIdsBeforeSmallNight.contains("test_review_board"));
    assertTrue(actorIdsAfterSmallNight.contains("test_review_board"));
    assertEquals(actorIdsBeforeSmallNight.size() + 1, actorIdsAfterSmallNight.size());
  }

  @Test
  void aRefitLearnsAgainFromTheTablesAndKeepsTopicIdsWhereTopicsPersist() {
    assertEquals("refit", refit.command());
    assertEquals(List.of("ingest", "terms", "actors", "topics"), refit.stages());
    assertNull(refit.ingestTotals(), "a refit reads the tables, not the landing folder");
    assertEquals(86, table(out, Tables.ARTICLES).count());
    assertTrue(
        refit.tableRows().containsKey(Tables.FURNITURE.name())
            && !refit.tableRows().containsKey(Tables.ARTICLES.name()),
        "its ingest learns the page furniture again and adds no article: " + refit.tableRows());
    assertEquals(
        refit.runId(), table(out, Tables.PHRASES).first().getAs("run_id"), "phrases learned again");
    Row model = table(out, Tables.TOPIC_MODELS).filter(col("selected")).first();
    assertEquals(refit.runId(), model.getAs("run_id"));
    String newModel = model.getAs("model_id");
    assertNotEquals(
        modelBeforeRefit, newModel, "a corpus twice the size gives another vocabulary and model");

    Dataset<Row> lineage =
        table(out, Tables.TOPIC_LINEAGE).filter(col("model_id").equalTo(newModel));
    assertEquals(3, lineage.count(), "one row per new topic");
    List<Integer> ids =
        lineage.select("topic_id").as(org.apache.spark.sql.Encoders.INT()).collectAsList();
    List<Integer> published =
        table(out, Tables.TOPICS)
            .select("topic_id")
            .as(org.apache.spark.sql.Encoders.INT())
            .collectAsList();
    assertEquals(ids.stream().sorted().toList(), published.stream().sorted().toList());
    assertEquals(
        java.util.Set.copyOf(published),
        java.util.Set.copyOf(
            table(out, Tables.ARTICLE_TOPICS)
                .select("topic_id")
                .distinct()
                .as(org.apache.spark.sql.Encoders.INT())
                .collectAsList()));
    for (Row link : lineage.collectAsList()) {
      if (link.getAs("previous_topic_id") != null) {
        assertEquals(modelBeforeRefit, link.getAs("previous_model_id"));
        assertEquals(
            (Integer) link.getAs("previous_topic_id"),
            link.<Integer>getAs("topic_id"),
            "a continued topic keeps its id");
        assertTrue(link.<Double>getAs("similarity") >= TopicLineageSimilarity.MIN);
      } else {
        assertTrue(link.<Integer>getAs("topic_id") >= 3, "a new topic gets an id no old topic had");
      }
    }
    assertTrue(
        lineage.filter(col("previous_topic_id").isNotNull()).count() > 0,
        "some topics of 40 articles persist in 86");
  }

  /** The threshold, named here so the test reads as the rule it checks. */
  private static final class TopicLineageSimilarity {
    static final double MIN = org.parley.topics.TopicLineage.MIN_SIMILARITY;
  }

  // ---- helpers ----

  private Dataset<Row> table(Path output, Table t) {
    return spark.read().format("delta").load(output.resolve(t.name()).toString());
  }

  /** The first n FA-KES articles (by id) as JSON Lines fields, dates as ISO. */
  private List<Map<String, Object>> faKes(int n) {
    Dataset<Row> csv =
        spark
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("escape", "\"")
            .option("encoding", "iso-8859-1")
            .csv("src/test/resources/fa-kes/FA-KES-Dataset.csv");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r :
        csv.filter(col("article_content").isNotNull().and(length(col("article_content")).gt(200)))
            .select(
                col("unit_id"),
                col("article_title"),
                col("article_content"),
                col("source"),
                date_format(try_to_timestamp(col("date"), lit("M/d/yyyy")), "yyyy-MM-dd")
                    .as("published"))
            .dropDuplicates("article_content")
            .orderBy("unit_id")
            .limit(n)
            .collectAsList()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("id", r.getString(0));
      a.put("title", r.getString(1));
      a.put("text", r.getString(2));
      a.put("source", r.getString(3));
      a.put("published", r.getString(4));
      out.add(a);
    }
    assertEquals(n, out.size());
    return out;
  }

  private void writeNight(
      LocalDate night, List<Map<String, Object>> articles, List<String> badLines)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> a : articles) {
      lines.add(json.writeValueAsString(a));
    }
    lines.addAll(badLines);
    Path folder = landing.resolve("date=" + night).resolve("feed");
    Files.createDirectories(folder);
    Files.write(folder.resolve("articles.jsonl"), lines);
  }
}
