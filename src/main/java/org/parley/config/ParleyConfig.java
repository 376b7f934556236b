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
    try {
      return new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(values);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot serialise config", e);
    }
  }

  /** SHA-256 of {@link #toJson()}: two runs with the same digest ran with the same settings. */
  public String digest() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, Object> values() {
    return values;
  }
}
