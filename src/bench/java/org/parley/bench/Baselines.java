package org.parley.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.tables.Tables;

/**
 * The baselines the harness runs after Parley, on the same corpus, cores and JVM: what a user would
 * pick instead of each stage, so every comparison comes from one run on one machine state.
 */
final class Baselines {
  private Baselines() {}

  static void run(
      SparkSession spark,
      BenchOptions options,
      ParleyConfig config,
      String corpus,
      String output,
      Map<String, Object> parleyTopics,
      Map<String, Object> into)
      throws IOException {
    String work = new Path(options.work(), "baselines").toString();
    if (options.runs("floor")) {
      TokenizeFloor.Result floor =
          TokenizeFloor.run(spark.sparkContext().hadoopConfiguration(), List.of(corpus));
      into.put("tokenize_floor", floor.toMap());
    }
    if (options.runs("sql")) {
      String articles = new Path(output, Tables.ARTICLES.name()).toString();
      into.put(
          "sql_terms",
          SqlTermBaseline.run(
                  spark,
                  articles,
                  new Path(work, "sql").toString(),
                  config.get(ConfigKeys.TRENDS_PERIODS),
                  config.get(ConfigKeys.TRENDS_MIN_DOC_FREQ))
              .toMap());
    }
    if (options.runs("mallet") && parleyTopics != null) {
      String modelId = ParleyTopics.modelId(parleyTopics);
      MalletBaseline.ParleyModel model = MalletBaseline.parleyModel(spark, output, modelId);
      // MALLET as a user runs it (its defaults: fixed priors): the baseline the targets judge.
      into.put(
          "mallet", mallet(spark, options, output, model, work, options.malletIterations(), false));
      if (model.optimizeInterval() > 0) {
        // And with the priors learned on Parley's schedule, so both sides' learning is compared
        // too.
        into.put(
            "mallet_optimized",
            mallet(spark, options, output, model, work, options.malletIterations(), true));
      }
      if (options.malletExtraIterations() > 0) {
        into.put(
            "mallet_more_iterations",
            mallet(spark, options, output, model, work, options.malletExtraIterations(), false));
      }
    }
  }

  /**
   * MALLET on the bag of words Parley's model saw (its vocabulary, each article's counts), with its
   * k and seed; scored by the same NPMI and diversity code over the same document-term table. Its
   * time counts exporting the tokens from Spark, since a user starting from Parley's tables pays
   * it.
   */
  private static Map<String, Object> mallet(
      SparkSession spark,
      BenchOptions options,
      String output,
      MalletBaseline.ParleyModel model,
      String work,
      int iterationsOverride,
      boolean optimized) {
    int iterations = iterationsOverride > 0 ? iterationsOverride : model.iterations();
    MalletBaseline.Settings settings =
        MalletBaseline.Settings.of(model.k(), iterations, Math.toIntExact(model.seed()))
            .withThreads(options.malletThreads())
            .withMaxHeap(options.malletMemory())
            .withRelevanceLambda(model.relevanceLambda());
    if (optimized) {
      settings = settings.withOptimizeInterval(model.optimizeInterval(), model.optimizeBurnIn());
    }
    String run = iterations + (optimized ? "-optimized" : "");
    String documents = new Path(work, "mallet-documents-" + run).toString();
    long exportStart = System.nanoTime();
    MalletBaseline.writeTokenDocuments(
        MalletBaseline.parleyTokenDocuments(spark, output, model), documents);
    double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
    MalletBaseline.Result result =
        MalletBaseline.train(
            documents, new Path(work, "mallet-result-" + run + ".json").toString(), settings);

    Dataset<Row> countVectors = MalletBaseline.countVectors(spark, output, model);
    MalletBaseline.Quality quality =
        MalletBaseline.quality(
            MalletBaseline.topicTerms(spark, result, "mallet"), countVectors, model.vocabulary());
    // Not judged: MALLET's topics ranked as Parley ranks its own, which shows how much of the
    // comparison is the ranking rather than the sampler.
    MalletBaseline.Quality sameRanking =
        MalletBaseline.quality(
            MalletBaseline.topicTerms(spark, result, "mallet", true),
            countVectors,
            model.vocabulary());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", exportSeconds + result.processSeconds());
    m.put("export_seconds", exportSeconds);
    m.put("mean_npmi", quality.meanNpmi());
    m.put("topic_diversity", quality.topicDiversity());
    m.put("topic_npmi", quality.topicNpmi());
    m.put("mean_npmi_parley_ranking", sameRanking.meanNpmi());
    m.put("topic_diversity_parley_ranking", sameRanking.topicDiversity());
    m.putAll(result.toMap());
    return m;
  }
}
