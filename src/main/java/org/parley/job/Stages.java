package org.parley.job;

import java.util.ArrayList;
import java.util.List;
import org.parley.actors.ActorsStep;
import org.parley.config.ConfigKeys;
import org.parley.ingest.IngestStep;
import org.parley.pipeline.Step;
import org.parley.stories.StoriesStep;
import org.parley.terms.TermsStep;
import org.parley.topics.TopicsStep;

/**
 * The stages of a run, in pipeline order: the one list the job runs, the README's stage table is
 * checked against, and whose names the config accepts in run.stages.
 */
public final class Stages {
  private Stages() {}

  /** Every stage in pipeline order; run.stages selects among them. */
  public static final List<Step> ALL =
      List.of(
          new IngestStep(), new StoriesStep(), new TermsStep(), new ActorsStep(), new TopicsStep());

  static {
    // The config validates run.stages below the job (it cannot see the steps), so it keeps the
    // names; they must be these steps' names in this order.
    if (!names().equals(List.copyOf(ConfigKeys.STAGE_NAMES))) {
      throw new IllegalStateException(
          "ConfigKeys.STAGE_NAMES "
              + ConfigKeys.STAGE_NAMES
              + " must be the stages' names in pipeline order "
              + names());
    }
  }

  /** The stage names in pipeline order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Step step : ALL) {
      names.add(step.name());
    }
    return List.copyOf(names);
  }
}
