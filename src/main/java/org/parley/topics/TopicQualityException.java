package org.parley.topics;

/** The quality gate failed the run (topics.quality.on_low: fail). */
public final class TopicQualityException extends RuntimeException {
  public TopicQualityException(String message) {
    super(message);
  }
}
