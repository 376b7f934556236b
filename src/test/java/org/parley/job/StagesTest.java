package org.parley.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.Step;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/** The stages' declared tables agree with each other, with the tables and with the config. */
class StagesTest {
  @Test
  void namesAreTheConfigsStageNamesAndTheDefaultStages() {
    assertEquals(List.of("ingest", "stories", "terms", "actors", "topics"), Stages.names());
    assertEquals(Stages.names(), List.copyOf(ConfigKeys.STAGE_NAMES));
    assertEquals(Stages.names(), ParleyConfig.defaults().get(ConfigKeys.RUN_STAGES));
  }

  @Test
  void everyDataTableHasExactlyOneWriter() {
    Map<Table, String> writer = new LinkedHashMap<>();
    List<String> twice = new ArrayList<>();
    for (Step step : Stages.ALL) {
      for (Table t : step.writes()) {
        String before = writer.put(t, step.name());
        if (before != null) {
          twice.add(t + " by " + before + " and " + step.name());
        }
      }
    }
    assertTrue(twice.isEmpty(), "tables written by two stages: " + twice);
    assertEquals(
        Set.copyOf(Tables.DATA), writer.keySet(), "every table but runs is written by one stage");
  }

  @Test
  void aStageReadsOnlyWhatAnEarlierStageWrites() {
    Set<Table> written = new HashSet<>();
    for (Step step : Stages.ALL) {
      for (Table t : step.reads()) {
        assertTrue(
            written.contains(t), step.name() + " reads " + t + ", which no earlier stage writes");
      }
      written.addAll(step.writes());
    }
  }
}
