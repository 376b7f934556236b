package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

class LdaOptimizerChoiceTest {
  private static ParleyConfig config(Map<String, String> sets) {
    return ConfigLoader.load(null, sets, Map.of());
  }

  @Test
  void autoFitsEmUpToTheLimitAndGibbsAbove() {
    ParleyConfig defaults = config(Map.of());
    assertEquals("em", TopicsStep.optimizer(defaults, 789)); // FA-KES
    assertEquals("em", TopicsStep.optimizer(defaults, 2000));
    assertEquals("gibbs", TopicsStep.optimizer(defaults, 2001));
    assertEquals("gibbs", TopicsStep.optimizer(defaults, 1_000_000));
    assertEquals("gibbs", TopicsStep.optimizer(config(Map.of("topics.lda.em_max_articles", "500")), 789));
  }

  @Test
  void anExplicitOptimizerIsKeptWhateverTheSize() {
    assertEquals("em", TopicsStep.optimizer(config(Map.of("topics.lda.optimizer", "em")), 1_000_000));
    assertEquals("online", TopicsStep.optimizer(config(Map.of("topics.lda.optimizer", "online")), 5));
    assertEquals("gibbs", TopicsStep.optimizer(config(Map.of("topics.lda.optimizer", "gibbs")), 5));
    assertEquals("gibbs", TopicsStep.optimizer(config(Map.of("topics.lda.optimizer", "gibbs")), 1_000_000));
  }

  @Test
  void logPerplexityIsComputedOnSmallCorporaUnlessToldOtherwise() {
    ParleyConfig defaults = config(Map.of());
    assertTrue(TopicsStep.logPerplexity(defaults, 789));
    assertTrue(TopicsStep.logPerplexity(defaults, 5_000));
    assertFalse(TopicsStep.logPerplexity(defaults, 5_001));
    assertTrue(TopicsStep.logPerplexity(config(Map.of("topics.lda.log_perplexity", "always")), 1_000_000));
    assertFalse(TopicsStep.logPerplexity(config(Map.of("topics.lda.log_perplexity", "never")), 5));
  }
}
