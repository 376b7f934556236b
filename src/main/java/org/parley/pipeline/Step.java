package org.parley.pipeline;

import java.util.List;
import org.parley.config.ParleyConfig;
import org.parley.tables.Table;

/** A pipeline stage: reads tables (or input files), transforms, writes tables. */
public interface Step {
  /** The name used in --stages and run.stages. */
  String name();

  /**
   * The tables of earlier stages this step reads; empty for a step that reads input files. Its own
   * tables, which a nightly or keep-models run reads back, are in {@link #writes()}.
   */
  List<Table> reads();

  /**
   * The tables of {@link #reads()} this step reads under {@code config}: fewer where a setting
   * leaves one unread. A stage waits only for the stages writing these.
   */
  default List<Table> reads(ParleyConfig config) {
    return reads();
  }

  /** The tables this step writes (some only in some modes or settings), and no other step does. */
  List<Table> writes();

  /** Runs the step; what it reports goes into the run's record. */
  StepReport run(RunContext context);
}
