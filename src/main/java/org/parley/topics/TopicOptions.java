package org.parley.topics;

import java.util.ArrayList;
import java.util.List;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;

/**
 * The topics stage's settings, typed: read once from the config, whose validator has already
 * checked every value (an enum's {@code spelling} is the value the config accepts).
 */
public record TopicOptions(
    Mode mode,
    String modelId,
    Algorithm algorithm,
    List<Integer> kValues,
    int vocabSize,
    int minDf,
    double maxDf,
    boolean includePhrases,
    Optimizer optimizer,
    int emMaxArticles,
    LogPerplexity logPerplexity,
    int maxIterations,
    double docConcentration,
    double topicConcentration,
    int optimizeInterval,
    int optimizeBurnIn,
    double relevanceLambda,
    long seed,
    int restarts,
    int topTerms,
    int minArticlesPerTopic,
    int minTermsPerTopic,
    double minMeanNpmi,
    int npmiMinArticles,
    OnLowQuality onLowQuality,
    List<String> periods) {

  /**
   * The largest corpus whose LDA log perplexity {@code topics.lda.log_perplexity: auto} computes.
   * It is one more variational inference pass over every article (7 to 20 s of the topic stage at
   * 10k articles on 2 shared cores, as long as the article weights themselves), and only informs.
   */
  static final long LOG_PERPLEXITY_AUTO_MAX_ARTICLES = 5_000;

  /** topics.mode: fit a new model, or apply the saved topics.model_id. */
  public enum Mode {
    FIT("fit"),
    APPLY("apply");

    public final String spelling;

    Mode(String spelling) {
      this.spelling = spelling;
    }
  }

  /** topics.algorithm. */
  public enum Algorithm {
    LDA("lda"),
    KMEANS("kmeans"),
    BISECTING_KMEANS("bisecting-kmeans");

    /** As in the config, topic_models.algorithm and model ids. */
    public final String spelling;

    Algorithm(String spelling) {
      this.spelling = spelling;
    }
  }

  /** topics.lda.optimizer; AUTO is resolved per corpus by {@link #optimizer(long)}. */
  public enum Optimizer {
    AUTO("auto"),
    EM("em"),
    ONLINE("online"),
    GIBBS("gibbs");

    /** As in the config, topic_models.params and Spark's LDA.setOptimizer. */
    public final String spelling;

    Optimizer(String spelling) {
      this.spelling = spelling;
    }
  }

  /** topics.lda.log_perplexity. */
  public enum LogPerplexity {
    AUTO("auto"),
    ALWAYS("always"),
    NEVER("never");

    public final String spelling;

    LogPerplexity(String spelling) {
      this.spelling = spelling;
    }
  }

  /** topics.quality.on_low. */
  public enum OnLowQuality {
    WARN("warn"),
    FAIL("fail");

    public final String spelling;

    OnLowQuality(String spelling) {
      this.spelling = spelling;
    }
  }

  public static TopicOptions from(ParleyConfig c) {
    List<Integer> ks = new ArrayList<>();
    if ("auto".equals(c.get(ConfigKeys.TOPICS_K))) {
      for (String k : c.get(ConfigKeys.TOPICS_K_CANDIDATES)) {
        ks.add(Integer.parseInt(k));
      }
    } else {
      ks.add(Integer.parseInt(c.get(ConfigKeys.TOPICS_K)));
    }
    return new TopicOptions(
        parse(Mode.values(), c.get(ConfigKeys.TOPICS_MODE), m -> m.spelling),
        c.get(ConfigKeys.TOPICS_MODEL_ID),
        parse(Algorithm.values(), c.get(ConfigKeys.TOPICS_ALGORITHM), a -> a.spelling),
        List.copyOf(ks),
        c.get(ConfigKeys.TOPICS_VOCAB_SIZE),
        c.get(ConfigKeys.TOPICS_MIN_DF),
        c.get(ConfigKeys.TOPICS_MAX_DF),
        c.get(ConfigKeys.TOPICS_PHRASES),
        parse(Optimizer.values(), c.get(ConfigKeys.TOPICS_OPTIMIZER), o -> o.spelling),
        c.get(ConfigKeys.TOPICS_EM_MAX_ARTICLES),
        parse(LogPerplexity.values(), c.get(ConfigKeys.TOPICS_LOG_PERPLEXITY), l -> l.spelling),
        c.get(ConfigKeys.TOPICS_MAX_ITER),
        c.get(ConfigKeys.TOPICS_DOC_CONCENTRATION),
        c.get(ConfigKeys.TOPICS_TOPIC_CONCENTRATION),
        c.get(ConfigKeys.TOPICS_OPTIMIZE_INTERVAL),
        c.get(ConfigKeys.TOPICS_OPTIMIZE_BURN_IN),
        c.get(ConfigKeys.TOPICS_RELEVANCE_LAMBDA),
        c.get(ConfigKeys.TOPICS_SEED),
        c.get(ConfigKeys.TOPICS_RESTARTS),
        c.get(ConfigKeys.TOPICS_TOP_TERMS),
        c.get(ConfigKeys.TOPICS_MIN_ARTICLES_PER_TOPIC),
        c.get(ConfigKeys.TOPICS_MIN_TERMS_PER_TOPIC),
        c.get(ConfigKeys.TOPICS_MIN_NPMI),
        c.get(ConfigKeys.TOPICS_NPMI_MIN_ARTICLES),
        parse(OnLowQuality.values(), c.get(ConfigKeys.TOPICS_ON_LOW_QUALITY), o -> o.spelling),
        c.get(ConfigKeys.TOPICS_PERIODS));
  }

  /**
   * The LDA optimizer for a corpus: auto picks EM where it is affordable, since EM's topics were
   * better on FA-KES, but each EM iteration is a GraphX pass over every article-term edge, and 10k
   * articles already took minutes per fit on 2 cores. Above that, Gibbs sampling: on the generated
   * 100k corpus its topics were as coherent as MALLET's (mean NPMI 0.127 against 0.131) and evenly
   * used, where online LDA's fell to 0.102, and its stage took 40% less time.
   */
  public Optimizer optimizer(long articleCount) {
    if (optimizer != Optimizer.AUTO) {
      return optimizer;
    }
    return articleCount <= emMaxArticles ? Optimizer.EM : Optimizer.GIBBS;
  }

  /**
   * Whether a fit samples LDA by Gibbs, which reads {@link TopicTransforms#countVectors} instead of
   * docs.
   */
  public boolean usesGibbs(long articleCount) {
    return algorithm == Algorithm.LDA && optimizer(articleCount) == Optimizer.GIBBS;
  }

  /**
   * Whether to compute the LDA log perplexity of a corpus: always, never, or auto up to {@link
   * #LOG_PERPLEXITY_AUTO_MAX_ARTICLES}.
   */
  public boolean logPerplexity(long articleCount) {
    return switch (logPerplexity) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> articleCount <= LOG_PERPLEXITY_AUTO_MAX_ARTICLES;
    };
  }

  private static <E extends Enum<E>> E parse(
      E[] values, String spelling, java.util.function.Function<E, String> spellingOf) {
    for (E e : values) {
      if (spellingOf.apply(e).equals(spelling)) {
        return e;
      }
    }
    throw new IllegalArgumentException("Not one of " + List.of(values) + ": " + spelling);
  }
}
