package org.parley.stories;

import static org.apache.spark.sql.functions.*;
import static org.parley.stories.StoryTransforms.ARTICLE_A;
import static org.parley.stories.StoryTransforms.ARTICLE_B;
import static org.parley.stories.StoryTransforms.BAND;
import static org.parley.stories.StoryTransforms.BAND_KEY;
import static org.parley.stories.StoryTransforms.LABEL;
import static org.parley.stories.StoryTransforms.MAX_BUCKET;
import static org.parley.stories.StoryTransforms.MEMBERS;
import static org.parley.stories.StoryTransforms.SHINGLE_HASHES;
import static org.parley.stories.StoryTransforms.STORY_PREFIX;
import static org.parley.tables.Columns.*;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.parley.spark.Checkpoints;

/**
 * Stories after a night, without hashing the history again. The night's articles are new, so every
 * pair a full candidate search would add involves one of them: their band keys are met with the
 * stored keys of the history, the candidates' exact similarities decide, and the kept links merge
 * the night's articles into the stories they touch (a story is a connected component, and an old
 * story's component is still connected). Only rows whose representative changes, and the night's,
 * are computed; the others stay as they were. The result equals {@link StoryTransforms#storiesOf}
 * over the whole corpus, unless the night changes which history pairs the search proposes: that
 * happens only when a band bucket grows past {@value StoryTransforms#MAX_BUCKET} members or gets a
 * smaller first member while above it, and then {@link #storiesAfter} says so by returning empty.
 */
public final class NightStories {
  private NightStories() {}

  private static final String IS_NIGHT = "is_night";
  private static final String NIGHT_MEMBERS = "night_members";
  private static final String HISTORY_COUNT = "history_count";
  private static final String HISTORY_MIN = "history_min";
  private static final String NIGHT_MIN = "night_min";
  private static final String NODE = "node";
  private static final String OLD_REPRESENTATIVE = "old_representative";
  private static final String REPRESENTATIVE = "representative";
  private static final String HASHES_A = "hashes_a";
  private static final String HASHES_B = "hashes_b";

  /**
   * The stories table after the night: (story_id, article_id, is_representative,
   * similarity_to_representative) for every article of the history and the night, or empty when
   * only a full recount equals a rebuild (see the class comment).
   *
   * @param stories the stories before the night (story_id, article_id, is_representative,
   *     similarity_to_representative)
   * @param historyBands the history's band keys (article_id, band_keys), as stored
   * @param nightBands the night's band keys, made by {@link StoryTransforms#bandKeys} with the same
   *     bands and seed
   * @param hashesOf the shingle hashes (article_id, shingle_hashes) of the articles whose ids a
   *     dataset (article_id) lists; called for the few articles whose similarities are needed
   */
  public static Optional<Dataset<Row>> storiesAfter(
      Dataset<Row> stories,
      Dataset<Row> historyBands,
      Dataset<Row> nightBands,
      UnaryOperator<Dataset<Row>> hashesOf,
      double minSimilarity) {
    Optional<Dataset<Row>> candidates = nightCandidates(historyBands, nightBands);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> pairs = Checkpoints.truncate(candidates.get());
    Dataset<Row> links =
        StoryTransforms.keptPairs(
            pairs,
            hashesOf.apply(
                pairs
                    .select(col(ARTICLE_A).as(ARTICLE_ID))
                    .union(pairs.select(col(ARTICLE_B).as(ARTICLE_ID)))
                    .distinct()),
            minSimilarity);

    // A history article stands for its story by the story's representative (its smallest id), a
    // night article for itself; components over those nodes label each with its new smallest id.
    Dataset<Row> oldRepresentative =
        stories.select(
            col(ARTICLE_ID),
            col(STORY_ID),
            regexp_replace(col(STORY_ID), "^" + STORY_PREFIX, "").as(OLD_REPRESENTATIVE));
    Dataset<Row> nodeOf = oldRepresentative.select(col(ARTICLE_ID), col(OLD_REPRESENTATIVE));
    Dataset<Row> edges =
        nodes(nodes(links, nodeOf, ARTICLE_A), nodeOf, ARTICLE_B)
            .filter(col(ARTICLE_A).notEqual(col(ARTICLE_B)));
    Dataset<Row> labels =
        Checkpoints.truncate(
            StoryTransforms.components(edges)
                .select(col(ARTICLE_ID).as(NODE), col(LABEL).as(REPRESENTATIVE)));

    // Every article whose representative is new: history members of stories that merged under a
    // smaller id, and the night's linked articles. (article_id, representative)
    Dataset<Row> movedHistory =
        oldRepresentative
            .join(broadcast(labels), col(OLD_REPRESENTATIVE).equalTo(col(NODE)))
            .filter(col(REPRESENTATIVE).notEqual(col(OLD_REPRESENTATIVE)))
            .select(ARTICLE_ID, REPRESENTATIVE);
    Dataset<Row> linkedNight =
        labels
            .join(oldRepresentative, col(NODE).equalTo(col(ARTICLE_ID)), "left_anti")
            .select(col(NODE).as(ARTICLE_ID), col(REPRESENTATIVE));
    Dataset<Row> moved = Checkpoints.truncate(movedHistory.union(linkedNight));

    Dataset<Row> hashes =
        hashesOf.apply(
            moved
                .select(ARTICLE_ID)
                .union(moved.select(col(REPRESENTATIVE).as(ARTICLE_ID)))
                .distinct());
    Dataset<Row> movedRows =
        moved
            .join(hashes.select(col(ARTICLE_ID), col(SHINGLE_HASHES).as(HASHES_A)), ARTICLE_ID)
            .join(
                hashes.select(col(ARTICLE_ID).as(REPRESENTATIVE), col(SHINGLE_HASHES).as(HASHES_B)),
                REPRESENTATIVE)
            .select(
                concat(lit(STORY_PREFIX), col(REPRESENTATIVE)).as(STORY_ID),
                col(ARTICLE_ID),
                col(ARTICLE_ID).equalTo(col(REPRESENTATIVE)).as(IS_REPRESENTATIVE),
                when(col(ARTICLE_ID).equalTo(col(REPRESENTATIVE)), lit(1.0))
                    .otherwise(StoryTransforms.exactJaccard(col(HASHES_A), col(HASHES_B)))
                    .as(SIMILARITY_TO_REPRESENTATIVE));
    Dataset<Row> unmoved =
        stories
            .select(STORY_ID, ARTICLE_ID, IS_REPRESENTATIVE, SIMILARITY_TO_REPRESENTATIVE)
            .join(moved, new String[] {ARTICLE_ID}, "left_anti");
    Dataset<Row> alone =
        nightBands
            .select(ARTICLE_ID)
            .join(moved, new String[] {ARTICLE_ID}, "left_anti")
            .select(
                concat(lit(STORY_PREFIX), col(ARTICLE_ID)).as(STORY_ID),
                col(ARTICLE_ID),
                lit(true).as(IS_REPRESENTATIVE),
                lit(1.0).as(SIMILARITY_TO_REPRESENTATIVE));
    return Optional.of(unmoved.unionByName(movedRows).unionByName(alone));
  }

  /**
   * The pairs a full candidate search over history and night would propose that involve a night
   * article: (article_a, article_b), article_a &lt; article_b. Empty when the night changes which
   * pairs of history articles the search proposes: a bucket above {@value
   * StoryTransforms#MAX_BUCKET} members pairs only its smallest id, so one that grows past it, or
   * gets a smaller first member while above it, drops history pairs that made the stories.
   */
  static Optional<Dataset<Row>> nightCandidates(
      Dataset<Row> historyBands, Dataset<Row> nightBands) {
    Dataset<Row> nightKeys = StoryTransforms.bandRows(nightBands).withColumn(IS_NIGHT, lit(true));
    Dataset<Row> historyKeys =
        StoryTransforms.bandRows(historyBands)
            .join(
                broadcast(nightKeys.select(BAND, BAND_KEY).distinct()),
                new String[] {BAND, BAND_KEY},
                "left_semi")
            .withColumn(IS_NIGHT, lit(false));
    Column history = not(col(IS_NIGHT));
    Dataset<Row> buckets =
        Checkpoints.truncate(
            nightKeys
                .unionByName(historyKeys)
                .groupBy(BAND, BAND_KEY)
                .agg(
                    collect_list(col(ARTICLE_ID)).as(MEMBERS),
                    collect_list(when(col(IS_NIGHT), col(ARTICLE_ID))).as(NIGHT_MEMBERS),
                    count(when(history, lit(1))).as(HISTORY_COUNT),
                    min(when(history, col(ARTICLE_ID))).as(HISTORY_MIN),
                    min(when(col(IS_NIGHT), col(ARTICLE_ID))).as(NIGHT_MIN))
                .filter(size(col(MEMBERS)).gt(1)));
    boolean historyPairsChange =
        !buckets
            .filter(
                size(col(MEMBERS))
                    .gt(MAX_BUCKET)
                    .and(col(HISTORY_COUNT).geq(2))
                    .and(
                        col(HISTORY_COUNT).leq(MAX_BUCKET).or(col(NIGHT_MIN).lt(col(HISTORY_MIN)))))
            .isEmpty();
    if (historyPairsChange) {
      return Optional.empty();
    }
    return Optional.of(
        StoryTransforms.bucketPairs(
            buckets,
            array_contains(col(NIGHT_MEMBERS), col(ARTICLE_A))
                .or(array_contains(col(NIGHT_MEMBERS), col(ARTICLE_B)))));
  }

  /** The links with {@code side}'s history article replaced by its story's representative. */
  private static Dataset<Row> nodes(Dataset<Row> links, Dataset<Row> nodeOf, String side) {
    return links
        .join(
            nodeOf.select(col(ARTICLE_ID).as(side), col(OLD_REPRESENTATIVE)),
            new String[] {side},
            "left")
        .withColumn(side, coalesce(col(OLD_REPRESENTATIVE), col(side)))
        .drop(OLD_REPRESENTATIVE);
  }
}
