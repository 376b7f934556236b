package org.parley.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.topics.TopicOptions.Optimizer;

class LdaOptimizerChoiceTest {
  private static ParleyConfig config(Map<String, String> sets) {
    return ConfigLoader.load(null, sets, Map.of());
  }

  private static TopicOptions options(ParleyConfig c) {
    return TopicOptions.from(c);
  }

  @Test
  void autoFitsEmUpToTheLimitAndGibbsAbove() {
    TopicOptions defaults = options(config(Map.of()));
    assertEquals(Optimizer.EM, defaults.optimizer(789)); // FA-KES
    assertEquals(Optimizer.EM, defaults.optimizer(2000));
    assertEquals(Optimizer.GIBBS, defaults.optimizer(2001));
    assertEquals(Optimizer.GIBBS, defaults.optimizer(1_000_000));
    assertEquals(
        Optimizer.GIBBS,
        options(config(Map.of("topics.lda.em_max_articles", "500"))).optimizer(789));
  }

  @Test
  void anExplicitOptimizerIsKeptWhateverTheSize() {
    assertEquals(
        Optimizer.EM, options(config(Map.of("topics.lda.optimizer", "em"))).optimizer(1_000_000));
    assertEquals(
        Optimizer.ONLINE, options(config(Map.of("topics.lda.optimizer", "online"))).optimizer(5));
    assertEquals(
        Optimizer.GIBBS, options(config(Map.of("topics.lda.optimizer", "gibbs"))).optimizer(5));
    assertEquals(
        Optimizer.GIBBS,
        options(config(Map.of("topics.lda.optimizer", "gibbs"))).optimizer(1_000_000));
  }

  @Test
  void optionsAreTypedAsTheValidatorSpellsThem() {
    TopicOptions kmeans =
        options(
            config(
                Map.of(
                    "topics.algorithm",
                    "bisecting-kmeans",
                    "topics.k",
                    "auto",
                    "topics.k_candidates",
                    "[3, 6]",
                    "topics.quality.on_low",
                    "fail")));
    assertEquals(TopicOptions.Algorithm.BISECTING_KMEANS, kmeans.algorithm());
    assertEquals(java.util.List.of(3, 6), kmeans.kValues());
    assertEquals(TopicOptions.OnLowQuality.FAIL, kmeans.onLowQuality());
    assertFalse(kmeans.usesGibbs(1_000_000), "only LDA samples");
    assertTrue(options(config(Map.of())).usesGibbs(2001));
    assertEquals(java.util.List.of(8), options(config(Map.of())).kValues());
  }

  @Test
  void logPerplexityIsComputedOnSmallCorporaUnlessToldOtherwise() {
    TopicOptions defaults = options(config(Map.of()));
    assertTrue(defaults.logPerplexity(789));
    assertTrue(defaults.logPerplexity(5_000));
    assertFalse(defaults.logPerplexity(5_001));
    assertTrue(
        options(config(Map.of("topics.lda.log_perplexity", "always"))).logPerplexity(1_000_000));
    assertFalse(options(config(Map.of("topics.lda.log_perplexity", "never"))).logPerplexity(5));
  }
}
