package org.parley.tables;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

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
}
