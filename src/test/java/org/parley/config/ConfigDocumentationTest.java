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
    assertEquals(ParleyConfig.defaults().toJson(), documented.toJson(),
        DOC + " says it lists every key with its default value");
  }

  @Test
  void faKesConfigIsValid() {
    ParleyConfig c = ConfigLoader.load("conf/fa-kes.yaml", Map.of());
    assertEquals("windows-1252", c.get(ConfigKeys.CSV_CHARSET));
    assertEquals("article_content", c.get(ConfigKeys.CSV_TEXT));
  }
}
