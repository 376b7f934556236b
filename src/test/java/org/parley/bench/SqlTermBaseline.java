package org.parley.bench;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Term counting the way a Spark user would write it in ten lines: lower case, split on anything
 * that is not a letter or digit, explode, count. No sentences, lemmas, stop words or phrases, so
 * its time prices what Parley's text analysis and phrase finding add over the plain SQL way.
 *
 * <p>Reads Parley's published {@code articles} (article_id, text) and writes two Parquet tables
 * under the output folder: {@value #ARTICLE_TERMS} (article_id, term, count; the analogue of
 * article_terms) and {@value #TERM_STATS} (term, doc_freq, total_count; the analogue of term_stats).
 */
public final class SqlTermBaseline {
  private SqlTermBaseline() {}

  public static final String ARTICLE_TERMS = "sql_article_terms";
  public static final String TERM_STATS = "sql_term_stats";
  /** What separates tokens: anything but a letter or a digit (Unicode classes, not just ASCII). */
  static final String SEPARATOR = "[^\\p{L}\\p{N}]+";

  /**
   * The figures of one run. {@code seconds} covers read → both writes, like a Parley stage; the
   * counts are read back from what was written afterwards and are not part of it.
   */
  public record Result(double seconds, long articles, long tokens, long distinctTerms, long articleTermRows) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seconds", seconds);
      m.put("articles", articles);
      m.put("tokens", tokens);
      m.put("distinct_terms", distinctTerms);
      m.put("article_term_rows", articleTermRows);
      return m;
    }
  }

  /** (article_id, text) → (article_id, term, count), one row per term an article contains. */
  public static Dataset<Row> articleTermCounts(Dataset<Row> articles) {
    return articles
        .select(col(ARTICLE_ID), explode(split(lower(col(TEXT)), SEPARATOR)).as(TERM))
        .filter(col(TERM).notEqual(""))
        .groupBy(ARTICLE_ID, TERM)
        .agg(count(lit(1)).as(COUNT));
  }

  /** Per-article counts → (term, doc_freq, total_count). */
  public static Dataset<Row> termStats(Dataset<Row> articleTermCounts) {
    return articleTermCounts
        .groupBy(TERM)
        .agg(count(lit(1)).as(DOC_FREQ), sum(col(COUNT)).as(TOTAL_COUNT));
  }

  /** Reads {@code articlesPath}, writes both tables under {@code outputPath} (replacing them), times it. */
  public static Result run(SparkSession spark, String articlesPath, String outputPath) {
    String articleTermsPath = new Path(outputPath, ARTICLE_TERMS).toString();
    String termStatsPath = new Path(outputPath, TERM_STATS).toString();
    spark.sparkContext().setJobDescription("bench: plain SQL term counts");
    long start = System.nanoTime();
    // term_stats comes from the written per-article counts, so the text is split once and the
    // baseline is not slowed by a recomputation a sensible user would avoid.
    Dataset<Row> counts = articleTermCounts(spark.read().parquet(articlesPath).select(ARTICLE_ID, TEXT));
    counts.write().mode(SaveMode.Overwrite).parquet(articleTermsPath);
    termStats(spark.read().parquet(articleTermsPath)).write().mode(SaveMode.Overwrite).parquet(termStatsPath);
    double seconds = (System.nanoTime() - start) / 1e9;

    spark.sparkContext().setJobDescription("bench: plain SQL term counts, figures");
    Row totals = spark.read().parquet(termStatsPath).agg(count(lit(1)), sum(col(TOTAL_COUNT))).first();
    long articles = spark.read().parquet(articlesPath).count(); // from Parquet footers
    long rows = spark.read().parquet(articleTermsPath).count();
    spark.sparkContext().setJobDescription(null);
    return new Result(seconds, articles, totals.isNullAt(1) ? 0 : totals.getLong(1), totals.getLong(0), rows);
  }
}
