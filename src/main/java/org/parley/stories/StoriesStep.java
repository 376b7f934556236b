package org.parley.stories;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.tables.Table;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code stories}: articles → {@code stories}, near-duplicate articles grouped by banded
 * MinHash, and {@code story_bands}, each article's band keys. A nightly run hashes only the night's
 * articles, meets them with the stored keys ({@link NightStories}) and merges the rows it changes
 * into {@code stories}; other runs count over the corpus.
 */
public final class StoriesStep implements Step {
  public static final String NAME = "stories";
  private static final Logger LOG = LoggerFactory.getLogger(StoriesStep.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Table> reads() {
    return List.of(Tables.ARTICLES);
  }

  @Override
  public List<Table> writes() {
    return List.of(Tables.STORIES, Tables.STORY_BANDS);
  }

  @Override
  public StepReport run(RunContext ctx) {
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    int shingleWords = ctx.config().get(ConfigKeys.STORIES_SHINGLE_WORDS);
    int bands = ctx.config().get(ConfigKeys.STORIES_HASH_TABLES);
    long seed = ctx.config().get(ConfigKeys.STORIES_SEED);
    double minSimilarity = ctx.config().get(ConfigKeys.STORIES_MIN_SIMILARITY);
    List<String> warnings = new ArrayList<>();
    if (ctx.mode().incremental() && storedBandsFit(ctx, bands, warnings)) {
      ctx.describe("stories: meet the night's articles with the stored band keys");
      Dataset<Row> nightBands =
          StoryTransforms.bandKeys(
                  StoryTransforms.shingleHashes(textOf(ctx.inScope(articles)), shingleWords),
                  bands,
                  seed)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long nightArticles = nightBands.count();
        Optional<Dataset<Row>> changes =
            nightArticles > NightStories.MAX_NIGHT
                ? Optional.empty()
                : NightStories.changes(
                    ctx.tables().read(Tables.STORIES),
                    ctx.tables().read(Tables.STORY_BANDS).select(ARTICLE_ID, BAND_KEYS),
                    nightBands,
                    ids ->
                        StoryTransforms.shingleHashes(
                            textOf(
                                articles.join(
                                    broadcast(ids), new String[] {ARTICLE_ID}, "left_semi")),
                            shingleWords),
                    minSimilarity);
        if (changes.isPresent()) {
          // Night-sized rows merged by article_id: the stored stories are not written again.
          ctx.tables()
              .upsert(
                  Tables.STORIES,
                  ctx.stamped(withDates(articles, broadcast(changes.get()))),
                  List.of(ARTICLE_ID),
                  "true");
          ctx.writeArticleRows(Tables.STORY_BANDS, nightBands);
          return new StepReport(null, warnings);
        }
        LOG.info(
            nightArticles > NightStories.MAX_NIGHT
                ? "More than {} new articles: stories recounted over the corpus"
                : "A band bucket passed {} articles tonight: stories recounted over the corpus",
            nightArticles > NightStories.MAX_NIGHT
                ? NightStories.MAX_NIGHT
                : StoryTransforms.MAX_BUCKET);
      } finally {
        nightBands.unpersist();
      }
    }
    recount(ctx, articles, shingleWords, bands, seed, minSimilarity);
    return new StepReport(null, warnings);
  }

  /** Stories over every article, and every article's band keys stored. */
  private static void recount(
      RunContext ctx,
      Dataset<Row> articles,
      int shingleWords,
      int bands,
      long seed,
      double minSimilarity) {
    ctx.describe("stories: group near-duplicate articles");
    // Tokenised and hashed once: the candidate search, the similarities and the output all read
    // them.
    Dataset<Row> hashes =
        StoryTransforms.shingleHashes(textOf(articles), shingleWords)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> bandKeys =
        StoryTransforms.bandKeys(hashes, bands, seed).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      writeStories(ctx, articles, StoryTransforms.storiesOf(hashes, bandKeys, minSimilarity));
      ctx.tables().write(Tables.STORY_BANDS, ctx.stamped(bandKeys));
    } finally {
      bandKeys.unpersist();
      hashes.unpersist();
    }
  }

  private static void writeStories(RunContext ctx, Dataset<Row> articles, Dataset<Row> stories) {
    ctx.tables().write(Tables.STORIES, ctx.stamped(withDates(articles, stories)));
  }

  /** The stories rows with their articles' published_date, in the table's columns. */
  private static Dataset<Row> withDates(Dataset<Row> articles, Dataset<Row> stories) {
    return stories
        .join(articles.select(ARTICLE_ID, PUBLISHED_DATE), ARTICLE_ID)
        .select(
            col(STORY_ID),
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            col(IS_REPRESENTATIVE),
            col(SIMILARITY_TO_REPRESENTATIVE));
  }

  /**
   * Whether the output holds stories and band keys made with this run's number of bands (the keys
   * of an article are one per band). Otherwise the run recounts, and says why if the keys differ.
   */
  private static boolean storedBandsFit(RunContext ctx, int bands, List<String> warnings) {
    if (!ctx.tables().exists(Tables.STORIES) || !ctx.tables().exists(Tables.STORY_BANDS)) {
      LOG.info("No stored story band keys: stories counted over the corpus");
      return false;
    }
    // One run's bands make every stored row's keys (a night with other bands recounts them all), so
    // the first article with keys tells; checking each row would read the history every night.
    List<Row> first =
        ctx.tables()
            .read(Tables.STORY_BANDS)
            .filter(size(col(BAND_KEYS)).gt(0))
            .select(size(col(BAND_KEYS)))
            .limit(1)
            .collectAsList();
    boolean fit = first.isEmpty() || first.get(0).getInt(0) == bands;
    if (!fit) {
      warnings.add(
          "stories.hash_tables differs from the stored band keys': stories recounted over the"
              + " corpus");
    }
    return fit;
  }

  /** (article_id, text) with the page furniture blanked, as stories compares articles. */
  private static Dataset<Row> textOf(Dataset<Row> articles) {
    return articles.select(col(ARTICLE_ID), StoryTransforms.textWithoutFurniture().as(TEXT));
  }
}
