package org.parley.bench;

import static org.apache.spark.sql.functions.col;

import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.tables.Tables;
import org.parley.topics.GibbsLda;
import org.parley.topics.TopicsStep;

/**
 * Topic quality over many seeds on one fixed input, which a harness run cannot give: one seed's
 * NPMI swings by ±0.01 and the harness's seed also changes the stories, so both sides' input.
 * Reads a harness work folder (its Parley output and the token documents MALLET was given), then
 * fits, seed after seed, either Parley's {@link GibbsLda} (the real estimator, on the same
 * count vectors and partitions as the run, so a seed gives the run's exact model) or MALLET's
 * ParallelTopicModel (in this JVM, as the harness's child runs it), and scores each model's top ten
 * terms by mean NPMI over the documents. Prints one line per seed and the mean, its standard
 * deviation and standard error. The documents are held on the driver: meant for the 10k corpus.
 *
 * <pre>
 *   java -cp ... org.parley.bench.TopicSeedStudy --work W --sampler parley|mallet [--seeds 40]
 *       [--first-seed 1] [--partitions 2] [--optimize-interval 0] [--optimize-burn-in 10]
 * </pre>
 */
public final class TopicSeedStudy {
  private TopicSeedStudy() {}

  private static final int TOP = TopicsStep.COHERENCE_TERMS;

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
    String output = work + "/parley-out";
    List<Row> models = spark.read().parquet(output + "/" + Tables.TOPIC_MODELS.name()).select("model_id").collectAsList();
    String modelId = a.containsKey("model") ? a.get("model") : onlyModel(models);
    MalletBaseline.ParleyModel model = MalletBaseline.parleyModel(spark, output, modelId);
    String[] vocabulary = model.vocabulary();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocabulary.length; i++) {
      index.put(vocabulary[i].replace(' ', MalletBaseline.PHRASE_JOINER), i);
    }

    // The token documents the harness wrote for MALLET, sorted by id as MALLET's trainer sorts them.
    List<Row> lines = spark.read().text(work + "/baselines/mallet-documents-" + model.iterations())
        .filter(col("value").contains("\t")).orderBy(col("value")).collectAsList();
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<int[]> documents = new ArrayList<>();
    for (Row line : lines) {
      String value = line.getString(0);
      int tab = value.indexOf('\t');
      String[] tokens = value.substring(tab + 1).split(" ");
      int[] terms = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        Integer term = index.get(tokens[i]);
        if (term == null) {
          throw new IllegalStateException("Token " + tokens[i] + " is not in model " + modelId + "'s vocabulary");
        }
        terms[i] = term;
      }
      ids.add(value.substring(0, tab));
      texts.add(value.substring(tab + 1));
      documents.add(terms);
    }
    BitSet[] documentsOf = new BitSet[vocabulary.length];
    for (int w = 0; w < vocabulary.length; w++) {
      documentsOf[w] = new BitSet();
    }
    for (int d = 0; d < documents.size(); d++) {
      for (int w : documents.get(d)) {
        documentsOf[w].set(d);
      }
    }
    System.out.printf(Locale.ROOT, "model %s: k=%d, %d iterations, %d documents, vocabulary %d; %s sampler,"
        + " %d partitions/threads, optimize interval %d, burn-in %d%n", modelId, model.k(), model.iterations(),
        documents.size(), vocabulary.length, sampler, partitions, interval, burnIn);

    Dataset<Row> features = sampler.equals("parley") ? features(spark, ids, documents, vocabulary.length) : null;
    List<Double> npmi = new ArrayList<>();
    for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
      int[][] top = sampler.equals("parley")
          ? parleyTopTerms(features, model, seed, partitions, interval, burnIn)
          : malletTopTerms(ids, texts, index, model, seed, partitions, interval, burnIn);
      double mean = meanNpmi(top, documentsOf, documents.size());
      npmi.add(mean);
      System.out.printf(Locale.ROOT, "%s seed %d npmi %.4f%n", sampler, seed, mean);
    }
    double mean = npmi.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double variance = npmi.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, npmi.size() - 1);
    System.out.printf(Locale.ROOT, "%s: mean NPMI %.4f over %d seeds, sd %.4f, standard error %.4f%n", sampler, mean,
        npmi.size(), Math.sqrt(variance), Math.sqrt(variance / npmi.size()));
    spark.stop();
  }

  private static String onlyModel(List<Row> models) {
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

  /** The documents as the count vectors the topics stage fits on: (article_id, features). */
  private static Dataset<Row> features(SparkSession spark, List<String> ids, List<int[]> documents, int vocabulary) {
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      int[] sorted = documents.get(d).clone();
      Arrays.sort(sorted);
      int distinct = 0;
      int[] indices = new int[sorted.length];
      double[] values = new double[sorted.length];
      for (int i = 0; i < sorted.length; i++) {
        if (distinct > 0 && indices[distinct - 1] == sorted[i]) {
          values[distinct - 1]++;
        } else {
          indices[distinct] = sorted[i];
          values[distinct++] = 1;
        }
      }
      rows.add(RowFactory.create(ids.get(d), new SparseVector(vocabulary, Arrays.copyOf(indices, distinct),
          Arrays.copyOf(values, distinct))));
    }
    return spark.createDataFrame(rows, new StructType().add("article_id", DataTypes.StringType)
        .add("features", new VectorUDT())).persist(StorageLevel.MEMORY_ONLY());
  }

  private static int[][] parleyTopTerms(Dataset<Row> features, MalletBaseline.ParleyModel model, int seed,
      int partitions, int interval, int burnIn) {
    Matrix topics = new GibbsLda().setK(model.k()).setMaxIter(model.iterations()).setSeed(seed)
        .setNumPartitions(partitions).setOptimizeInterval(interval).setOptimizeBurnIn(burnIn)
        .setFeaturesCol("features").fit(features).topicsMatrix();
    int[][] top = new int[model.k()][];
    for (int t = 0; t < model.k(); t++) {
      double[] weights = new double[topics.numRows()];
      for (int w = 0; w < weights.length; w++) {
        weights[w] = topics.apply(w, t);
      }
      top[t] = topIndices(weights);
    }
    return top;
  }

  private static int[][] malletTopTerms(List<String> ids, List<String> texts, Map<String, Integer> index,
      MalletBaseline.ParleyModel model, int seed, int threads, int interval, int burnIn) {
    Logger.getLogger("cc.mallet").setLevel(Level.WARNING);
    Pipe pipe = new SerialPipes(new Pipe[] {new CharSequence2TokenSequence(Pattern.compile("\\S+")),
        new TokenSequence2FeatureSequence()});
    InstanceList instances = new InstanceList(pipe);
    for (int d = 0; d < ids.size(); d++) {
      instances.addThruPipe(new Instance(texts.get(d), null, ids.get(d), null));
    }
    MalletBaseline.Settings defaults = MalletBaseline.Settings.of(model.k(), model.iterations(), seed);
    ParallelTopicModel mallet = new ParallelTopicModel(model.k(), defaults.alphaSum(), defaults.beta());
    mallet.setNumIterations(model.iterations());
    mallet.setNumThreads(threads);
    mallet.setRandomSeed(seed);
    mallet.setOptimizeInterval(interval);
    mallet.setBurninPeriod(burnIn);
    mallet.setTopicDisplay(0, 0);
    mallet.addInstances(instances);
    try {
      mallet.estimate();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<TreeSet<IDSorter>> sorted = mallet.getSortedWords();
    int[][] top = new int[model.k()][];
    for (int t = 0; t < model.k(); t++) {
      top[t] = sorted.get(t).stream().limit(TOP)
          .mapToInt(w -> index.get((String) instances.getDataAlphabet().lookupObject(w.getID()))).toArray();
    }
    return top;
  }

  /** The indices of the {@value #TOP} largest weights, ties to the lower index (as Parley's topic_terms rank them). */
  private static int[] topIndices(double[] weights) {
    return java.util.stream.IntStream.range(0, weights.length).boxed()
        .sorted((x, y) -> weights[x] != weights[y] ? Double.compare(weights[y], weights[x]) : Integer.compare(x, y))
        .limit(TOP).mapToInt(Integer::intValue).toArray();
  }

  /** Mean over topics of the mean NPMI of their top terms' pairs, as TopicQuality defines it, over these documents. */
  private static double meanNpmi(int[][] top, BitSet[] documentsOf, int documents) {
    double sum = 0;
    for (int[] terms : top) {
      double topic = 0;
      int pairs = 0;
      for (int i = 0; i < terms.length; i++) {
        for (int j = i + 1; j < terms.length; j++) {
          BitSet both = (BitSet) documentsOf[terms[i]].clone();
          both.and(documentsOf[terms[j]]);
          double co = both.cardinality();
          double a = documentsOf[terms[i]].cardinality();
          double b = documentsOf[terms[j]].cardinality();
          topic += co == 0 ? -1 : co >= documents ? 1
              : (Math.log(co) + Math.log(documents) - Math.log(a) - Math.log(b)) / (Math.log(documents) - Math.log(co));
          pairs++;
        }
      }
      sum += topic / pairs;
    }
    return sum / top.length;
  }
}
