package org.parley.corpus;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.job.ParleyJob;
import org.parley.pipeline.IngestTotals;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * A generated corpus through the real job (ingest, stories, actors): the counts reconcile with what
 * was generated, dictionary actors resolve under several spellings, quotes get speakers, and
 * near-duplicates are grouped with their originals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedCorpusEndToEndTest {
  @TempDir static Path work;

  private static final long ARTICLES = 300;
  private final SparkSession spark = SparkTestSupport.spark();
  private GeneratorOptions options;
  private CorpusGenerator.Result generated;
  private ParleyJob.RunResult run;
  private Path out;

  @BeforeAll
  void generateAndRun() {
    options =
        CorpusGeneratorTest.options(work.resolve("corpus").toString(), ARTICLES, 11, 2, false);
    generated = CorpusGenerator.generate(spark, options);
    out = work.resolve("out");
    run =
        new ParleyJob(
                spark,
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "input.paths",
                        List.of(options.output()),
                        "output.path",
                        out.toString(),
                        "run.stages",
                        List.of("ingest", "stories", "actors"))))
            .run();
  }

  private Dataset<Row> table(Table t) {
    return spark.read().format("delta").load(out.resolve(t.name()).toString());
  }

  @Test
  void ingestCountsAreWhatWasGenerated() {
    IngestTotals t = run.ingestTotals();
    assertEquals(ARTICLES, t.recordsRead());
    assertEquals(generated.exactDuplicates(), t.duplicates());
    assertEquals(generated.malformed(), t.rejected());
    assertEquals(generated.plain() + generated.nearDuplicates(), t.accepted());
    assertTrue(t.duplicates() > 0 && t.rejected() > 0, t.toString());
    Set<String> reasons =
        table(Tables.REJECTED_RECORDS).select("reason").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertTrue(Set.of("malformed_json", "missing_text").containsAll(reasons), reasons.toString());
    Row dated =
        table(Tables.ARTICLES)
            .selectExpr(
                "count(published_date)",
                "min(published_date)",
                "max(published_date)",
                "count(distinct year(published_date))")
            .first();
    assertEquals(t.accepted(), dated.getLong(0), "every article has its date from the JSON field");
    assertTrue(dated.getLong(3) == 4, "spread over 2015-2018: " + dated);
  }

  @Test
  void dictionaryActorsResolveUnderSeveralSpellings() {
    Dataset<Row> mentions = table(Tables.ACTOR_MENTIONS);
    List<Row> spellings =
        mentions
            .groupBy("actor_id")
            .agg(collect_set("surface").as("surfaces"))
            .where("size(surfaces) >= 3")
            .collectAsList();
    assertTrue(spellings.size() >= 5, "actors named three or more ways: " + spellings);
    Set<String> methods =
        mentions.select("method").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertTrue(
        methods.containsAll(Set.of("alias", "surname", "title", "metonym")), methods.toString());
    // A camp: an article names several actors, so co-mentions have structure to find.
    double actorsPerArticle =
        mentions
            .groupBy("article_id")
            .agg(countDistinct("actor_id").as("n"))
            .selectExpr("percentile_approx(n, 0.5)")
            .first()
            .getLong(0);
    assertTrue(actorsPerArticle >= 3, "median actors per article " + actorsPerArticle);
  }

  @Test
  void quotesGetTheirSpeakers() {
    Dataset<Row> quotes = table(Tables.QUOTES);
    long all = quotes.count();
    long attributed = quotes.where(col("speaker_actor_id").isNotNull()).count();
    assertTrue(all >= ARTICLES / 2, "quotes: " + all);
    assertTrue(
        attributed >= 0.95 * all, attributed + " of " + all + " quotes have a dictionary speaker");
    Set<String> forms =
        quotes.select("attribution").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertTrue(
        forms.containsAll(Set.of("verb_then_speaker", "speaker_before_quote", "speaker_then_verb")),
        forms.toString());
  }

  @Test
  void nearDuplicatesShareAStoryWithTheirOriginals() {
    Map<String, String> storyOfSourceId = new HashMap<>();
    for (Row r :
        table(Tables.ARTICLES)
            .join(table(Tables.STORIES), "article_id")
            .select("source_id", "story_id")
            .collectAsList()) {
      storyOfSourceId.put(r.getString(0), r.getString(1));
    }
    ArticleGenerator plans =
        new ArticleGenerator(
            options, CorpusModel.builtIn(), ActorCast.builtIn(), Sources.builtIn());
    int copies = 0;
    for (long i = 0; i < ARTICLES; i++) {
      ArticleGenerator.Plan plan = plans.plan(i);
      if (plan.kind() == ArticleGenerator.Kind.NEAR_DUPLICATE) {
        copies++;
        String copy = storyOfSourceId.get(ArticleGenerator.ID_PREFIX + i);
        String original = storyOfSourceId.get(ArticleGenerator.ID_PREFIX + plan.origin());
        assertEquals(original, copy, "art-" + i + " is a near-duplicate of art-" + plan.origin());
      }
    }
    assertEquals(generated.nearDuplicates(), copies);
    assertTrue(copies >= 10, "near-duplicates: " + copies);
    // Plain articles are not merged with each other.
    long stories = table(Tables.STORIES).select("story_id").distinct().count();
    assertEquals(generated.plain(), stories, "one story per original");
  }
}
