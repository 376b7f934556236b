package org.parley.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.Step;

/** Which stages wait for which: derived from the tables each reads and the others write. */
class StageRunnerTest {
  private static Map<String, List<String>> byName(List<Step> steps) {
    return byName(steps, ParleyConfig.defaults());
  }

  private static Map<String, List<String>> byName(List<Step> steps, ParleyConfig config) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    StageRunner.dependencies(steps, config)
        .forEach((step, before) -> out.put(step.name(), before.stream().map(Step::name).toList()));
    return out;
  }

  @Test
  void afterIngestStoriesTermsAndActorsRunSideBySideThenTopics() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ingest", List.of());
    expected.put("stories", List.of("ingest"));
    expected.put("terms", List.of("ingest"));
    expected.put("actors", List.of("ingest"));
    expected.put("topics", List.of("ingest", "terms"));
    assertEquals(expected, byName(Stages.ALL));
  }

  @Test
  void countingStoriesOnceMakesActorsAndTopicsWaitForStories() {
    ParleyConfig once = ConfigLoader.load(null, Map.of("stories.count_once", "true"));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ingest", List.of());
    expected.put("stories", List.of("ingest"));
    expected.put("terms", List.of("ingest"));
    expected.put("actors", List.of("ingest", "stories"));
    expected.put("topics", List.of("ingest", "stories", "terms"));
    assertEquals(expected, byName(Stages.ALL, once));
  }

  @Test
  void aStageNotInTheRunIsNotWaitedFor() {
    List<Step> selected =
        Stages.ALL.stream().filter(s -> List.of("ingest", "topics").contains(s.name())).toList();
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ingest", List.of());
    expected.put("topics", List.of("ingest"));
    assertEquals(expected, byName(selected));
  }
}
