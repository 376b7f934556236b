package org.parley.topics;

import static org.parley.tables.Columns.ARTICLE_ID;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.parley.config.ConfigKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LDA by collapsed Gibbs sampling ({@link GibbsLda}), on count vectors. */
final class GibbsLdaAlgorithm implements TopicAlgorithm {
  private static final Logger LOG = LoggerFactory.getLogger(GibbsLdaAlgorithm.class);
  private final TopicOptions options;

  GibbsLdaAlgorithm(TopicOptions options) {
    this.options = options;
    if (options.optimizeInterval() > 0 && options.optimizeBurnIn() >= options.maxIterations()) {
      LOG.warn(
          "Topics: {} ({}) is not below {} ({}): the Gibbs priors stay fixed",
          ConfigKeys.TOPICS_OPTIMIZE_BURN_IN.name(),
          options.optimizeBurnIn(),
          ConfigKeys.TOPICS_MAX_ITER.name(),
          options.maxIterations());
    }
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("optimize_interval", options.optimizeInterval());
    params.put("optimize_burn_in", options.optimizeBurnIn());
    params.put("optimizer", TopicOptions.Optimizer.GIBBS.spelling);
    params.put("doc_concentration", options.docConcentration());
    params.put("topic_concentration", options.topicConcentration());
    params.put("relevance_lambda", options.relevanceLambda());
    return params;
  }

  @Override
  public boolean readsCountVectors() {
    return true;
  }

  @Override
  public Fitted fit(
      CountVectorizerModel counts, Dataset<Row> docs, Dataset<Row> countVectors, int k, long seed) {
    GibbsLda gibbs =
        new GibbsLda()
            .setK(k)
            .setMaxIter(options.maxIterations())
            .setSeed(seed)
            .setFeaturesCol(TopicTransforms.FEATURES)
            .setTopicDistributionCol(TopicTransforms.DISTRIBUTION)
            .setOptimizeInterval(options.optimizeInterval())
            .setOptimizeBurnIn(options.optimizeBurnIn());
    if (options.docConcentration() > 0) {
      gibbs.setDocConcentration(options.docConcentration());
    }
    if (options.topicConcentration() > 0) {
      gibbs.setTopicConcentration(options.topicConcentration());
    }
    // The sampler already holds every article's topics; transforming them again would rerun
    // variational inference over the whole corpus.
    GibbsLda.FitWithDocuments fitted = gibbs.fitWithDocuments(countVectors, ARTICLE_ID);
    PipelineModel model =
        new PipelineModel(
            Identifiable.randomUID("pipeline"), new Transformer[] {counts, fitted.model()});
    return new Fitted(
        model, countVectors.join(fitted.documentTopics(), ARTICLE_ID), fitted.documentTopics());
  }
}
