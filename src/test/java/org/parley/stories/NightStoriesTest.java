package org.parley.stories;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.stories.StoryTexts.articlesOf;
import static org.parley.stories.StoryTexts.words;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Stories after a night (history stories and band keys, plus the night's articles) against a
 * rebuild over history and night together: the same stories, representatives and similarities.
 */
class NightStoriesTest {
  private static final int SHINGLE_WORDS = 5;
  private static final double MIN_SIMILARITY = 0.5;
  private static final int BANDS = 40;
  private static final long SEED = 42;

  @Test
  void aNightJoinsMergesAndStartsStoriesAsARebuildWould() throws IOException {
    Map<String, String> history = new LinkedHashMap<>();
    List<String> seeds = StoryTexts.seeds();
    for (int i = 0; i < seeds.size(); i++) {
      history.put("seed" + i, seeds.get(i));
    }
    // 5-word shingles: h-b and h-d share 56 of 136 (0.41), two stories; the night's a-bridge
    // shares 76 of 116 (0.66) with each, and its id is smaller than both.
    history.put("h-b", words(0, 100));
    history.put("h-d", words(40, 140));
    history.put("h-x", words(500, 600));
    history.put("h-x-copy", words(500, 600));
    Map<String, String> night = new LinkedHashMap<>();
    night.put("a-bridge", words(20, 120));
    night.put("n-x-edit", words(505, 600) + " and one more line");
    night.put("n-p", words(1000, 1100));
    night.put("n-p-copy", words(1000, 1100));
    night.put("n-alone", words(2000, 2100));
    night.put("n-short", "Hi.");
    night.put("n-seed-copy", history.get("seed2"));

    Map<String, Row> after = byArticle(nightOnto(history, night, BANDS).orElseThrow());
    Map<String, Row> rebuilt = byArticle(rebuild(history, night, BANDS));
    assertEquals(rebuilt, after);
    assertEquals("story_a-bridge", after.get("h-b").getAs("story_id"));
    assertEquals("story_a-bridge", after.get("h-d").getAs("story_id"));
    assertEquals("story_h-x", after.get("n-x-edit").getAs("story_id"));
    assertEquals("story_n-p", after.get("n-p-copy").getAs("story_id"));
    // An exact copy whose id sorts first becomes its story's representative.
    assertEquals("story_n-seed-copy", after.get("seed2").getAs("story_id"));
    assertEquals("story_n-short", after.get("n-short").getAs("story_id"));
    assertEquals(1.0, (double) after.get("seed2").getAs("similarity_to_representative"));
    assertEquals(history.size() + night.size(), after.size());

    // What a night merges into the stored table: its articles, and the history articles whose
    // story got a new representative; h-x and h-x-copy keep theirs and are not rewritten.
    Set<String> changed =
        new TreeSet<>(byArticle(nightChanges(history, night, BANDS).orElseThrow()).keySet());
    Set<String> expected = new TreeSet<>(night.keySet());
    expected.addAll(List.of("h-b", "h-d", "seed2"));
    assertEquals(expected, changed);
  }

  @Test
  void aNightThatCopiesNothingLeavesEveryStoryAndAddsItsOwn() {
    Map<String, String> history =
        Map.of("h-x", words(500, 600), "h-x-copy", words(500, 600), "h-y", words(700, 800));
    // Shares shingles with h-y, but too few (16 of 176) to be a copy.
    Map<String, String> night = Map.of("n-1", words(780, 880), "n-short", "Hi.");
    Map<String, Row> after = byArticle(nightOnto(history, night, BANDS).orElseThrow());
    assertEquals(byArticle(rebuild(history, night, BANDS)), after);
    assertEquals("story_h-x", after.get("h-x-copy").getAs("story_id"));
    assertEquals("story_n-1", after.get("n-1").getAs("story_id"));
  }

  @Test
  void aBucketThatGrowsPastTheHubSizeOrGetsASmallerFirstMemberAsksForARecount() {
    String text = words(0, 30);
    int max = StoryTransforms.MAX_BUCKET;
    // At the hub size before the night, past it after: history pairs a rebuild no longer makes.
    assertTrue(nightOnto(copies("h", max, text), Map.of("n-1", text), 2).isEmpty());
    // Past it already: a later id pairs with the first member, as a rebuild pairs it ...
    Map<String, String> big = copies("h", max + 1, text);
    Optional<Dataset<Row>> later = nightOnto(big, Map.of("n-1", text), 2);
    assertTrue(later.isPresent());
    assertEquals(byArticle(rebuild(big, Map.of("n-1", text), 2)), byArticle(later.orElseThrow()));
    // ... but a smaller id would become the first member.
    assertTrue(nightOnto(big, Map.of("a-1", text), 2).isEmpty());
  }

  private static Optional<Dataset<Row>> nightOnto(
      Map<String, String> history, Map<String, String> night, int bands) {
    return night(history, night, bands, false);
  }

  private static Optional<Dataset<Row>> nightChanges(
      Map<String, String> history, Map<String, String> night, int bands) {
    return night(history, night, bands, true);
  }

  /** The stories after the night, or only the rows it changes. */
  private static Optional<Dataset<Row>> night(
      Map<String, String> history, Map<String, String> night, int bands, boolean changesOnly) {
    Dataset<Row> historyHashes = StoryTransforms.shingleHashes(articlesOf(history), SHINGLE_WORDS);
    Dataset<Row> stories = StoryTransforms.storiesOf(historyHashes, MIN_SIMILARITY, bands, SEED);
    Dataset<Row> historyBands = StoryTransforms.bandKeys(historyHashes, bands, SEED);
    Dataset<Row> nightBands =
        StoryTransforms.bandKeys(
            StoryTransforms.shingleHashes(articlesOf(night), SHINGLE_WORDS), bands, SEED);
    Map<String, String> all = new LinkedHashMap<>(history);
    all.putAll(night);
    Dataset<Row> articles = articlesOf(all);
    UnaryOperator<Dataset<Row>> hashesOf =
        ids ->
            StoryTransforms.shingleHashes(
                articles.join(broadcast(ids), new String[] {"article_id"}, "left_semi"),
                SHINGLE_WORDS);
    return changesOnly
        ? NightStories.changes(stories, historyBands, nightBands, hashesOf, MIN_SIMILARITY)
        : NightStories.storiesAfter(stories, historyBands, nightBands, hashesOf, MIN_SIMILARITY);
  }

  private static Dataset<Row> rebuild(
      Map<String, String> history, Map<String, String> night, int bands) {
    Map<String, String> all = new LinkedHashMap<>(history);
    all.putAll(night);
    return StoryTransforms.stories(articlesOf(all), SHINGLE_WORDS, MIN_SIMILARITY, bands, SEED);
  }

  /** Rows by article id, the similarity rounded to 9 places. */
  private static Map<String, Row> byArticle(Dataset<Row> stories) {
    return stories
        .select(
            col("article_id"),
            col("story_id"),
            col("is_representative"),
            round(col("similarity_to_representative"), 9).as("similarity_to_representative"))
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  private static Map<String, String> copies(String prefix, int n, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(String.format("%s%05d", prefix, i), text);
    }
    return out;
  }
}
