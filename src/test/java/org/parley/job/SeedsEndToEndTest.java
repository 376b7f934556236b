package org.parley.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/** The whole job on seeds/ (five .txt articles), run once and read back from its Parquet tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedsEndToEndTest {
  /** Inputs and outputs of this class\'s runs; JUnit removes it afterwards. */
  @TempDir static Path work;

  private final SparkSession spark = SparkTestSupport.spark();
  private Path out;
  private ParleyConfig config;
  private ParleyJob.RunResult result;

  /** Every stage, in pipeline order. */
  private static final List<String> ALL_STAGES =
      List.copyOf(org.parley.config.ConfigKeys.STAGE_NAMES);

  /**
   * The five seeds support no topic model (topics are skipped by default, see TopicsTest); these
   * tests check every table's shape, so they let each topic rest on one article and one term.
   */
  private static ParleyConfig seedsConfig(Path output, List<String> stages) {
    return ConfigLoader.load(
        null,
        Map.of("topics.min_articles_per_topic", "1", "topics.min_terms_per_topic", "1"),
        Map.of(
            "input.paths",
            List.of("seeds/"),
            "output.path",
            output.toString(),
            "run.stages",
            stages));
  }

  @BeforeAll
  void runOnSeeds() {
    out = work.resolve("out");
    config = seedsConfig(out, ALL_STAGES);
    result = new ParleyJob(spark, config).run();
  }

  private Dataset<Row> table(Path output, Table table) {
    return spark.read().format("delta").load(output.resolve(table.name()).toString());
  }

  private Dataset<Row> table(Table table) {
    return table(out, table);
  }

  private List<Row> articlesByPath() {
    return table(Tables.ARTICLES).orderBy("source_path").collectAsList();
  }

  @Test
  void fiveArticlesWithTheirDates() {
    List<Row> articles = articlesByPath();
    assertEquals(5, articles.size());
    List<String> files =
        articles.stream()
            .map(r -> r.<String>getAs("source_path").replaceAll(".*/", "").substring(0, 3))
            .toList();
    assertEquals(List.of("000", "001", "002", "003", "004"), files);
    List<Date> dates = articles.stream().map(r -> r.<Date>getAs("published_date")).toList();
    assertEquals(
        java.util.Arrays.asList(
            Date.valueOf("2024-03-01"),
            Date.valueOf("2017-11-02"),
            Date.valueOf("2024-11-14"),
            null,
            null),
        dates);
    assertEquals(
        java.util.Arrays.asList("marker", "header", "marker", null, null),
        articles.stream().map(r -> r.<String>getAs("date_source")).toList());
    for (Row a : articles) {
      assertEquals("file", a.getAs("locator"));
      assertEquals(a.<String>getAs("text").length(), (int) a.getAs("n_chars"));
      assertFalse(a.<String>getAs("text").startsWith("date "), "the date marker is not text");
    }
  }

  @Test
  void titleOfArticle001() {
    List<Row> articles = articlesByPath();
    assertEquals(
        "Syria opposition rejects Russia-hosted peace conference calling it 'a joke'",
        articles.get(1).getAs("title"));
    assertTrue(articles.get(1).<String>getAs("text").startsWith("Moscow's proposal"));
    assertNull(articles.get(0).getAs("title"), "000's first line is a sentence");
  }

  @Test
  void frequentUnigramTerms() {
    List<String> top15 =
        table(Tables.TERM_STATS)
            .filter("ngram = 1")
            .orderBy(desc("total_count"), col("term"))
            .limit(15)
            .collectAsList()
            .stream()
            .map(r -> r.<String>getAs("term"))
            .toList();
    assertTrue(top15.containsAll(List.of("opposition", "regime", "talk")), top15.toString());
    assertFalse(top15.contains("talks"), "plural folded into its lemma");
  }

  @Test
  void phrases() {
    Set<String> bigrams =
        table(Tables.TERM_STATS).filter("ngram = 2").collectAsList().stream()
            .map(r -> r.<String>getAs("term"))
            .collect(Collectors.toSet());
    assertTrue(
        bigrams.containsAll(List.of("arab league", "political process", "resolution 2254")),
        bigrams.toString());
    assertTrue(
        table(Tables.TERM_STATS)
            .filter(
                col("ngram")
                    .equalTo(1)
                    .and(col("term").rlike(org.parley.text.TermRules.NUMERIC_TERM_REGEX)))
            .isEmpty(),
        "numbers (2254, 350,000, 2011) are no unigram terms");
    assertEquals(
        1, table(Tables.TERM_STATS).filter("term = '13-year'").count(), "a compound is a word");
  }

  @Test
  void everyTableHasExactlyItsSchema() {
    for (Table t : Tables.ALL) {
      StructType got = table(t).schema();
      StructType want = t.schema();
      assertEquals(List.of(want.fieldNames()), List.of(got.fieldNames()), t.name());
      for (StructField f : want.fields()) {
        assertEquals(
            f.dataType().catalogString(),
            got.apply(f.name()).dataType().catalogString(),
            t.name() + "." + f.name());
      }
    }
  }

  @Test
  void runsRecordsTheRun() {
    List<Row> runs = table(Tables.RUNS).collectAsList();
    assertEquals(1, runs.size());
    Row run = runs.get(0);
    assertEquals(result.runId(), run.getAs("run_id"));
    assertEquals("succeeded", run.getAs("status"));
    assertNull(run.getAs("error"));
    assertEquals(5L, (long) run.getAs("records_read"));
    assertEquals(5L, (long) run.getAs("accepted"));
    assertEquals(0L, (long) run.getAs("duplicates"));
    assertEquals(0L, (long) run.getAs("rejected"));
    assertEquals(ALL_STAGES, run.getList(run.fieldIndex("stages")));
    assertEquals(List.of("seeds/"), run.getList(run.fieldIndex("input_paths")));
    assertEquals(config.digest(), run.getAs("config_digest"));
    assertEquals(config.toJson(), run.getAs("config_json"));
    assertTrue(!run.<java.sql.Timestamp>getAs("finished_at").before(run.getAs("started_at")));

    Map<String, Long> tableRows = run.getJavaMap(run.fieldIndex("table_rows"));
    Set<String> expectedTables =
        Tables.ALL.stream()
            .filter(t -> t != Tables.RUNS)
            .map(Table::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expectedTables, new TreeSet<>(tableRows.keySet()));
    for (Table t : Tables.ALL) {
      if (t != Tables.RUNS) {
        assertEquals(table(t).count(), (long) tableRows.get(t.name()), t.name());
        assertTrue(
            table(t).filter(col("run_id").notEqual(result.runId())).isEmpty(),
            t.name() + " run_id");
      }
    }
    assertEquals(0L, (long) tableRows.get("rejected_records"));
    assertEquals(result.tableRows(), tableRows);
    Map<String, Double> stageSeconds = run.getJavaMap(run.fieldIndex("stage_seconds"));
    assertEquals(
        ALL_STAGES,
        List.copyOf(result.stageSeconds().keySet()),
        "every stage timed, in pipeline order");
    assertTrue(stageSeconds.values().stream().allMatch(s -> s >= 0), stageSeconds.toString());
    assertEquals(result.stageSeconds(), stageSeconds);
  }

  @Test
  void termsOnlyInUndatedArticlesHaveStatsButNoTrends() {
    Dataset<Row> stats = table(Tables.TERM_STATS);
    Row snc = stats.filter("term = 'snc'").first();
    assertNull(snc.getAs("first_date"));
    assertNull(snc.getAs("last_date"));
    Set<String> trendTerms =
        table(Tables.TERM_TRENDS).select("term").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertFalse(trendTerms.contains("snc"));
    // Every term seen only in the undated 003/004, even those in both (doc_freq 2, e.g.
    // "political process"), has no trend rows.
    List<String> undatedOnly =
        stats.filter("first_date is null").collectAsList().stream()
            .map(r -> r.<String>getAs("term"))
            .toList();
    assertTrue(undatedOnly.contains("political process"), undatedOnly.toString());
    for (String term : undatedOnly) {
      assertFalse(trendTerms.contains(term), term);
    }
    // And trends only hold terms found in at least terms.trends.min_doc_freq = 2 articles.
    assertTrue(
        table(Tables.TERM_TRENDS)
            .join(stats.select("term", "ngram", "doc_freq"), new String[] {"term", "ngram"})
            .filter("doc_freq < 2")
            .isEmpty());
  }

  @Test
  void trendSharesAreDocCountsOverDatedArticlesInThePeriod() {
    Map<String, Integer> articlesInPeriod = new HashMap<>();
    for (Row a : articlesByPath()) {
      Date d = a.getAs("published_date");
      if (d != null) {
        LocalDate day = d.toLocalDate();
        articlesInPeriod.merge("day " + day, 1, Integer::sum);
        articlesInPeriod.merge(
            "week " + day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            1,
            Integer::sum);
        articlesInPeriod.merge("month " + day.withDayOfMonth(1), 1, Integer::sum);
      }
    }
    List<Row> trends = table(Tables.TERM_TRENDS).collectAsList();
    assertFalse(trends.isEmpty());
    for (Row t : trends) {
      String key = t.getAs("period") + " " + t.<Date>getAs("period_start").toLocalDate();
      assertTrue(articlesInPeriod.containsKey(key), key);
      assertEquals(
          (double) t.<Long>getAs("doc_count") / articlesInPeriod.get(key),
          t.<Double>getAs("share"),
          1e-12,
          key);
    }
    // "regime" is in all three dated articles: one row per period kind and date.
    List<String> regimeWeeks =
        trends.stream()
            .filter(t -> t.getAs("term").equals("regime") && t.getAs("period").equals("week"))
            .map(t -> t.<Date>getAs("period_start").toString())
            .sorted()
            .toList();
    assertEquals(List.of("2017-10-30", "2024-02-26", "2024-11-11"), regimeWeeks);
  }

  @Test
  void sentencesIndexIntoTheirArticleText() {
    Map<String, Row> articles =
        articlesByPath().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("article_id"), r -> r));
    List<Row> sentences =
        table(Tables.SENTENCES).orderBy("article_id", "sentence_index").collectAsList();
    Map<String, Integer> perArticle = new HashMap<>();
    Map<String, Integer> tokensPerArticle = new HashMap<>();
    for (Row s : sentences) {
      String id = s.getAs("article_id");
      String text = articles.get(id).getAs("text");
      int start = s.getAs("char_start");
      int end = s.getAs("char_end");
      assertEquals(
          s.<String>getAs("text"),
          text.substring(start, end),
          id + " sentence " + s.getAs("sentence_index"));
      assertEquals(
          perArticle.getOrDefault(id, 0),
          (int) s.getAs("sentence_index"),
          "indexes run 0, 1, 2, ...");
      perArticle.merge(id, 1, Integer::sum);
      assertEquals(articles.get(id).<Date>getAs("published_date"), s.getAs("published_date"));
      List<Row> tokens = s.getList(s.fieldIndex("tokens"));
      tokensPerArticle.merge(id, tokens.size(), Integer::sum);
      for (Row t : tokens) {
        assertEquals(
            t.<String>getAs("surface"),
            text.substring(t.<Integer>getAs("char_start"), t.<Integer>getAs("char_end")));
      }
    }
    for (Row a : articles.values()) {
      assertEquals((int) a.getAs("n_sentences"), perArticle.get(a.<String>getAs("article_id")));
      assertEquals((int) a.getAs("n_tokens"), tokensPerArticle.get(a.<String>getAs("article_id")));
    }
  }

  @Test
  void articleTermsAgreeWithTermStats() {
    Dataset<Row> terms = table(Tables.ARTICLE_TERMS);
    Dataset<Row> stats = table(Tables.TERM_STATS);
    assertTrue(
        terms
            .filter("ngram = 1")
            .groupBy("article_id")
            .agg(sum("tf").as("s"))
            .filter("abs(s - 1.0) > 1e-9")
            .isEmpty(),
        "unigram tf sums to 1 in every article");
    assertEquals(5, terms.select("article_id").distinct().count());
    Dataset<Row> joined =
        terms.join(stats.select("term", "ngram", "idf"), new String[] {"term", "ngram"});
    assertEquals(terms.count(), joined.count());
    assertFalse(
        List.of(terms.columns()).contains("tfidf"), "tf·idf is joined from term_stats, not stored");
    Dataset<Row> perTerm =
        terms
            .groupBy("term", "ngram")
            .agg(sum("count").as("total"), count(col("article_id")).as("df"));
    Dataset<Row> mismatches =
        perTerm
            .join(stats, new String[] {"term", "ngram"}, "full_outer")
            .filter(
                "total is null or total_count is null or total != total_count or df != doc_freq");
    assertTrue(mismatches.isEmpty(), () -> mismatches.collectAsList().toString());
    long n = 5;
    assertTrue(
        stats
            .filter(String.format("abs(idf - (ln((1.0 + %d) / (1.0 + doc_freq)) + 1)) > 1e-12", n))
            .isEmpty());
  }

  // ---- reruns --------------------------------------------------------------------------

  /** A table's rows without run_id, as sorted strings (exact values, nested tokens included). */
  private List<String> rowsWithoutRunId(Path output, Table t) {
    return table(output, t).drop("run_id").collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  @Test
  void secondRunGivesIdenticalTables() {
    Path again = work.resolve("again");
    ParleyJob.RunResult second = new ParleyJob(spark, seedsConfig(again, ALL_STAGES)).run();
    assertFalse(second.runId().equals(result.runId()));
    for (Table t :
        List.of(
            Tables.ARTICLE_TERMS,
            Tables.TERM_STATS,
            Tables.TERM_TRENDS,
            Tables.ARTICLES,
            Tables.SENTENCES)) {
      List<String> first = rowsWithoutRunId(out, t);
      assertFalse(first.isEmpty(), t.name());
      assertEquals(first, rowsWithoutRunId(again, t), t.name());
    }
    assertEquals(result.tableRows(), second.tableRows());
  }

  @Test
  void termsStageAloneRerunsOnThePublishedTables() throws IOException {
    Path copy = work.resolve("terms-rerun");
    copyTree(out, copy);
    String twoLevelMap = "spark.sql.codegen.aggregate.map.twolevel.enabled";
    spark.conf().set(twoLevelMap, "true");
    ParleyJob.RunResult rerun;
    try {
      rerun = new ParleyJob(spark, seedsConfig(copy, List.of("terms"))).run();
      assertEquals("true", spark.conf().get(twoLevelMap), "the stage turns it off for itself only");
    } finally {
      spark.conf().unset(twoLevelMap);
    }

    assertEquals(List.of("terms"), rerun.stages());
    assertNull(rerun.ingestTotals());
    assertEquals(
        Set.of("phrases", "term_stats", "article_terms", "term_trends"),
        rerun.tableRows().keySet());
    for (Table t : List.of(Tables.ARTICLE_TERMS, Tables.TERM_STATS, Tables.TERM_TRENDS)) {
      assertEquals(rowsWithoutRunId(out, t), rowsWithoutRunId(copy, t), t.name());
      assertTrue(table(copy, t).filter(col("run_id").notEqual(rerun.runId())).isEmpty(), t.name());
    }
    assertTrue(
        table(copy, Tables.ARTICLES).filter(col("run_id").notEqual(result.runId())).isEmpty(),
        "articles are the first run's, untouched");

    List<Row> runs = table(copy, Tables.RUNS).orderBy("started_at").collectAsList();
    assertEquals(2, runs.size());
    Row last = runs.get(1);
    assertEquals(rerun.runId(), last.getAs("run_id"));
    assertEquals("succeeded", last.getAs("status"));
    assertEquals(List.of("terms"), last.getList(last.fieldIndex("stages")));
    assertNull(last.getAs("records_read"));
    assertEquals(4, last.getJavaMap(last.fieldIndex("table_rows")).size());
  }

  @Test
  void usageErrorLeavesTheTablesAndRecordsNoRun() throws IOException {
    Path copy = work.resolve("usage-error");
    copyTree(out, copy);
    ParleyConfig missingInput =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of("input.paths", List.of("no/such/folder/"), "output.path", copy.toString()));
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ParleyJob(spark, missingInput).run());
    assertTrue(e.getMessage().contains("Input path not found: no/such/folder/"), e.getMessage());

    assertEquals(1, table(copy, Tables.RUNS).count(), "a usage error is not a run");
    for (Table t : Tables.DATA) {
      assertEquals(rowsWithoutRunId(out, t), rowsWithoutRunId(copy, t), t.name() + " is untouched");
    }
    assertFalse(Files.exists(copy.resolve("_parley").resolve("lock")), "the lock is released");
    assertFalse(
        Files.exists(copy.resolve("_parley").resolve("journal.json")), "the journal is removed");
  }

  @Test
  void termsStageWithoutPublishedSentencesSaysWhichStageToRun() {
    Path empty = work.resolve("empty");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new ParleyJob(spark, seedsConfig(empty, List.of("terms"))).run());
    assertTrue(e.getMessage().contains("Table 'sentences' is not in"), e.getMessage());
    assertTrue(e.getMessage().contains("--stages"), e.getMessage());
    Row failed = table(empty, Tables.RUNS).first();
    assertEquals("failed", failed.getAs("status"));
    assertEquals(List.of("terms"), failed.getList(failed.fieldIndex("stages")));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(from)) {
      paths = new ArrayList<>(walk.toList());
    }
    for (Path p : paths) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }
}
