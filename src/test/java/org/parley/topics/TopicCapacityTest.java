package org.parley.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a corpus supports: k lowered to articles / 5 and terms / 10, skipped below 2 topics. */
class TopicCapacityTest {

  @Test
  void theSeedsSupportNoTopicModel() {
    // The five seed articles and the 9 terms in all of them that the default min_df leaves.
    TopicCapacity seeds = TopicCapacity.of(List.of(8), 5, 9, 5, 10);
    assertFalse(seeds.fits());
    assertEquals(0, seeds.maxK());
    assertEquals(
        "skipped: 5 articles and 9 vocabulary terms support at most 0 topics"
            + " (topics.min_articles_per_topic=5, topics.min_terms_per_topic=10); 2 topics need at least 10 articles"
            + " and 20 terms",
        seeds.reason());
  }

  @Test
  void justAboveTheFloorKIsLoweredToWhatTheCorpusSupports() {
    TopicCapacity lowered = TopicCapacity.of(List.of(8), 10, 20, 5, 10);
    assertEquals(List.of(2), lowered.kValues());
    assertTrue(lowered.limited());
    assertEquals(
        "k=8 lowered to 2: 10 articles and 20 vocabulary terms support at most 2 topics"
            + " (topics.min_articles_per_topic=5, topics.min_terms_per_topic=10)",
        lowered.reason());
    assertFalse(
        TopicCapacity.of(List.of(8), 9, 20, 5, 10).fits(), "one article short of two topics");
    assertFalse(TopicCapacity.of(List.of(8), 10, 19, 5, 10).fits(), "one term short of two topics");
  }

  @Test
  void theVocabularyLimitsAsTheArticlesDo() {
    TopicCapacity byTerms = TopicCapacity.of(List.of(8), 789, 45, 5, 10);
    assertEquals(List.of(4), byTerms.kValues());
    assertTrue(
        byTerms.reason().startsWith("k=8 lowered to 4: 789 articles and 45 vocabulary terms"),
        byTerms.reason());
  }

  @Test
  void autoKeepsTheCandidatesTheCorpusSupports() {
    TopicCapacity some = TopicCapacity.of(List.of(5, 8, 12), 40, 1000, 5, 10);
    assertEquals(List.of(5, 8), some.kValues());
    assertEquals(8, some.maxK());
    assertTrue(
        some.reason().startsWith("k candidates [12] dropped (fitting [5, 8]): 40 articles"),
        some.reason());
    TopicCapacity none = TopicCapacity.of(List.of(5, 8, 12), 20, 1000, 5, 10);
    assertEquals(List.of(4), none.kValues(), "no candidate fits: the most the corpus supports");
  }

  @Test
  void aCorpusLargeEnoughFitsWhatWasAsked() {
    TopicCapacity faKes = TopicCapacity.of(List.of(8), 789, 2_000, 5, 10);
    assertEquals(List.of(8), faKes.kValues());
    assertFalse(faKes.limited());
    assertNull(faKes.reason());
  }
}
