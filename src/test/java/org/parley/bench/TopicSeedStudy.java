package org.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
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
import org.parley.tables.Tables;
import org.parley.topics.GibbsLda;
import org.parley.topics.TopicTransforms;
import org.parley.topics.TopicsStep;

/**
 * Topic quality over many seeds on one fixed input, which a harness run cannot give: one seed's
 * NPMI swings by ±0.01 and the harness's seed also changes the stories, so both sides' input.
 * Takes a harness work folder (its Parley output and the token documents MALLET was given) and
 * fits, seed after seed, either Parley's {@link GibbsLda} on the model's own count vectors and the
 * run's number of partitions (so a seed gives the run's exact model) or MALLET through
 * {@link MalletBaseline#train} on the harness's documents. Each model is scored by
 * {@link MalletBaseline#quality}, the harness's own NPMI over the same count vectors. Prints one
 * line per seed and the mean, its standard deviation and standard error.
 *
 * <pre>
 *   java -cp ... org.parley.bench.TopicSeedStudy --work W --sampler parley|mallet [--seeds 40]
 *       [--first-seed 1] [--partitions 2] [--optimize-interval 0] [--optimize-burn-in 10] [--model ID]
 * </pre>
 */
public final class TopicSeedStudy {
  private TopicSeedStudy() {}

  private static final int TOP = Math.max(TopicsStep.COHERENCE_TERMS, TopicsStep.DIVERSITY_TERMS);

  public static void main(String[] args) {
    Map<String, String> a = new HashMap<>(Map.of("seeds", "40", "first-seed", "1", "partitions", "2",
        "optimize-interval", "0", "optimize-burn-in", "10"));
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

    SparkSession spark = SparkSession.builder().master("local[" + partitions + "]").appName("topic-seed-study")
        .config("spark.ui.enabled", "false").getOrCreate();
    String output = new Path(work, "parley-out").toString();
    String modelId = a.containsKey("model") ? a.get("model") : onlyModel(spark, output);
    MalletBaseline.ParleyModel model = MalletBaseline.parleyModel(spark, output, modelId);
    // The count vectors the topics stage fits on and scores coherence on; Parley's sampler refits on them.
    Dataset<Row> countVectors = MalletBaseline.countVectors(spark, output, model).persist(StorageLevel.MEMORY_AND_DISK());
    String documents = new Path(new Path(work, "baselines"), "mallet-documents-" + model.iterations()).toString();
    System.out.printf(Locale.ROOT, "model %s: k=%d, %d iterations, vocabulary %d; %s sampler, %d partitions/threads,"
        + " optimize interval %d, burn-in %d%n", modelId, model.k(), model.iterations(), model.vocabulary().length,
        sampler, partitions, interval, burnIn);

    List<Double> npmi = new ArrayList<>();
    for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Dataset<Row> topicTerms;
      if (sampler.equals("parley")) {
        Matrix topics = new GibbsLda().setK(model.k()).setMaxIter(model.iterations()).setSeed(seed)
            .setNumPartitions(partitions).setOptimizeInterval(interval).setOptimizeBurnIn(burnIn)
            .setFeaturesCol(TopicTransforms.FEATURES).fit(countVectors).topicsMatrix();
        topicTerms = topTerms(spark, topics, model.vocabulary());
      } else {
        MalletBaseline.Settings settings = MalletBaseline.Settings.of(model.k(), model.iterations(), seed)
            .withThreads(partitions).withOptimizeInterval(interval, burnIn);
        String result = new Path(new Path(work, "baselines"), "seed-study-mallet-" + seed + ".json").toString();
        topicTerms = MalletBaseline.topicTerms(spark, MalletBaseline.train(documents, result, settings), "mallet");
      }
      double mean = MalletBaseline.quality(topicTerms, countVectors, model.vocabulary()).meanNpmi();
      npmi.add(mean);
      System.out.printf(Locale.ROOT, "%s seed %d npmi %.4f%n", sampler, seed, mean);
    }
    double mean = npmi.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double variance = npmi.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, npmi.size() - 1);
    System.out.printf(Locale.ROOT, "%s: mean NPMI %.4f over %d seeds, sd %.4f, standard error %.4f%n", sampler, mean,
        npmi.size(), Math.sqrt(variance), Math.sqrt(variance / npmi.size()));
    spark.stop();
  }

  private static String onlyModel(SparkSession spark, String output) {
    List<Row> models = spark.read().parquet(new Path(output, Tables.TOPIC_MODELS.name()).toString())
        .select(Columns.MODEL_ID).collectAsList();
    if (models.size() != 1) {
      throw new IllegalArgumentException("The output holds " + models.size() + " topic models; name one with --model");
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
   * Each topic's top terms as MalletBaseline.quality takes them (model_id, topic_id, rank, term):
   * by weight, ties to the lower term index, as the topics stage ranks them. The matrix is
   * vocabulary × k, small.
   */
  private static Dataset<Row> topTerms(SparkSession spark, Matrix topics, String[] vocabulary) {
    List<Row> rows = new ArrayList<>();
    for (int t = 0; t < topics.numCols(); t++) {
      int topic = t;
      int[] ranked = IntStream.range(0, topics.numRows()).boxed()
          .sorted((x, y) -> topics.apply(x, topic) != topics.apply(y, topic)
              ? Double.compare(topics.apply(y, topic), topics.apply(x, topic)) : Integer.compare(x, y))
          .limit(TOP).mapToInt(Integer::intValue).toArray();
      for (int r = 0; r < ranked.length; r++) {
        rows.add(RowFactory.create("parley", topic, r + 1, vocabulary[ranked[r]]));
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add(Columns.MODEL_ID, DataTypes.StringType, false)
        .add(Columns.TOPIC_ID, DataTypes.IntegerType, false)
        .add(Columns.RANK, DataTypes.IntegerType, false)
        .add(Columns.TERM, DataTypes.StringType, false));
  }
}
