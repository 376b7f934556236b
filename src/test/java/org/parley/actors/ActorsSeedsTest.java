package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.SparkTestSupport;
import org.parley.job.ParleyJob;

/** The actor stage on seeds/ with the shipped dictionary: who is named, and who said what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActorsSeedsTest {
  private SparkSession spark;
  private Path out;

  @BeforeAll
  void runJob() {
    spark = SparkTestSupport.spark();
    out = SparkTestSupport.tempDir("parley-actors-seeds");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                Map.of(),
                Map.of(
                    "input.paths",
                    List.of("seeds/"),
                    "output.path",
                    out.toString(),
                    "run.stages",
                    List.of("ingest", "terms", "actors"))))
        .run();
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(out.resolve(name).toString());
  }

  /** actor_id → the set of seed files (by prefix 000..004) in which it is mentioned. */
  private Map<String, Set<String>> mentionedIn() {
    Map<String, Set<String>> byActor = new HashMap<>();
    List<Row> rows =
        table("actor_mentions")
            .join(table("articles").select("article_id", "source_path"), "article_id")
            .select("actor_id", "source_path")
            .distinct()
            .collectAsList();
    for (Row r : rows) {
      String path = r.getString(1);
      String file = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 4);
      byActor.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(file);
    }
    return byActor;
  }

  @Test
  void everyNamedPersonOrganisationStateAndIgoIsResolved() {
    Map<String, Set<String>> in = mentionedIn();
    Map<String, String> expected =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("badr_jamous", "000"),
                Map.entry("geir_pedersen", "000"),
                Map.entry("arab_league", "000"),
                Map.entry("yehya_al_aridi", "001"),
                Map.entry("bashar_al_jaafari", "001"),
                Map.entry("ahmed_ramadan", "001"),
                Map.entry("syrian_national_coalition", "001"),
                Map.entry("sana", "001"),
                Map.entry("ahmed_tohmeh", "002"),
                Map.entry("iran", "002"),
                Map.entry("unhcr", "002"),
                Map.entry("rudaw", "002"),
                Map.entry("barbara_leaf", "003"),
                Map.entry("natasha_franceschi", "003"),
                Map.entry("nicholas_granger", "003"),
                Map.entry("hadi_al_bahra", "003"),
                Map.entry("abdulrahman_mustafa", "003"),
                Map.entry("hakan_fidan", "003"),
                Map.entry("jean_francois_guillaume", "003"),
                Map.entry("eu", "003"),
                Map.entry("unga", "003"),
                Map.entry("staffan_de_mistura", "004"),
                Map.entry("nasr_al_hariri", "004")));
    expected.forEach(
        (actor, file) ->
            assertTrue(
                in.getOrDefault(actor, Set.of()).contains(file),
                actor + " not found in seed " + file + ": " + in.get(actor)));
    assertEquals(Set.of("000", "001", "002", "003", "004"), in.get("syria"));
    // Seed 003 names the UN only as its General Assembly (unga, checked above).
    assertTrue(in.get("un").containsAll(Set.of("000", "001", "002", "004")), "UN: " + in.get("un"));
    assertTrue(
        in.get("russia").containsAll(Set.of("000", "001", "002", "004")),
        "Russia: " + in.get("russia"));
    assertTrue(
        in.get("bashar_al_assad").containsAll(Set.of("000", "001", "004")),
        "Assad: " + in.get("bashar_al_assad"));
  }

  @Test
  void spellingsResolveToOneActor() {
    List<Row> rows =
        table("actor_mentions")
            .groupBy("actor_id")
            .agg(org.apache.spark.sql.functions.collect_set("surface").as("s"))
            .collectAsList();
    Map<String, Set<String>> surfaces = new HashMap<>();
    for (Row r : rows) {
      surfaces.put(r.getString(0), new HashSet<>(r.getList(1)));
    }
    assertTrue(
        surfaces
            .get("snc")
            .containsAll(
                Set.of(
                    "Syrian Negotiations Committee",
                    "Syrian Negotiating Commission",
                    "SNC",
                    "High Negotiations Committee")),
        surfaces.get("snc").toString());
    assertTrue(
        surfaces.get("turkey").containsAll(Set.of("Türkiye", "Turkey")),
        surfaces.get("turkey").toString());
    assertTrue(
        surfaces
            .get("bashar_al_assad")
            .containsAll(Set.of("Bashar al Assad", "Bashar al-Assad", "Assad")),
        surfaces.get("bashar_al_assad").toString());
    assertTrue(surfaces.get("badr_jamous").contains("Jamous"), "surname after the full name");
  }

  @Test
  void quotesHaveTheirSpeakers() {
    List<Row> quotes =
        table("quotes")
            .filter("published_date = DATE'2024-03-01'")
            .orderBy("quote_index")
            .collectAsList();
    assertEquals(3, quotes.size(), quotes.toString());
    for (Row q : quotes) {
      assertEquals("badr_jamous", q.getAs("speaker_actor_id"), q.toString());
    }
    assertTrue(quotes.get(0).<String>getAs("quote_text").startsWith("It’s not the US or Russia"));
    assertEquals("pronoun", quotes.get(0).getAs("attribution"));
    assertEquals("Jamous", quotes.get(1).getAs("speaker_surface"));

    List<Row> aridi =
        table("quotes")
            .filter("speaker_actor_id = 'yehya_al_aridi'")
            .orderBy("quote_index")
            .collectAsList();
    assertEquals(3, aridi.size(), aridi.toString());
    assertTrue(
        aridi.get(1).<String>getAs("quote_text").startsWith("We have dozens of reasons"),
        "after 'he added'");
    assertTrue(
        aridi.get(2).<String>getAs("quote_text").startsWith("Russia wants to impose"),
        "after 'he said'");

    Row joke = table("quotes").filter("quote_text = 'a joke'").first();
    assertNull(joke.getAs("speaker_actor_id"));
    assertEquals("none", joke.getAs("attribution"));
  }

  @Test
  void quoteAndMentionOffsetsSliceTheArticleText() {
    long badQuotes =
        table("quotes")
            .join(table("articles").select("article_id", "text"), "article_id")
            .filter("substring(text, char_start + 1, char_end - char_start) != quote_text")
            .count();
    assertEquals(0, badQuotes);
    long badMentions =
        table("actor_mentions")
            .join(table("articles").select("article_id", "text"), "article_id")
            .filter("substring(text, char_start + 1, char_end - char_start) != surface")
            .count();
    assertEquals(0, badMentions);
  }

  @Test
  void comentionsAreUnorderedPairsWithNpmiInRange() {
    Dataset<Row> c = table("actor_comentions");
    assertEquals(0, c.filter("actor_a >= actor_b").count());
    assertEquals(0, c.filter("npmi < -1 or npmi > 1").count());
    assertTrue(
        c.filter("unit = 'sentence' and actor_a = 'badr_jamous' and actor_b = 'snc'").count() == 1,
        "Jamous is named with the SNC in a sentence");
    assertTrue(
        table("actor_comentions_by_period")
                .filter("period = 'month' and period_start = DATE'2024-03-01'")
                .count()
            > 0);
  }
}
