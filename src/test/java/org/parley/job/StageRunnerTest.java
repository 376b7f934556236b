package org.parley.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.pipeline.Step;

/** Which stages wait for which: derived from the tables each reads and the others write. */
class StageRunnerTest {
  private static Map<String, List<String>> byName(List<Step> steps) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    StageRunner.dependencies(steps)
        .forEach((step, before) -> out.put(step.name(), before.stream().map(Step::name).toList()));
    return out;
  }

  @Test
  void afterIngestStoriesAndTermsRunSideBySideThenActorsAndTopics() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ingest", List.of());
    expected.put("stories", List.of("ingest"));
    expected.put("terms", List.of("ingest"));
    // Both count a syndicated story once (stories.count_once), so both read stories.
    expected.put("actors", List.of("ingest", "stories"));
    expected.put("topics", List.of("ingest", "stories", "terms"));
    assertEquals(expected, byName(Stages.ALL));
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
