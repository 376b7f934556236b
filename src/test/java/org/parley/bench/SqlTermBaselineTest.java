package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.assertSameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;

class SqlTermBaselineTest {
  private static final StructType ARTICLES = new StructType()
      .add("article_id", DataTypes.StringType, false)
      .add("title", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, false);

  @TempDir Path work;

  private final SparkSession spark = SparkTestSupport.spark();

  /**
   * a: the ×2, talks ×2 (case folded, punctuation gone, no empty token from the final full stop);
   * b: "al-Assad's" splits at - and ', digits stay, accented letters stay letters;
   * c: only punctuation, so no terms.
   */
  private Dataset<Row> articles() {
    return frame(ARTICLES,
        row("a", "ignored", "The talks, the TALKS."),
        row("b", null, "Al-Assad's 2254 talks in Genève"),
        row("c", null, " -- ... "));
  }

  @Test
  void countsTermsPerArticleAndOverall() {
    String articlesPath = work.resolve("articles").toString();
    articles().write().parquet(articlesPath);
    String out = work.resolve("out").toString();

    SqlTermBaseline.Result r = SqlTermBaseline.run(spark, articlesPath, out);

    Dataset<Row> perArticle = spark.read().parquet(out + "/" + SqlTermBaseline.ARTICLE_TERMS);
    assertSameRows(perArticle.select("article_id", "term", "count"),
        row("a", "the", 2L), row("a", "talks", 2L),
        row("b", "al", 1L), row("b", "assad", 1L), row("b", "s", 1L), row("b", "2254", 1L),
        row("b", "talks", 1L), row("b", "in", 1L), row("b", "genève", 1L));
    Dataset<Row> stats = spark.read().parquet(out + "/" + SqlTermBaseline.TERM_STATS);
    assertSameRows(stats.select("term", "doc_freq", "total_count"),
        row("the", 1L, 2L), row("talks", 2L, 3L), row("al", 1L, 1L), row("assad", 1L, 1L), row("s", 1L, 1L),
        row("2254", 1L, 1L), row("in", 1L, 1L), row("genève", 1L, 1L));

    assertEquals(3, r.articles());
    assertEquals(11, r.tokens());
    assertEquals(8, r.distinctTerms());
    assertEquals(9, r.articleTermRows());
    assertTrue(r.seconds() > 0);
    assertEquals(11L, r.toMap().get("tokens"));
  }

  @Test
  void rerunReplacesItsOutput() {
    String articlesPath = work.resolve("articles").toString();
    articles().write().parquet(articlesPath);
    String out = work.resolve("out").toString();
    SqlTermBaseline.run(spark, articlesPath, out);
    SqlTermBaseline.Result again = SqlTermBaseline.run(spark, articlesPath, out);
    assertEquals(9, again.articleTermRows());
    assertEquals(9, spark.read().parquet(out + "/" + SqlTermBaseline.ARTICLE_TERMS).count());
  }
}
