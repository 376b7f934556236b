package org.parley.actors;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.parley.tables.Periods;
import org.parley.tables.Tables;

/**
 * The corpus-wide co-mention tables from per-article unit counts ({@link
 * ActorTransforms#actorUnits}), and their nightly updates. Units never span articles, so a night's
 * new articles add their counts to the corpus's: per-actor units, pair counts and per-period pair
 * counts are sums, and only PMI, which depends on every count, is computed again, over the pairs (a
 * small table).
 */
public final class Comentions {
  private Comentions() {}

  /** The key of an actor_comentions_by_period row. */
  public static final List<String> PERIOD_KEY =
      List.of(PERIOD, PERIOD_START, UNIT, ACTOR_A, ACTOR_B);

  /**
   * Units naming each actor: the {@code actor_counts} shape without run_id (unit, actor_id, units).
   */
  public static Dataset<Row> actorCounts(Dataset<Row> actorUnits) {
    return actorUnits
        .filter(col(ACTOR_B).isNull())
        .groupBy(col(UNIT), col(ACTOR_A).as(ACTOR_ID))
        .agg(sum(col(UNITS)).cast(DataTypes.LongType).as(UNITS));
  }

  /** Per-actor counts plus a night's. */
  public static Dataset<Row> addActorCounts(Dataset<Row> corpus, Dataset<Row> night) {
    return corpus
        .select(UNIT, ACTOR_ID, UNITS)
        .unionByName(night.select(UNIT, ACTOR_ID, UNITS))
        .groupBy(UNIT, ACTOR_ID)
        .agg(sum(col(UNITS)).as(UNITS));
  }

  /** Per pair and window: units naming both, articles naming both, first and last date. */
  public static Dataset<Row> pairTotals(Dataset<Row> actorUnits) {
    return actorUnits
        .filter(col(ACTOR_B).isNotNull())
        .groupBy(UNIT, ACTOR_A, ACTOR_B)
        .agg(
            sum(col(UNITS)).cast(DataTypes.LongType).as(PAIR_COUNT),
            count(lit(1)).as(ARTICLE_COUNT),
            min(col(PUBLISHED_DATE)).as(FIRST_DATE),
            max(col(PUBLISHED_DATE)).as(LAST_DATE));
  }

  /** Pair totals (actor_comentions rows or {@link #pairTotals}) plus a night's. */
  public static Dataset<Row> addPairTotals(Dataset<Row> corpus, Dataset<Row> night) {
    String[] columns = {UNIT, ACTOR_A, ACTOR_B, PAIR_COUNT, ARTICLE_COUNT, FIRST_DATE, LAST_DATE};
    return corpus
        .selectExpr(columns)
        .unionByName(night.selectExpr(columns))
        .groupBy(UNIT, ACTOR_A, ACTOR_B)
        .agg(
            sum(col(PAIR_COUNT)).as(PAIR_COUNT),
            sum(col(ARTICLE_COUNT)).as(ARTICLE_COUNT),
            min(col(FIRST_DATE)).as(FIRST_DATE),
            max(col(LAST_DATE)).as(LAST_DATE));
  }

  /**
   * Co-mention strength per window: with N units in the window, PMI = ln(pair_count · N / (n_a ·
   * n_b)) and NPMI = PMI / −ln(pair_count / N), 1 for actors only ever named together, 0 for
   * independent ones, −1 for never together. Returns the {@code actor_comentions} shape without
   * run_id.
   *
   * @param actorCounts units naming each actor ({@link #actorCounts}): n_a and n_b
   * @param unitsPerWindow the number of units of each window, in the order of {@code windows}
   */
  public static Dataset<Row> withPmi(
      Dataset<Row> pairTotals,
      Dataset<Row> actorCounts,
      List<String> windows,
      List<Long> unitsPerWindow) {
    Column total = lit(null).cast(DataTypes.LongType);
    for (int i = windows.size() - 1; i >= 0; i--) {
      total = when(col(UNIT).equalTo(windows.get(i)), lit(unitsPerWindow.get(i))).otherwise(total);
    }
    Column lnTotal = log(col("n_total"));
    Column lnPair = log(col(PAIR_COUNT));
    Column pmi = lnPair.plus(lnTotal).minus(log(col("n_a"))).minus(log(col("n_b")));
    Dataset<Row> n = actorCounts.select(UNIT, ACTOR_ID, UNITS);
    return pairTotals
        .join(
            n.withColumnsRenamed(Map.of(ACTOR_ID, ACTOR_A, UNITS, "n_a")),
            new String[] {UNIT, ACTOR_A})
        .join(
            n.withColumnsRenamed(Map.of(ACTOR_ID, ACTOR_B, UNITS, "n_b")),
            new String[] {UNIT, ACTOR_B})
        .withColumn("n_total", total)
        .withColumns(
            Map.of(
                PMI,
                pmi,
                NPMI,
                when(lnTotal.equalTo(lnPair), lit(1.0))
                    .otherwise(pmi.divide(lnTotal.minus(lnPair)))))
        .select(
            UNIT, ACTOR_A, ACTOR_B, PAIR_COUNT, ARTICLE_COUNT, PMI, NPMI, FIRST_DATE, LAST_DATE);
  }

  /**
   * Pair counts per period of dated units: the {@code actor_comentions_by_period} shape without
   * run_id.
   */
  public static Dataset<Row> byPeriod(Dataset<Row> actorUnits, List<String> periods) {
    if (periods.isEmpty()) {
      return Tables.empty(actorUnits.sparkSession(), Tables.ACTOR_COMENTIONS_BY_PERIOD);
    }
    return actorUnits
        .filter(col(ACTOR_B).isNotNull().and(col(PUBLISHED_DATE).isNotNull()))
        .select(
            col(UNIT),
            col(ACTOR_A),
            col(ACTOR_B),
            col(UNITS),
            Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
        .groupBy(
            col("p." + PERIOD).as(PERIOD),
            col("p." + PERIOD_START).as(PERIOD_START),
            col(UNIT),
            col(ACTOR_A),
            col(ACTOR_B))
        .agg(sum(col(UNITS)).cast(DataTypes.LongType).as(PAIR_COUNT))
        .select(PERIOD, PERIOD_START, UNIT, ACTOR_A, ACTOR_B, PAIR_COUNT);
  }
}
