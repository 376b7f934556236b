package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Small explicit DataFrames for transform tests, and spark-testing-base's comparisons on the shared
 * session. Expected frames take the actual frame's schema, since the comparisons include
 * nullability.
 */
public final class Frames {
  private Frames() {}

  /** Only its assertion helpers are used; it starts no SparkContext of its own. */
  private static final JavaDataFrameSuiteBase ASSERTIONS = new JavaDataFrameSuiteBase();

  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  public static Dataset<Row> frame(StructType schema, Row... rows) {
    return SparkTestSupport.spark().createDataFrame(Arrays.asList(rows), schema);
  }

  public static Dataset<Row> frame(StructType schema, List<Row> rows) {
    return SparkTestSupport.spark().createDataFrame(new ArrayList<>(rows), schema);
  }

  /** Same rows in any order, with the actual frame's schema. */
  public static void assertSameRows(Dataset<Row> actual, Row... expected) {
    ASSERTIONS.assertDataFrameNoOrderEquals(frame(actual.schema(), expected), actual);
  }

  /**
   * Same rows, doubles within {@code tolerance}; both sides sorted by {@code orderBy}. (Not
   * spark-testing-base's assertDataFrameApproximateEquals: its closure serialises the suite object,
   * which needs Hive classes this project does not have.)
   */
  public static void assertApproximatelySameRows(
      Dataset<Row> actual, double tolerance, String[] orderBy, Row... expected) {
    String first = orderBy[0];
    String[] rest = Arrays.copyOfRange(orderBy, 1, orderBy.length);
    List<Row> want = frame(actual.schema(), expected).orderBy(first, rest).collectAsList();
    List<Row> got = actual.orderBy(first, rest).collectAsList();
    assertEquals(want.size(), got.size(), () -> "row count; got " + got);
    for (int i = 0; i < want.size(); i++) {
      Row w = want.get(i);
      Row g = got.get(i);
      for (int c = 0; c < w.length(); c++) {
        String where =
            "row "
                + i
                + " column "
                + actual.schema().fields()[c].name()
                + ": expected "
                + w
                + ", got "
                + g;
        if (w.get(c) instanceof Double d && g.get(c) instanceof Double e) {
          assertEquals(d, e, tolerance, where);
        } else {
          assertEquals(w.get(c), g.get(c), where);
        }
      }
    }
  }
}
