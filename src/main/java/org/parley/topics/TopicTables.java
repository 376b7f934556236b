package org.parley.topics;

import static org.apache.spark.sql.functions.col;
import static org.parley.tables.Columns.MODEL_ID;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.parley.config.ConfigKeys;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.StoryScope;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics stage's writes: a fit's {@code topic_models}, {@code topic_terms} and {@code
 * article_topics}; {@code topic_lineage} after a refit; and the summaries every run rewrites from
 * article_topics, {@code topics} and {@code topic_trends}. {@link TopicsStep} decides what to fit
 * or apply; this class only turns its results into table rows.
 */
final class TopicTables {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTables.class);

  private TopicTables() {}

  /** The tables of a fit; the selected model's rows with topic ids as published ({@code ids}). */
  static void writeFit(
      RunContext ctx,
      List<TopicFit> candidates,
      TopicFit selected,
      Dataset<Row> articleTopics,
      Dataset<Row> topicTerms,
      Dataset<Row> coherence,
      int[] ids,
      long articleCount) {
    List<Row> models = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    for (TopicFit f : candidates) {
      models.add(
          RowFactory.create(
              f.modelId(),
              f.algorithm(),
              f.k(),
              f.vocabularySize(),
              f.params(),
              f.meanNpmi(),
              f.diversity(),
              f.balance(),
              f.logPerplexity(),
              now,
              articleCount,
              f == selected));
    }
    ctx.describe("topics: write tables");
    ctx.tables()
        .write(
            Tables.TOPIC_MODELS,
            ctx.stamped(ctx.spark().createDataFrame(models, Tables.TOPIC_MODELS.contentSchema())));
    ctx.tables().write(Tables.TOPIC_TERMS, ctx.stamped(topicTerms));
    ctx.tables().write(Tables.ARTICLE_TOPICS, ctx.stamped(articleTopics));
    List<Integer> topicIds = new ArrayList<>();
    for (int id : ids) {
      topicIds.add(id);
    }
    writeSummaries(ctx, topicTerms, coherence, topicIds, selected.modelId());
    for (TopicFit f : candidates) {
      f.articleTopics().unpersist();
    }
  }

  /** Appends to topic_lineage how the new model's topics descend from the previous model's. */
  static void writeLineage(
      RunContext ctx, String modelId, String previous, List<TopicLineage.Link> links) {
    List<Row> rows = new ArrayList<>();
    for (TopicLineage.Link l : links) {
      rows.add(
          RowFactory.create(
              modelId,
              l.topicId(),
              l.previousTopicId() == null ? null : previous,
              l.previousTopicId(),
              l.similarity()));
    }
    long matched = links.stream().filter(l -> l.previousTopicId() != null).count();
    LOG.info(
        "Topic model {}: {} of {} topics continue topics of {}",
        modelId,
        matched,
        links.size(),
        previous);
    ctx.tables()
        .append(
            Tables.TOPIC_LINEAGE,
            ctx.stamped(ctx.spark().createDataFrame(rows, Tables.TOPIC_LINEAGE.contentSchema())));
  }

  /**
   * {@code topics} and {@code topic_trends} of a model, from every article's weights in
   * article_topics.
   */
  static void writeSummaries(
      RunContext ctx,
      Dataset<Row> topicTerms,
      Dataset<Row> coherence,
      List<Integer> topicIds,
      String modelId) {
    Dataset<Row> weights =
        ctx.tables().read(Tables.ARTICLE_TOPICS).filter(col(MODEL_ID).equalTo(modelId));
    ctx.tables()
        .write(
            Tables.TOPICS,
            ctx.stamped(TopicTransforms.topics(topicTerms, weights, coherence, topicIds, modelId)));
    ctx.tables()
        .write(
            Tables.TOPIC_TRENDS,
            ctx.stamped(
                TopicTransforms.topicTrends(
                    StoryScope.countingOnce(ctx, weights),
                    ctx.config().get(ConfigKeys.TOPICS_PERIODS))));
  }
}
