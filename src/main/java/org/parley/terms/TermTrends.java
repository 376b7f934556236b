package org.parley.terms;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.parley.tables.Periods;
import org.parley.tables.Tables;

/**
 * {@code term_trends}: each term's occurrences and articles per period, and its share of the
 * period's dated articles. A full run sums them from every article's counts; a nightly run updates
 * only what the night changed ({@link #nightUpdates}).
 */
public final class TermTrends {
  private TermTrends() {}

  static final String ARTICLES_IN_PERIOD = "articles_in_period";
  private static final String NIGHT_DOC_FREQ = "night_doc_freq";
  private static final String HISTORY_DOC_FREQ = "history_doc_freq";
  private static final String HISTORY_COUNT = "history_count";
  private static final String HISTORY_DATE = "history_date";

  /** The key of a term_trends row. */
  public static final List<String> KEY = List.of(PERIOD, PERIOD_START, TERM, NGRAM);

  /**
   * Term counts per period, the {@code term_trends} shape without run_id. Undated articles have no
   * period and are left out; terms in fewer than {@code minDocFreq} articles too. {@code counts}
   * has one row per article and term (article_id, published_date, term, ngram, count).
   */
  public static Dataset<Row> termTrends(
      Dataset<Row> counts,
      Dataset<Row> termStats,
      Dataset<Row> articles,
      List<String> periods,
      int minDocFreq) {
    if (periods.isEmpty()) {
      return empty(counts);
    }
    Dataset<Row> trendTerms = termStats.filter(col(DOC_FREQ).geq(minDocFreq)).select(TERM, NGRAM);
    return withShares(periodCounts(counts, trendTerms, periods), articles, periods);
  }

  /**
   * The term_trends rows a night changes, to merge into the table by {@link #KEY}, without summing
   * the history again. The night's articles are new, so their counts add to those of the periods
   * they fall in; every row of those periods is returned, since each period's share has a new
   * article count. A term whose document frequency reached {@code minDocFreq} tonight had no rows
   * yet: it gets its rows of every period. Its history is read from term_stats where one article
   * held it (a term in one article has that article's date and count as its first date and total),
   * which is every new term at the default min_doc_freq of 2; only a term that was in two or more
   * articles is summed from article_terms. Rows are never removed: counts only grow.
   *
   * @param oldTrends term_trends before the night
   * @param nightCounts the night's article term counts (article_id, published_date, term, ngram,
   *     count)
   * @param nightTotals the night's totals per term (term, ngram, doc_freq, ...)
   * @param oldStats term_stats before the night
   * @param corpusCounts article_terms after the night (every article's counts)
   * @param articles articles after the night
   * @param touched the (period, period_start) pairs of the night's articles ({@link
   *     Periods#touched}), collected: a literal filter, so that Delta skips the other periods'
   *     files
   */
  public static Dataset<Row> nightUpdates(
      Dataset<Row> oldTrends,
      Dataset<Row> nightCounts,
      Dataset<Row> nightTotals,
      Dataset<Row> oldStats,
      Dataset<Row> corpusCounts,
      Dataset<Row> articles,
      List<Row> touched,
      List<String> periods,
      int minDocFreq) {
    if (periods.isEmpty()) {
      return empty(nightCounts);
    }
    Dataset<Row> keptTerms = oldStats.filter(col(DOC_FREQ).geq(minDocFreq)).select(TERM, NGRAM);
    // Terms that pass now but did not before the night: vocabulary-sized, and few of them.
    Dataset<Row> newTerms =
        nightTotals
            .select(col(TERM), col(NGRAM), col(DOC_FREQ).as(NIGHT_DOC_FREQ))
            .join(
                oldStats.select(
                    col(TERM),
                    col(NGRAM),
                    col(DOC_FREQ).as(HISTORY_DOC_FREQ),
                    col(TOTAL_COUNT).as(HISTORY_COUNT),
                    col(FIRST_DATE).as(HISTORY_DATE)),
                new String[] {TERM, NGRAM},
                "left_outer")
            .withColumn(HISTORY_DOC_FREQ, coalesce(col(HISTORY_DOC_FREQ), lit(0L)))
            .filter(
                col(HISTORY_DOC_FREQ)
                    .lt(minDocFreq)
                    .and(col(HISTORY_DOC_FREQ).plus(col(NIGHT_DOC_FREQ)).geq(minDocFreq)))
            .select(TERM, NGRAM, HISTORY_DOC_FREQ, HISTORY_COUNT, HISTORY_DATE);
    Dataset<Row> added = periodCounts(nightCounts, keptTerms, periods);
    Dataset<Row> before =
        oldTrends
            .filter(expr(Periods.inPeriods(touched, "")))
            .select(PERIOD, PERIOD_START, TERM, NGRAM, COUNT, DOC_COUNT);
    Dataset<Row> touchedRows =
        before
            .unionByName(added)
            .groupBy(PERIOD, PERIOD_START, TERM, NGRAM)
            .agg(sum(col(COUNT)).as(COUNT), sum(col(DOC_COUNT)).as(DOC_COUNT));
    Dataset<Row> newTermRows =
        periodCounts(
            newTermCounts(newTerms, nightCounts, corpusCounts, minDocFreq), newTerms, periods);
    return withShares(touchedRows.unionByName(newTermRows), articles, periods);
  }

  /**
   * Every article's counts of the new terms (published_date, term, ngram, count), the history's
   * without reading article_terms where term_stats holds them: a term of one history article has
   * one row, its first date and total count; a term of none has only the night's rows.
   */
  private static Dataset<Row> newTermCounts(
      Dataset<Row> newTerms, Dataset<Row> nightCounts, Dataset<Row> corpusCounts, int minDocFreq) {
    String[] key = {TERM, NGRAM};
    Dataset<Row> fromOneArticle = newTerms.filter(col(HISTORY_DOC_FREQ).leq(1));
    Dataset<Row> counts =
        nightCounts
            .join(broadcast(fromOneArticle.select(TERM, NGRAM)), key, "left_semi")
            .select(PUBLISHED_DATE, TERM, NGRAM, COUNT)
            .unionByName(
                fromOneArticle
                    .filter(col(HISTORY_DOC_FREQ).equalTo(1))
                    .select(
                        col(HISTORY_DATE).as(PUBLISHED_DATE),
                        col(TERM),
                        col(NGRAM),
                        col(HISTORY_COUNT).as(COUNT)));
    if (minDocFreq <= 2) {
      return counts; // a term below 2 was in one article at most
    }
    Dataset<Row> fromSeveral = newTerms.filter(col(HISTORY_DOC_FREQ).geq(2)).select(TERM, NGRAM);
    return counts.unionByName(
        corpusCounts
            .join(broadcast(fromSeveral), key, "left_semi")
            .select(PUBLISHED_DATE, TERM, NGRAM, COUNT));
  }

  /**
   * Occurrences and articles per period, term and ngram, for the terms given: (period,
   * period_start, term, ngram, count, doc_count). Summed per day first: an article has one date, so
   * its counts and its one document count add up exactly from days to weeks and months, and a day's
   * row stands for all its articles. The day sums, the semi-join and the period sums are all keyed
   * by term: on counts spread by term none of them shuffles the counts.
   */
  static Dataset<Row> periodCounts(Dataset<Row> counts, Dataset<Row> terms, List<String> periods) {
    Dataset<Row> perDay =
        counts
            .filter(col(PUBLISHED_DATE).isNotNull())
            .groupBy(TERM, NGRAM, PUBLISHED_DATE)
            .agg(sum(col(COUNT)).as(COUNT), count(lit(1)).as(DOC_COUNT))
            .join(terms.select(TERM, NGRAM), new String[] {TERM, NGRAM}, "left_semi");
    return perDay
        .select(
            col(TERM),
            col(NGRAM),
            col(COUNT),
            col(DOC_COUNT),
            Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
        .groupBy(
            col("p." + PERIOD).as(PERIOD),
            col("p." + PERIOD_START).as(PERIOD_START),
            col(TERM),
            col(NGRAM))
        .agg(sum(col(COUNT)).as(COUNT), sum(col(DOC_COUNT)).as(DOC_COUNT));
  }

  /**
   * Adds each row's share of its period's dated articles; returns the term_trends shape without
   * run_id.
   */
  static Dataset<Row> withShares(
      Dataset<Row> periodCounts, Dataset<Row> articles, List<String> periods) {
    Dataset<Row> articlesPerPeriod =
        articles
            .filter(col(PUBLISHED_DATE).isNotNull())
            .select(Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
            .groupBy(col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START))
            .agg(count(lit(1)).as(ARTICLES_IN_PERIOD));
    return periodCounts
        .join(articlesPerPeriod, new String[] {PERIOD, PERIOD_START})
        .withColumn(SHARE, col(DOC_COUNT).divide(col(ARTICLES_IN_PERIOD)))
        .select(PERIOD, PERIOD_START, TERM, NGRAM, COUNT, DOC_COUNT, SHARE);
  }

  private static Dataset<Row> empty(Dataset<Row> any) {
    return Tables.empty(any.sparkSession(), Tables.TERM_TRENDS);
  }
}
