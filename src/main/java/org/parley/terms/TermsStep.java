package org.parley.terms;

import static org.parley.tables.Columns.NGRAM;
import static org.parley.tables.Columns.TERM;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.tables.Periods;
import org.parley.tables.Table;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code terms}: sentences → {@code term_stats}, {@code article_terms}, {@code term_trends}.
 */
public final class TermsStep implements Step {
  public static final String NAME = "terms";
  private static final Logger LOG = LoggerFactory.getLogger(TermsStep.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Table> reads() {
    return List.of(Tables.SENTENCES, Tables.ARTICLES);
  }

  @Override
  public List<Table> writes() {
    return List.of(Tables.PHRASES, Tables.ARTICLE_TERMS, Tables.TERM_STATS, Tables.TERM_TRENDS);
  }

  /**
   * Spark's aggregations first probe a small generated map (65,536 keys) and only then its main
   * one. This stage's aggregations have millions of keys, so the probe misses on nearly every row:
   * a tenth of the stage's CPU at 100k articles. Off for this stage only; the setting is restored.
   */
  private static final String TWO_LEVEL_AGGREGATE_MAP =
      "spark.sql.codegen.aggregate.map.twolevel.enabled";

  @Override
  public StepReport run(RunContext ctx) {
    RuntimeConfig sqlConf = ctx.spark().conf();
    String before =
        sqlConf.contains(TWO_LEVEL_AGGREGATE_MAP) ? sqlConf.get(TWO_LEVEL_AGGREGATE_MAP) : null;
    sqlConf.set(TWO_LEVEL_AGGREGATE_MAP, false);
    try {
      return countTerms(ctx);
    } finally {
      if (before == null) {
        sqlConf.unset(TWO_LEVEL_AGGREGATE_MAP);
      } else {
        sqlConf.set(TWO_LEVEL_AGGREGATE_MAP, before);
      }
    }
  }

  private StepReport countTerms(RunContext ctx) {
    ParleyConfig config = ctx.config();
    List<String> warnings = new ArrayList<>();
    Dataset<Row> sentences = ctx.inScope(ctx.tables().read(Tables.SENTENCES));
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    long articleCount = articles.count(); // from the Delta log's file statistics

    boolean phrasesEnabled = config.get(ConfigKeys.PHRASES_ENABLED);
    int maxN = phrasesEnabled ? config.get(ConfigKeys.PHRASES_MAX_NGRAM) : 1;
    boolean learn = ctx.mode().learnsModels();
    Broadcast<LongHashSet> phraseKeys = null;
    Dataset<Row> phrases = null;
    if (phrasesEnabled && learn) {
      phraseKeys = possiblePhrases(ctx, sentences, maxN);
    } else if (phrasesEnabled) {
      phrases = storedPhrases(ctx, warnings);
      if (phrases != null) {
        phrases = phrases.persist(StorageLevel.MEMORY_AND_DISK());
        phraseKeys =
            broadcast(
                ctx,
                TermTransforms.phraseKeys(
                    phrases.select(TERM).as(Encoders.STRING()).collectAsList()));
      }
    }
    ctx.describe("terms: count terms and phrase candidates per article");
    // Spread by term once and kept on disk: phrase scoring, term_stats, article_terms and
    // term_trends all read it, and all group or join by term. On disk, not in memory: at a million
    // articles these rows are several times the heap.
    Dataset<Row> articleCounts =
        TermTransforms.spreadByTerm(TermTransforms.articleCounts(sentences, maxN, phraseKeys))
            .persist(StorageLevel.DISK_ONLY());
    // The totals of every counted term are vocabulary-sized: kept, they serve both the phrase
    // scores and term_stats from one aggregation of the counts.
    Dataset<Row> totals =
        TermTransforms.termTotals(articleCounts).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (phrasesEnabled && learn) {
        ctx.describe("terms: score phrases, write phrases");
        ctx.tables()
            .write(
                Tables.PHRASES,
                ctx.stamped(
                    TermTransforms.scorePhrases(
                        totals,
                        config.get(ConfigKeys.PHRASES_MIN_COUNT),
                        config.get(ConfigKeys.PHRASES_MIN_NPMI))));
        phrases = ctx.tables().read(Tables.PHRASES).persist(StorageLevel.MEMORY_AND_DISK());
      } else if (learn) {
        // Learned with phrases off: the stored vocabulary is that there are none.
        ctx.tables().write(Tables.PHRASES, ctx.stamped(Tables.empty(ctx.spark(), Tables.PHRASES)));
      }
      Dataset<Row> counts =
          phrases != null
              ? TermTransforms.publishedTerms(articleCounts, phrases)
              : TermTransforms.publishedUnigrams(articleCounts);
      Dataset<Row> publishedTotals =
          phrases != null
              ? TermTransforms.publishedTerms(totals, phrases)
              : TermTransforms.publishedUnigrams(totals);

      ctx.describe("terms: write term_stats");
      Dataset<Row> nightTotals = publishedTotals;
      boolean adding = ctx.mode().incremental() && ctx.tables().exists(Tables.TERM_STATS);
      boolean merging = adding && ctx.tables().exists(Tables.TERM_TRENDS);
      // The history's stats, for the terms that reach min_doc_freq tonight (TermTrends).
      long statsBefore = merging ? ctx.tables().version(Tables.TERM_STATS) : -1;
      if (adding) {
        // The night's totals added to the corpus's: vocabulary-sized, whatever the history.
        publishedTotals =
            TermTransforms.addTotals(ctx.tables().read(Tables.TERM_STATS), publishedTotals);
      }
      ctx.tables()
          .write(
              Tables.TERM_STATS,
              ctx.stamped(TermTransforms.termStats(publishedTotals, articleCount)));

      ctx.describe("terms: write article_terms");
      ctx.writeArticleRows(Tables.ARTICLE_TERMS, TermTransforms.articleTerms(counts));

      ctx.describe("terms: write term_trends");
      List<String> periods = config.get(ConfigKeys.TRENDS_PERIODS);
      int minDocFreq = config.get(ConfigKeys.TRENDS_MIN_DOC_FREQ);
      if (merging) {
        // Only the periods the night's articles fall in change, and the terms that reached
        // min_doc_freq tonight: merged into the table, the rest of it left as it is.
        List<Row> touched = Periods.touched(counts, periods).collectAsList();
        Dataset<Row> updates =
            TermTrends.nightUpdates(
                ctx.tables().read(Tables.TERM_TRENDS),
                counts,
                nightTotals,
                ctx.tables().readVersion(Tables.TERM_STATS, statsBefore),
                ctx.tables().read(Tables.ARTICLE_TERMS),
                articles,
                touched,
                periods,
                minDocFreq);
        ctx.tables()
            .upsert(
                Tables.TERM_TRENDS,
                ctx.stamped(updates),
                TermTrends.KEY,
                Periods.inPeriods(touched));
      } else {
        ctx.tables()
            .write(
                Tables.TERM_TRENDS,
                ctx.stamped(
                    TermTrends.termTrends(
                        counts,
                        ctx.tables().read(Tables.TERM_STATS),
                        articles,
                        periods,
                        minDocFreq)));
      }
      return new StepReport(null, warnings);
    } finally {
      if (phrases != null) {
        phrases.unpersist();
      }
      totals.unpersist();
      articleCounts.unpersist();
      if (phraseKeys != null) {
        phraseKeys.destroy();
      }
    }
  }

  /**
   * The keys of the phrase candidates that may pass min_count and min_npmi. Candidates are counted
   * by their words' hashes first, and scored from those counts: nearly every candidate occurs once,
   * and of the frequent ones few are phrases (about a thousand of a million at 100k articles). Only
   * the candidates that may pass are then made as strings and counted per article; the others would
   * be two fifths of those rows.
   */
  private static Broadcast<LongHashSet> possiblePhrases(
      RunContext ctx, Dataset<Row> sentences, int maxN) {
    ParleyConfig config = ctx.config();
    ctx.describe("terms: count words and phrase candidates by hash, pre-score the candidates");
    Dataset<Row> candidateCounts =
        TermTransforms.candidateCounts(sentences, maxN, config.get(ConfigKeys.PHRASES_MIN_COUNT))
            .persist(
                StorageLevel.DISK_ONLY()); // read for the words, their total and the candidates
    try {
      long[] keys =
          collect(
              TermTransforms.candidateKeys(
                  TermTransforms.possiblePhrases(
                      candidateCounts, maxN, config.get(ConfigKeys.PHRASES_MIN_NPMI))));
      LOG.info("Phrase candidates that may pass min_count and min_npmi: {}", keys.length);
      return broadcast(ctx, LongHashSet.of(keys));
    } finally {
      candidateCounts.unpersist();
    }
  }

  /** The phrase vocabulary a learning run stored, or null (and a warning) when there is none. */
  private static Dataset<Row> storedPhrases(RunContext ctx, List<String> warnings) {
    if (!ctx.tables().exists(Tables.PHRASES)) {
      warnings.add(
          "no stored phrase vocabulary in the output: single words only (a full 'run' or 'refit'"
              + " learns the phrases)");
      return null;
    }
    return ctx.tables().read(Tables.PHRASES).select(TERM, NGRAM);
  }

  private static Broadcast<LongHashSet> broadcast(RunContext ctx, LongHashSet keys) {
    return JavaSparkContext.fromSparkContext(ctx.spark().sparkContext()).broadcast(keys);
  }

  /**
   * The keys. Those of candidates that may be phrases are bounded by the language, not the corpus
   * (about a thousand at 100k articles): small enough to collect and broadcast.
   */
  private static long[] collect(Dataset<Row> keys) {
    return keys.as(Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).toArray();
  }
}
