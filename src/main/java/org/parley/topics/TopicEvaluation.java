package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a topic model gives on a corpus: its topics' top terms, every article's topic weights, and
 * its quality (NPMI coherence, topic diversity, balance, LDA log perplexity); and the quality gate
 * on the selected model.
 */
public final class TopicEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(TopicEvaluation.class);

  /** Terms per topic that NPMI coherence is computed on (the usual top 10). */
  public static final int COHERENCE_TERMS = 10;

  /** Terms per topic that topic diversity is computed on (the usual top 25). */
  public static final int DIVERSITY_TERMS = 25;

  private final SparkSession spark;
  private final TopicOptions options;
  private final long articleCount;

  /** {@code articleCount}: the corpus's articles, which decide whether NPMI is measured. */
  TopicEvaluation(SparkSession spark, TopicOptions options, long articleCount) {
    this.spark = spark;
    this.options = options;
    this.articleCount = articleCount;
  }

  /** Whether the corpus is large enough for NPMI coherence to mean something. */
  boolean measuresCoherence() {
    return articleCount >= options.npmiMinArticles();
  }

  /** Why NPMI is not measured, or null when it is. */
  String coherenceNotMeasured() {
    return measuresCoherence()
        ? null
        : "mean NPMI not measured: "
            + articleCount
            + " articles, fewer than "
            + ConfigKeys.TOPICS_NPMI_MIN_ARTICLES.name()
            + "="
            + options.npmiMinArticles();
  }

  /**
   * Topic terms, article weights and quality of a model on the documents (LDA: log perplexity if
   * asked). {@code alreadyTransformed}: the documents with the model's output columns when the fit
   * produced them (Gibbs), else null to transform the documents here.
   */
  TopicFit evaluate(
      String modelId,
      String algorithm,
      int k,
      PipelineModel model,
      String params,
      Dataset<Row> docs,
      boolean withLogPerplexity,
      Dataset<Row> alreadyTransformed) {
    String[] vocabulary = ((CountVectorizerModel) model.stages()[0]).vocabulary();
    Dataset<Row> vocab = vocabularyFrame(vocabulary);
    // The token arrays are the widest column and nothing below reads them: cached, they made a
    // corpus-sized copy of every article's terms as strings.
    Dataset<Row> transformed =
        (alreadyTransformed != null ? alreadyTransformed : model.transform(docs))
            .drop(TopicTransforms.TOKENS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Transformer last = model.stages()[model.stages().length - 1];
    int topN = options.topTerms();
    int termsNeeded = Math.max(topN, DIVERSITY_TERMS);
    Dataset<Row> weights;
    Dataset<Row> articleTopics;
    Double logPerplexity = null;
    if (last instanceof LDAModel lda) {
      weights = relevanceWeights(lda, termsNeeded);
      articleTopics = TopicTransforms.articleTopicsFromDistribution(transformed, modelId);
      if (withLogPerplexity) {
        logPerplexity = lda.logPerplexity(transformed);
      }
    } else {
      Vector[] centers =
          last instanceof KMeansModel km
              ? km.clusterCenters()
              : ((BisectingKMeansModel) last).clusterCenters();
      weights = centerWeights(centers);
      articleTopics = TopicTransforms.articleTopicsFromClusters(transformed, modelId);
    }
    Dataset<Row> allTerms =
        TopicTransforms.topTerms(weights, vocab, modelId, termsNeeded)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> topicTerms = allTerms.filter(col(RANK).leq(topN));
    Dataset<Row> coherence;
    Double meanNpmi = null;
    if (measuresCoherence()) {
      // Over the model's own count vectors, one row per article (its vocabulary holds every top
      // term); a local frame of k rows: nothing to cache.
      coherence =
          TopicQuality.npmiCoherence(
              allTerms, transformed, TopicTransforms.FEATURES, vocabulary, COHERENCE_TERMS);
      Row mean = coherence.agg(avg(col(NPMI_COHERENCE))).first();
      meanNpmi = mean.isNullAt(0) ? null : mean.getDouble(0);
    } else {
      // Null, not a number: over a handful of articles every pair of common terms scores 1.
      coherence =
          allTerms
              .select(MODEL_ID, TOPIC_ID)
              .distinct()
              .withColumn(NPMI_COHERENCE, lit(null).cast(DataTypes.DoubleType));
    }
    Row diversity = TopicQuality.topicDiversity(allTerms, DIVERSITY_TERMS).first();
    articleTopics = articleTopics.persist(StorageLevel.MEMORY_AND_DISK());
    double balance =
        balance(articleTopics, k); // reads every article, so it fills articleTopics' cache
    // Every use of the model's output is now cached or computed; with k = auto or restarts, each
    // candidate's transformed documents would otherwise stay cached for the rest of the stage.
    transformed.unpersist();
    Double topicDiversity =
        diversity == null || diversity.isNullAt(1) ? null : diversity.getDouble(1);
    LOG.info(
        "Topic model {}: mean NPMI {}, balance {}, diversity {}, log perplexity {}",
        modelId,
        meanNpmi == null ? "not measured" : rounded(meanNpmi),
        rounded(balance),
        rounded(topicDiversity),
        rounded(logPerplexity));
    return new TopicFit(
        modelId,
        algorithm,
        k,
        model,
        params,
        topicTerms,
        articleTopics,
        coherence,
        meanNpmi,
        topicDiversity,
        logPerplexity,
        balance);
  }

  /**
   * The effective number of topics over k: e^H / k, H the entropy of the articles' dominant topics.
   * 1 when every topic is dominant for as many articles, 1/k when one topic takes them all; on
   * FA-KES a model with one 41% cluster scores 0.73 and an even one 0.94. k counts are collected (k
   * is small).
   */
  static double balance(Dataset<Row> articleTopics, int k) {
    List<Row> counts =
        articleTopics.filter(col(IS_DOMINANT)).groupBy(TOPIC_ID).count().collectAsList();
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

  /**
   * The quality gate on the selected model: fails the run (topics.quality.on_low: fail) or warns
   * when its mean NPMI is below topics.quality.min_mean_npmi. Returns what the run should report:
   * that the gate was not applied, when coherence was not measured; else null.
   */
  static String qualityGate(TopicOptions options, TopicFit selected, String notMeasured) {
    if (notMeasured != null) {
      return notMeasured
          + "; the quality gate ("
          + ConfigKeys.TOPICS_MIN_NPMI.name()
          + ") was not applied";
    }
    double floor = options.minMeanNpmi();
    if (selected.meanNpmi() != null && selected.meanNpmi() >= floor) {
      return null;
    }
    String message =
        "Topic model "
            + selected.modelId()
            + " has mean NPMI "
            + rounded(selected.meanNpmi())
            + ", below "
            + ConfigKeys.TOPICS_MIN_NPMI.name()
            + "="
            + floor;
    if (options.onLowQuality() == TopicOptions.OnLowQuality.FAIL) {
      throw new TopicQualityException(message);
    }
    LOG.warn("{} ({}=warn)", message, ConfigKeys.TOPICS_ON_LOW_QUALITY.name());
    return null;
  }

  /** A measure for people: three decimals. */
  static String rounded(Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.3f", value);
  }

  private Dataset<Row> vocabularyFrame(String[] vocabulary) {
    List<Row> rows = new ArrayList<>(vocabulary.length);
    for (int i = 0; i < vocabulary.length; i++) {
      rows.add(RowFactory.create(i, vocabulary[i]));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(TopicTransforms.INDEX, DataTypes.IntegerType)
            .add(TERM, DataTypes.StringType));
  }

  /**
   * Each LDA topic's most relevant terms (TermRelevance at topics.lda.relevance_lambda) as
   * (topic_id, term_index, weight = p(w|t), relevance). The topics matrix is already local.
   */
  private Dataset<Row> relevanceWeights(LDAModel lda, int n) {
    List<Row> rows = new ArrayList<>();
    for (TermRelevance.RankedTerm t :
        TermRelevance.topTerms(lda.topicsMatrix(), options.relevanceLambda(), n)) {
      rows.add(RowFactory.create(t.topic(), t.termIndex(), t.probability(), t.relevance()));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(TOPIC_ID, DataTypes.IntegerType)
            .add(TopicTransforms.INDEX, DataTypes.IntegerType)
            .add(WEIGHT, DataTypes.DoubleType)
            .add(RELEVANCE, DataTypes.DoubleType));
  }

  /**
   * Cluster centres (k × vocabulary, small) as (topic_id, term_index, weight) for their non-zero
   * terms.
   */
  private Dataset<Row> centerWeights(Vector[] centers) {
    List<Row> rows = new ArrayList<>();
    for (int topic = 0; topic < centers.length; topic++) {
      double[] values = centers[topic].toArray();
      for (int i = 0; i < values.length; i++) {
        if (values[i] > 0) {
          rows.add(RowFactory.create(topic, i, values[i]));
        }
      }
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add(TOPIC_ID, DataTypes.IntegerType)
            .add(TopicTransforms.INDEX, DataTypes.IntegerType)
            .add(WEIGHT, DataTypes.DoubleType));
  }
}
