package org.parley.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.row;
import static org.parley.stories.StoryTexts.articlesOf;
import static org.parley.stories.StoryTexts.words;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.config.ConfigKeys;

/**
 * Stories on the five seed articles plus an edited copy, an exact copy, a synthetic chain and a
 * one-word article, with similarities checked against shingle sets computed here in plain Java.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoryTransformsTest {
  private static final int SHINGLE_WORDS = 5;
  private static final double MIN_SIMILARITY = 0.5;

  /**
   * Bands of 4 min-hashes: the chain's links (similarity 0.66) are proposed with probability 1 − (1
   * − 0.66^4)^40 = 0.9998. (Five MinHash tables sufficed when one min-hash collided with
   * probability 0.66; a band needs all four to agree.)
   */
  private static final int BANDS = 40;

  private static final long SEED = 42;

  private final Map<String, String> texts = new HashMap<>();
  private Dataset<Row> articles;
  private List<Row> output;
  private Map<String, Row> byArticle;

  @BeforeAll
  void runStories() throws IOException {
    List<String> seeds = StoryTexts.seeds();
    assertEquals(5, seeds.size());
    for (int i = 0; i < seeds.size(); i++) {
      texts.put("seed" + i, seeds.get(i));
    }
    texts.put("seed0-edited", edited(texts.get("seed0")));
    texts.put("seed1-copy", texts.get("seed1"));
    // 5-word shingles: a–b and b–c share 76 of 116 (0.66), a–c only 56 of 136 (0.41).
    texts.put("chain-a", words(0, 100));
    texts.put("chain-b", words(20, 120));
    texts.put("chain-c", words(40, 140));
    texts.put("hi", "Hi.");
    articles = articlesOf(texts);
    output = sorted(StoryTransforms.stories(articles, SHINGLE_WORDS, MIN_SIMILARITY, BANDS, SEED));
    byArticle = output.stream().collect(Collectors.toMap(r -> r.getAs("article_id"), r -> r));
  }

  /** A few words changed and one sentence dropped. */
  private static String edited(String text) {
    String out = text;
    for (String[] change :
        new String[][] {
          {"decade-long", "long-running"},
          {"on Friday", "on Thursday"},
          {"largely stalled", "mostly stalled"},
          {"brutal crackdown", "violent crackdown"},
          {
            "Jamous said he was sure the Assad regime would not take part in an international hurdle"
                + " because it was not interested in settling the issue.",
            ""
          }
        }) {
      assertTrue(out.contains(change[0]), change[0]);
      out = out.replace(change[0], change[1]);
    }
    return out;
  }

  private static List<Row> sorted(Dataset<Row> stories) {
    return stories.orderBy("article_id").collectAsList();
  }

  /** The shingle set as StoryTransforms defines it, computed independently. */
  private static Set<String> shingles(String text) {
    List<String> words =
        Arrays.stream(text.toLowerCase(Locale.ROOT).split("(?U)\\W+"))
            .filter(w -> !w.isEmpty())
            .toList();
    Set<String> out = new HashSet<>();
    for (int i = 0; i + SHINGLE_WORDS <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + SHINGLE_WORDS)));
    }
    return out;
  }

  private static double jaccard(String a, String b) {
    Set<String> x = shingles(a);
    Set<String> y = shingles(b);
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    Set<String> both = new HashSet<>(x);
    both.retainAll(y);
    return (double) both.size() / union.size();
  }

  private String story(String articleId) {
    return byArticle.get(articleId).getAs("story_id");
  }

  private double similarity(String articleId) {
    return byArticle.get(articleId).getAs("similarity_to_representative");
  }

  @Test
  void editedCopyJoinsTheOriginalsStoryWithItsExactSimilarity() {
    assertEquals("story_seed0", story("seed0-edited"));
    assertEquals(false, byArticle.get("seed0-edited").getAs("is_representative"));
    double expected = jaccard(texts.get("seed0"), texts.get("seed0-edited"));
    assertTrue(expected > 0.6 && expected < 1.0, "fixture is a light edit: " + expected);
    assertEquals(expected, similarity("seed0-edited"), 1e-12);
  }

  @Test
  void differentSeedArticlesAreDifferentStories() {
    Set<String> seedStories =
        IntStream.range(0, 5).mapToObj(i -> story("seed" + i)).collect(Collectors.toSet());
    assertEquals(
        Set.of("story_seed0", "story_seed1", "story_seed2", "story_seed3", "story_seed4"),
        seedStories);
  }

  @Test
  void exactCopyHasSimilarityOne() {
    assertEquals("story_seed1", story("seed1-copy"));
    assertEquals(1.0, similarity("seed1-copy"));
    assertEquals(row("story_seed1", "seed1", true, 1.0), byArticle.get("seed1"));
  }

  @Test
  void chainIsOneStoryAndTheFarEndGetsItsExactSimilarity() {
    assertEquals(
        List.of("story_chain-a", "story_chain-a", "story_chain-a"),
        List.of(story("chain-a"), story("chain-b"), story("chain-c")));
    assertEquals(76.0 / 116, similarity("chain-b"), 1e-12);
    assertEquals(
        56.0 / 136, similarity("chain-c"), 1e-12, "below the threshold: linked only through b");
  }

  @Test
  void chainEndsAloneAreBelowTheThreshold() {
    List<Row> alone =
        sorted(
            StoryTransforms.stories(
                articlesOf(Map.of("chain-a", words(0, 100), "chain-c", words(40, 140))),
                SHINGLE_WORDS,
                MIN_SIMILARITY,
                BANDS,
                SEED));
    assertEquals(
        List.of(
            row("story_chain-a", "chain-a", true, 1.0), row("story_chain-c", "chain-c", true, 1.0)),
        alone);
  }

  @Test
  void tooShortArticleIsItsOwnStory() {
    assertEquals(row("story_hi", "hi", true, 1.0), byArticle.get("hi"));
  }

  @Test
  void everyArticleOnceAndOneRepresentativePerStory() {
    assertEquals(texts.keySet(), byArticle.keySet());
    assertEquals(texts.size(), output.size());
    Map<String, Long> representatives =
        output.stream()
            .filter(r -> r.<Boolean>getAs("is_representative"))
            .collect(Collectors.groupingBy(r -> r.getAs("story_id"), Collectors.counting()));
    Set<String> stories =
        output.stream().map(r -> r.<String>getAs("story_id")).collect(Collectors.toSet());
    assertEquals(stories, representatives.keySet());
    assertTrue(representatives.values().stream().allMatch(n -> n == 1), representatives.toString());
    for (Row r : output) {
      String representative = r.<String>getAs("story_id").substring("story_".length());
      assertEquals(
          r.<String>getAs("article_id").equals(representative), r.getAs("is_representative"));
    }
    assertEquals(7, stories.size(), "5 seeds, the chain, hi: the copies join their originals");
  }

  @Test
  void rerunGivesIdenticalOutput() {
    assertEquals(
        output,
        sorted(StoryTransforms.stories(articles, SHINGLE_WORDS, MIN_SIMILARITY, BANDS, SEED)));
  }

  @Test
  void thresholdIsInclusive() {
    // One-word shingles: 4 shared words of 8 in all, similarity exactly 0.5. 100 bands propose the
    // pair with probability 1 − (1 − 0.5^4)^100 = 0.998 (20 MinHash tables did: 1 − 0.5^20).
    Dataset<Row> half = articlesOf(Map.of("x", words(0, 6), "y", words(2, 8)));
    assertEquals(
        List.of(row("story_x", "x", true, 1.0), row("story_x", "y", false, 0.5)),
        sorted(StoryTransforms.stories(half, 1, 0.5, 100, SEED)));
    assertEquals(
        List.of(row("story_x", "x", true, 1.0), row("story_y", "y", true, 1.0)),
        sorted(StoryTransforms.stories(half, 1, Math.nextUp(0.5), 100, SEED)));
  }

  /**
   * 2,000 short articles that all open with the same 8-word sentence plus 16 random words: 4 of
   * each article's 20 shingles are shared by all, similarity 0.11 between any two. One min-hash per
   * table put the quarter of articles whose minimum fell in that sentence into one bucket, a
   * quadratic join; four min-hashes per band rarely agree by chance. Planted copies with the last
   * word or two replaced (similarity 19/21 and 18/22) are found, a copy with three replaced (17/23,
   * below 0.8) is not, and nothing else is.
   */
  @Test
  void aSentenceInEveryArticleFindsOnlyThePlantedCopies() {
    String common = "the foreign minister said in a brief statement";
    Random random = new Random(7);
    Map<String, String> corpus = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      List<String> words = new ArrayList<>(List.of(common.split(" ")));
      for (int w = 0; w < 16; w++) {
        words.add("r" + random.nextInt(1_000_000));
      }
      corpus.put(String.format(Locale.ROOT, "a%04d", i), String.join(" ", words));
    }
    Map<String, Integer> replaced =
        Map.of("a0001", 1, "a0500", 1, "a1000", 2, "a1500", 2, "a1999", 3);
    replaced.forEach(
        (id, n) -> {
          List<String> words = new ArrayList<>(List.of(corpus.get(id).split(" ")));
          for (int w = words.size() - n; w < words.size(); w++) {
            words.set(w, "copyedit" + w);
          }
          corpus.put(id + "-copy", String.join(" ", words));
        });
    int bands = ConfigKeys.STORIES_HASH_TABLES.defaultValue();
    Dataset<Row> hashes =
        StoryTransforms.shingleHashes(articlesOf(corpus), SHINGLE_WORDS).localCheckpoint();

    long candidates =
        StoryTransforms.candidatePairs(StoryTransforms.bandKeys(hashes, bands, SEED)).count();
    assertTrue(
        candidates < 2000,
        candidates + " candidate pairs: fewer than one per article, not a quadratic bucket");
    assertEquals(
        List.of(
            row("a0001", "a0001-copy", 19.0 / 21),
            row("a0500", "a0500-copy", 19.0 / 21),
            row("a1000", "a1000-copy", 18.0 / 22),
            row("a1500", "a1500-copy", 18.0 / 22)),
        StoryTransforms.nearDuplicatePairs(hashes, 0.8, bands, SEED)
            .orderBy("article_a")
            .collectAsList());
    List<Row> stories = sorted(StoryTransforms.storiesOf(hashes, 0.8, bands, SEED));
    assertEquals(corpus.size(), stories.size());
    assertEquals(
        Set.of("a0001-copy", "a0500-copy", "a1000-copy", "a1500-copy"),
        stories.stream()
            .filter(r -> !r.<Boolean>getAs("is_representative"))
            .map(r -> r.<String>getAs("article_id"))
            .collect(Collectors.toSet()));
  }

  @Test
  void emptyInputAndBadParameters() {
    assertTrue(
        StoryTransforms.stories(articlesOf(Map.of()), SHINGLE_WORDS, MIN_SIMILARITY, BANDS, SEED)
            .isEmpty());
    List<Runnable> bad =
        List.of(
            () -> StoryTransforms.stories(articles, 0, MIN_SIMILARITY, BANDS, SEED),
            () -> StoryTransforms.stories(articles, SHINGLE_WORDS, 0.0, BANDS, SEED),
            () -> StoryTransforms.stories(articles, SHINGLE_WORDS, 1.5, BANDS, SEED),
            () -> StoryTransforms.stories(articles, SHINGLE_WORDS, MIN_SIMILARITY, 0, SEED));
    for (Runnable call : bad) {
      assertThrows(IllegalArgumentException.class, call::run);
    }
  }
}
