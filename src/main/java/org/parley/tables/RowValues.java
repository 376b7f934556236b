package org.parley.tables;

import java.util.List;

/** Values for rows built in Java code and encoded with {@code Encoders.row}. */
public final class RowValues {
  private RowValues() {}

  /** Row encoders take array columns as Scala sequences, not Java lists. */
  public static scala.collection.Seq<Object> array(List<?> values) {
    @SuppressWarnings("unchecked")
    List<Object> objects = (List<Object>) values;
    return scala.jdk.javaapi.CollectionConverters.asScala(objects);
  }
}
