package org.parley.job;

import org.parley.ingest.IngestStep;

/** What a step reports beyond the row counts of the tables it wrote. */
public record StepReport(IngestStep.Totals ingestTotals) {
  public static final StepReport NONE = new StepReport(null);
}
