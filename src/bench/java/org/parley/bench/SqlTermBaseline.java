package org.parley.bench;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.parley.tables.Periods;

/**
 * Term counting the way a Spark user would write it in a few lines: lower case, split on anything
 * that is not a letter or digit, explode, count. No sentences, lemmas, stop words or phrases, so
 * its time prices what Parley's text analysis and phrase finding add over the plain SQL way.
 *
 * <p>Reads Parley's published {@code articles} (article_id, published_date, text) and writes the
 * analogues of the terms stage's three tables under the output folder: {@value #ARTICLE_TERMS}
 * (article_id, published_date, term, count), {@value #TERM_STATS} (term, doc_freq, total_count) and
 * {@value #TERM_TRENDS} (period, period_start, term, count, doc_count, share; the same periods as
 * Parley's, dated articles only, terms in at least its min_doc_freq articles).
 */
public final class SqlTermBaseline {
  private SqlTermBaseline() {}

  public static final String ARTICLE_TERMS = "sql_article_terms";
  public static final String TERM_STATS = "sql_term_stats";
  public static final String TERM_TRENDS = "sql_term_trends";

  /** What separates tokens: anything but a letter or a digit (Unicode classes, not just ASCII). */
  static final String SEPARATOR = "[^\\p{L}\\p{N}]+";

  /**
   * The figures of one run. {@code seconds} covers read → all three writes, like Parley's terms
   * stage; {@code countsSeconds} stops after the first two (per-article and corpus counts, no
   * trends). The counts are read back from what was written afterwards and are not part of either.
   */
  public record Result(
      double seconds,
      double countsSeconds,
      long articles,
      long tokens,
      long distinctTerms,
      long articleTermRows,
      long trendRows) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seconds", seconds);
      m.put("counts_seconds", countsSeconds);
      m.put("articles", articles);
      m.put("tokens", tokens);
      m.put("distinct_terms", distinctTerms);
      m.put("article_term_rows", articleTermRows);
      m.put("trend_rows", trendRows);
      return m;
    }
  }

  /**
   * (article_id, published_date, text) → (article_id, published_date, term, count), one row per
   * term an article contains.
   */
  public static Dataset<Row> articleTermCounts(Dataset<Row> articles) {
    return articles
        .select(
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            explode(split(lower(col(TEXT)), SEPARATOR)).as(TERM))
        .filter(col(TERM).notEqual(""))
        .groupBy(ARTICLE_ID, PUBLISHED_DATE, TERM)
        .agg(count(lit(1)).as(COUNT));
  }

  /** Per-article counts → (term, doc_freq, total_count). */
  public static Dataset<Row> termStats(Dataset<Row> articleTermCounts) {
    return articleTermCounts
        .groupBy(TERM)
        .agg(count(lit(1)).as(DOC_FREQ), sum(col(COUNT)).as(TOTAL_COUNT));
  }

  /**
   * Per-article counts → (period, period_start, term, count, doc_count, share) for each of {@code
   * periods}: a term's occurrences and articles in the period, and the share of the period's dated
   * articles it is in. Like Parley's term_trends, only terms in at least {@code minDocFreq}
   * articles ({@code termStats}' doc_freq). Each article's counts are exploded into its periods and
   * summed in one aggregation, the way a plain query would.
   */
  public static Dataset<Row> termTrends(
      Dataset<Row> articleTermCounts,
      Dataset<Row> termStats,
      Dataset<Row> articles,
      List<String> periods,
      int minDocFreq) {
    Dataset<Row> articlesPerPeriod =
        articles
            .filter(col(PUBLISHED_DATE).isNotNull())
            .select(Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
            .groupBy(col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START))
            .agg(count(lit(1)).as("articles_in_period"));
    return articleTermCounts
        .filter(col(PUBLISHED_DATE).isNotNull())
        .join(
            termStats.filter(col(DOC_FREQ).geq(minDocFreq)).select(TERM),
            new String[] {TERM},
            "left_semi")
        .select(col(TERM), col(COUNT), Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
        .groupBy(
            col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START), col(TERM))
        .agg(sum(col(COUNT)).as(COUNT), count(lit(1)).as(DOC_COUNT))
        .join(articlesPerPeriod, new String[] {PERIOD, PERIOD_START})
        .select(
            col(PERIOD),
            col(PERIOD_START),
            col(TERM),
            col(COUNT),
            col(DOC_COUNT),
            col(DOC_COUNT).divide(col("articles_in_period")).as(SHARE));
  }

  /**
   * Reads {@code articlesPath}, writes the three tables under {@code outputPath} (replacing them),
   * with trends over {@code periods} for terms in at least {@code minDocFreq} articles (Parley's
   * {@code terms.trends.periods} and {@code min_doc_freq}), and times it.
   */
  public static Result run(
      SparkSession spark,
      String articlesPath,
      String outputPath,
      List<String> periods,
      int minDocFreq) {
    String articleTermsPath = new Path(outputPath, ARTICLE_TERMS).toString();
    String termStatsPath = new Path(outputPath, TERM_STATS).toString();
    String termTrendsPath = new Path(outputPath, TERM_TRENDS).toString();
    spark.sparkContext().setJobDescription("bench: plain SQL term counts");
    long start = System.nanoTime();
    // term_stats and the trends come from the written per-article counts, so the text is split
    // once and the baseline is not slowed by a recomputation a sensible user would avoid.
    Dataset<Row> articles =
        spark.read().parquet(articlesPath).select(ARTICLE_ID, PUBLISHED_DATE, TEXT);
    articleTermCounts(articles).write().mode(SaveMode.Overwrite).parquet(articleTermsPath);
    termStats(spark.read().parquet(articleTermsPath))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(termStatsPath);
    double countsSeconds = (System.nanoTime() - start) / 1e9;
    termTrends(
            spark.read().parquet(articleTermsPath),
            spark.read().parquet(termStatsPath),
            articles,
            periods,
            minDocFreq)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(termTrendsPath);
    double seconds = (System.nanoTime() - start) / 1e9;

    spark.sparkContext().setJobDescription("bench: plain SQL term counts, figures");
    Row totals =
        spark.read().parquet(termStatsPath).agg(count(lit(1)), sum(col(TOTAL_COUNT))).first();
    long articleCount = spark.read().parquet(articlesPath).count(); // from Parquet footers
    long rows = spark.read().parquet(articleTermsPath).count();
    long trendRows = spark.read().parquet(termTrendsPath).count();
    spark.sparkContext().setJobDescription(null);
    return new Result(
        seconds,
        countsSeconds,
        articleCount,
        totals.isNullAt(1) ? 0 : totals.getLong(1),
        totals.getLong(0),
        rows,
        trendRows);
  }
}
