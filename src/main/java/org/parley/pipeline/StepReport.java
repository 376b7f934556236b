package org.parley.pipeline;

import java.util.List;

/**
 * What a step reports beyond the row counts of the tables it wrote: ingest's totals, and warnings
 * (work it skipped because its input could not support it), which the run records in {@code runs}.
 */
public record StepReport(IngestTotals ingestTotals, List<String> warnings) {
  public static final StepReport NONE = new StepReport(null, List.of());

  public StepReport(IngestTotals ingestTotals) {
    this(ingestTotals, List.of());
  }

  /** A step that did not do (all of) its work, and says why. */
  public static StepReport warning(String why) {
    return new StepReport(null, List.of(why));
  }
}
