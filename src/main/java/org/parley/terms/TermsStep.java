package org.parley.terms;

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
import org.parley.job.RunContext;
import org.parley.job.Step;
import org.parley.job.StepReport;
import org.parley.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stage {@code terms}: sentences → {@code term_stats}, {@code article_terms}, {@code term_trends}. */
public final class TermsStep implements Step {
  public static final String NAME = "terms";
  private static final Logger LOG = LoggerFactory.getLogger(TermsStep.class);

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Spark's aggregations first probe a small generated map (65,536 keys) and only then its main
   * one. This stage's aggregations have millions of keys, so the probe misses on nearly every row:
   * a tenth of the stage's CPU at 100k articles. Off for this stage only; the setting is restored.
   */
  private static final String TWO_LEVEL_AGGREGATE_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";

  @Override
  public StepReport run(RunContext ctx) {
    RuntimeConfig sqlConf = ctx.spark().conf();
    String before = sqlConf.contains(TWO_LEVEL_AGGREGATE_MAP) ? sqlConf.get(TWO_LEVEL_AGGREGATE_MAP) : null;
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
    Dataset<Row> sentences = ctx.tables().read(Tables.SENTENCES);
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    long articleCount = articles.count(); // from Parquet footers

    boolean phrasesEnabled = config.get(ConfigKeys.PHRASES_ENABLED);
    int maxN = phrasesEnabled ? config.get(ConfigKeys.PHRASES_MAX_NGRAM) : 1;
    int minCount = config.get(ConfigKeys.PHRASES_MIN_COUNT);
    Broadcast<LongHashSet> possiblePhrases = null;
    if (phrasesEnabled) {
      // Candidates are counted by their words' hashes first, and scored from those counts: nearly
      // every candidate occurs once, and of the frequent ones few are phrases (about a thousand of
      // a million at 100k articles). Only the candidates that may pass are made as strings and
      // counted per article below; the others would be two fifths of those rows.
      ctx.describe("terms: count words and phrase candidates by hash, pre-score the candidates");
      Dataset<Row> candidateCounts = TermTransforms.candidateCounts(sentences, maxN, minCount)
          .persist(StorageLevel.DISK_ONLY()); // read for the words, their total and the candidates
      try {
        long[] keys = collect(TermTransforms.candidateKeys(TermTransforms.possiblePhrases(
            candidateCounts, maxN, config.get(ConfigKeys.PHRASES_MIN_NPMI))));
        LOG.info("Phrase candidates that may pass min_count and min_npmi: {}", keys.length);
        possiblePhrases = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext()).broadcast(LongHashSet.of(keys));
      } finally {
        candidateCounts.unpersist();
      }
    }
    ctx.describe("terms: count terms and phrase candidates per article, score phrases");
    // Spread by term once and kept on disk: phrase scoring, term_stats, article_terms and
    // term_trends all read it, and all group or join by term. On disk, not in memory: at a million
    // articles these rows are several times the heap.
    Dataset<Row> articleCounts = TermTransforms.spreadByTerm(TermTransforms.articleCounts(sentences, maxN, possiblePhrases))
        .persist(StorageLevel.DISK_ONLY());
    // The corpus totals of every counted term are vocabulary-sized: kept, they serve both the
    // phrase scores and term_stats from one aggregation of the counts.
    Dataset<Row> totals = TermTransforms.termTotals(articleCounts).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> phrases = null;
    try {
      Dataset<Row> counts;
      Dataset<Row> publishedTotals;
      if (phrasesEnabled) {
        // Scored once and kept: the three tables below each filter by them.
        phrases = TermTransforms.scorePhrases(totals, minCount, config.get(ConfigKeys.PHRASES_MIN_NPMI))
            .persist(StorageLevel.MEMORY_AND_DISK());
        phrases.count();
        counts = TermTransforms.publishedTerms(articleCounts, phrases);
        publishedTotals = TermTransforms.publishedTerms(totals, phrases);
      } else {
        counts = TermTransforms.publishedUnigrams(articleCounts);
        publishedTotals = TermTransforms.publishedUnigrams(totals);
      }

      ctx.describe("terms: write term_stats");
      ctx.tables().write(Tables.TERM_STATS, ctx.stamped(TermTransforms.termStats(publishedTotals, articleCount)));
      Dataset<Row> stats = ctx.tables().read(Tables.TERM_STATS);

      ctx.describe("terms: write article_terms");
      ctx.tables().write(Tables.ARTICLE_TERMS, ctx.stamped(TermTransforms.articleTerms(counts, stats)));

      ctx.describe("terms: write term_trends");
      List<String> periods = config.get(ConfigKeys.TRENDS_PERIODS);
      ctx.tables().write(Tables.TERM_TRENDS, ctx.stamped(TermTransforms.termTrends(counts, stats, articles, periods,
          config.get(ConfigKeys.TRENDS_MIN_DOC_FREQ))));
      return StepReport.NONE;
    } finally {
      if (phrases != null) {
        phrases.unpersist();
      }
      totals.unpersist();
      articleCounts.unpersist();
      if (possiblePhrases != null) {
        possiblePhrases.destroy();
      }
    }
  }

  /**
   * The keys. Those of candidates that may be phrases are bounded by the language, not the corpus
   * (about a thousand at 100k articles): small enough to collect and broadcast.
   */
  private static long[] collect(Dataset<Row> keys) {
    return keys.as(Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).toArray();
  }
}
