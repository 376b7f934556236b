package org.parley;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * Every data table of an output as sorted row strings, for comparing two runs that should agree:
 * without run ids and timestamps, doubles rounded to the given places (sums taken in another order
 * differ in the last bits).
 */
public final class TableSnapshots {
  private TableSnapshots() {}

  public static Map<String, List<String>> of(SparkSession spark, Path output, int places) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Table t : Tables.DATA) {
      if (!Files.exists(output.resolve(t.name()))) {
        continue;
      }
      Dataset<Row> rows =
          spark.read().format("delta").load(output.resolve(t.name()).toString()).drop("run_id");
      List<Column> columns = new ArrayList<>();
      for (StructField f : rows.schema().fields()) {
        if (f.dataType().equals(DataTypes.TimestampType)) {
          continue;
        }
        columns.add(
            f.dataType().equals(DataTypes.DoubleType)
                ? round(col(f.name()), places).as(f.name())
                : col(f.name()));
      }
      out.put(
          t.name(),
          rows.select(columns.toArray(Column[]::new)).collectAsList().stream()
              .map(Row::toString)
              .sorted()
              .toList());
    }
    return out;
  }

  /** Same tables, row for row; on a difference, names the table and a few rows each way. */
  public static void assertEqual(
      Map<String, List<String>> expected, Map<String, List<String>> actual) {
    assertEquals(expected.keySet(), actual.keySet(), "tables");
    for (String table : expected.keySet()) {
      List<String> e = expected.get(table);
      List<String> a = actual.get(table);
      if (!e.equals(a)) {
        List<String> missing = e.stream().filter(r -> !a.contains(r)).limit(3).toList();
        List<String> extra = a.stream().filter(r -> !e.contains(r)).limit(3).toList();
        fail(
            table
                + ": "
                + e.size()
                + " rows expected, "
                + a.size()
                + " found; missing "
                + missing
                + ", extra "
                + extra);
      }
    }
  }
}
