package org.parley.bench;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.Tables;
import org.parley.topics.TopicEvaluation;
import org.parley.topics.TopicModelStore;
import org.parley.topics.TopicQuality;
import org.parley.topics.TopicTransforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MALLET's ParallelTopicModel (collapsed Gibbs sampling LDA) on the bag of words Parley's topic
 * stage used, to compare topic quality and time with the same k, iterations and tokens.
 *
 * <p>The steps, for a harness that has Parley's output:
 *
 * <ol>
 *   <li>{@link #parleyModel} reads the fitted model's k, iterations, seed, include_phrases and
 *       vocabulary;
 *   <li>{@link #parleyTokenDocuments} and {@link #writeTokenDocuments} write each article's
 *       in-vocabulary terms as text lines {@code article_id<TAB>tok tok …};
 *   <li>{@link #train} trains MALLET in a child JVM with its own heap and returns its figures;
 *   <li>{@link #topicTerms} and {@link #quality} score MALLET's topics with Parley's own {@link
 *       TopicQuality} on {@link #countVectors}, the vectors Parley scores its topics on.
 * </ol>
 */
public final class MalletBaseline {
  private MalletBaseline() {}

  private static final Logger LOG = LoggerFactory.getLogger(MalletBaseline.class);

  /** Output lines of the child kept for the error message when it fails. */
  private static final int KEPT_OUTPUT_LINES = 60;

  /**
   * Stands for the space inside a phrase term ("united nations" is written united+nations), since
   * tokens in the text lines are separated by spaces. '+' is never part of a Parley term: UAX #29
   * never puts it inside a word, whereas '_' can be.
   */
  static final char PHRASE_JOINER = '+';

  /**
   * MALLET's settings. {@link #of} gives MALLET's command-line defaults for everything but k,
   * iterations and seed: alpha sum 5.0, beta 0.01, no hyperparameter optimisation (interval 0;
   * burn-in 200 applies only when an interval is set), and one thread per core of this machine.
   * {@code topWords} is how many words per topic are reported (25, enough for diversity).
   */
  public record Settings(
      int k,
      int iterations,
      int threads,
      int seed,
      double alphaSum,
      double beta,
      int optimizeInterval,
      int optimizeBurnIn,
      int topWords,
      String maxHeap,
      double relevanceLambda) {
    public Settings {
      if (k < 2 || iterations < 1 || threads < 1 || topWords < 1) {
        throw new IllegalArgumentException(
            "Need k >= 2 and iterations, threads, topWords >= 1; got k="
                + k
                + " iterations="
                + iterations
                + " threads="
                + threads
                + " topWords="
                + topWords);
      }
    }

    public static Settings of(int k, int iterations, int seed) {
      return new Settings(
          k,
          iterations,
          Runtime.getRuntime().availableProcessors(),
          seed,
          5.0,
          0.01,
          0,
          200,
          Math.max(TopicEvaluation.COHERENCE_TERMS, TopicEvaluation.DIVERSITY_TERMS),
          "2g",
          1.0);
    }

    /**
     * The k, iterations, seed and term ranking a Parley model was fitted with, the rest as {@link
     * #of(int, int, int)}.
     */
    public static Settings of(ParleyModel model) {
      return of(model.k(), model.iterations(), Math.toIntExact(model.seed()))
          .withRelevanceLambda(model.relevanceLambda());
    }

    public Settings withThreads(int n) {
      return new Settings(
          k,
          iterations,
          n,
          seed,
          alphaSum,
          beta,
          optimizeInterval,
          optimizeBurnIn,
          topWords,
          maxHeap,
          relevanceLambda);
    }

    /** The child's -Xmx, e.g. "8g". */
    public Settings withMaxHeap(String heap) {
      return new Settings(
          k,
          iterations,
          threads,
          seed,
          alphaSum,
          beta,
          optimizeInterval,
          optimizeBurnIn,
          topWords,
          heap,
          relevanceLambda);
    }

    /** MALLET's --optimize-interval and --optimize-burn-in (hyperparameter optimisation). */
    public Settings withOptimizeInterval(int interval, int burnIn) {
      return new Settings(
          k,
          iterations,
          threads,
          seed,
          alphaSum,
          beta,
          interval,
          burnIn,
          topWords,
          maxHeap,
          relevanceLambda);
    }

    /**
     * The λ of Parley's term relevance (TermRelevance) at which the child also ranks each topic's
     * words, beside MALLET's own ranking by count; 1 ranks by probability, as MALLET does.
     */
    public Settings withRelevanceLambda(double lambda) {
      return new Settings(
          k,
          iterations,
          threads,
          seed,
          alphaSum,
          beta,
          optimizeInterval,
          optimizeBurnIn,
          topWords,
          maxHeap,
          lambda);
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("k", k);
      m.put("iterations", iterations);
      m.put("threads", threads);
      m.put("seed", seed);
      m.put("alpha_sum", alphaSum);
      m.put("beta", beta);
      m.put("optimize_interval", optimizeInterval);
      m.put("optimize_burn_in", optimizeBurnIn);
      m.put("top_words", topWords);
      m.put("max_heap", maxHeap);
      m.put("relevance_lambda", relevanceLambda);
      return m;
    }
  }

  /** One word of a topic: rank 1 is the word with the most tokens assigned to the topic. */
  public record TopicWord(int rank, String term, long count) {}

  /**
   * A topic: the documents whose most probable topic it is, its top words by count (MALLET's topic
   * keys) and its top words ranked as Parley ranks its own ({@link Settings#relevanceLambda()}).
   */
  public record Topic(
      int topicId,
      long documents,
      double documentShare,
      List<TopicWord> words,
      List<TopicWord> wordsByRelevance) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("topic_id", topicId);
      m.put("documents", documents);
      m.put("document_share", documentShare);
      m.put("top_terms", words.stream().map(TopicWord::term).toList());
      m.put("top_terms_by_relevance", wordsByRelevance.stream().map(TopicWord::term).toList());
      return m;
    }
  }

  /**
   * What the child measured: load (read + build instances) and train (initialise + sample) seconds,
   * and processSeconds, the child's whole life as the parent saw it (JVM start included).
   */
  public record Result(
      Settings settings,
      long documents,
      long tokens,
      int vocabularySize,
      double loadSeconds,
      double trainSeconds,
      double processSeconds,
      List<Topic> topics) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("settings", settings.toMap());
      m.put("documents", documents);
      m.put("tokens", tokens);
      m.put("vocabulary_size", vocabularySize);
      m.put("load_seconds", loadSeconds);
      m.put("train_seconds", trainSeconds);
      m.put("process_seconds", processSeconds);
      m.put("topics", topics.stream().map(Topic::toMap).toList());
      return m;
    }
  }

  /**
   * The Parley topic model a baseline is compared with: what it was fitted with, and its
   * vocabulary.
   */
  /**
   * A fitted Parley model's settings; optimizeInterval 0 when its priors stayed fixed (or it is not
   * Gibbs).
   */
  public record ParleyModel(
      String modelId,
      int k,
      int iterations,
      long seed,
      boolean includePhrases,
      int optimizeInterval,
      int optimizeBurnIn,
      double relevanceLambda,
      String[] vocabulary) {}

  /**
   * Mean NPMI (top 10) and diversity (top 25) of a model's topics, as Parley's topics stage scores
   * its own.
   */
  public record Quality(Double meanNpmi, Double topicDiversity, List<Double> topicNpmi) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean_npmi", meanNpmi);
      m.put("topic_diversity", topicDiversity);
      m.put("topic_npmi", topicNpmi);
      return m;
    }
  }

  /**
   * The model {@code modelId} of a Parley run with output {@code outputPath}: its topic_models row
   * (params JSON) and the vocabulary of the CountVectorizerModel saved under models/<model_id>.
   */
  public static ParleyModel parleyModel(SparkSession spark, String outputPath, String modelId) {
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(new Path(outputPath, Tables.TOPIC_MODELS.name()).toString())
            .filter(col(MODEL_ID).equalTo(modelId))
            .select("params")
            .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(
          "No model " + modelId + " in " + outputPath + "/" + Tables.TOPIC_MODELS.name());
    }
    JsonNode params;
    try {
      params = new ObjectMapper().readTree(rows.get(0).getString(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!params.has("k") || !params.has("max_iterations")) {
      throw new IllegalArgumentException(
          "Model "
              + modelId
              + " was applied, not fitted, in this output (params "
              + params
              + "); use the output of the run that fitted it");
    }
    String path = new Path(new Path(outputPath, TopicModelStore.MODELS_FOLDER), modelId).toString();
    String[] vocabulary =
        ((CountVectorizerModel) PipelineModel.load(path).stages()[0]).vocabulary();
    return new ParleyModel(
        modelId,
        params.get("k").asInt(),
        params.get("max_iterations").asInt(),
        params.get("seed").asLong(),
        params.get("include_phrases").asBoolean(),
        params.path("optimize_interval").asInt(0),
        params.path("optimize_burn_in").asInt(0),
        params.path("relevance_lambda").asDouble(1.0),
        vocabulary); // models before it ranked by probability
  }

  /**
   * (article_id, tokens): each article's terms from article_terms (article_id, term, count, …) that
   * are in {@code vocabulary}, each repeated {@code count} times, sorted, as Parley's LDA sees them
   * (TopicTransforms.documents through the CountVectorizerModel). Whether phrases are in is already
   * decided by the vocabulary. Articles without a vocabulary term are left out: for Parley's LDA
   * they are empty vectors that move no topic, and MALLET would put them all in one topic.
   */
  public static Dataset<Row> parleyTokenDocuments(Dataset<Row> articleTerms, String[] vocabulary) {
    Dataset<Row> vocab =
        articleTerms
            .sparkSession()
            .createDataset(Arrays.asList(vocabulary), Encoders.STRING())
            .toDF(TERM);
    return articleTerms
        .join(broadcast(vocab), new String[] {TERM}, "left_semi")
        .groupBy(ARTICLE_ID)
        .agg(
            array_sort(flatten(collect_list(array_repeat(col(TERM), col(COUNT).cast("int")))))
                .as(TOKENS));
  }

  /** {@link #parleyTokenDocuments} of a Parley output and one of its models. */
  public static Dataset<Row> parleyTokenDocuments(
      SparkSession spark, String outputPath, ParleyModel model) {
    return parleyTokenDocuments(articleTerms(spark, outputPath), model.vocabulary());
  }

  /**
   * Writes (article_id, tokens) as text lines {@code article_id<TAB>tok tok …} under {@code path}
   * (replacing it) in one distributed write; a phrase's space becomes {@value #PHRASE_JOINER}.
   */
  public static void writeTokenDocuments(Dataset<Row> documents, String path) {
    String joiner = String.valueOf(PHRASE_JOINER);
    documents
        .select(
            concat(
                    col(ARTICLE_ID),
                    lit("\t"),
                    concat_ws(" ", transform(col(TOKENS), t -> translate(t, " ", joiner))))
                .as("value"))
        .write()
        .mode(SaveMode.Overwrite)
        .text(path);
  }

  /**
   * The count vectors Parley's topics stage scores a model's coherence on: one per article of
   * article_terms, over the model's vocabulary, with or without phrases as the model was fitted
   * ({@link ParleyModel#includePhrases()}), in column {@link TopicTransforms#FEATURES}.
   */
  public static Dataset<Row> countVectors(
      SparkSession spark, String outputPath, ParleyModel model) {
    return TopicTransforms.countVectors(
        articleTerms(spark, outputPath), model.includePhrases(), model.vocabulary());
  }

  private static Dataset<Row> articleTerms(SparkSession spark, String outputPath) {
    return spark
        .read()
        .format("delta")
        .load(new Path(outputPath, Tables.ARTICLE_TERMS.name()).toString());
  }

  /**
   * Trains MALLET on the token documents under {@code documentsPath} in a child JVM (this JVM's
   * java and class path, {@code settings.maxHeap()} as -Xmx), which writes its JSON figures to
   * {@code resultPath}; both paths on any Hadoop file system the child's default configuration
   * reaches. Blocks until the child ends; fails with the end of its output if it fails.
   */
  public static Result train(String documentsPath, String resultPath, Settings settings) {
    List<String> command =
        new ArrayList<>(
            List.of(
                java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.maxHeap(),
                "-Djava.util.logging.config.class=" + MalletTrainer.QuietLogging.class.getName(),
                "-cp",
                System.getProperty("java.class.path"),
                MalletTrainer.class.getName(),
                "--documents",
                documentsPath,
                "--result",
                resultPath,
                "--k",
                Integer.toString(settings.k()),
                "--iterations",
                Integer.toString(settings.iterations()),
                "--threads",
                Integer.toString(settings.threads()),
                "--seed",
                Integer.toString(settings.seed()),
                "--alpha-sum",
                Double.toString(settings.alphaSum()),
                "--beta",
                Double.toString(settings.beta()),
                "--optimize-interval",
                Integer.toString(settings.optimizeInterval()),
                "--optimize-burn-in",
                Integer.toString(settings.optimizeBurnIn()),
                "--top-words",
                Integer.toString(settings.topWords()),
                "--relevance-lambda",
                Double.toString(settings.relevanceLambda())));
    LOG.info(
        "MALLET: k={} iterations={} threads={} seed={} heap={} on {}",
        settings.k(),
        settings.iterations(),
        settings.threads(),
        settings.seed(),
        settings.maxHeap(),
        documentsPath);
    long start = System.nanoTime();
    Deque<String> tail = new ArrayDeque<>();
    int exit;
    Process child = null;
    try {
      child = new ProcessBuilder(command).redirectErrorStream(true).start();
      // The child's output (warnings, Hadoop's log lines) is drained as it comes, or it would
      // block.
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          LOG.debug("mallet child: {}", line);
          tail.addLast(line);
          if (tail.size() > KEPT_OUTPUT_LINES) {
            tail.removeFirst();
          }
        }
      }
      exit = child.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run the MALLET child JVM", e);
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while MALLET was training", e);
    }
    double processSeconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException(
          "MALLET child JVM exited with " + exit + ":\n" + String.join("\n", tail));
    }
    return readResult(resultPath, settings, processSeconds);
  }

  private static Result readResult(String resultPath, Settings settings, double processSeconds) {
    Path path = new Path(resultPath);
    JsonNode json;
    try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
      json = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read MALLET's result " + resultPath, e);
    }
    List<Topic> topics = new ArrayList<>();
    for (JsonNode t : json.get("topics")) {
      topics.add(
          new Topic(
              t.get("topic_id").asInt(),
              t.get("documents").asLong(),
              t.get("document_share").asDouble(),
              words(t.get("top_words")),
              words(t.get("top_words_by_relevance"))));
    }
    return new Result(
        settings,
        json.get("documents").asLong(),
        json.get("tokens").asLong(),
        json.get("vocabulary_size").asInt(),
        json.get("load_seconds").asDouble(),
        json.get("train_seconds").asDouble(),
        processSeconds,
        List.copyOf(topics));
  }

  private static List<TopicWord> words(JsonNode words) {
    List<TopicWord> out = new ArrayList<>();
    for (JsonNode w : words) {
      out.add(
          new TopicWord(
              w.get("rank").asInt(),
              w.get("word").asText().replace(PHRASE_JOINER, ' '),
              w.get("count").asLong()));
    }
    return List.copyOf(out);
  }

  /**
   * MALLET's topics, their words by count, as (model_id, topic_id, rank, term), the shape
   * TopicQuality scores.
   */
  public static Dataset<Row> topicTerms(SparkSession spark, Result result, String modelId) {
    return topicTerms(spark, result, modelId, false);
  }

  /**
   * As {@link #topicTerms(SparkSession, Result, String)}, with each topic's words by count ({@code
   * byRelevance} false, MALLET's own ranking) or ranked as Parley ranks its own (true).
   */
  public static Dataset<Row> topicTerms(
      SparkSession spark, Result result, String modelId, boolean byRelevance) {
    List<Row> rows = new ArrayList<>();
    for (Topic t : result.topics()) {
      for (TopicWord w : byRelevance ? t.wordsByRelevance() : t.words()) {
        rows.add(RowFactory.create(modelId, t.topicId(), w.rank(), w.term()));
      }
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(MODEL_ID, DataTypes.StringType, false)
            .add(TOPIC_ID, DataTypes.IntegerType, false)
            .add(RANK, DataTypes.IntegerType, false)
            .add(TERM, DataTypes.StringType, false));
  }

  /**
   * NPMI coherence of each topic's top 10 terms over {@code countVectors} ({@link #countVectors},
   * over {@code vocabulary}) and the diversity of the top 25, computed by TopicQuality with the
   * numbers Parley's topics stage uses, so MALLET's and Parley's figures compare. One small collect
   * of k rows.
   */
  public static Quality quality(
      Dataset<Row> topicTerms, Dataset<Row> countVectors, String[] vocabulary) {
    List<Row> perTopic =
        TopicQuality.npmiCoherence(
                topicTerms,
                countVectors,
                TopicTransforms.FEATURES,
                vocabulary,
                TopicEvaluation.COHERENCE_TERMS)
            .orderBy(TOPIC_ID)
            .collectAsList();
    List<Double> npmi = new ArrayList<>();
    double sum = 0;
    int scored = 0;
    for (Row r : perTopic) {
      Double v = r.isNullAt(2) ? null : r.getDouble(2);
      npmi.add(v);
      if (v != null) { // avg() in the topics stage also skips topics without a pair
        sum += v;
        scored++;
      }
    }
    Row diversity =
        TopicQuality.topicDiversity(topicTerms, TopicEvaluation.DIVERSITY_TERMS).first();
    return new Quality(
        scored == 0 ? null : sum / scored,
        diversity.isNullAt(1) ? null : diversity.getDouble(1),
        Collections.unmodifiableList(npmi)); // List.copyOf would refuse the nulls
  }
}
