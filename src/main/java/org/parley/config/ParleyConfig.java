package org.parley.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A validated, complete configuration: every key of {@link ConfigKeys} has a value. */
public final class ParleyConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, Object> values;

  ParleyConfig(Map<String, Object> values) {
    this.values = new TreeMap<>(values);
  }

  /** The built-in defaults alone. */
  public static ParleyConfig defaults() {
    return ConfigLoader.load(null, Map.of());
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key.name())) {
      throw new IllegalArgumentException("Not a configured key: " + key.name());
    }
    return (T) values.get(key.name());
  }

  /** The resolved configuration as JSON with sorted keys: stored with each run. */
  public String toJson() {
    return sortedJson(values);
  }

  /** SHA-256 of {@link #toJson()}: two runs with the same digest ran with the same settings. */
  public String digest() {
    return sha256Hex(toJson());
  }

  /**
   * Settings as JSON with map keys sorted at every level, so equal settings give equal text (and
   * digests) whatever order they were put in. Also what a topic model's params are recorded as.
   */
  public static String sortedJson(Map<String, ?> settings) {
    try {
      return new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(settings);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot serialise settings", e);
    }
  }

  /** The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
  public static String sha256Hex(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, Object> values() {
    return values;
  }
}
