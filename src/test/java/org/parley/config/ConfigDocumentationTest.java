package org.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * conf/parley.yaml documents every key of {@link ConfigKeys} with its default: the file and the
 * code must not drift apart. (The file is the lead's; this test only reads it.)
 */
class ConfigDocumentationTest {
  private static final Path DOC = Path.of("conf/parley.yaml");

  private static Set<String> documentedKeys() throws IOException {
    assertTrue(Files.isRegularFile(DOC), DOC + " must exist: it documents every config key");
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(DOC.toFile());
    Set<String> keys = new TreeSet<>();
    flatten("", root, keys);
    return keys;
  }

  private static void flatten(String prefix, JsonNode node, Set<String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      if (f.getValue().isObject() && !ConfigKeys.ALL.containsKey(key)) {
        flatten(key, f.getValue(), out);
      } else {
        out.add(key);
      }
    }
  }

  @Test
  void everyKeyIsDocumentedAndNoOtherKey() throws IOException {
    Set<String> documented = documentedKeys();
    Set<String> missing = new TreeSet<>(ConfigKeys.ALL.keySet());
    missing.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(ConfigKeys.ALL.keySet());
    assertTrue(missing.isEmpty(), "keys missing from " + DOC + ": " + missing);
    assertTrue(unknown.isEmpty(), "keys in " + DOC + " that the code does not know: " + unknown);
  }

  @Test
  void documentedValuesAreTheDefaults() {
    ParleyConfig documented = ConfigLoader.load(DOC.toString(), Map.of());
    assertEquals(
        ParleyConfig.defaults().toJson(),
        documented.toJson(),
        DOC + " says it lists every key with its default value");
  }

  @Test
  void faKesConfigIsValid() {
    ParleyConfig c = ConfigLoader.load("conf/fa-kes.yaml", Map.of());
    assertEquals("windows-1252", c.get(ConfigKeys.CSV_CHARSET));
    assertEquals("article_content", c.get(ConfigKeys.CSV_TEXT));
  }

  @Test
  void linesFitIn100Columns() throws IOException {
    for (String line : Files.readAllLines(DOC)) {
      assertTrue(line.length() < 100, "longer than 99 columns: " + line);
    }
  }

  /** The comment above a key with a fixed set of values names each as the validator spells it. */
  @Test
  void commentsNameTheAllowedValuesAsTheValidatorSpellsThem() throws IOException {
    Map<String, String> comments = commentsAboveKeys(Files.readAllLines(DOC));
    int checked = 0;
    for (ConfigKey<?> key : ConfigKeys.ALL.values()) {
      if (key.allowed().isEmpty() || key.name().equals(ConfigKeys.RUN_STAGES.name())) {
        continue; // run.stages: its comment points to the stage list
      }
      String comment = comments.getOrDefault(key.name(), "");
      for (String value : key.allowed()) {
        assertTrue(
            comment.matches(
                "(?s).*(^|[^\\w-])" + java.util.regex.Pattern.quote(value) + "([^\\w-]|$).*"),
            key.name() + ": the comment above it should name '" + value + "': " + comment);
      }
      checked++;
    }
    assertTrue(checked >= 5, "keys with allowed values checked: " + checked);
    assertTrue(comments.get("topics.k").contains("NPMI x balance"), comments.get("topics.k"));
  }

  /** Each key's full name and the comment right above it, or above the run of keys it ends. */
  private static Map<String, String> commentsAboveKeys(java.util.List<String> lines) {
    Map<String, String> out = new java.util.HashMap<>();
    java.util.List<String> path = new java.util.ArrayList<>();
    StringBuilder comment = new StringBuilder();
    String above = "";
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        comment.append(trimmed.substring(1).strip()).append(' ');
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (trimmed.isEmpty() || colon < 0) {
        comment.setLength(0);
        above = "";
        continue;
      }
      int depth = (line.length() - line.stripLeading().length()) / 2;
      while (path.size() > depth) {
        path.remove(path.size() - 1);
      }
      path.add(trimmed.substring(0, colon));
      if (comment.length() > 0) {
        above = comment.toString();
      }
      out.put(String.join(".", path), above);
      comment.setLength(0);
    }
    return out;
  }
}
