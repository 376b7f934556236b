package org.parley.text;

import java.io.Serializable;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;

/** How page furniture is learned: see the text.furniture keys in conf/parley.yaml. */
public record FurnitureOptions(
    boolean enabled, int minArticles, double minShare, int maxAffixTokens, int samplePerSource)
    implements Serializable {
  public static FurnitureOptions from(ParleyConfig c) {
    return new FurnitureOptions(
        c.get(ConfigKeys.FURNITURE_ENABLED),
        c.get(ConfigKeys.FURNITURE_MIN_ARTICLES),
        c.get(ConfigKeys.FURNITURE_MIN_SHARE),
        c.get(ConfigKeys.FURNITURE_MAX_AFFIX_TOKENS),
        c.get(ConfigKeys.FURNITURE_SAMPLE_PER_SOURCE));
  }
}
