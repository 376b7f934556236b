package org.parley.bench;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.tables.Tables;

/** The topic model a Parley run selected, as recorded in its published topic_models table. */
final class ParleyTopics {
  private ParleyTopics() {}

  static Map<String, Object> figures(SparkSession spark, String output) {
    Row selected =
        spark
            .read()
            .format("delta")
            .load(new Path(output, Tables.TOPIC_MODELS.name()).toString())
            .filter(col("selected"))
            .first();
    Map<String, Object> m = new LinkedHashMap<>();
    for (String field :
        new String[] {
          "model_id",
          "algorithm",
          "k",
          "vocab_size",
          "params",
          "mean_npmi",
          "topic_diversity",
          "balance",
          "article_count"
        }) {
      m.put(field, selected.getAs(field));
    }
    return m;
  }

  static String modelId(Map<String, Object> figures) {
    return (String) figures.get("model_id");
  }

  static int k(Map<String, Object> figures) {
    return (Integer) figures.get("k");
  }
}
