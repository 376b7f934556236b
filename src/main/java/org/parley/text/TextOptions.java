package org.parley.text;

import java.io.Serializable;
import java.util.List;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;

/** Text-stage settings shipped to executors. */
public record TextOptions(int maxSentenceChars, List<String> extraStopWords)
    implements Serializable {
  public static TextOptions from(ParleyConfig c) {
    return new TextOptions(
        c.get(ConfigKeys.TEXT_MAX_SENTENCE_CHARS), c.get(ConfigKeys.TEXT_EXTRA_STOP_WORDS));
  }
}
