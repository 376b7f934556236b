package org.parley.topics;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One fitted (or loaded) topic model and what it gives: its topic terms, article weights and
 * quality. {@code meanNpmi} is null when coherence was not measured (too few articles).
 */
public record TopicFit(
    String modelId,
    String algorithm,
    int k,
    PipelineModel model,
    String params,
    Dataset<Row> topicTerms,
    Dataset<Row> articleTopics,
    Dataset<Row> coherence,
    Double meanNpmi,
    Double diversity,
    Double logPerplexity,
    double balance) {

  /**
   * How candidates (k = auto, restarts) are compared: coherence times balance. Mean NPMI alone
   * rewards a giant cluster beside tiny story-level ones (ANCHORS.md; seen on FA-KES). Where
   * coherence is not measured (for every candidate of a run alike: they share the corpus), balance
   * alone.
   */
  double selectionScore() {
    return meanNpmi == null ? balance : meanNpmi * balance;
  }

  /** The size of the vocabulary the model counts terms over. */
  int vocabularySize() {
    return ((CountVectorizerModel) model.stages()[0]).vocabulary().length;
  }
}
