package org.parley.topics;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How one family of topic models is fitted: a pipeline whose first stage counts the vocabulary's
 * terms ({@code counts}) and whose last stage is the model.
 */
interface TopicAlgorithm {

  /** The strategy for topics.algorithm, and for LDA the optimizer chosen for this corpus. */
  static TopicAlgorithm of(TopicOptions options, long articleCount) {
    return switch (options.algorithm()) {
      case LDA ->
          options.usesGibbs(articleCount)
              ? new GibbsLdaAlgorithm(options)
              : new VariationalLdaAlgorithm(options, options.optimizer(articleCount));
      case KMEANS, BISECTING_KMEANS -> new CosineKMeansAlgorithm(options);
    };
  }

  /** Its own settings, recorded in topic_models.params beside those every fit has. */
  Map<String, Object> params();

  /**
   * Whether {@link #fit} reads the documents as count vectors over the vocabulary ({@link
   * TopicTransforms#countVectors}) rather than as token arrays ({@link TopicTransforms#documents}).
   */
  boolean readsCountVectors();

  /**
   * Fits k topics. {@code docs}: (article_id, published_date, topic_tokens); {@code countVectors}:
   * (article_id, published_date, features) when {@link #readsCountVectors}, else null.
   */
  Fitted fit(
      CountVectorizerModel counts, Dataset<Row> docs, Dataset<Row> countVectors, int k, long seed);

  /**
   * A fitted pipeline; {@code transformed}: the documents with the model's output columns when the
   * fit produced them anyway, else null; {@code cached}: what to unpersist once they are evaluated,
   * or null.
   */
  record Fitted(PipelineModel model, Dataset<Row> transformed, Dataset<Row> cached) {}
}
