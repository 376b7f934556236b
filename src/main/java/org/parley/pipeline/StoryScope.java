package org.parley.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.parley.tables.Columns.ARTICLE_ID;
import static org.parley.tables.Columns.IS_REPRESENTATIVE;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * How the stages that count (terms, actors, topics) honour stories.count_once. It reads the {@code
 * stories} table, not the stories stage, so no stage depends on another.
 */
public final class StoryScope {
  private StoryScope() {}

  /**
   * The rows of articles that are the representative of their story, when stories.count_once is on:
   * a syndicated story then counts once. Rows keep their shape; needs {@code article_id}.
   */
  public static Dataset<Row> countingOnce(RunContext ctx, Dataset<Row> rows) {
    if (!ctx.config().get(ConfigKeys.STORIES_COUNT_ONCE)) {
      return rows;
    }
    Dataset<Row> representatives =
        ctx.tables().read(Tables.STORIES).filter(col(IS_REPRESENTATIVE)).select(ARTICLE_ID);
    return rows.join(representatives, new String[] {ARTICLE_ID}, "left_semi");
  }

  /**
   * A counting stage's reads under {@code config}: {@code stories} only when stories.count_once is
   * on. Off (the default), the stage need not wait for the stories stage.
   */
  public static List<Table> reads(List<Table> reads, ParleyConfig config) {
    if (config.get(ConfigKeys.STORIES_COUNT_ONCE)) {
      return reads;
    }
    return reads.stream().filter(t -> !t.equals(Tables.STORIES)).toList();
  }
}
