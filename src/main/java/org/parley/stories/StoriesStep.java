package org.parley.stories;

import static org.apache.spark.sql.functions.col;
import static org.parley.tables.Columns.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * Stage {@code stories}: articles → {@code stories}, near-duplicate articles grouped by banded
 * MinHash.
 */
public final class StoriesStep implements Step {
  public static final String NAME = "stories";

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
    return List.of(Tables.STORIES);
  }

  @Override
  public StepReport run(RunContext ctx) {
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    ctx.describe("stories: group near-duplicate articles");
    // Tokenised and hashed once: the candidate search, the similarities and the output all read
    // them.
    Dataset<Row> hashes =
        StoryTransforms.shingleHashes(
                articles.select(col(ARTICLE_ID), StoryTransforms.textWithoutFurniture().as(TEXT)),
                ctx.config().get(ConfigKeys.STORIES_SHINGLE_WORDS))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> stories =
          StoryTransforms.storiesOf(
              hashes,
              ctx.config().get(ConfigKeys.STORIES_MIN_SIMILARITY),
              ctx.config().get(ConfigKeys.STORIES_HASH_TABLES),
              ctx.config().get(ConfigKeys.STORIES_SEED));
      ctx.tables()
          .write(
              Tables.STORIES,
              ctx.stamped(
                  stories
                      .join(articles.select(ARTICLE_ID, PUBLISHED_DATE), ARTICLE_ID)
                      .select(
                          col(STORY_ID),
                          col(ARTICLE_ID),
                          col(PUBLISHED_DATE),
                          col(IS_REPRESENTATIVE),
                          col(SIMILARITY_TO_REPRESENTATIVE))));
    } finally {
      hashes.unpersist();
    }
    return StepReport.NONE;
  }
}
