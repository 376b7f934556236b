package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/**
 * actor_candidates summed over every mention, and after a night from the stored rows and the
 * night's mentions alone: the two must agree, the most frequent spelling and type included.
 */
class CandidatesTest {
  private static final StructType MENTIONS =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("published_date", DataTypes.DateType)
          .add("sentence_index", DataTypes.IntegerType)
          .add("surface", DataTypes.StringType)
          .add("normalized", DataTypes.StringType)
          .add("guessed_type", DataTypes.StringType);
  private static final StructType SENTENCES =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("sentence_index", DataTypes.IntegerType)
          .add("text", DataTypes.StringType);

  private static final Date NOV_2 = Date.valueOf("2017-11-02");
  private static final Date NOV_20 = Date.valueOf("2017-11-20");
  private static final Date DEC_1 = Date.valueOf("2017-12-01");

  /** The history: "Hamza Division" twice as spelled so, "al-Hamza" unknown-typed; "Idlib" once. */
  private static final List<Row> HISTORY =
      List.of(
          mention("b2", NOV_2, 0, "Hamza Division", "hamza division", "ORGANIZATION"),
          mention("b2", NOV_2, 1, "Hamza Division", "hamza division", "UNKNOWN"),
          mention("b3", NOV_20, 0, "HAMZA DIVISION", "hamza division", "UNKNOWN"),
          mention("b3", NOV_20, 2, "Idlib Council", "idlib council", "UNKNOWN"),
          mention("b4", null, 0, "Hamza Division", "hamza division", "UNKNOWN"));

  /**
   * The night: three more "HAMZA DIVISION" (now the most frequent spelling) in an article whose id
   * sorts first (its example becomes the name's), a new name, and no mention of "idlib council".
   */
  private static final List<Row> NIGHT =
      List.of(
          mention("a1", DEC_1, 3, "HAMZA DIVISION", "hamza division", "PERSON"),
          mention("a1", DEC_1, 4, "HAMZA DIVISION", "hamza division", "PERSON"),
          mention("c9", DEC_1, 0, "HAMZA DIVISION", "hamza division", "UNKNOWN"),
          mention("c9", DEC_1, 0, "Jaysh al-Ahrar", "jaysh al-ahrar", "ORGANIZATION"));

  private static Row mention(
      String article, Date date, int sentence, String surface, String normalized, String type) {
    return RowFactory.create(article, date, sentence, surface, normalized, type);
  }

  private static Dataset<Row> mentions(List<Row> rows) {
    return SparkTestSupport.spark().createDataFrame(rows, MENTIONS);
  }

  private static Dataset<Row> sentences(List<Row> mentions) {
    List<Row> rows = new ArrayList<>();
    for (Row m : mentions) {
      Row s =
          RowFactory.create(
              m.getString(0), m.getInt(2), "Sentence " + m.getInt(2) + " of " + m.getString(0));
      if (!rows.contains(s)) {
        rows.add(s);
      }
    }
    return SparkTestSupport.spark().createDataFrame(rows, SENTENCES);
  }

  private static Map<String, Row> byName(Dataset<Row> candidates) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : candidates.collectAsList()) {
      out.put(r.getAs("normalized"), r);
    }
    return out;
  }

  private static List<Row> all() {
    List<Row> all = new ArrayList<>(HISTORY);
    all.addAll(NIGHT);
    return all;
  }

  @Test
  void aSummaryKeepsEverySpellingAndTypeWithItsMentions() {
    Row hamza =
        byName(Candidates.summary(mentions(HISTORY), sentences(HISTORY))).get("hamza division");
    assertEquals("Hamza Division", hamza.getAs("surface"));
    // A known type wins over UNKNOWN, which is guessed more often.
    assertEquals("ORGANIZATION", hamza.getAs("guessed_type"));
    assertEquals(4L, (long) hamza.getAs("mention_count"));
    assertEquals(3L, (long) hamza.getAs("article_count"));
    assertEquals(NOV_2, hamza.getAs("first_date"));
    assertEquals(NOV_20, hamza.getAs("last_date"));
    assertEquals("b2", hamza.getAs("example_article_id"));
    assertEquals("Sentence 0 of b2", hamza.getAs("example_sentence"));
    List<Row> spellings = hamza.getList(hamza.fieldIndex("spellings"));
    assertEquals(
        List.of("Hamza Division=3", "HAMZA DIVISION=1"),
        spellings.stream().map(s -> s.getString(0) + "=" + s.getLong(1)).toList());
    List<Row> types = hamza.getList(hamza.fieldIndex("types"));
    assertEquals(
        List.of("ORGANIZATION=1", "UNKNOWN=3"),
        types.stream().map(t -> t.getString(0) + "=" + t.getLong(1)).toList());
  }

  @Test
  void aNightAddedToTheStoredRowsEqualsASummaryOfEveryMention() {
    Dataset<Row> stored = Candidates.summary(mentions(HISTORY), sentences(HISTORY));
    Map<String, Row> afterNight =
        byName(Candidates.afterNight(stored, mentions(NIGHT), sentences(NIGHT)));
    Map<String, Row> rebuilt = byName(Candidates.summary(mentions(all()), sentences(all())));
    assertEquals(rebuilt, afterNight);

    Row hamza = afterNight.get("hamza division");
    assertEquals("HAMZA DIVISION", hamza.getAs("surface"), "the night made it the most frequent");
    assertEquals("PERSON", hamza.getAs("guessed_type"), "2 against ORGANIZATION's 1");
    assertEquals(7L, (long) hamza.getAs("mention_count"));
    assertEquals(5L, (long) hamza.getAs("article_count"));
    assertEquals(NOV_2, hamza.getAs("first_date"));
    assertEquals(DEC_1, hamza.getAs("last_date"));
    assertEquals("a1", hamza.getAs("example_article_id"));
    assertEquals("Sentence 3 of a1", hamza.getAs("example_sentence"));
    assertEquals(
        stored.filter("normalized = 'idlib council'").first(),
        afterNight.get("idlib council"),
        "a name the night does not mention keeps its row");
    assertEquals(1L, (long) afterNight.get("jaysh al-ahrar").getAs("mention_count"));
  }
}
