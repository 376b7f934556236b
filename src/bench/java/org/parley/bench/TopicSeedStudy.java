package org.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.tables.Columns;
import org.parley.tables.DeltaSession;
import org.parley.tables.Tables;
import org.parley.topics.GibbsLda;
import org.parley.topics.TermRelevance;
import org.parley.topics.TopicEvaluation;
import org.parley.topics.TopicTransforms;

/**
 * Topic quality over many seeds on one fixed input, which a harness run cannot give: one seed's
 * NPMI swings by ±0.01 and the harness's seed also changes the stories, so both sides' input. Takes
 * a harness work folder (its Parley output and the token documents MALLET was given) and fits, seed
 * after seed, either Parley's {@link GibbsLda} on the model's own count vectors and the run's
 * number of partitions (so a seed gives the run's exact model) or MALLET through {@link
 * MalletBaseline#train} on the harness's documents. Each model is scored by {@link
 * MalletBaseline#quality}, the harness's own NPMI over the same count vectors, twice: with each
 * topic's terms ranked by probability (MALLET's topic keys) and by relevance (TermRelevance at the
 * model's or the given λ, as the topics stage publishes them). Prints one line per seed and each
 * ranking's mean, standard deviation and standard error.
 *
 * <pre>
 *   java -cp ... org.parley.bench.TopicSeedStudy --work W --sampler parley|mallet [--seeds 40]
 *       [--first-seed 1] [--partitions 2] [--optimize-interval 0] [--optimize-burn-in 10] [--model ID]
 *       [--relevance-lambda L] [--mallet-memory 8g]
 * </pre>
 */
public final class TopicSeedStudy {
  private TopicSeedStudy() {}

  private static final int TOP =
      Math.max(TopicEvaluation.COHERENCE_TERMS, TopicEvaluation.DIVERSITY_TERMS);

  public static void main(String[] args) {
    Map<String, String> a =
        new HashMap<>(
            Map.of(
                "seeds",
                "40",
                "first-seed",
                "1",
                "partitions",
                "2",
                "optimize-interval",
                "0",
                "optimize-burn-in",
                "10",
                "mallet-memory",
                "8g"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Expected --name value pairs, got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    String work = require(a, "work");
    String sampler = require(a, "sampler");
    if (!sampler.equals("parley") && !sampler.equals("mallet")) {
      throw new IllegalArgumentException("--sampler is parley or mallet, got " + sampler);
    }
    int seeds = Integer.parseInt(a.get("seeds"));
    int firstSeed = Integer.parseInt(a.get("first-seed"));
    int partitions = Integer.parseInt(a.get("partitions"));
    int interval = Integer.parseInt(a.get("optimize-interval"));
    int burnIn = Integer.parseInt(a.get("optimize-burn-in"));
    String malletMemory = a.get("mallet-memory"); // the harness's default; 1M documents need it

    SparkSession spark =
        DeltaSession.configure(SparkSession.builder())
            .master("local[" + partitions + "]")
            .appName("topic-seed-study")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    String output = new Path(work, "parley-out").toString();
    String modelId = a.containsKey("model") ? a.get("model") : onlyModel(spark, output);
    MalletBaseline.ParleyModel model = MalletBaseline.parleyModel(spark, output, modelId);
    // The count vectors the topics stage fits on and scores coherence on; Parley's sampler refits
    // on them.
    Dataset<Row> countVectors =
        MalletBaseline.countVectors(spark, output, model).persist(StorageLevel.MEMORY_AND_DISK());
    String documents =
        new Path(new Path(work, "baselines"), "mallet-documents-" + model.iterations()).toString();
    System.out.printf(
        Locale.ROOT,
        "model %s: k=%d, %d iterations, vocabulary %d; %s sampler, %d partitions/threads,"
            + " optimize interval %d, burn-in %d%n",
        modelId,
        model.k(),
        model.iterations(),
        model.vocabulary().length,
        sampler,
        partitions,
        interval,
        burnIn);

    double lambda =
        a.containsKey("relevance-lambda")
            ? Double.parseDouble(a.get("relevance-lambda"))
            : model.relevanceLambda();
    List<Double> byProbability = new ArrayList<>();
    List<Double> byRelevance = new ArrayList<>();
    for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Dataset<Row> probabilityTerms;
      Dataset<Row> relevanceTerms;
      if (sampler.equals("parley")) {
        Matrix topics =
            new GibbsLda()
                .setK(model.k())
                .setMaxIter(model.iterations())
                .setSeed(seed)
                .setNumPartitions(partitions)
                .setOptimizeInterval(interval)
                .setOptimizeBurnIn(burnIn)
                .setFeaturesCol(TopicTransforms.FEATURES)
                .fit(countVectors)
                .topicsMatrix();
        probabilityTerms = topTerms(spark, topics, 1.0, model.vocabulary());
        relevanceTerms = topTerms(spark, topics, lambda, model.vocabulary());
      } else {
        MalletBaseline.Settings settings =
            MalletBaseline.Settings.of(model.k(), model.iterations(), seed)
                .withThreads(partitions)
                .withOptimizeInterval(interval, burnIn)
                .withRelevanceLambda(lambda)
                .withMaxHeap(malletMemory);
        String result =
            new Path(new Path(work, "baselines"), "seed-study-mallet-" + seed + ".json").toString();
        MalletBaseline.Result trained = MalletBaseline.train(documents, result, settings);
        probabilityTerms = MalletBaseline.topicTerms(spark, trained, "mallet", false);
        relevanceTerms = MalletBaseline.topicTerms(spark, trained, "mallet", true);
      }
      double p =
          MalletBaseline.quality(probabilityTerms, countVectors, model.vocabulary()).meanNpmi();
      double r =
          MalletBaseline.quality(relevanceTerms, countVectors, model.vocabulary()).meanNpmi();
      byProbability.add(p);
      byRelevance.add(r);
      System.out.printf(
          Locale.ROOT,
          "%s seed %d npmi %.4f by probability, %.4f by relevance (lambda %.2f)%n",
          sampler,
          seed,
          p,
          r,
          lambda);
    }
    summary(sampler + ", terms by probability", byProbability);
    summary(sampler + ", terms by relevance", byRelevance);
    spark.stop();
  }

  private static void summary(String what, List<Double> npmi) {
    double mean = npmi.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double variance =
        npmi.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
            / Math.max(1, npmi.size() - 1);
    System.out.printf(
        Locale.ROOT,
        "%s: mean NPMI %.4f over %d seeds, sd %.4f, standard error %.4f%n",
        what,
        mean,
        npmi.size(),
        Math.sqrt(variance),
        Math.sqrt(variance / npmi.size()));
  }

  private static String onlyModel(SparkSession spark, String output) {
    List<Row> models =
        spark
            .read()
            .format("delta")
            .load(new Path(output, Tables.TOPIC_MODELS.name()).toString())
            .select(Columns.MODEL_ID)
            .collectAsList();
    if (models.size() != 1) {
      throw new IllegalArgumentException(
          "The output holds " + models.size() + " topic models; name one with --model");
    }
    return models.get(0).getString(0);
  }

  private static String require(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Missing --" + name);
    }
    return v;
  }

  /**
   * Each topic's top terms as MalletBaseline.quality takes them (model_id, topic_id, rank, term),
   * ranked by TermRelevance at {@code lambda}, as the topics stage ranks them. The matrix is
   * vocabulary × k, small.
   */
  private static Dataset<Row> topTerms(
      SparkSession spark, Matrix topics, double lambda, String[] vocabulary) {
    List<Row> rows = new ArrayList<>();
    for (TermRelevance.RankedTerm t : TermRelevance.topTerms(topics, lambda, TOP)) {
      rows.add(RowFactory.create("parley", t.topic(), t.rank(), vocabulary[t.termIndex()]));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(Columns.MODEL_ID, DataTypes.StringType, false)
            .add(Columns.TOPIC_ID, DataTypes.IntegerType, false)
            .add(Columns.RANK, DataTypes.IntegerType, false)
            .add(Columns.TERM, DataTypes.StringType, false));
  }
}
