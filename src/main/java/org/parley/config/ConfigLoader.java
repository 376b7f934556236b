package org.parley.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a YAML config file and command-line overrides into a {@link ParleyConfig}. Every problem
 * found is reported at once, each naming its key and where the value came from.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** A value for a key and where it came from (for error messages). */
  record Setting(JsonNode value, String origin) {}

  /**
   * Loads {@code configFile} (may be null: defaults only), then applies the overrides in order.
   *
   * @param overrides dotted key → raw value as typed on the command line
   */
  public static ParleyConfig load(String configFile, Map<String, String> overrides) {
    return load(configFile, overrides, Map.of());
  }

  /**
   * As {@link #load(String, Map)}, then the command line's own options (already typed values, e.g.
   * a list of input paths) over everything.
   */
  public static ParleyConfig load(
      String configFile, Map<String, String> overrides, Map<String, Object> options) {
    List<String> problems = new ArrayList<>();
    Map<String, Setting> settings = new LinkedHashMap<>();
    if (configFile != null) {
      JsonNode root = readYaml(configFile);
      if (root != null && !root.isNull() && !root.isMissingNode()) {
        if (!root.isObject()) {
          throw new ConfigException(
              "Config file " + configFile + " must be a YAML mapping of keys.");
        }
        flatten("", root, configFile, settings);
      }
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      settings.put(o.getKey(), new Setting(parseScalar(o.getValue()), "--set " + o.getKey()));
    }
    for (Map.Entry<String, Object> o : options.entrySet()) {
      settings.put(o.getKey(), new Setting(YAML.valueToTree(o.getValue()), "command line"));
    }
    for (String key : settings.keySet()) {
      if (!ConfigKeys.ALL.containsKey(key)) {
        problems.add(unknownKey(key, settings.get(key).origin()));
      }
    }
    settings.keySet().retainAll(ConfigKeys.ALL.keySet());
    return check(resolve(settings, problems), problems);
  }

  private static ParleyConfig resolve(Map<String, Setting> settings, List<String> problems) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL.values()) {
      Setting s = settings.get(key.name());
      if (s == null) {
        values.put(key.name(), key.defaultValue());
        continue;
      }
      try {
        values.put(key.name(), key.parse(s.value(), s.origin()));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        values.put(key.name(), key.defaultValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ParleyConfig(values);
  }

  /** Checks that span a value's meaning rather than its type. */
  private static ParleyConfig check(ParleyConfig config, List<String> problems) {
    for (ConfigKey<String> key : List.of(ConfigKeys.INGEST_CHARSET, ConfigKeys.CSV_CHARSET)) {
      String name = config.get(key);
      if (!isSupportedCharset(name)) {
        problems.add(
            "Config key '"
                + key.name()
                + "' names an unknown character set '"
                + name
                + "' (e.g. UTF-8, windows-1252, ISO-8859-1).");
      }
    }
    if (config.get(ConfigKeys.CSV_DELIMITER).length() != 1) {
      problems.add(
          "Config key '"
              + ConfigKeys.CSV_DELIMITER.name()
              + "' must be exactly one character, got '"
              + config.get(ConfigKeys.CSV_DELIMITER)
              + "'.");
    }
    for (String pattern : config.get(ConfigKeys.INGEST_DATE_FORMATS)) {
      try {
        DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        problems.add(
            "Config key '"
                + ConfigKeys.INGEST_DATE_FORMATS.name()
                + "' has an invalid date pattern '"
                + pattern
                + "': "
                + e.getMessage());
      }
    }
    String k = config.get(ConfigKeys.TOPICS_K);
    if (!"auto".equals(k) && !isWholeAtLeast(k, 2)) {
      problems.add(
          "Config key '"
              + ConfigKeys.TOPICS_K.name()
              + "' must be auto or a whole number of at least 2, got '"
              + k
              + "'.");
    }
    for (String candidate : config.get(ConfigKeys.TOPICS_K_CANDIDATES)) {
      if (!isWholeAtLeast(candidate, 2)) {
        problems.add(
            "Config key '"
                + ConfigKeys.TOPICS_K_CANDIDATES.name()
                + "' must list whole numbers of at least 2, got '"
                + candidate
                + "'.");
      }
    }
    // Under auto, Gibbs is only chosen for a large corpus at run time; the topics stage warns then.
    if ("gibbs".equals(config.get(ConfigKeys.TOPICS_OPTIMIZER))
        && config.get(ConfigKeys.TOPICS_OPTIMIZE_INTERVAL) > 0
        && config.get(ConfigKeys.TOPICS_OPTIMIZE_BURN_IN)
            >= config.get(ConfigKeys.TOPICS_MAX_ITER)) {
      problems.add(
          "Config key '"
              + ConfigKeys.TOPICS_OPTIMIZE_BURN_IN.name()
              + "' ("
              + config.get(ConfigKeys.TOPICS_OPTIMIZE_BURN_IN)
              + ") must be below '"
              + ConfigKeys.TOPICS_MAX_ITER.name()
              + "' ("
              + config.get(ConfigKeys.TOPICS_MAX_ITER)
              + "), or the priors are never learned; lower it, or set '"
              + ConfigKeys.TOPICS_OPTIMIZE_INTERVAL.name()
              + "' to 0 to keep them fixed.");
    }
    if (config.get(ConfigKeys.INGEST_MAX_FILE_BYTES) > MAX_ARRAY_BYTES) {
      problems.add(
          "Config key '"
              + ConfigKeys.INGEST_MAX_FILE_BYTES.name()
              + "' must be at most "
              + MAX_ARRAY_BYTES
              + " (a file read whole is one Java array), got "
              + config.get(ConfigKeys.INGEST_MAX_FILE_BYTES)
              + ".");
    }
    String glob = config.get(ConfigKeys.INGEST_PATH_GLOB);
    if (glob != null && glob.isBlank()) {
      problems.add("Config key '" + ConfigKeys.INGEST_PATH_GLOB.name() + "' must not be blank.");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  /** The largest Java byte array. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8L;

  private static boolean isWholeAtLeast(String value, int min) {
    try {
      return Integer.parseInt(value.strip()) >= min;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isSupportedCharset(String name) {
    try {
      return Charset.isSupported(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static JsonNode readYaml(String configFile) {
    Path path = new Path(configFile);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      if (!fs.exists(path)) {
        throw new ConfigException("Config file not found: " + configFile);
      }
      try (InputStream in = fs.open(path)) {
        return YAML.readTree(in);
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "Config file "
              + configFile
              + " is not valid YAML: "
              + e.getOriginalMessage()
              + locationOf(e));
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + configFile + ": " + e.getMessage());
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** Nested mappings become dotted keys; lists and scalars are values. */
  private static void flatten(
      String prefix, JsonNode node, String origin, Map<String, Setting> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject() && !ConfigKeys.ALL.containsKey(key)) {
        flatten(key, value, origin, out);
      } else {
        out.put(key, new Setting(value, origin));
      }
    }
  }

  /** A command-line value is read as a YAML scalar or flow list: 8, true, [a, b], text. */
  private static JsonNode parseScalar(String raw) {
    if (raw.isEmpty()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode node = YAML.readTree(raw);
      return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    } catch (IOException e) {
      return YAML.getNodeFactory().textNode(raw);
    }
  }

  private static String unknownKey(String key, String origin) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : ConfigKeys.ALL.keySet()) {
      int d = editDistance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    String hint =
        best != null && bestDistance <= Math.max(3, key.length() / 4)
            ? " Did you mean '" + best + "'?"
            : " Known keys are listed in conf/parley.yaml.";
    return "Unknown config key '" + key + "' (" + origin + ")." + hint;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
