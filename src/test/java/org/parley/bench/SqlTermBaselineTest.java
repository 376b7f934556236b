package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.assertSameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;

class SqlTermBaselineTest {
  private static final StructType ARTICLES =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("published_date", DataTypes.DateType, true)
          .add("title", DataTypes.StringType, true)
          .add("text", DataTypes.StringType, false);

  @TempDir Path work;

  private final SparkSession spark = SparkTestSupport.spark();

  private static final Date NOV_2 =
      Date.valueOf("2017-11-02"); // a Thursday: its week starts on 30 October
  private static final Date NOV_6 = Date.valueOf("2017-11-06"); // the next Monday
  private static final Date NOV_1 = Date.valueOf("2017-11-01");
  private static final Date OCT_30 = Date.valueOf("2017-10-30");

  /**
   * a: the ×2, talks ×2 (case folded, punctuation gone, no empty token from the final full stop);
   * b: "al-Assad's" splits at - and ', digits stay, accented letters stay letters; c: only
   * punctuation, so no terms, but a dated article all the same; d: undated, so counted but in no
   * period.
   */
  private Dataset<Row> articles() {
    return frame(
        ARTICLES,
        row("a", NOV_2, "ignored", "The talks, the TALKS."),
        row("b", NOV_6, null, "Al-Assad's 2254 talks in Genève"),
        row("c", NOV_2, null, " -- ... "),
        row("d", null, null, "Talks"));
  }

  @Test
  void countsTermsPerArticleAndOverall() {
    String articlesPath = work.resolve("articles").toString();
    articles().write().parquet(articlesPath);
    String out = work.resolve("out").toString();

    SqlTermBaseline.Result r =
        SqlTermBaseline.run(spark, articlesPath, out, List.of("day", "week", "month"), 1);

    Dataset<Row> perArticle = spark.read().parquet(out + "/" + SqlTermBaseline.ARTICLE_TERMS);
    assertSameRows(
        perArticle.select("article_id", "published_date", "term", "count"),
        row("a", NOV_2, "the", 2L),
        row("a", NOV_2, "talks", 2L),
        row("b", NOV_6, "al", 1L),
        row("b", NOV_6, "assad", 1L),
        row("b", NOV_6, "s", 1L),
        row("b", NOV_6, "2254", 1L),
        row("b", NOV_6, "talks", 1L),
        row("b", NOV_6, "in", 1L),
        row("b", NOV_6, "genève", 1L),
        row("d", null, "talks", 1L));
    Dataset<Row> stats = spark.read().parquet(out + "/" + SqlTermBaseline.TERM_STATS);
    assertSameRows(
        stats.select("term", "doc_freq", "total_count"),
        row("the", 1L, 2L),
        row("talks", 3L, 4L),
        row("al", 1L, 1L),
        row("assad", 1L, 1L),
        row("s", 1L, 1L),
        row("2254", 1L, 1L),
        row("in", 1L, 1L),
        row("genève", 1L, 1L));

    // Shares are over the period's dated articles: c counts though it has no terms, d has no
    // period.
    List<Row> trends = new ArrayList<>();
    for (String b : List.of("al", "assad", "s", "2254", "talks", "in", "genève")) {
      trends.add(row("day", NOV_6, b, 1L, 1L, 1.0));
      trends.add(row("week", NOV_6, b, 1L, 1L, 1.0));
      if (!b.equals("talks")) {
        trends.add(row("month", NOV_1, b, 1L, 1L, 1.0 / 3));
      }
    }
    trends.addAll(
        List.of(
            row("day", NOV_2, "the", 2L, 1L, 0.5), row("day", NOV_2, "talks", 2L, 1L, 0.5),
            row("week", OCT_30, "the", 2L, 1L, 0.5), row("week", OCT_30, "talks", 2L, 1L, 0.5),
            row("month", NOV_1, "the", 2L, 1L, 1.0 / 3),
                row("month", NOV_1, "talks", 3L, 2L, 2.0 / 3)));
    Dataset<Row> trendRows = spark.read().parquet(out + "/" + SqlTermBaseline.TERM_TRENDS);
    assertSameRows(
        trendRows.select("period", "period_start", "term", "count", "doc_count", "share"),
        trends.toArray(Row[]::new));

    assertEquals(4, r.articles());
    assertEquals(12, r.tokens());
    assertEquals(8, r.distinctTerms());
    assertEquals(10, r.articleTermRows());
    assertEquals(26, r.trendRows());
    assertTrue(r.countsSeconds() > 0 && r.seconds() > r.countsSeconds());
    assertEquals(12L, r.toMap().get("tokens"));
  }

  @Test
  void rerunReplacesItsOutput() {
    String articlesPath = work.resolve("articles").toString();
    articles().write().parquet(articlesPath);
    String out = work.resolve("out").toString();
    SqlTermBaseline.run(spark, articlesPath, out, List.of("month"), 1);
    SqlTermBaseline.Result again =
        SqlTermBaseline.run(spark, articlesPath, out, List.of("month"), 1);
    assertEquals(10, again.articleTermRows());
    assertEquals(10, spark.read().parquet(out + "/" + SqlTermBaseline.ARTICLE_TERMS).count());
    assertEquals(8, again.trendRows());
  }

  /**
   * As in Parley's term_trends, a term in fewer than min_doc_freq articles (undated ones count) has
   * no trend rows.
   */
  @Test
  void trendsKeepOnlyTermsInAtLeastMinDocFreqArticles() {
    String articlesPath = work.resolve("articles").toString();
    articles().write().parquet(articlesPath);
    String out = work.resolve("out").toString();

    SqlTermBaseline.Result r =
        SqlTermBaseline.run(spark, articlesPath, out, List.of("day", "month"), 3);

    assertSameRows(
        spark
            .read()
            .parquet(out + "/" + SqlTermBaseline.TERM_TRENDS)
            .select("period", "period_start", "term", "count", "doc_count", "share"),
        row("day", NOV_2, "talks", 2L, 1L, 0.5),
        row("day", NOV_6, "talks", 1L, 1L, 1.0),
        row("month", NOV_1, "talks", 3L, 2L, 2.0 / 3));
    assertEquals(3, r.trendRows());
    assertEquals(10, r.articleTermRows(), "the per-article counts keep every term");
  }
}
