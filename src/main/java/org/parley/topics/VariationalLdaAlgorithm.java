package org.parley.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** LDA by Spark's variational optimizers: EM or online. */
final class VariationalLdaAlgorithm implements TopicAlgorithm {
  private final TopicOptions options;
  private final TopicOptions.Optimizer optimizer;

  VariationalLdaAlgorithm(TopicOptions options, TopicOptions.Optimizer optimizer) {
    this.options = options;
    this.optimizer = optimizer;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("optimizer", optimizer.spelling);
    params.put("doc_concentration", options.docConcentration());
    params.put("topic_concentration", options.topicConcentration());
    params.put("relevance_lambda", options.relevanceLambda());
    return params;
  }

  @Override
  public boolean readsCountVectors() {
    return false;
  }

  @Override
  public Fitted fit(
      CountVectorizerModel counts, Dataset<Row> docs, Dataset<Row> countVectors, int k, long seed) {
    LDA lda =
        new LDA()
            .setK(k)
            .setMaxIter(options.maxIterations())
            .setSeed(seed)
            .setOptimizer(optimizer.spelling)
            .setFeaturesCol(TopicTransforms.FEATURES)
            .setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
    if (options.docConcentration() > 0) {
      lda.setDocConcentration(options.docConcentration());
    }
    if (options.topicConcentration() > 0) {
      lda.setTopicConcentration(options.topicConcentration());
    }
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {counts, lda}).fit(docs);
    Transformer last = model.stages()[model.stages().length - 1];
    if (last instanceof DistributedLDAModel distributed) {
      // The local form transforms new articles and saves small; EM's graph is only for training.
      Transformer[] local = model.stages().clone();
      local[local.length - 1] =
          distributed
              .toLocal() // toLocal forgets the column settings
              .setFeaturesCol(TopicTransforms.FEATURES)
              .setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
      model = new PipelineModel(model.uid(), local);
    }
    return new Fitted(model, null, null);
  }
}
