package org.parley.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TopicLineageTest {
  private static final StructType TERMS =
      new StructType()
          .add("topic_id", DataTypes.IntegerType)
          .add("term", DataTypes.StringType)
          .add("weight", DataTypes.DoubleType);

  private static void topic(List<Row> rows, int id, Object... termWeights) {
    for (int i = 0; i < termWeights.length; i += 2) {
      rows.add(
          new GenericRowWithSchema(new Object[] {id, termWeights[i], termWeights[i + 1]}, TERMS));
    }
  }

  @Test
  void continuedTopicsKeepTheirIdsAndNewOnesGetFreshIds() {
    List<Row> before = new ArrayList<>();
    topic(before, 0, "ceasefire", 0.3, "truce", 0.2, "aleppo", 0.1);
    topic(before, 1, "geneva", 0.3, "talks", 0.3, "envoy", 0.1);
    topic(before, 2, "chemical", 0.4, "attack", 0.2);
    List<Row> after = new ArrayList<>();
    topic(after, 0, "talks", 0.3, "geneva", 0.25, "opposition", 0.1); // was 1
    topic(after, 1, "refugees", 0.4, "border", 0.2); // new
    topic(after, 2, "truce", 0.25, "ceasefire", 0.3, "idlib", 0.1); // was 0
    List<TopicLineage.Link> links = TopicLineage.match(before, after, 3);
    assertEquals(1, links.get(0).topicId());
    assertEquals(1, links.get(0).previousTopicId());
    assertEquals(
        3, links.get(1).topicId(), "above every old id: 2 ended, and no new topic takes its id");
    assertNull(links.get(1).previousTopicId());
    assertEquals(0, links.get(2).topicId());
    assertTrue(links.get(2).similarity() > 0.8 && links.get(2).similarity() <= 1.0);
  }

  @Test
  void eachOldTopicContinuesInOneNewTopicAtMost() {
    List<Row> before = new ArrayList<>();
    topic(before, 0, "geneva", 0.5, "talks", 0.5);
    List<Row> after = new ArrayList<>();
    topic(after, 0, "geneva", 0.5, "talks", 0.4);
    topic(after, 1, "geneva", 0.5, "talks", 0.5); // the closer one continues topic 0
    List<TopicLineage.Link> links = TopicLineage.match(before, after, 2);
    assertEquals(0, links.get(1).topicId());
    assertEquals(1, links.get(0).topicId());
    assertNull(links.get(0).previousTopicId());
  }
}
