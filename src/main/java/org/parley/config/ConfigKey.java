package org.parley.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, type, default, validation and documentation.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigKey<T> implements Serializable {
  private final String name;
  private final String typeName;
  private final T defaultValue;
  private final String doc;
  private final boolean nullable;
  private Set<String> allowed = Set.of();
  private final transient Function<JsonNode, T> parser;
  private final transient Function<T, Optional<String>> validator;

  private ConfigKey(
      String name,
      String typeName,
      T defaultValue,
      String doc,
      Function<JsonNode, T> parser,
      Function<T, Optional<String>> validator) {
    this(name, typeName, defaultValue, doc, parser, validator, defaultValue == null);
  }

  private ConfigKey(
      String name,
      String typeName,
      T defaultValue,
      String doc,
      Function<JsonNode, T> parser,
      Function<T, Optional<String>> validator,
      boolean nullable) {
    this.nullable = nullable;
    this.name = name;
    this.typeName = typeName;
    this.defaultValue = defaultValue;
    this.doc = doc;
    this.parser = parser;
    this.validator = validator;
  }

  public String name() {
    return name;
  }

  public String typeName() {
    return typeName;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** The values the validator accepts, as it spells them, in order (empty: any of its type). */
  public Set<String> allowed() {
    return allowed;
  }

  private ConfigKey<T> allowing(Set<String> values) {
    this.allowed = values;
    return this;
  }

  /** Parses and validates a value; throws with a message that names this key. */
  T parse(JsonNode node, String origin) {
    if (node == null || node.isNull()) {
      if (nullable) {
        return null;
      }
      throw invalid("must not be empty", node, origin);
    }
    T value;
    try {
      value = parser.apply(node);
    } catch (IllegalArgumentException e) {
      throw invalid("must be " + typeName, node, origin);
    }
    Optional<String> problem = validator.apply(value);
    if (problem.isPresent()) {
      throw invalid(problem.get(), node, origin);
    }
    return value;
  }

  private ConfigException invalid(String what, JsonNode node, String origin) {
    String shown = node == null || node.isNull() ? "nothing" : node.toString();
    return new ConfigException(
        "Config key '" + name + "' " + what + ", got " + shown + " (" + origin + ").");
  }

  // ---- factories -------------------------------------------------------------------------

  static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return new ConfigKey<>(
        name, "a string", defaultValue, doc, ConfigKey::asText, v -> Optional.empty());
  }

  /** A string that may be set to null (e.g. a CSV column that is not mapped). */
  static ConfigKey<String> optionalString(String name, String defaultValue, String doc) {
    return new ConfigKey<>(
        name,
        "a string or null",
        defaultValue,
        doc,
        ConfigKey::asText,
        v -> Optional.empty(),
        true);
  }

  static ConfigKey<String> oneOf(
      String name, String defaultValue, Set<String> allowed, String doc) {
    return new ConfigKey<String>(
            name,
            "one of " + allowed,
            defaultValue,
            doc,
            ConfigKey::asText,
            v -> allowed.contains(v) ? Optional.empty() : Optional.of("must be one of " + allowed))
        .allowing(allowed);
  }

  static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
    return new ConfigKey<>(
        name,
        "a whole number",
        defaultValue,
        doc,
        n -> {
          if (!n.canConvertToInt() || !(n.isIntegralNumber())) {
            throw new IllegalArgumentException();
          }
          return n.intValue();
        },
        v ->
            v < min || v > max
                ? Optional.of("must be between " + min + " and " + max)
                : Optional.empty());
  }

  static ConfigKey<Long> longInteger(String name, long defaultValue, long min, String doc) {
    return new ConfigKey<>(
        name,
        "a whole number",
        defaultValue,
        doc,
        n -> {
          if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException();
          }
          return n.longValue();
        },
        v -> v < min ? Optional.of("must be at least " + min) : Optional.empty());
  }

  static ConfigKey<Double> decimal(
      String name, double defaultValue, double min, double max, String doc) {
    return new ConfigKey<>(
        name,
        "a number",
        defaultValue,
        doc,
        n -> {
          if (!n.isNumber()) {
            throw new IllegalArgumentException();
          }
          return n.doubleValue();
        },
        v ->
            v < min || v > max
                ? Optional.of("must be between " + min + " and " + max)
                : Optional.empty());
  }

  static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(
        name,
        "true or false",
        defaultValue,
        doc,
        n -> {
          if (!n.isBoolean()) {
            throw new IllegalArgumentException();
          }
          return n.booleanValue();
        },
        v -> Optional.empty());
  }

  static ConfigKey<List<String>> stringList(
      String name, List<String> defaultValue, Set<String> allowed, boolean allowEmpty, String doc) {
    return new ConfigKey<List<String>>(
            name,
            allowed == null ? "a list of strings" : "a list of " + allowed,
            defaultValue,
            doc,
            n -> {
              List<String> out = new ArrayList<>();
              if (n.isArray()) {
                n.forEach(e -> out.add(asText(e)));
              } else {
                // A single scalar or a comma-separated string, as typed on the command line.
                for (String part : asText(n).split(",")) {
                  if (!part.isBlank()) {
                    out.add(part.trim());
                  }
                }
              }
              return List.copyOf(out);
            },
            v -> {
              if (!allowEmpty && v.isEmpty()) {
                return Optional.of("must list at least one value");
              }
              if (allowed != null) {
                for (String s : v) {
                  if (!allowed.contains(s)) {
                    return Optional.of("may only contain " + allowed + " (not '" + s + "')");
                  }
                }
              }
              return Optional.empty();
            })
        .allowing(allowed == null ? Set.of() : allowed);
  }

  private static String asText(JsonNode n) {
    if (!n.isValueNode()) {
      throw new IllegalArgumentException();
    }
    return n.asText();
  }
}
