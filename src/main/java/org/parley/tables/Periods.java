package org.parley.tables;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The period columns every trend table shares: period (day | week | month) and period_start. */
public final class Periods {
  private Periods() {}

  /** The first day of the period holding each date: the day itself, Monday of its week, the 1st. */
  public static Column start(String period, Column date) {
    return "day".equals(period) ? date : trunc(date, period);
  }

  /** One struct (period, period_start) per configured period, exploded: a row per period kind. */
  public static Column explodeAll(List<String> periods, Column date) {
    List<Column> structs = new ArrayList<>();
    for (String p : periods) {
      structs.add(struct(lit(p).as(Columns.PERIOD), start(p, date).as(Columns.PERIOD_START)));
    }
    return explode(array(structs.toArray(Column[]::new)));
  }

  /**
   * The (period, period_start) pairs that rows' dates fall in ({@code published_date}; undated rows
   * have none): the periods whose trend rows new articles change. Small: one per day, week and
   * month the rows were published in.
   */
  public static Dataset<Row> touched(Dataset<Row> dated, List<String> periods) {
    return dated
        .filter(col(Columns.PUBLISHED_DATE).isNotNull())
        .select(Columns.PUBLISHED_DATE)
        .distinct()
        .select(explodeAll(periods, col(Columns.PUBLISHED_DATE)).as("p"))
        .select(
            col("p." + Columns.PERIOD).as(Columns.PERIOD),
            col("p." + Columns.PERIOD_START).as(Columns.PERIOD_START))
        .distinct();
  }

  /**
   * A SQL condition on a merge's target rows ({@code t.}) that holds only in the given periods
   * (rows of {@link #touched}): Delta skips the files whose period_start statistics fall outside.
   */
  public static String inPeriods(List<Row> touched) {
    return inPeriods(touched, "t.");
  }

  /**
   * The condition of {@link #inPeriods(List)} on columns with the given prefix ("" for a plain
   * filter, which Delta's file statistics skip by as well).
   */
  public static String inPeriods(List<Row> touched, String prefix) {
    if (touched.isEmpty()) {
      return "false";
    }
    List<String> terms = new ArrayList<>();
    for (String period : touched.stream().map(r -> r.getString(0)).distinct().sorted().toList()) {
      List<String> starts =
          touched.stream()
              .filter(r -> r.getString(0).equals(period))
              .map(r -> "DATE'" + r.getDate(1) + "'")
              .sorted()
              .toList();
      terms.add(
          "("
              + prefix
              + Columns.PERIOD
              + " = '"
              + period
              + "' AND "
              + prefix
              + Columns.PERIOD_START
              + " IN ("
              + String.join(", ", starts)
              + "))");
    }
    return "(" + String.join(" OR ", terms) + ")";
  }
}
