package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.sql.Date;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;
import org.parley.tables.RowValues;
import org.parley.tables.Tables;
import org.parley.text.TextOptions;

/**
 * The distributed actor finder: sentences analysed again from the article text, checked against
 * ingest's.
 */
class FindActorsTest {
  private static final String DICTIONARY =
      """
      actors:
        - {id: snc, name: Syrian Negotiations Committee, type: ORGANIZATION, aliases: [SNC]}
        - {id: russia, name: Russia, type: STATE, metonyms: [Moscow]}
      """;
  private static final StructType ARTICLES =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("published_date", DataTypes.DateType)
          .add("text", DataTypes.StringType)
          .add("n_sentences", DataTypes.IntegerType)
          .add("furniture_spans", new ArrayType(Tables.SPAN, false));
  private static final String TEXT =
      "The talks resumed on Monday.\nThe SNC said Moscow had not kept its word.";

  private static Dataset<Row> find(int ingestedSentences) throws Exception {
    return find(ingestedSentences, List.of());
  }

  private static Dataset<Row> find(int ingestedSentences, List<Row> furnitureSpans)
      throws Exception {
    ActorDictionary dictionary =
        ActorDictionary.parse(new ObjectMapper(new YAMLFactory()).readTree(DICTIONARY), "test");
    JavaSparkContext jsc =
        JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext());
    Dataset<Row> articles =
        SparkTestSupport.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        "a1",
                        Date.valueOf("2017-11-02"),
                        TEXT,
                        ingestedSentences,
                        RowValues.array(furnitureSpans))),
                ARTICLES);
    return ActorTransforms.findActors(
        articles,
        new TextOptions(2000, List.of()),
        jsc.broadcast(AliasTrie.of(dictionary)),
        jsc.broadcast(Set.of("the", "talks")),
        true);
  }

  @Test
  void mentionsPointIntoTheArticleTextAndItsSecondSentence() throws Exception {
    List<Row> mentions = ActorTransforms.mentionRows(find(2)).orderBy("char_start").collectAsList();
    assertEquals(
        List.of("snc", "russia"), mentions.stream().map(r -> r.<String>getAs("actor_id")).toList());
    for (Row m : mentions) {
      assertEquals(1, m.<Integer>getAs("sentence_index"));
      assertEquals(
          m.<String>getAs("surface"),
          TEXT.substring(m.<Integer>getAs("char_start"), m.<Integer>getAs("char_end")));
      assertEquals(Date.valueOf("2017-11-02"), m.getAs("published_date"));
    }
  }

  @Test
  void theSentencesAreCutByTheFurnitureIngestStoredForTheArticle() throws Exception {
    // Ingest found the first sentence to be furniture: the SNC's sentence is sentence 0 of 1.
    Row span = RowFactory.create(0, TEXT.indexOf('\n'));
    List<Row> mentions =
        ActorTransforms.mentionRows(find(1, List.of(span))).orderBy("char_start").collectAsList();
    assertEquals(2, mentions.size());
    for (Row m : mentions) {
      assertEquals(0, m.<Integer>getAs("sentence_index"));
      assertEquals(
          m.<String>getAs("surface"),
          TEXT.substring(m.<Integer>getAs("char_start"), m.<Integer>getAs("char_end")));
    }
  }

  @Test
  void sentencesThatDifferFromIngestFailWithWhatToDo() {
    Exception e = assertThrows(Exception.class, () -> find(3).collectAsList());
    String message =
        String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
    assertTrue(message.contains("run the ingest stage again"), message);
  }
}
