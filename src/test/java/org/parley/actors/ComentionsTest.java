package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/** Co-mention counts and PMI/NPMI on a corpus small enough to check by hand. */
class ComentionsTest {
  private static final StructType MENTIONS =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("published_date", DataTypes.DateType)
          .add("sentence_index", DataTypes.IntegerType)
          .add("actor_id", DataTypes.StringType);

  /**
   * Two articles, four sentences in all (N = 4 sentence units, 2 article units): a1 s0 {A, B, B},
   * a1 s1 {A, B}, a1 s2 {A}, a2 s0 {C}.
   */
  private static Dataset<Row> mentions() {
    Date d1 = Date.valueOf("2017-11-02");
    Date d2 = Date.valueOf("2017-11-20");
    return SparkTestSupport.spark()
        .createDataFrame(
            List.of(
                RowFactory.create("a1", d1, 0, "A"),
                RowFactory.create("a1", d1, 0, "B"),
                RowFactory.create("a1", d1, 0, "B"),
                RowFactory.create("a1", d1, 1, "A"),
                RowFactory.create("a1", d1, 1, "B"),
                RowFactory.create("a1", d1, 2, "A"),
                RowFactory.create("a2", d2, 0, "C")),
            MENTIONS);
  }

  @Test
  void unitsCountEachActorAndPairOncePerUnitWithinEachArticle() {
    List<String> rows =
        ActorTransforms.actorUnits(mentions(), List.of("sentence", "article"))
            .collectAsList()
            .stream()
            .map(
                r ->
                    r.getAs("unit")
                        + " "
                        + r.getAs("article_id")
                        + " "
                        + r.getAs("actor_a")
                        + "+"
                        + r.getAs("actor_b")
                        + "="
                        + r.getAs("units"))
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "article a1 A+B=1",
            "article a1 A+null=1",
            "article a1 B+null=1",
            "article a2 C+null=1",
            "sentence a1 A+B=2",
            "sentence a1 A+null=3",
            "sentence a1 B+null=2",
            "sentence a2 C+null=1"),
        rows);
  }

  @Test
  void pmiAndNpmiMatchTheHandComputation() {
    List<Row> rows =
        ActorTransforms.comentions(
                ActorTransforms.actorUnits(mentions(), List.of("sentence", "article")),
                List.of("sentence", "article"),
                List.of(4L, 2L))
            .orderBy("unit", "actor_a", "actor_b")
            .collectAsList();
    assertEquals(2, rows.size(), rows.toString());
    Row article = rows.get(0);
    Row sentence = rows.get(1);
    // Sentences: A in 3 of 4, B in 2 of 4 (the repeat in s0 counts once), both in 2.
    // PMI = ln(2·4 / (3·2)) = ln(4/3) = 0.28768; NPMI = 0.28768 / −ln(2/4) = 0.41504.
    assertEquals("sentence", sentence.getAs("unit"));
    assertEquals("A", sentence.getAs("actor_a"));
    assertEquals("B", sentence.getAs("actor_b"));
    assertEquals(2L, sentence.<Long>getAs("pair_count"));
    assertEquals(1L, sentence.<Long>getAs("article_count"));
    assertEquals(Math.log(4.0 / 3.0), sentence.<Double>getAs("pmi"), 1e-9);
    assertEquals(Math.log(4.0 / 3.0) / Math.log(2.0), sentence.<Double>getAs("npmi"), 1e-9);
    assertEquals(Date.valueOf("2017-11-02"), sentence.getAs("first_date"));
    // Articles: A and B both in a1 only; N = 2: PMI = ln(1·2 / (1·1)) = ln 2; NPMI = ln 2 / ln 2 =
    // 1.
    assertEquals("article", article.getAs("unit"));
    assertEquals(1L, article.<Long>getAs("pair_count"));
    assertEquals(Math.log(2.0), article.<Double>getAs("pmi"), 1e-9);
    assertEquals(1.0, article.<Double>getAs("npmi"), 1e-9);
  }

  @Test
  void pairsAlwaysTogetherInEveryUnitHaveNpmiOne() {
    Date d = Date.valueOf("2020-01-01");
    Dataset<Row> m =
        SparkTestSupport.spark()
            .createDataFrame(
                List.of(RowFactory.create("a", d, 0, "X"), RowFactory.create("a", d, 0, "Y")),
                MENTIONS);
    Row r =
        ActorTransforms.comentions(
                ActorTransforms.actorUnits(m, List.of("sentence")),
                List.of("sentence"),
                List.of(1L))
            .first();
    assertEquals(0.0, r.<Double>getAs("pmi"), 1e-12);
    assertEquals(1.0, r.<Double>getAs("npmi"), 1e-12);
  }

  @Test
  void countsByPeriodUseDatedUnitsOnly() {
    Dataset<Row> m =
        mentions()
            .union(
                SparkTestSupport.spark()
                    .createDataFrame(
                        List.of(
                            RowFactory.create("a3", null, 0, "A"),
                            RowFactory.create("a3", null, 0, "B")),
                        MENTIONS));
    List<Row> rows =
        ActorTransforms.comentionsByPeriod(
                ActorTransforms.actorUnits(m, List.of("sentence")), List.of("month", "week"))
            .orderBy("period")
            .collectAsList();
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("month", rows.get(0).getAs("period"));
    assertEquals(Date.valueOf("2017-11-01"), rows.get(0).getAs("period_start"));
    assertEquals(
        2L, rows.get(0).<Long>getAs("pair_count"), "the undated article's pair is not in a period");
    assertEquals("week", rows.get(1).getAs("period"));
    assertEquals(
        Date.valueOf("2017-10-30"), rows.get(1).getAs("period_start"), "weeks start on Monday");
  }
}
