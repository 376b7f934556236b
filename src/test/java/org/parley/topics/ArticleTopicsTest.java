package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/** Article topic rows from LDA weights: one row per topic, and which topic is dominant. */
class ArticleTopicsTest {
  @Test
  void heaviestTopicIsDominantAndAnArticleWithoutTermsHasNone() {
    SparkSession spark = SparkTestSupport.spark();
    Date day = Date.valueOf("2017-11-02");
    Dataset<Row> transformed =
        spark.createDataFrame(
            List.of(
                RowFactory.create("mixed", day, Vectors.dense(0.2, 0.7, 0.1)),
                RowFactory.create("tied", day, Vectors.dense(0.5, 0.0, 0.5)),
                RowFactory.create("no-terms", null, Vectors.dense(0.0, 0.0, 0.0))),
            new StructType()
                .add("article_id", DataTypes.StringType)
                .add("published_date", DataTypes.DateType)
                .add(TopicTransforms.DISTRIBUTION, new VectorUDT()));

    List<Row> rows =
        TopicTransforms.articleTopicsFromDistribution(transformed, "lda-test").collectAsList();

    assertEquals(9, rows.size(), "one row per article and topic");
    Map<String, Integer> dominant = new HashMap<>();
    Map<String, Double> weightSum = new HashMap<>();
    for (Row r : rows) {
      assertEquals("lda-test", r.getAs("model_id"));
      weightSum.merge(r.getAs("article_id"), r.<Double>getAs("weight"), Double::sum);
      if (r.<Boolean>getAs("is_dominant")) {
        assertEquals(
            null,
            dominant.put(r.getAs("article_id"), r.getAs("topic_id")),
            "one dominant topic each");
      }
    }
    assertEquals(
        Map.of("mixed", 1, "tied", 0),
        dominant,
        "ties go to the lowest id; no terms, no dominant topic");
    assertEquals(1.0, weightSum.get("mixed"), 1e-12);
    assertEquals(0.0, weightSum.get("no-terms"), 1e-12);
  }
}
