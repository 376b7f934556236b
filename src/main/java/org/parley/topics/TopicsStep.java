package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.pipeline.StoryScope;
import org.parley.tables.Table;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code topics}: article_terms → {@code topic_models}, {@code topics}, {@code topic_terms},
 * {@code article_topics}, {@code topic_trends}, and the fitted pipeline under
 * {@code <output>/models/<model_id>} for later {@code apply} runs.
 */
public final class TopicsStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsStep.class);
  public static final String NAME = "topics";
  public static final String MODELS_FOLDER = "models";
  /** In a saved model's folder: the params it was fitted with, as in its topic_models row. */
  public static final String FIT_PARAMS_FILE = "parley-params.json";
  /** Terms per topic that NPMI coherence is computed on (the usual top 10). */
  public static final int COHERENCE_TERMS = 10;
  /** Terms per topic that topic diversity is computed on (the usual top 25). */
  public static final int DIVERSITY_TERMS = 25;
  /**
   * The largest corpus whose LDA log perplexity {@code topics.lda.log_perplexity: auto} computes. It
   * is one more variational inference pass over every article (7 to 20 s of the topic stage at 10k
   * articles on 2 shared cores, as long as the article weights themselves), and only informs.
   */
  static final long LOG_PERPLEXITY_AUTO_MAX_ARTICLES = 5_000;

  /** One fitted (or loaded) model and what it gives. */
  record Fitted(String modelId, String algorithm, int k, PipelineModel model, String params,
      Dataset<Row> topicTerms, Dataset<Row> articleTopics, Dataset<Row> coherence, Double meanNpmi,
      Double diversity, Double logPerplexity, double balance) {

    /**
     * How candidates (k = auto, restarts) are compared: coherence times balance. Mean NPMI alone
     * rewards a giant cluster beside tiny story-level ones (ANCHORS.md; seen on FA-KES).
     */
    double selectionScore() {
      return meanNpmi == null ? Double.NEGATIVE_INFINITY : meanNpmi * balance;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Table> reads() {
    // stories only with stories.count_once
    return List.of(Tables.ARTICLES, Tables.ARTICLE_TERMS, Tables.TERM_STATS, Tables.STORIES);
  }

  @Override
  public List<Table> writes() {
    return List.of(Tables.TOPIC_MODELS, Tables.TOPIC_TERMS, Tables.ARTICLE_TOPICS, Tables.TOPICS, Tables.TOPIC_TRENDS,
        Tables.TOPIC_LINEAGE);
  }

  @Override
  public StepReport run(RunContext ctx) {
    if (!ctx.mode().learnsModels()) {
      return applyStored(ctx);
    }
    ParleyConfig c = ctx.config();
    boolean phrases = c.get(ConfigKeys.TOPICS_PHRASES);
    Dataset<Row> articleTerms = ctx.tables().read(Tables.ARTICLE_TERMS);
    long articleCount = ctx.tables().read(Tables.ARTICLES).count(); // from Parquet footers
    // Corpus-sized (every token of every article), so cached on disk, where the OS page cache can
    // hold it, and the heap stays free for the fit: at 1M articles the actors stage's heap cache of
    // that size ran a 4g local driver out of memory.
    Dataset<Row> docs = TopicTransforms.documents(articleTerms, phrases).persist(StorageLevel.DISK_ONLY());
    Dataset<Row> countVectors = null;
    try {
      List<Fitted> candidates = new ArrayList<>();
      Fitted selected;
      if ("apply".equals(c.get(ConfigKeys.TOPICS_MODE))) {
        selected = apply(ctx, docs, articleCount);
        candidates.add(selected);
      } else {
        ctx.describe("topics: vocabulary");
        List<String> vocabulary = new ArrayList<>();
        for (Row r : TopicTransforms.vocabulary(ctx.tables().read(Tables.TERM_STATS), phrases, c.get(ConfigKeys.TOPICS_MIN_DF),
            c.get(ConfigKeys.TOPICS_MAX_DF), articleCount, c.get(ConfigKeys.TOPICS_VOCAB_SIZE)).collectAsList()) {
          vocabulary.add(r.getString(0)); // at most topics.vocab_size terms
        }
        if (vocabulary.size() < 2) {
          // Too little text for a model (a handful of articles): the run's other tables stand, and
          // the topic tables stay as they were.
          return StepReport.warning("skipped: only " + vocabulary.size() + " terms pass topics.min_df="
              + c.get(ConfigKeys.TOPICS_MIN_DF) + " and topics.max_df=" + c.get(ConfigKeys.TOPICS_MAX_DF)
              + " in " + articleCount + " articles, too few for a topic model (lower topics.min_df, or give"
              + " more articles)");
        }
        String[] terms = vocabulary.toArray(String[]::new);
        if (usesGibbs(c, articleCount)) {
          // The sampler needs only count vectors: built once for every k and restart, straight from
          // article_terms (docs' token arrays spell out every occurrence of every term, vocabulary or
          // not, as strings to sort), and cached on disk for the same reason as docs.
          countVectors = TopicTransforms.countVectors(articleTerms, phrases, terms).persist(StorageLevel.DISK_ONLY());
        }
        long firstSeed = c.get(ConfigKeys.TOPICS_SEED);
        for (int k : kValues(c)) {
          for (int restart = 0; restart < c.get(ConfigKeys.TOPICS_RESTARTS); restart++) {
            ctx.describe("topics: fit " + c.get(ConfigKeys.TOPICS_ALGORITHM) + " k=" + k + " seed=" + (firstSeed + restart));
            candidates.add(fit(ctx, docs, countVectors, terms, k, firstSeed + restart, articleCount));
          }
        }
        selected = candidates.get(0);
        for (Fitted f : candidates) {
          if (f.selectionScore() > selected.selectionScore()) {
            selected = f;
          }
        }
      }
      String path = modelPath(ctx, selected.modelId());
      org.apache.hadoop.conf.Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
      // Topic ids as published: the previous model's where a topic continues one of its topics.
      String previous = storedModelId(ctx);
      List<TopicLineage.Link> links = null;
      int[] ids;
      if (previous == null || previous.equals(selected.modelId()) || "apply".equals(c.get(ConfigKeys.TOPICS_MODE))) {
        ids = TopicLineage.readIds(hadoop, path, selected.k());
      } else {
        links = TopicLineage.match(
            ctx.tables().read(Tables.TOPIC_TERMS).filter(col(MODEL_ID).equalTo(previous)).select(TOPIC_ID, TERM, WEIGHT)
                .collectAsList(),
            selected.topicTerms().select(TOPIC_ID, TERM, WEIGHT).collectAsList(), selected.k());
        ids = TopicLineage.ids(links);
      }
      if (!"apply".equals(c.get(ConfigKeys.TOPICS_MODE))) {
        try {
          selected.model().write().overwrite().save(path);
          writeFitParams(ctx, path, selected.params());
          TopicLineage.writeIds(hadoop, path, ids);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot save topic model to " + path, e);
        }
        LOG.info("Topic model {} (k={}, mean NPMI {}) saved to {}", selected.modelId(), selected.k(),
            rounded(selected.meanNpmi()), path);
      }
      // Every article's weights come from applying the model, in every kind of run, so that a
      // night's articles are weighed as the fitted corpus's were. The sampler's own document
      // topics (Gibbs) served the fit's quality figures only.
      Dataset<Row> articleTopics = usesGibbs(c, articleCount) && !"apply".equals(c.get(ConfigKeys.TOPICS_MODE))
          ? applied(selected.model(), docs, selected.modelId()) : selected.articleTopics();
      writeTables(ctx, candidates, selected, TopicLineage.renumbered(articleTopics, ids),
          TopicLineage.renumbered(selected.topicTerms(), ids), TopicLineage.renumbered(selected.coherence(), ids),
          ids, articleCount);
      if (links != null) {
        writeLineage(ctx, selected.modelId(), previous, links);
      } else if (!ctx.tables().exists(Tables.TOPIC_LINEAGE)) {
        // A first model descends from none; the table is there for queries all the same.
        ctx.tables().write(Tables.TOPIC_LINEAGE, ctx.stamped(Tables.empty(ctx.spark(), Tables.TOPIC_LINEAGE)));
      }
      qualityGate(c, selected);
      return StepReport.NONE;
    } finally {
      docs.unpersist();
      if (countVectors != null) {
        countVectors.unpersist();
      }
    }
  }

  /**
   * The LDA optimizer for a corpus: auto picks EM where it is affordable, since EM's topics were
   * better on FA-KES, but each EM iteration is a GraphX pass over every article-term edge, and
   * 10k articles already took minutes per fit on 2 cores. Above that, Gibbs sampling: on the
   * generated 100k corpus its topics were as coherent as MALLET's (mean NPMI 0.127 against 0.131)
   * and evenly used, where online LDA's fell to 0.102, and its stage took 40% less time.
   */
  static String optimizer(ParleyConfig c, long articleCount) {
    String chosen = c.get(ConfigKeys.TOPICS_OPTIMIZER);
    if (!"auto".equals(chosen)) {
      return chosen;
    }
    return articleCount <= c.get(ConfigKeys.TOPICS_EM_MAX_ARTICLES) ? "em" : "gibbs";
  }

  /** Whether a fit samples LDA by Gibbs, which reads {@link TopicTransforms#countVectors} instead of docs. */
  static boolean usesGibbs(ParleyConfig c, long articleCount) {
    return "lda".equals(c.get(ConfigKeys.TOPICS_ALGORITHM)) && "gibbs".equals(optimizer(c, articleCount));
  }

  /** Whether to compute the LDA log perplexity of a corpus: always, never, or auto up to {@link #LOG_PERPLEXITY_AUTO_MAX_ARTICLES}. */
  static boolean logPerplexity(ParleyConfig c, long articleCount) {
    return switch (c.get(ConfigKeys.TOPICS_LOG_PERPLEXITY)) {
      case "always" -> true;
      case "never" -> false;
      default -> articleCount <= LOG_PERPLEXITY_AUTO_MAX_ARTICLES;
    };
  }

  private static List<Integer> kValues(ParleyConfig c) {
    List<Integer> ks = new ArrayList<>();
    if ("auto".equals(c.get(ConfigKeys.TOPICS_K))) {
      for (String k : c.get(ConfigKeys.TOPICS_K_CANDIDATES)) {
        ks.add(Integer.parseInt(k));
      }
    } else {
      ks.add(Integer.parseInt(c.get(ConfigKeys.TOPICS_K)));
    }
    return ks;
  }

  /** {@code countVectors}: the documents' vectors over {@code vocabulary} when {@link #usesGibbs}, else unused. */
  private Fitted fit(RunContext ctx, Dataset<Row> docs, Dataset<Row> countVectors, String[] vocabulary, int k,
      long seed, long articleCount) {
    ParleyConfig c = ctx.config();
    String algorithm = c.get(ConfigKeys.TOPICS_ALGORITHM);
    int iterations = c.get(ConfigKeys.TOPICS_MAX_ITER);
    CountVectorizerModel counts = new CountVectorizerModel(vocabulary)
        .setInputCol(TopicTransforms.TOKENS).setOutputCol(TopicTransforms.FEATURES);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("algorithm", algorithm);
    params.put("k", k);
    params.put("vocab_size", vocabulary.length);
    params.put("min_df", c.get(ConfigKeys.TOPICS_MIN_DF));
    params.put("max_df", c.get(ConfigKeys.TOPICS_MAX_DF));
    params.put("include_phrases", c.get(ConfigKeys.TOPICS_PHRASES));
    params.put("max_iterations", iterations);
    params.put("seed", seed);
    PipelineStage[] stages;
    GibbsLda gibbs = null;
    if ("lda".equals(algorithm)) {
      String optimizer = optimizer(c, articleCount);
      double alpha = c.get(ConfigKeys.TOPICS_DOC_CONCENTRATION);
      double beta = c.get(ConfigKeys.TOPICS_TOPIC_CONCENTRATION);
      PipelineStage lda;
      if ("gibbs".equals(optimizer)) {
        gibbs = new GibbsLda().setK(k).setMaxIter(iterations).setSeed(seed)
            .setFeaturesCol(TopicTransforms.FEATURES).setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
        if (alpha > 0) {
          gibbs.setDocConcentration(alpha);
        }
        if (beta > 0) {
          gibbs.setTopicConcentration(beta);
        }
        int interval = c.get(ConfigKeys.TOPICS_OPTIMIZE_INTERVAL);
        int burnIn = c.get(ConfigKeys.TOPICS_OPTIMIZE_BURN_IN);
        if (interval > 0 && burnIn >= iterations) {
          LOG.warn("Topics: {} ({}) is not below {} ({}): the Gibbs priors stay fixed", ConfigKeys.TOPICS_OPTIMIZE_BURN_IN.name(),
              burnIn, ConfigKeys.TOPICS_MAX_ITER.name(), iterations);
        }
        gibbs.setOptimizeInterval(interval).setOptimizeBurnIn(burnIn);
        params.put("optimize_interval", interval);
        params.put("optimize_burn_in", burnIn);
        lda = gibbs;
      } else {
        LDA variational = new LDA().setK(k).setMaxIter(iterations).setSeed(seed)
            .setOptimizer(optimizer)
            .setFeaturesCol(TopicTransforms.FEATURES).setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
        if (alpha > 0) {
          variational.setDocConcentration(alpha);
        }
        if (beta > 0) {
          variational.setTopicConcentration(beta);
        }
        lda = variational;
      }
      params.put("optimizer", optimizer);
      params.put("doc_concentration", alpha);
      params.put("topic_concentration", beta);
      params.put("relevance_lambda", c.get(ConfigKeys.TOPICS_RELEVANCE_LAMBDA));
      stages = new PipelineStage[] {counts, lda};
    } else {
      // TF-IDF with cosine distance: Euclidean k-means on raw counts makes one giant cluster.
      IDF idf = new IDF().setInputCol(TopicTransforms.FEATURES).setOutputCol("tfidf");
      PipelineStage clusterer = "kmeans".equals(algorithm)
          ? new KMeans().setK(k).setMaxIter(iterations).setSeed(seed).setDistanceMeasure("cosine")
              .setFeaturesCol("tfidf").setPredictionCol(TopicTransforms.PREDICTION)
          : new BisectingKMeans().setK(k).setMaxIter(iterations).setSeed(seed).setDistanceMeasure("cosine")
              .setFeaturesCol("tfidf").setPredictionCol(TopicTransforms.PREDICTION);
      params.put("distance", "cosine");
      stages = new PipelineStage[] {counts, idf, clusterer};
    }
    String paramsJson = json(params);
    String modelId = algorithm + "-k" + k + "-" + shortHash(paramsJson + String.join("\n", vocabulary));
    if (gibbs != null) {
      // The sampler already holds every article's topics; transforming them again would rerun
      // variational inference over the whole corpus.
      Dataset<Row> features = countVectors;
      GibbsLda.FitWithDocuments fitted = gibbs.fitWithDocuments(features, ARTICLE_ID);
      PipelineModel model = new PipelineModel(Identifiable.randomUID("pipeline"),
          new Transformer[] {counts, fitted.model()});
      Dataset<Row> transformed = features.join(fitted.documentTopics(), ARTICLE_ID);
      Fitted described = describe(ctx, modelId, algorithm, k, model, paramsJson, docs,
          logPerplexity(c, articleCount), transformed);
      // describe() has cached everything it derived from the proportions (articleTopics included).
      fitted.documentTopics().unpersist();
      return described;
    }
    PipelineModel model = new Pipeline().setStages(stages).fit(docs);
    Transformer last = model.stages()[model.stages().length - 1];
    if (last instanceof DistributedLDAModel distributed) {
      // The local form transforms new articles and saves small; EM's graph is only for training.
      Transformer[] local = model.stages().clone();
      local[local.length - 1] = distributed.toLocal() // toLocal forgets the column settings
          .setFeaturesCol(TopicTransforms.FEATURES).setTopicDistributionCol(TopicTransforms.DISTRIBUTION);
      model = new PipelineModel(model.uid(), local);
    }
    return describe(ctx, modelId, algorithm, k, model, paramsJson, docs, logPerplexity(c, articleCount), null);
  }

  private Fitted apply(RunContext ctx, Dataset<Row> docs, long articleCount) {
    String modelId = ctx.config().get(ConfigKeys.TOPICS_MODEL_ID);
    if (modelId == null) {
      throw new ConfigException("topics.mode is apply but topics.model_id is not set: name a model under <output>/"
          + MODELS_FOLDER + "/ (see the topic_models table)");
    }
    String path = new Path(new Path(ctx.config().get(ConfigKeys.OUTPUT_PATH), MODELS_FOLDER), modelId).toString();
    PipelineModel model;
    try {
      model = PipelineModel.load(path);
    } catch (RuntimeException e) {
      throw new ConfigException("Cannot load topic model " + modelId + " from " + path + ": " + e.getMessage());
    }
    Transformer last = model.stages()[model.stages().length - 1];
    String algorithm = last instanceof LDAModel ? "lda" : last instanceof KMeansModel ? "kmeans" : "bisecting-kmeans";
    int k = topicCount(last);
    ctx.describe("topics: apply " + modelId);
    return describe(ctx, modelId, algorithm, k, model, appliedParams(ctx, path, algorithm), docs,
        logPerplexity(ctx.config(), articleCount), null);
  }

  /** A model's number of topics. An LDA model made by toLocal() keeps no params: k is its topics matrix's width. */
  private static int topicCount(Transformer last) {
    return last instanceof LDAModel lda ? lda.topicsMatrix().numCols()
        : last instanceof KMeansModel km ? km.clusterCenters().length : ((BisectingKMeansModel) last).clusterCenters().length;
  }

  /**
   * The params of an apply run: what the model was fitted with (from its folder; null for models
   * saved before fits recorded them) and what this run chose itself, the LDA term ranking's λ. The
   * run's topic_models row is the only record of them once the fitting run's table is overwritten.
   */
  private static String appliedParams(RunContext ctx, String modelPath, String algorithm) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("applied", true);
    params.put("fitted_params", readFitParams(ctx, modelPath));
    if ("lda".equals(algorithm)) {
      params.put("relevance_lambda", ctx.config().get(ConfigKeys.TOPICS_RELEVANCE_LAMBDA));
    }
    return json(params);
  }

  /** Beside the saved pipeline, which keeps only its stages' own params. */
  private static void writeFitParams(RunContext ctx, String modelPath, String params) throws IOException {
    Path file = new Path(modelPath, FIT_PARAMS_FILE);
    try (FSDataOutputStream out = file.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration()).create(file, true)) {
      out.write(params.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static JsonNode readFitParams(RunContext ctx, String modelPath) {
    Path file = new Path(modelPath, FIT_PARAMS_FILE);
    try {
      FileSystem fs = file.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        return null;
      }
      try (FSDataInputStream in = fs.open(file)) {
        return new ObjectMapper().readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Topic terms, article weights and quality of a model on the documents (LDA: log perplexity if
   * asked). {@code alreadyTransformed}: the documents with the model's output columns when the fit
   * produced them (Gibbs), else null to transform the documents here.
   */
  private Fitted describe(RunContext ctx, String modelId, String algorithm, int k, PipelineModel model,
      String params, Dataset<Row> docs, boolean withLogPerplexity,
      Dataset<Row> alreadyTransformed) {
    String[] vocabulary = ((CountVectorizerModel) model.stages()[0]).vocabulary();
    Dataset<Row> vocab = vocabularyFrame(ctx, vocabulary);
    // The token arrays are the widest column and nothing below reads them: cached, they made a
    // corpus-sized copy of every article's terms as strings.
    Dataset<Row> transformed = (alreadyTransformed != null ? alreadyTransformed : model.transform(docs))
        .drop(TopicTransforms.TOKENS)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Transformer last = model.stages()[model.stages().length - 1];
    int topN = ctx.config().get(ConfigKeys.TOPICS_TOP_TERMS);
    int termsNeeded = Math.max(topN, DIVERSITY_TERMS);
    Dataset<Row> weights;
    Dataset<Row> articleTopics;
    Double logPerplexity = null;
    if (last instanceof LDAModel lda) {
      weights = relevanceWeights(ctx, lda, termsNeeded);
      articleTopics = TopicTransforms.articleTopicsFromDistribution(transformed, modelId);
      if (withLogPerplexity) {
        logPerplexity = lda.logPerplexity(transformed);
      }
    } else {
      Vector[] centers = last instanceof KMeansModel km ? km.clusterCenters() : ((BisectingKMeansModel) last).clusterCenters();
      weights = centerWeights(ctx, centers);
      articleTopics = TopicTransforms.articleTopicsFromClusters(transformed, modelId);
    }
    Dataset<Row> allTerms = TopicTransforms.topTerms(weights, vocab, modelId, termsNeeded).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> topicTerms = allTerms.filter(col(RANK).leq(topN));
    // Over the model's own count vectors, one row per article (its vocabulary holds every top term);
    // a local frame of k rows: nothing to cache.
    Dataset<Row> coherence = TopicQuality.npmiCoherence(allTerms, transformed, TopicTransforms.FEATURES, vocabulary,
        COHERENCE_TERMS);
    Row mean = coherence.agg(avg(col(NPMI_COHERENCE))).first();
    Row diversity = TopicQuality.topicDiversity(allTerms, DIVERSITY_TERMS).first();
    Double meanNpmi = mean.isNullAt(0) ? null : mean.getDouble(0);
    articleTopics = articleTopics.persist(StorageLevel.MEMORY_AND_DISK());
    double balance = balance(articleTopics, k); // reads every article, so it fills articleTopics' cache
    // Every use of the model's output is now cached or computed; with k = auto or restarts, each
    // candidate's transformed documents would otherwise stay cached for the rest of the stage.
    transformed.unpersist();
    Double topicDiversity = diversity == null || diversity.isNullAt(1) ? null : diversity.getDouble(1);
    LOG.info("Topic model {}: mean NPMI {}, balance {}, diversity {}, log perplexity {}", modelId, rounded(meanNpmi),
        rounded(balance), rounded(topicDiversity), rounded(logPerplexity));
    return new Fitted(modelId, algorithm, k, model, params, topicTerms, articleTopics,
        coherence, meanNpmi, topicDiversity, logPerplexity, balance);
  }

  /**
   * The effective number of topics over k: e^H / k, H the entropy of the articles' dominant topics.
   * 1 when every topic is dominant for as many articles, 1/k when one topic takes them all; on
   * FA-KES a model with one 41% cluster scores 0.73 and an even one 0.94. k counts are collected
   * (k is small).
   */
  static double balance(Dataset<Row> articleTopics, int k) {
    List<Row> counts = articleTopics.filter(col(IS_DOMINANT)).groupBy(TOPIC_ID).count().collectAsList();
    long total = 0;
    for (Row r : counts) {
      total += r.getLong(1);
    }
    if (total == 0) {
      return 0.0;
    }
    double entropy = 0;
    for (Row r : counts) {
      double p = (double) r.getLong(1) / total;
      entropy -= p * Math.log(p);
    }
    return Math.exp(entropy) / k;
  }

  private static Dataset<Row> vocabularyFrame(RunContext ctx, String[] vocabulary) {
    List<Row> rows = new ArrayList<>(vocabulary.length);
    for (int i = 0; i < vocabulary.length; i++) {
      rows.add(RowFactory.create(i, vocabulary[i]));
    }
    return ctx.spark().createDataFrame(rows, new StructType()
        .add(TopicTransforms.INDEX, DataTypes.IntegerType).add(TERM, DataTypes.StringType));
  }

  /**
   * Each LDA topic's most relevant terms (TermRelevance at topics.lda.relevance_lambda) as
   * (topic_id, term_index, weight = p(w|t), relevance). The topics matrix is already local.
   */
  private static Dataset<Row> relevanceWeights(RunContext ctx, LDAModel lda, int n) {
    List<Row> rows = new ArrayList<>();
    for (TermRelevance.RankedTerm t : TermRelevance.topTerms(lda.topicsMatrix(),
        ctx.config().get(ConfigKeys.TOPICS_RELEVANCE_LAMBDA), n)) {
      rows.add(RowFactory.create(t.topic(), t.termIndex(), t.probability(), t.relevance()));
    }
    return ctx.spark().createDataFrame(rows, new StructType().add(TOPIC_ID, DataTypes.IntegerType)
        .add(TopicTransforms.INDEX, DataTypes.IntegerType).add(WEIGHT, DataTypes.DoubleType)
        .add(RELEVANCE, DataTypes.DoubleType));
  }

  /** Cluster centres (k × vocabulary, small) as (topic_id, term_index, weight) for their non-zero terms. */
  private static Dataset<Row> centerWeights(RunContext ctx, Vector[] centers) {
    List<Row> rows = new ArrayList<>();
    for (int topic = 0; topic < centers.length; topic++) {
      double[] values = centers[topic].toArray();
      for (int i = 0; i < values.length; i++) {
        if (values[i] > 0) {
          rows.add(RowFactory.create(topic, i, values[i]));
        }
      }
    }
    return ctx.spark().createDataFrame(rows, new StructType().add(TOPIC_ID, DataTypes.IntegerType)
        .add(TopicTransforms.INDEX, DataTypes.IntegerType).add(WEIGHT, DataTypes.DoubleType));
  }

  /** The tables of a fit; the selected model's rows with topic ids as published ({@code ids}). */
  private void writeTables(RunContext ctx, List<Fitted> candidates, Fitted selected, Dataset<Row> articleTopics,
      Dataset<Row> topicTerms, Dataset<Row> coherence, int[] ids, long articleCount) {
    List<Row> models = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    for (Fitted f : candidates) {
      models.add(RowFactory.create(f.modelId(), f.algorithm(), f.k(),
          ((CountVectorizerModel) f.model().stages()[0]).vocabulary().length, f.params(), f.meanNpmi(), f.diversity(),
          f.balance(), f.logPerplexity(), now, articleCount, f == selected));
    }
    ctx.describe("topics: write tables");
    ctx.tables().write(Tables.TOPIC_MODELS, ctx.stamped(ctx.spark().createDataFrame(models, Tables.TOPIC_MODELS.contentSchema())));
    ctx.tables().write(Tables.TOPIC_TERMS, ctx.stamped(topicTerms));
    ctx.tables().write(Tables.ARTICLE_TOPICS, ctx.stamped(articleTopics));
    List<Integer> topicIds = new ArrayList<>();
    for (int id : ids) {
      topicIds.add(id);
    }
    writeSummaries(ctx, topicTerms, coherence, topicIds, selected.modelId());
    for (Fitted f : candidates) {
      f.articleTopics().unpersist();
    }
  }

  /** Appends to topic_lineage how the new model's topics descend from the previous model's. */
  private static void writeLineage(RunContext ctx, String modelId, String previous, List<TopicLineage.Link> links) {
    List<Row> rows = new ArrayList<>();
    for (TopicLineage.Link l : links) {
      rows.add(RowFactory.create(modelId, l.topicId(), l.previousTopicId() == null ? null : previous,
          l.previousTopicId(), l.similarity()));
    }
    long matched = links.stream().filter(l -> l.previousTopicId() != null).count();
    LOG.info("Topic model {}: {} of {} topics continue topics of {}", modelId, matched, links.size(), previous);
    ctx.tables().append(Tables.TOPIC_LINEAGE, ctx.stamped(ctx.spark().createDataFrame(rows,
        Tables.TOPIC_LINEAGE.contentSchema())));
  }

  private static String modelPath(RunContext ctx, String modelId) {
    return new Path(new Path(ctx.config().get(ConfigKeys.OUTPUT_PATH), MODELS_FOLDER), modelId).toString();
  }

  /** {@code topics} and {@code topic_trends} of a model, from every article's weights in article_topics. */
  private static void writeSummaries(RunContext ctx, Dataset<Row> topicTerms, Dataset<Row> coherence,
      List<Integer> topicIds, String modelId) {
    Dataset<Row> weights = ctx.tables().read(Tables.ARTICLE_TOPICS).filter(col(MODEL_ID).equalTo(modelId));
    ctx.tables().write(Tables.TOPICS, ctx.stamped(TopicTransforms.topics(topicTerms, weights, coherence, topicIds,
        modelId)));
    ctx.tables().write(Tables.TOPIC_TRENDS, ctx.stamped(TopicTransforms.topicTrends(
        StoryScope.countingOnce(ctx, weights), ctx.config().get(ConfigKeys.TOPICS_PERIODS))));
  }

  /** Article weights of a model applied to documents: (article_id, published_date, model_id, topic_id, weight, is_dominant). */
  private static Dataset<Row> applied(PipelineModel model, Dataset<Row> docs, String modelId) {
    Transformer last = model.stages()[model.stages().length - 1];
    Dataset<Row> transformed = model.transform(docs);
    return last instanceof LDAModel ? TopicTransforms.articleTopicsFromDistribution(transformed, modelId)
        : TopicTransforms.articleTopicsFromClusters(transformed, modelId);
  }

  /**
   * A run that keeps the stored model (nightly, run --keep-models): the model a learning run
   * selected is applied to the articles in scope; topics' counts and shares and topic_trends are
   * summed again over every article; the model's terms, its coherence (measured on the corpus it
   * was fitted on) and topic_models stay as the fit left them.
   */
  private StepReport applyStored(RunContext ctx) {
    String modelId = storedModelId(ctx);
    if (modelId == null) {
      return StepReport.warning("skipped: no stored topic model in the output (a full 'run' or 'refit' fits one)");
    }
    String path = modelPath(ctx, modelId);
    PipelineModel model;
    try {
      model = PipelineModel.load(path);
    } catch (RuntimeException e) {
      return StepReport.warning("skipped: the stored topic model " + modelId + " cannot be loaded from " + path
          + ": " + e.getMessage());
    }
    JsonNode fitted = readFitParams(ctx, path);
    boolean phrases = fitted != null && fitted.has("include_phrases") ? fitted.get("include_phrases").asBoolean()
        : ctx.config().get(ConfigKeys.TOPICS_PHRASES);
    ctx.describe("topics: apply the stored model " + modelId);
    Dataset<Row> docs = TopicTransforms.documents(ctx.inScope(ctx.tables().read(Tables.ARTICLE_TERMS)), phrases);
    int[] ids = TopicLineage.readIds(ctx.spark().sparkContext().hadoopConfiguration(), path,
        topicCount(model.stages()[model.stages().length - 1]));
    ctx.writeArticleRows(Tables.ARTICLE_TOPICS, TopicLineage.renumbered(applied(model, docs, modelId), ids));
    Dataset<Row> topics = ctx.tables().read(Tables.TOPICS).filter(col(MODEL_ID).equalTo(modelId));
    List<Integer> topicIds = topics.select(TOPIC_ID).orderBy(TOPIC_ID).as(org.apache.spark.sql.Encoders.INT())
        .collectAsList();
    writeSummaries(ctx, ctx.tables().read(Tables.TOPIC_TERMS).filter(col(MODEL_ID).equalTo(modelId)),
        topics.select(TOPIC_ID, NPMI_COHERENCE), topicIds, modelId);
    return StepReport.NONE;
  }

  /** The model the last learning run selected, if its tables are there. */
  private static String storedModelId(RunContext ctx) {
    for (var t : List.of(Tables.TOPIC_MODELS, Tables.TOPICS, Tables.TOPIC_TERMS, Tables.ARTICLE_TOPICS)) {
      if (!ctx.tables().exists(t)) {
        return null;
      }
    }
    List<Row> selected = ctx.tables().read(Tables.TOPIC_MODELS).filter(col("selected"))
        .orderBy(col("fitted_at").desc(), col(MODEL_ID)).select(MODEL_ID).limit(1).collectAsList();
    return selected.isEmpty() ? null : selected.get(0).getString(0);
  }

  /** Warns, or fails the run, when the selected model's mean NPMI is below the configured floor. */
  static void qualityGate(ParleyConfig c, Fitted selected) {
    double floor = c.get(ConfigKeys.TOPICS_MIN_NPMI);
    if (selected.meanNpmi() != null && selected.meanNpmi() >= floor) {
      return;
    }
    String message = "Topic model " + selected.modelId() + " has mean NPMI " + rounded(selected.meanNpmi())
        + ", below topics.quality.min_mean_npmi=" + floor;
    if ("fail".equals(c.get(ConfigKeys.TOPICS_ON_LOW_QUALITY))) {
      throw new TopicQualityException(message);
    }
    LOG.warn("{} (topics.quality.on_low=warn)", message);
  }

  /** A figure for people to read (logs, warnings): three decimals; the tables keep every digit. */
  static String rounded(Double value) {
    return value == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", value);
  }

  /** The quality gate failed the run. */
  public static final class TopicQualityException extends RuntimeException {
    public TopicQualityException(String message) {
      super(message);
    }
  }

  private static String json(Map<String, Object> params) {
    try {
      return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsString(params);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shortHash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
