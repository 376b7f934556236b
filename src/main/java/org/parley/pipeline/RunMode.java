package org.parley.pipeline;

/**
 * What a run processes and where its corpus-level models (phrases, ordinary words, topic model)
 * come from. Per-article work covers either every article or only the articles this run added; the
 * models are either learned from the corpus or read from the output, where a learning run stored
 * them.
 */
public enum RunMode {
  /** {@code run}: every input article; models learned from them and stored. */
  FULL("run", false, true),
  /** {@code run --keep-models}: every input article; the stored models applied. */
  KEEP_MODELS("run", false, false),
  /** {@code nightly}: the night's new articles added; the stored models applied. */
  NIGHTLY("nightly", true, false),
  /** {@code refit}: no input; models learned again from the articles in the tables. */
  REFIT("refit", false, true);

  private final String command;
  private final boolean incremental;
  private final boolean learnsModels;

  RunMode(String command, boolean incremental, boolean learnsModels) {
    this.command = command;
    this.incremental = incremental;
    this.learnsModels = learnsModels;
  }

  /** The command as recorded in {@code runs.command}. */
  public String command() {
    return command;
  }

  /**
   * Whether per-article tables get only this run's new articles (appended), the rest of their rows
   * staying as earlier runs wrote them; otherwise every article is processed and replaced.
   */
  public boolean incremental() {
    return incremental;
  }

  /** Whether phrases, ordinary words and the topic model are learned (and stored) by this run. */
  public boolean learnsModels() {
    return learnsModels;
  }
}
