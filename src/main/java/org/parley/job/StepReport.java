package org.parley.job;

import java.util.List;
import org.parley.ingest.IngestStep;

/**
 * What a step reports beyond the row counts of the tables it wrote: ingest's totals, and warnings
 * (work it skipped because its input could not support it), which the run records in {@code runs}.
 */
public record StepReport(IngestStep.Totals ingestTotals, List<String> warnings) {
  public static final StepReport NONE = new StepReport(null, List.of());

  public StepReport(IngestStep.Totals ingestTotals) {
    this(ingestTotals, List.of());
  }

  /** A step that did not do (all of) its work, and says why. */
  public static StepReport warning(String why) {
    return new StepReport(null, List.of(why));
  }
}
