package org.parley.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.spark.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * LDA fitted by collapsed Gibbs sampling, distributed as AD-LDA (Newman, Asuncion, Smyth and
 * Welling, "Distributed Algorithms for Topic Models", JMLR 2009): a Spark ML estimator that stands
 * where {@link org.apache.spark.ml.clustering.LDA} stands in a pipeline, on the same term-count
 * vectors, and yields Spark's own {@link LocalLDAModel}, so transform, describeTopics,
 * logPerplexity and save/load work unchanged.
 *
 * <p>The documents are expanded into tokens (term indices) and placed once into {@code
 * numPartitions} {@link GibbsShard}s, by a hash of each document's tokens, ordered by it within a
 * shard: where a document lands and when it is sampled depend on its content only, not on the
 * input's order or partitioning. Each iteration is one Spark job: every shard sweeps its tokens
 * against a broadcast of the corpus's word-topic counts (vocabulary × k ints) as of the start of
 * the iteration, then counts its new assignments; the counts are summed by treeAggregate on the
 * driver and broadcast for the next iteration. A shard's random numbers come from (seed, iteration,
 * partition), so the same data, seed and number of partitions give the same topics. Each
 * iteration's shards are local-checkpointed (cached on the executors, lineage cut) and the previous
 * ones dropped, so fifty iterations keep two copies of the assignments and no growing lineage; as
 * with any local checkpoint, losing an executor during the fit fails the fit.
 *
 * <p>The model's topics matrix is n_wt + β (vocabulary × k, column t topic t's unnormalised term
 * weights): the Dirichlet posterior of each topic's term distribution given the final sample, which
 * is what Spark's online LDA keeps as its variational λ. Its document concentration is α, so the
 * model's transform infers new documents' topic weights under the same prior.
 *
 * <p>With an optimisation interval, the priors are learned from the sample as MALLET's
 * --optimize-interval learns them ({@link DirichletPriors}): after the burn-in sweeps, every
 * interval sweeps α becomes asymmetric (one value per topic) and β moves to the sample's estimate.
 * The model then carries the learned α and β.
 */
public final class GibbsLda extends Estimator<LDAModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(GibbsLda.class);

  /**
   * MALLET's default sum of the document priors: α = 5 / k per topic unless docConcentration is
   * set.
   */
  public static final double DEFAULT_ALPHA_SUM = 5.0;

  /** MALLET's and Griffiths and Steyvers' β. */
  public static final double DEFAULT_BETA = 0.01;

  /** Tokens a shard holds at most when numPartitions is 0 (its two int arrays: 128 MB). */
  public static final long MAX_SHARD_TOKENS = 16_000_000L;

  /**
   * The shape of the Gamma prior Spark's variational inference starts each document from (its own
   * default).
   */
  private static final double GAMMA_SHAPE = 100.0;

  private final String uid;
  private final IntParam k;
  private final IntParam maxIter;
  private final LongParam seed;
  private final DoubleParam docConcentration;
  private final DoubleParam topicConcentration;
  private final IntParam numPartitions;
  private final IntParam optimizeInterval;
  private final IntParam optimizeBurnIn;
  private final Param<String> featuresCol;
  private final Param<String> topicDistributionCol;

  public GibbsLda() {
    this(Identifiable.randomUID("gibbsLda"));
  }

  public GibbsLda(String uid) {
    this.uid = uid;
    k = new IntParam(this, "k", "number of topics (> 1)", ParamValidators.gt(1));
    maxIter =
        new IntParam(
            this, "maxIter", "Gibbs sweeps over the corpus (>= 1)", ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "random seed");
    docConcentration =
        new DoubleParam(
            this,
            "docConcentration",
            "symmetric Dirichlet prior α on each document's topics (> 0); default "
                + DEFAULT_ALPHA_SUM
                + " / k",
            ParamValidators.gt(0));
    topicConcentration =
        new DoubleParam(
            this,
            "topicConcentration",
            "symmetric Dirichlet prior β on each topic's terms (> 0)",
            ParamValidators.gt(0));
    numPartitions =
        new IntParam(
            this,
            "numPartitions",
            "partitions the documents are sampled in (0: the default parallelism, more if a shard would hold over "
                + MAX_SHARD_TOKENS
                + " tokens); with the seed it fixes the result",
            ParamValidators.gtEq(0));
    optimizeInterval =
        new IntParam(
            this,
            "optimizeInterval",
            "learn α (asymmetric) and β from the sample every this many sweeps after the burn-in (0: keep them fixed)",
            ParamValidators.gtEq(0));
    optimizeBurnIn =
        new IntParam(
            this,
            "optimizeBurnIn",
            "sweeps before the priors are first learned (>= 0)",
            ParamValidators.gtEq(0));
    featuresCol = new Param<>(this, "featuresCol", "term-count vectors, one per document");
    topicDistributionCol =
        new Param<>(this, "topicDistributionCol", "output column of topic weights");
    setDefault(k, 10);
    setDefault(maxIter, 50);
    setDefault(seed, (long) GibbsLda.class.getName().hashCode());
    setDefault(topicConcentration, DEFAULT_BETA);
    setDefault(numPartitions, 0);
    setDefault(optimizeInterval, 0);
    setDefault(optimizeBurnIn, 10);
    setDefault(featuresCol, "features");
    setDefault(topicDistributionCol, "topicDistribution");
  }

  @Override
  public String uid() {
    return uid;
  }

  public IntParam k() {
    return k;
  }

  public IntParam maxIter() {
    return maxIter;
  }

  public LongParam seed() {
    return seed;
  }

  public DoubleParam docConcentration() {
    return docConcentration;
  }

  public DoubleParam topicConcentration() {
    return topicConcentration;
  }

  public IntParam numPartitions() {
    return numPartitions;
  }

  public IntParam optimizeInterval() {
    return optimizeInterval;
  }

  public IntParam optimizeBurnIn() {
    return optimizeBurnIn;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> topicDistributionCol() {
    return topicDistributionCol;
  }

  public int getK() {
    return (Integer) getOrDefault(k);
  }

  public int getMaxIter() {
    return (Integer) getOrDefault(maxIter);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  /** α: the value set, else {@value #DEFAULT_ALPHA_SUM} / k. */
  public double getDocConcentration() {
    return isSet(docConcentration)
        ? (Double) getOrDefault(docConcentration)
        : DEFAULT_ALPHA_SUM / getK();
  }

  public double getTopicConcentration() {
    return (Double) getOrDefault(topicConcentration);
  }

  public int getNumPartitions() {
    return (Integer) getOrDefault(numPartitions);
  }

  public int getOptimizeInterval() {
    return (Integer) getOrDefault(optimizeInterval);
  }

  public int getOptimizeBurnIn() {
    return (Integer) getOrDefault(optimizeBurnIn);
  }

  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  public String getTopicDistributionCol() {
    return getOrDefault(topicDistributionCol);
  }

  public GibbsLda setK(int value) {
    set(k, value);
    return this;
  }

  public GibbsLda setMaxIter(int value) {
    set(maxIter, value);
    return this;
  }

  public GibbsLda setSeed(long value) {
    set(seed, value);
    return this;
  }

  public GibbsLda setDocConcentration(double value) {
    set(docConcentration, value);
    return this;
  }

  public GibbsLda setTopicConcentration(double value) {
    set(topicConcentration, value);
    return this;
  }

  public GibbsLda setNumPartitions(int value) {
    set(numPartitions, value);
    return this;
  }

  public GibbsLda setOptimizeInterval(int value) {
    set(optimizeInterval, value);
    return this;
  }

  public GibbsLda setOptimizeBurnIn(int value) {
    set(optimizeBurnIn, value);
    return this;
  }

  public GibbsLda setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public GibbsLda setTopicDistributionCol(String value) {
    set(topicDistributionCol, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String features = getFeaturesCol();
    String output = getTopicDistributionCol();
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(features)
        || !(schema.apply(features).dataType() instanceof VectorUDT)) {
      throw new IllegalArgumentException(
          "GibbsLda needs a vector column "
              + features
              + " of term counts; the input has "
              + schema.simpleString());
    }
    if (java.util.Arrays.asList(schema.fieldNames()).contains(output)) {
      throw new IllegalArgumentException("GibbsLda output column " + output + " already exists");
    }
    return schema.add(output, new VectorUDT(), false);
  }

  @Override
  public GibbsLda copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<GibbsLda> read() {
    return new DefaultParamsReader<>();
  }

  public static GibbsLda load(String path) {
    return read().load(path);
  }

  @Override
  public LocalLDAModel fit(Dataset<?> dataset) {
    Sample sample = sample(dataset, null);
    sample.release();
    return sample.model();
  }

  /**
   * A fitted model and the training documents' topic proportions, as {@link #fitWithDocuments}
   * gives them.
   */
  public record FitWithDocuments(LocalLDAModel model, Dataset<Row> documentTopics) {}

  /**
   * Fits as {@link #fit} does and also returns every training document's topic proportions from the
   * sampler's last sweep ({@link GibbsShard#topicProportions}): columns {@code idCol} and the topic
   * distribution column, one row per input row, empty documents all zeros. The model's transform
   * would instead run Spark's variational inference on every document again, which at 100k articles
   * took longer than the fifty sweeps; the sample's proportions are what MALLET reports for its
   * training documents. The result is cached; unpersist it when done. {@code idCol} must be unique:
   * it is how the caller joins the proportions back to its documents.
   */
  public FitWithDocuments fitWithDocuments(Dataset<?> dataset, String idCol) {
    if (!java.util.Arrays.asList(dataset.schema().fieldNames()).contains(idCol)) {
      throw new IllegalArgumentException(
          "GibbsLda: no id column " + idCol + " in " + dataset.schema().simpleString());
    }
    Sample sample = sample(dataset, idCol);
    try {
      int topics = getK();
      double[] alpha = sample.alpha();
      JavaRDD<Row> rows =
          sample
              .shards()
              .flatMap(
                  shard -> {
                    List<Row> out = new ArrayList<>(shard.documents());
                    for (int d = 0; d < shard.documents(); d++) {
                      out.add(
                          RowFactory.create(
                              shard.key(d),
                              org.apache.spark.ml.linalg.Vectors.dense(
                                  shard.topicProportions(d, topics, alpha))));
                    }
                    return out.iterator();
                  });
      StructType schema =
          new StructType(
              new StructField[] {
                dataset.schema().apply(idCol),
                new StructField(getTopicDistributionCol(), new VectorUDT(), false, Metadata.empty())
              });
      Dataset<Row> documentTopics =
          dataset
              .sparkSession()
              .createDataFrame(rows, schema)
              .persist(StorageLevel.MEMORY_AND_DISK());
      documentTopics.count(); // read from the last shards before release() drops them
      return new FitWithDocuments(sample.model(), documentTopics);
    } finally {
      sample.releaseKeepingPlans();
    }
  }

  /**
   * The sampler's end state: the model, its α (learned or as set), the last iteration's shards
   * (cached, lineage cut) and the broadcast their closure still refers to.
   */
  private record Sample(
      LocalLDAModel model,
      double[] alpha,
      JavaRDD<GibbsShard> shards,
      Broadcast<int[]> lastCounts) {
    /** Drops the shards and the broadcast, when nothing derived from the shards is kept. */
    void release() {
      shards.unpersist(false);
      if (lastCounts != null) {
        lastCounts.destroy();
      }
    }

    /**
     * Drops the shards but only unpersists the broadcast: a Dataset computed from the shards keeps
     * their closure in its plan, and Spark refuses to serialise a destroyed broadcast even when the
     * Dataset is read from its cache. The driver's copy (vocabulary × k ints) goes when the plan
     * does.
     */
    void releaseKeepingPlans() {
      shards.unpersist(false);
      if (lastCounts != null) {
        lastCounts.unpersist(false);
      }
    }
  }

  /** Places the documents (with their ids when idCol is not null) and runs every sweep. */
  private Sample sample(Dataset<?> dataset, String idCol) {
    transformSchema(dataset.schema());
    // Params into locals: the closures below must not ship the estimator.
    int topics = getK();
    int iterations = getMaxIter();
    long randomSeed = getSeed();
    double[] alpha = new double[topics];
    java.util.Arrays.fill(alpha, getDocConcentration());
    double beta = getTopicConcentration();
    int interval = getOptimizeInterval();
    int burnIn = getOptimizeBurnIn();
    String features = getFeaturesCol();
    SparkSession spark = dataset.sparkSession();
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    int partitions =
        getNumPartitions() > 0
            ? getNumPartitions()
            : defaultPartitions(dataset, features, sc, MAX_SHARD_TOKENS);
    int vocabulary = vocabularySize(dataset, features);
    if ((long) vocabulary * topics > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "GibbsLda keeps vocabulary × k counts in one array: "
              + vocabulary
              + " × "
              + topics
              + " is too many");
    }
    String description = sc.getLocalProperty("spark.job.description");
    String label = (description == null ? "" : description + ": ") + "gibbs k=" + topics;
    long started = System.nanoTime();
    try {
      sc.setJobDescription(label + " initial topics");
      JavaRDD<GibbsShard> shards =
          initialShards(dataset, features, idCol, partitions, topics, randomSeed);
      Checkpoints.truncateOnNextJob(shards);
      int[] counts = wordTopicCounts(shards, vocabulary, topics);
      long tokens = total(counts);
      int longest = interval > 0 ? shards.map(GibbsShard::longestDocument).fold(0, Math::max) : 0;
      long placed = System.nanoTime();
      // The previous iteration's RDD is still the (checkpointed) parent of the current one and is
      // serialised with its closure, so its broadcast is destroyed one iteration later.
      Broadcast<int[]> previous = null;
      for (int iteration = 1; iteration <= iterations; iteration++) {
        sc.setJobDescription(label + " sweep " + iteration + "/" + iterations);
        Broadcast<int[]> current = jsc.broadcast(counts);
        JavaRDD<GibbsShard> next =
            sweep(shards, current, topics, alpha, beta, randomSeed, iteration);
        Checkpoints.truncateOnNextJob(next);
        counts = wordTopicCounts(next, vocabulary, topics); // runs the sweep
        if (total(counts) != tokens) {
          throw new IllegalStateException(
              "Gibbs sweep " + iteration + " counted " + total(counts) + " tokens, not " + tokens);
        }
        Checkpoints.release(shards);
        if (previous != null) {
          previous.destroy();
        }
        previous = current;
        shards = next;
        if (iteration % 10 == 0 || iteration == iterations) {
          LOG.info("{}: sweep {}/{} done", label, iteration, iterations);
        }
        if (interval > 0 && iteration > burnIn && iteration % interval == 0) {
          sc.setJobDescription(label + " learn priors after sweep " + iteration);
          long[][] histograms = topicHistograms(shards, topics, longest);
          alpha =
              DirichletPriors.asymmetricAlpha(
                  alpha, java.util.Arrays.copyOf(histograms, topics), histograms[topics]);
          beta = DirichletPriors.symmetricBeta(beta, counts, topics);
        }
      }
      LOG.info(
          "Gibbs LDA k={}: {} tokens, vocabulary {}, α={}, β={}: documents placed in {} partitions in {} ms"
              + " (reading the input included), {} sweeps in {} ms",
          topics,
          tokens,
          vocabulary,
          java.util.Arrays.stream(alpha)
              .mapToObj(a -> String.format(java.util.Locale.ROOT, "%.3f", a))
              .toList(),
          String.format(java.util.Locale.ROOT, "%.4f", beta),
          partitions,
          (placed - started) / 1_000_000,
          iterations,
          (System.nanoTime() - placed) / 1_000_000);
      return new Sample(
          model(spark, counts, vocabulary, topics, alpha, beta, randomSeed),
          alpha,
          shards,
          previous);
    } finally {
      sc.setJobDescription(description);
    }
  }

  /**
   * The documents as term-index tokens (each term repeated as often as it occurs), placed by a hash
   * of their tokens and ordered by it within a partition (ties by id), each partition one shard
   * with random topics. Without ids, empty documents are left out (they have nothing to sample);
   * with ids they stay, so every document gets its proportions.
   */
  private static JavaRDD<GibbsShard> initialShards(
      Dataset<?> dataset,
      String features,
      String idCol,
      int partitions,
      int topics,
      long randomSeed) {
    boolean keyed = idCol != null;
    Dataset<Row> columns =
        keyed ? dataset.select(col(features), col(idCol)) : dataset.select(col(features));
    JavaPairRDD<Long, Tuple2<Object, int[]>> documents =
        columns
            .toJavaRDD()
            .map(r -> new Tuple2<>(keyed ? r.get(1) : null, tokens(r.<Vector>getAs(0))))
            .filter(doc -> keyed || doc._2().length > 0)
            .mapToPair(doc -> new Tuple2<>(GibbsShard.contentHash(doc._2()), doc));
    return documents
        .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
        .mapPartitionsWithIndex(
            (partition, docs) -> {
              List<Tuple2<Long, Tuple2<Object, int[]>>> list = new ArrayList<>();
              docs.forEachRemaining(list::add);
              if (keyed) {
                // Equal contents share a hash and arrive in shuffle order; the id fixes their
                // order, so
                // each id gets the same topics in every run.
                list.sort(
                    java.util.Comparator.<Tuple2<Long, Tuple2<Object, int[]>>, Long>comparing(
                            Tuple2::_1)
                        .thenComparing(doc -> String.valueOf(doc._2()._1())));
              }
              List<int[]> tokens = new ArrayList<>(list.size());
              List<Object> keys = keyed ? new ArrayList<>(list.size()) : null;
              for (Tuple2<Long, Tuple2<Object, int[]>> doc : list) {
                tokens.add(doc._2()._2());
                if (keyed) {
                  keys.add(doc._2()._1());
                }
              }
              GibbsShard shard =
                  GibbsShard.of(tokens, keys)
                      .initialised(topics, GibbsShard.random(randomSeed, -1, partition));
              return List.of(shard).iterator();
            },
            true);
  }

  private static JavaRDD<GibbsShard> sweep(
      JavaRDD<GibbsShard> shards,
      Broadcast<int[]> counts,
      int topics,
      double[] alpha,
      double beta,
      long randomSeed,
      int iteration) {
    return shards.mapPartitionsWithIndex(
        (partition, it) -> {
          List<GibbsShard> out = new ArrayList<>(1);
          while (it.hasNext()) {
            out.add(
                it.next()
                    .sweep(
                        counts.value(),
                        topics,
                        alpha,
                        beta,
                        GibbsShard.random(randomSeed, iteration, partition)));
          }
          return out.iterator();
        },
        true);
  }

  /** The corpus's word-topic counts (term-major, vocabulary × k), summed over the shards. */
  private static int[] wordTopicCounts(JavaRDD<GibbsShard> shards, int vocabulary, int topics) {
    return shards.treeAggregate(
        new int[vocabulary * topics],
        (acc, shard) -> {
          shard.addCounts(acc, topics);
          return acc;
        },
        (a, b) -> {
          for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
          }
          return a;
        });
  }

  /**
   * The histograms α is learned from, summed over the shards ({@link
   * GibbsShard#addTopicHistograms}): rows 0..k−1 count, per topic, the documents by their tokens in
   * it; row k the documents by length. One small job over the cached shards.
   */
  private static long[][] topicHistograms(JavaRDD<GibbsShard> shards, int topics, int longest) {
    long[] flat =
        shards.treeAggregate(
            new long[topics * (longest + 1) + longest + 1],
            (acc, shard) -> {
              long[][] perTopic = new long[topics][longest + 1];
              long[] lengths = new long[longest + 1];
              shard.addTopicHistograms(perTopic, lengths, topics);
              for (int t = 0; t < topics; t++) {
                for (int c = 0; c <= longest; c++) {
                  acc[t * (longest + 1) + c] += perTopic[t][c];
                }
              }
              for (int n = 0; n <= longest; n++) {
                acc[topics * (longest + 1) + n] += lengths[n];
              }
              return acc;
            },
            GibbsLda::addInto);
    long[][] perTopic = new long[topics + 1][];
    for (int t = 0; t <= topics; t++) {
      perTopic[t] = java.util.Arrays.copyOfRange(flat, t * (longest + 1), (t + 1) * (longest + 1));
    }
    return perTopic;
  }

  private static long[] addInto(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** Spark's local LDA model for the final counts: topics n_wt + β, document concentration α. */
  private LocalLDAModel model(
      SparkSession spark,
      int[] counts,
      int vocabulary,
      int topics,
      double[] alpha,
      double beta,
      long randomSeed) {
    double[] values =
        new double[vocabulary * topics]; // column-major: topic t's terms are values[t·V .. t·V + V)
    for (int w = 0; w < vocabulary; w++) {
      for (int t = 0; t < topics; t++) {
        values[t * vocabulary + w] = counts[w * topics + t] + beta;
      }
    }
    org.apache.spark.mllib.clustering.LocalLDAModel old =
        new org.apache.spark.mllib.clustering.LocalLDAModel(
            new DenseMatrix(vocabulary, topics, values), Vectors.dense(alpha), beta, GAMMA_SHAPE);
    old.setSeed(
        randomSeed); // the seed of transform's variational inference; Spark would draw one at
    // random
    LocalLDAModel model = new LocalLDAModel(uid, vocabulary, old, spark);
    model.set(model.k(), topics);
    model
        .setSeed(randomSeed)
        .setFeaturesCol(getFeaturesCol())
        .setTopicDistributionCol(getTopicDistributionCol());
    model.setParent(this);
    return model;
  }

  /**
   * The documents' vector size: from the column's ML attributes (CountVectorizerModel sets them),
   * else a row.
   */
  /**
   * The default parallelism, or more partitions when a shard would exceed {@link
   * #MAX_SHARD_TOKENS}: a shard's token arrays, and the documents' own arrays while it is built,
   * are whole objects in the heap, and two shards of a 1M-article corpus (166M tokens) would not
   * fit a 4g local driver. One pass over the (usually cached) documents to count their tokens.
   */
  static int defaultPartitions(
      Dataset<?> dataset, String features, SparkContext sc, long maxShardTokens) {
    long tokens =
        dataset
            .select(col(features))
            .toJavaRDD()
            .map(r -> r.isNullAt(0) ? 0L : tokenCount(r.<Vector>getAs(0)))
            .fold(0L, Long::sum);
    long bySize = (tokens + maxShardTokens - 1) / maxShardTokens;
    return (int) Math.max(sc.defaultParallelism(), Math.min(bySize, Integer.MAX_VALUE));
  }

  private static long tokenCount(Vector counts) {
    long n = 0;
    for (double v : counts.toSparse().values()) {
      n += count(v);
    }
    return n;
  }

  private static int vocabularySize(Dataset<?> dataset, String features) {
    StructField field = dataset.schema().apply(features);
    int size = AttributeGroup.fromStructField(field).size();
    if (size > 0) {
      return size;
    }
    List<Row> first =
        dataset.select(col(features)).filter(col(features).isNotNull()).limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("GibbsLda needs at least one document");
    }
    return first.get(0).<Vector>getAs(0).size();
  }

  /**
   * A count vector as tokens: each term index repeated as often as it is counted, in index order.
   */
  static int[] tokens(Vector counts) {
    if (counts == null) {
      return new int[0];
    }
    SparseVector sparse = counts.toSparse();
    int[] indices = sparse.indices();
    double[] values = sparse.values();
    int n = 0;
    for (double v : values) {
      n += count(v);
    }
    int[] out = new int[n];
    int at = 0;
    for (int j = 0; j < indices.length; j++) {
      for (int c = count(values[j]); c > 0; c--) {
        out[at++] = indices[j];
      }
    }
    return out;
  }

  private static int count(double value) {
    return (int) Math.max(0, Math.round(value));
  }

  private static long total(int[] counts) {
    long sum = 0;
    for (int c : counts) {
      sum += c;
    }
    return sum;
  }
}
