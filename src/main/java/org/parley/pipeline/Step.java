package org.parley.pipeline;

/** A pipeline stage: reads tables (or input files), transforms, writes tables. */
public interface Step {
  /** The name used in --stages and run.stages. */
  String name();

  /** Runs the step; what it reports goes into the run's record. */
  StepReport run(RunContext context);
}
