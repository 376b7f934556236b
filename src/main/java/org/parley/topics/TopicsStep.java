package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 * {@code article_topics}, {@code topic_trends}, and the fitted pipeline under {@code
 * <output>/models/<model_id>} for later {@code apply} runs. It reads the tables, fits (or applies)
 * models through {@link TopicAlgorithm}, judges them with {@link TopicEvaluation}, keeps the
 * selected one in the {@link TopicModelStore}, and writes the tables through {@link TopicTables}.
 */
public final class TopicsStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsStep.class);
  public static final String NAME = "topics";

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
  public List<Table> reads(ParleyConfig config) {
    return StoryScope.reads(reads(), config);
  }

  @Override
  public List<Table> writes() {
    return List.of(
        Tables.TOPIC_MODELS,
        Tables.TOPIC_TERMS,
        Tables.ARTICLE_TOPICS,
        Tables.TOPICS,
        Tables.TOPIC_TRENDS,
        Tables.TOPIC_LINEAGE);
  }

  @Override
  public StepReport run(RunContext ctx) {
    TopicOptions options = TopicOptions.from(ctx.config());
    TopicModelStore store =
        new TopicModelStore(
            ctx.config().get(ConfigKeys.OUTPUT_PATH),
            ctx.spark().sparkContext().hadoopConfiguration(),
            ctx.tables());
    if (!ctx.mode().learnsModels()) {
      return applyStored(ctx, options, store);
    }
    boolean applying = options.mode() == TopicOptions.Mode.APPLY;
    Dataset<Row> articleTerms = ctx.tables().read(Tables.ARTICLE_TERMS);
    long articleCount = ctx.tables().read(Tables.ARTICLES).count(); // from Parquet footers
    TopicEvaluation evaluation = new TopicEvaluation(ctx.spark(), options, articleCount);
    List<String> warnings = new ArrayList<>();
    // Corpus-sized (every token of every article), so cached on disk, where the OS page cache can
    // hold it, and the heap stays free for the fit: at 1M articles the actors stage's heap cache of
    // that size ran a 4g local driver out of memory.
    Dataset<Row> docs =
        TopicTransforms.documents(articleTerms, options.includePhrases())
            .persist(StorageLevel.DISK_ONLY());
    Dataset<Row> countVectors = null;
    try {
      List<TopicFit> candidates = new ArrayList<>();
      TopicFit selected;
      boolean sampled = false;
      if (applying) {
        selected = applySaved(ctx, options, store, evaluation, docs, articleCount);
        candidates.add(selected);
      } else {
        ctx.describe("topics: vocabulary");
        List<String> vocabulary = new ArrayList<>();
        for (Row r :
            TopicTransforms.vocabulary(
                    ctx.tables().read(Tables.TERM_STATS),
                    options.includePhrases(),
                    options.minDf(),
                    options.maxDf(),
                    articleCount,
                    options.vocabSize())
                .collectAsList()) {
          vocabulary.add(r.getString(0)); // at most topics.vocab_size terms
        }
        if (vocabulary.size() < 2) {
          // Too little text for a model (a handful of articles): the run's other tables stand, and
          // the topic tables stay as they were.
          return StepReport.warning(
              "skipped: only "
                  + vocabulary.size()
                  + " terms pass topics.min_df="
                  + options.minDf()
                  + " and topics.max_df="
                  + options.maxDf()
                  + " in "
                  + articleCount
                  + " articles, too few for a topic model (lower topics.min_df, or give"
                  + " more articles)");
        }
        TopicCapacity capacity =
            TopicCapacity.of(
                options.kValues(),
                articleCount,
                vocabulary.size(),
                options.minArticlesPerTopic(),
                options.minTermsPerTopic());
        if (!capacity.fits()) {
          // As above: a model of one topic, or of topics sharing their words, would only look like
          // one.
          return StepReport.warning(capacity.reason());
        }
        if (capacity.limited()) {
          LOG.warn("Topics: {}", capacity.reason());
          warnings.add(capacity.reason());
        }
        String[] terms = vocabulary.toArray(String[]::new);
        TopicAlgorithm algorithm = TopicAlgorithm.of(options, articleCount);
        sampled = algorithm.readsCountVectors();
        if (sampled) {
          // The sampler needs only count vectors: built once for every k and restart, straight from
          // article_terms (docs' token arrays spell out every occurrence of every term, vocabulary
          // or
          // not, as strings to sort), and cached on disk for the same reason as docs.
          countVectors =
              TopicTransforms.countVectors(articleTerms, options.includePhrases(), terms)
                  .persist(StorageLevel.DISK_ONLY());
        }
        Object requestedK =
            !capacity.limited()
                ? null
                : options.kValues().size() == 1 ? options.kValues().get(0) : options.kValues();
        for (int k : capacity.kValues()) {
          for (int restart = 0; restart < options.restarts(); restart++) {
            long seed = options.seed() + restart;
            ctx.describe(
                "topics: fit " + options.algorithm().spelling + " k=" + k + " seed=" + seed);
            candidates.add(
                fit(
                    options,
                    algorithm,
                    evaluation,
                    docs,
                    countVectors,
                    terms,
                    k,
                    seed,
                    requestedK,
                    articleCount));
          }
        }
        selected = candidates.get(0);
        for (TopicFit f : candidates) {
          if (f.selectionScore() > selected.selectionScore()) {
            selected = f;
          }
        }
      }
      // Topic ids as published: the previous model's where a topic continues one of its topics.
      String previous = store.storedModelId();
      List<TopicLineage.Link> links = null;
      int[] ids;
      if (previous == null || previous.equals(selected.modelId()) || applying) {
        ids = store.topicIds(selected.modelId(), selected.k());
      } else {
        links =
            TopicLineage.match(
                ctx.tables()
                    .read(Tables.TOPIC_TERMS)
                    .filter(col(MODEL_ID).equalTo(previous))
                    .select(TOPIC_ID, TERM, WEIGHT)
                    .collectAsList(),
                selected.topicTerms().select(TOPIC_ID, TERM, WEIGHT).collectAsList(),
                selected.k());
        ids = TopicLineage.ids(links);
      }
      if (!applying) {
        store.save(selected, ids);
        LOG.info(
            "Topic model {} (k={}, mean NPMI {}) saved to {}",
            selected.modelId(),
            selected.k(),
            selected.meanNpmi() == null
                ? "not measured"
                : TopicEvaluation.rounded(selected.meanNpmi()),
            store.path(selected.modelId()));
      }
      // Every article's weights come from applying the model, in every kind of run, so that a
      // night's articles are weighed as the fitted corpus's were. The sampler's own document
      // topics (Gibbs) served the fit's quality figures only.
      Dataset<Row> articleTopics =
          sampled ? applied(selected.model(), docs, selected.modelId()) : selected.articleTopics();
      TopicTables.writeFit(
          ctx,
          candidates,
          selected,
          TopicLineage.renumbered(articleTopics, ids),
          TopicLineage.renumbered(selected.topicTerms(), ids),
          TopicLineage.renumbered(selected.coherence(), ids),
          ids,
          articleCount);
      if (links != null) {
        TopicTables.writeLineage(ctx, selected.modelId(), previous, links);
      } else if (!ctx.tables().exists(Tables.TOPIC_LINEAGE)) {
        // A first model descends from none; the table is there for queries all the same.
        ctx.tables()
            .write(
                Tables.TOPIC_LINEAGE, ctx.stamped(Tables.empty(ctx.spark(), Tables.TOPIC_LINEAGE)));
      }
      String gate =
          TopicEvaluation.qualityGate(options, selected, evaluation.coherenceNotMeasured());
      if (gate != null) {
        LOG.warn("Topics: {}", gate);
        warnings.add(gate);
      }
      return warnings.isEmpty() ? StepReport.NONE : new StepReport(null, List.copyOf(warnings));
    } finally {
      docs.unpersist();
      if (countVectors != null) {
        countVectors.unpersist();
      }
    }
  }

  /**
   * Fits k topics and evaluates them. {@code countVectors}: the documents' vectors over {@code
   * vocabulary} when the algorithm reads them, else null. {@code requestedK}: what topics.k asked
   * for when the corpus supports fewer topics (recorded in the params), else null.
   */
  private static TopicFit fit(
      TopicOptions options,
      TopicAlgorithm algorithm,
      TopicEvaluation evaluation,
      Dataset<Row> docs,
      Dataset<Row> countVectors,
      String[] vocabulary,
      int k,
      long seed,
      Object requestedK,
      long articleCount) {
    CountVectorizerModel counts =
        new CountVectorizerModel(vocabulary)
            .setInputCol(TopicTransforms.TOKENS)
            .setOutputCol(TopicTransforms.FEATURES);
    String name = options.algorithm().spelling;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("algorithm", name);
    params.put("k", k);
    params.put("vocab_size", vocabulary.length);
    params.put("min_df", options.minDf());
    params.put("max_df", options.maxDf());
    params.put("include_phrases", options.includePhrases());
    params.put("max_iterations", options.maxIterations());
    params.put("seed", seed);
    params.putAll(algorithm.params());
    if (requestedK != null) {
      params.put("requested_k", requestedK);
    }
    String paramsJson = ParleyConfig.sortedJson(params);
    String modelId =
        name
            + "-k"
            + k
            + "-"
            + ParleyConfig.sha256Hex(paramsJson + String.join("\n", vocabulary)).substring(0, 8);
    TopicAlgorithm.Fitted fitted = algorithm.fit(counts, docs, countVectors, k, seed);
    TopicFit fit =
        evaluation.evaluate(
            modelId,
            name,
            k,
            fitted.model(),
            paramsJson,
            docs,
            options.logPerplexity(articleCount),
            fitted.transformed());
    if (fitted.cached() != null) {
      // evaluate() has cached everything it derived from it (article weights included).
      fitted.cached().unpersist();
    }
    return fit;
  }

  /** topics.mode: apply: the saved model topics.model_id, evaluated on this run's articles. */
  private static TopicFit applySaved(
      RunContext ctx,
      TopicOptions options,
      TopicModelStore store,
      TopicEvaluation evaluation,
      Dataset<Row> docs,
      long articleCount) {
    String modelId = options.modelId();
    if (modelId == null) {
      throw new ConfigException(
          "topics.mode is apply but topics.model_id is not set: name a model under <output>/"
              + TopicModelStore.MODELS_FOLDER
              + "/ (see the topic_models table)");
    }
    PipelineModel model;
    try {
      model = store.load(modelId);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "Cannot load topic model "
              + modelId
              + " from "
              + store.path(modelId)
              + ": "
              + e.getMessage());
    }
    TopicOptions.Algorithm algorithm = TopicModelStore.algorithm(model);
    ctx.describe("topics: apply " + modelId);
    return evaluation.evaluate(
        modelId,
        algorithm.spelling,
        TopicModelStore.topicCount(model),
        model,
        appliedParams(options, store, modelId, algorithm),
        docs,
        options.logPerplexity(articleCount),
        null);
  }

  /**
   * The params of an apply run: what the model was fitted with (from its folder; null for models
   * saved before fits recorded them) and what this run chose itself, the LDA term ranking's λ. The
   * run's topic_models row is the only record of them once the fitting run's table is overwritten.
   */
  private static String appliedParams(
      TopicOptions options,
      TopicModelStore store,
      String modelId,
      TopicOptions.Algorithm algorithm) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("applied", true);
    params.put("fitted_params", store.fitParams(modelId));
    if (algorithm == TopicOptions.Algorithm.LDA) {
      params.put("relevance_lambda", options.relevanceLambda());
    }
    return ParleyConfig.sortedJson(params);
  }

  /**
   * Article weights of a model applied to documents: (article_id, published_date, model_id,
   * topic_id, weight, is_dominant).
   */
  private static Dataset<Row> applied(PipelineModel model, Dataset<Row> docs, String modelId) {
    Dataset<Row> transformed = model.transform(docs);
    return TopicModelStore.algorithm(model) == TopicOptions.Algorithm.LDA
        ? TopicTransforms.articleTopicsFromDistribution(transformed, modelId)
        : TopicTransforms.articleTopicsFromClusters(transformed, modelId);
  }

  /**
   * A run that keeps the stored model (nightly, run --keep-models): the model a learning run
   * selected is applied to the articles in scope; topics' counts and shares and topic_trends are
   * summed again over every article; the model's terms, its coherence (measured on the corpus it
   * was fitted on) and topic_models stay as the fit left them.
   */
  private static StepReport applyStored(
      RunContext ctx, TopicOptions options, TopicModelStore store) {
    String modelId = store.storedModelId();
    if (modelId == null) {
      return StepReport.warning(
          "skipped: no stored topic model in the output (a full 'run' or 'refit' fits one)");
    }
    PipelineModel model;
    try {
      model = store.load(modelId);
    } catch (RuntimeException e) {
      return StepReport.warning(
          "skipped: the stored topic model "
              + modelId
              + " cannot be loaded from "
              + store.path(modelId)
              + ": "
              + e.getMessage());
    }
    JsonNode fitted = store.fitParams(modelId);
    boolean phrases =
        fitted != null && fitted.has("include_phrases")
            ? fitted.get("include_phrases").asBoolean()
            : options.includePhrases();
    ctx.describe("topics: apply the stored model " + modelId);
    Dataset<Row> docs =
        TopicTransforms.documents(ctx.inScope(ctx.tables().read(Tables.ARTICLE_TERMS)), phrases);
    int[] ids = store.topicIds(modelId, TopicModelStore.topicCount(model));
    ctx.writeArticleRows(
        Tables.ARTICLE_TOPICS, TopicLineage.renumbered(applied(model, docs, modelId), ids));
    Dataset<Row> topics = ctx.tables().read(Tables.TOPICS).filter(col(MODEL_ID).equalTo(modelId));
    List<Integer> topicIds =
        topics
            .select(TOPIC_ID)
            .orderBy(TOPIC_ID)
            .as(org.apache.spark.sql.Encoders.INT())
            .collectAsList();
    TopicTables.writeSummaries(
        ctx,
        ctx.tables().read(Tables.TOPIC_TERMS).filter(col(MODEL_ID).equalTo(modelId)),
        topics.select(TOPIC_ID, NPMI_COHERENCE),
        topicIds,
        modelId);
    return StepReport.NONE;
  }
}
