package org.parley.terms;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.job.RunContext;
import org.parley.job.Step;
import org.parley.job.StepReport;
import org.parley.tables.Tables;

/** Stage {@code terms}: sentences → {@code term_stats}, {@code article_terms}, {@code term_trends}. */
public final class TermsStep implements Step {
  public static final String NAME = "terms";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepReport run(RunContext ctx) {
    ParleyConfig config = ctx.config();
    Dataset<Row> sentences = ctx.tables().read(Tables.SENTENCES);
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    long articleCount = articles.count(); // from Parquet footers

    ctx.describe("terms: count terms and detect phrases");
    Dataset<Row> tokenTerms = TermTransforms.tokenTerms(sentences).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> counts = null;
    try {
      Dataset<Row> occurrences = TermTransforms.unigramOccurrences(tokenTerms);
      if (config.get(ConfigKeys.PHRASES_ENABLED)) {
        int maxN = config.get(ConfigKeys.PHRASES_MAX_NGRAM);
        int minCount = config.get(ConfigKeys.PHRASES_MIN_COUNT);
        // Counted by hash first: nearly every candidate occurs once, and counting them all by term
        // string was the stage's main cost. Only the candidates with a frequent hash are then made
        // as strings and counted exactly. Not cached: making them again from the sentences (for
        // the phrases, then their occurrences) is cheaper than caching that many rows.
        ctx.describe("terms: count phrase candidates by hash");
        Broadcast<LongHashSet> frequent = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext())
            .broadcast(LongHashSet.of(collect(TermTransforms.frequentHashes(
                TermTransforms.candidateHashes(sentences, maxN), minCount))));
        Dataset<Row> candidates = TermTransforms.ngramCandidates(sentences, maxN, frequent);
        Dataset<Row> phrases = TermTransforms.scorePhrases(candidates, tokenTerms, minCount,
            config.get(ConfigKeys.PHRASES_MIN_NPMI));
        occurrences = occurrences.unionByName(TermTransforms.phraseOccurrences(candidates, phrases));
      }
      counts = TermTransforms.countPerArticle(occurrences).persist(StorageLevel.MEMORY_AND_DISK());

      ctx.describe("terms: write term_stats");
      ctx.tables().write(Tables.TERM_STATS, ctx.stamped(TermTransforms.termStats(counts, articleCount)));
      Dataset<Row> stats = ctx.tables().read(Tables.TERM_STATS);

      ctx.describe("terms: write article_terms");
      ctx.tables().write(Tables.ARTICLE_TERMS, ctx.stamped(TermTransforms.articleTerms(counts, stats)));

      ctx.describe("terms: write term_trends");
      List<String> periods = config.get(ConfigKeys.TRENDS_PERIODS);
      ctx.tables().write(Tables.TERM_TRENDS, ctx.stamped(TermTransforms.termTrends(
          ctx.tables().read(Tables.ARTICLE_TERMS), stats, articles, periods,
          config.get(ConfigKeys.TRENDS_MIN_DOC_FREQ))));
      return StepReport.NONE;
    } finally {
      tokenTerms.unpersist();
      if (counts != null) {
        counts.unpersist();
      }
    }
  }

  /**
   * The hashes. Those of recurring runs of 2..max_ngram words are bounded by the language, not the
   * corpus (about 100k at 10k articles, under a megabyte): small enough to collect and broadcast.
   */
  private static long[] collect(Dataset<Row> hashes) {
    return hashes.as(Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).toArray();
  }
}
