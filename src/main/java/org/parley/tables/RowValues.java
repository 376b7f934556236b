package org.parley.tables;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** Values for rows built in Java code and encoded with {@code Encoders.row}. */
public final class RowValues {
  private RowValues() {}

  /**
   * The items of a partition, each mapped by {@code f} to a row, lazily: what a {@code
   * mapPartitions} returns after it has set up its per-partition state (an analyzer, a finder), and
   * what a {@code flatMap} over a large file returns, so its records are never held as rows.
   */
  public static <T> Iterator<Row> mapEach(Iterator<T> items, Function<T, Row> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Row next() {
        return f.apply(items.next());
      }
    };
  }

  /** Row encoders take array columns as Scala sequences, not Java lists. */
  public static scala.collection.Seq<Object> array(List<?> values) {
    @SuppressWarnings("unchecked")
    List<Object> objects = (List<Object>) values;
    return scala.jdk.javaapi.CollectionConverters.asScala(objects);
  }
}
