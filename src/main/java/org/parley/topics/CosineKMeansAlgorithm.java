package org.parley.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * k-means or bisecting k-means on TF-IDF vectors with cosine distance: Euclidean k-means on raw
 * counts makes one giant cluster.
 */
final class CosineKMeansAlgorithm implements TopicAlgorithm {
  private static final String TFIDF = "tfidf";
  private final TopicOptions options;

  CosineKMeansAlgorithm(TopicOptions options) {
    this.options = options;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("distance", "cosine");
    return params;
  }

  @Override
  public boolean readsCountVectors() {
    return false;
  }

  @Override
  public Fitted fit(
      CountVectorizerModel counts, Dataset<Row> docs, Dataset<Row> countVectors, int k, long seed) {
    IDF idf = new IDF().setInputCol(TopicTransforms.FEATURES).setOutputCol(TFIDF);
    PipelineStage clusterer =
        options.algorithm() == TopicOptions.Algorithm.KMEANS
            ? new KMeans()
                .setK(k)
                .setMaxIter(options.maxIterations())
                .setSeed(seed)
                .setDistanceMeasure("cosine")
                .setFeaturesCol(TFIDF)
                .setPredictionCol(TopicTransforms.PREDICTION)
            : new BisectingKMeans()
                .setK(k)
                .setMaxIter(options.maxIterations())
                .setSeed(seed)
                .setDistanceMeasure("cosine")
                .setFeaturesCol(TFIDF)
                .setPredictionCol(TopicTransforms.PREDICTION);
    return new Fitted(
        new Pipeline().setStages(new PipelineStage[] {counts, idf, clusterer}).fit(docs),
        null,
        null);
  }
}
