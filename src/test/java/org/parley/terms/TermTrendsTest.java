package org.parley.terms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.tables.Periods;

/**
 * A night's term_trends updates, merged into the history's trends, give the trends of the whole
 * corpus.
 */
class TermTrendsTest {
  private static final List<String> PERIODS = List.of("day", "week", "month");
  private static final StructType COUNTS =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("published_date", DataTypes.DateType, true)
          .add("term", DataTypes.StringType, false)
          .add("ngram", DataTypes.IntegerType, false)
          .add("count", DataTypes.LongType, false);
  private static final Date FEB_28 = Date.valueOf("2024-02-28");
  private static final Date MAR_1 = Date.valueOf("2024-03-01");
  private static final Date MAR_4 = Date.valueOf("2024-03-04");
  private static final Date APR_2 = Date.valueOf("2024-04-02");

  @Test
  void aNightMergedIntoTheHistoryEqualsTheWholeCorpusSummed() {
    // History: regime passes min_doc_freq 3 (three articles); rare (two) and talk (two) do not.
    Dataset<Row> history =
        frame(
            COUNTS,
            row("h1", FEB_28, "regime", 1, 2L),
            row("h1", FEB_28, "rare", 1, 1L),
            row("h2", MAR_1, "regime", 1, 1L),
            row("h2", MAR_1, "talk", 1, 1L),
            row("h3", APR_2, "regime", 1, 3L),
            row("h3", APR_2, "talk", 1, 2L),
            row("h4", null, "rare", 1, 9L));
    // The night: more regime on Mar 1 (a touched day, week and month), rare reaches 3 articles
    // (h1, h4 undated, n2) and so gets rows for February too, which the night did not touch.
    Dataset<Row> night =
        frame(
            COUNTS,
            row("n1", MAR_1, "regime", 1, 4L),
            row("n2", MAR_4, "rare", 1, 1L),
            row("n2", MAR_4, "calm", 1, 1L));
    Dataset<Row> all = history.unionByName(night);
    int minDocFreq = 3;

    Dataset<Row> oldTrends =
        TermTrends.termTrends(history, docFreq(history), articles(history), PERIODS, minDocFreq);
    assertTrue(
        oldTrends.filter("term = 'rare'").isEmpty(), "rare is below min_doc_freq before the night");
    Dataset<Row> updates =
        nightUpdates(oldTrends, history, night, history.unionByName(night), minDocFreq);
    Dataset<Row> rebuilt =
        TermTrends.termTrends(all, docFreq(all), articles(all), PERIODS, minDocFreq);
    assertEquals(sorted(rebuilt), sorted(merged(oldTrends, updates)));
    assertEquals(
        List.of("2024-02-26", "2024-03-04"),
        rebuilt
            .filter("term = 'rare' AND period = 'week'")
            .orderBy("period_start")
            .select("period_start")
            .collectAsList()
            .stream()
            .map(r -> r.get(0).toString())
            .toList());
    // Only the periods of the night's articles were touched, and rare's rows added.
    List<Row> touched = Periods.touched(night, PERIODS).collectAsList();
    assertEquals(
        5, touched.size(), touched.toString()); // days Mar 1, Mar 4; weeks Feb 26, Mar 4; month Mar
    assertTrue(
        Periods.inPeriods(touched)
            .contains("t.period = 'month' AND t.period_start IN (DATE'2024-03-01')"));
    assertTrue(
        updates
            .filter("term = 'regime' AND period = 'month' AND period_start = DATE'2024-04-01'")
            .isEmpty(),
        "April is not touched");
  }

  @Test
  void termsOfOneHistoryArticleGetTheirHistoryFromTheStatsAlone() {
    // At min_doc_freq 2 a term that reaches it tonight was in one history article at most: its
    // date and count are term_stats' first_date and total_count, and article_terms is not read.
    Dataset<Row> history =
        frame(
            COUNTS,
            row("h1", FEB_28, "envoy", 1, 3L),
            row("h1", FEB_28, "regime", 1, 1L),
            row("h2", APR_2, "regime", 1, 2L),
            row("h3", null, "truce", 1, 1L));
    Dataset<Row> night =
        frame(
            COUNTS,
            row("n1", MAR_4, "envoy", 1, 1L), // envoy: Feb 28 (3) and now Mar 4 (1)
            row("n1", MAR_4, "truce", 1, 2L), // truce: its history article is undated
            row("n2", MAR_4, "ceasefire", 1, 1L),
            row("n3", MAR_1, "ceasefire", 1, 4L)); // ceasefire: new, in two night articles
    Dataset<Row> all = history.unionByName(night);
    int minDocFreq = 2;

    Dataset<Row> oldTrends =
        TermTrends.termTrends(history, docFreq(history), articles(history), PERIODS, minDocFreq);
    // article_terms handed in empty: what the trends need of the history is in term_stats.
    Dataset<Row> updates = nightUpdates(oldTrends, history, night, night.limit(0), minDocFreq);
    Dataset<Row> rebuilt =
        TermTrends.termTrends(all, docFreq(all), articles(all), PERIODS, minDocFreq);
    assertEquals(sorted(rebuilt), sorted(merged(oldTrends, updates)));
    Row february =
        rebuilt
            .filter("term = 'envoy' AND period = 'month' AND period_start = DATE'2024-02-01'")
            .first();
    assertEquals(3L, february.getLong(february.fieldIndex("count")));
    assertEquals(
        List.of("2024-03-04"),
        rebuilt
            .filter("term = 'truce' AND period = 'day'")
            .select("period_start")
            .collectAsList()
            .stream()
            .map(r -> r.get(0).toString())
            .toList());
  }

  /** The night's updates, with the term_stats a full run gives the history. */
  private static Dataset<Row> nightUpdates(
      Dataset<Row> oldTrends,
      Dataset<Row> history,
      Dataset<Row> night,
      Dataset<Row> corpusCounts,
      int minDocFreq) {
    Dataset<Row> all = history.unionByName(night);
    return TermTrends.nightUpdates(
        oldTrends,
        night,
        docFreq(night),
        TermTransforms.termTotals(history.withColumn("is_number", lit(false))),
        corpusCounts,
        articles(all),
        Periods.touched(night, PERIODS).collectAsList(),
        PERIODS,
        minDocFreq);
  }

  private static Dataset<Row> merged(Dataset<Row> oldTrends, Dataset<Row> updates) {
    return oldTrends
        .join(
            updates.select("period", "period_start", "term", "ngram"),
            TermTrends.KEY.toArray(String[]::new),
            "left_anti")
        .unionByName(updates);
  }

  private static Dataset<Row> docFreq(Dataset<Row> counts) {
    return counts.groupBy("term", "ngram").agg(count(lit(1)).as("doc_freq"));
  }

  private static Dataset<Row> articles(Dataset<Row> counts) {
    return counts.select(col("article_id"), col("published_date")).distinct();
  }

  private static List<String> sorted(Dataset<Row> trends) {
    return trends.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
