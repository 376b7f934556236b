package org.parley.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files and overrides: values, precedence, and messages that name the key to fix. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private String yaml(String content) throws IOException {
    Path file = Files.createTempFile(dir, "parley", ".yaml");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file.toString();
  }

  private static ConfigException failure(String file, Map<String, String> sets) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, sets));
  }

  private static void assertMentions(ConfigException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void defaultsAlone() {
    ParleyConfig c = ParleyConfig.defaults();
    for (ConfigKey<?> key : ConfigKeys.ALL.values()) {
      assertEquals(key.defaultValue(), c.get(key), key.name());
    }
    assertEquals(List.of("seeds/"), c.get(ConfigKeys.INPUT_PATHS));
    assertEquals(3, c.get(ConfigKeys.PHRASES_MIN_COUNT));
  }

  @Test
  void nestedYamlAndDottedKeysAreRead() throws IOException {
    ParleyConfig c =
        ConfigLoader.load(
            yaml(
                String.join(
                    "\n",
                    "terms:",
                    "  phrases:",
                    "    min_count: 5",
                    "    min_npmi: 0.25",
                    "ingest.csv.delimiter: ';'",
                    "ingest:",
                    "  date_formats: [\"M/d/yyyy\", \"d MMM yyyy\"]",
                    "  csv:",
                    "    columns:",
                    "      url: null",
                    "text:",
                    "  extra_stop_words: [syria]")),
            Map.of());
    assertEquals(5, c.get(ConfigKeys.PHRASES_MIN_COUNT));
    assertEquals(0.25, c.get(ConfigKeys.PHRASES_MIN_NPMI));
    assertEquals(";", c.get(ConfigKeys.CSV_DELIMITER));
    assertEquals(List.of("M/d/yyyy", "d MMM yyyy"), c.get(ConfigKeys.INGEST_DATE_FORMATS));
    assertNull(c.get(ConfigKeys.CSV_URL), "an optional column may be unmapped");
    assertEquals(List.of("syria"), c.get(ConfigKeys.TEXT_EXTRA_STOP_WORDS));
    assertEquals("id", c.get(ConfigKeys.CSV_ID), "keys the file does not set keep their defaults");
  }

  @Test
  void gibbsPriorsThatWouldNeverBeLearnedAreRefused() throws IOException {
    String file =
        yaml(
            "topics:\n  max_iterations: 20\n  lda:\n    optimizer: gibbs\n    optimize_burn_in: 20\n");
    assertMentions(
        failure(file, Map.of()),
        "topics.lda.optimize_burn_in' (20) must be below 'topics.max_iterations' (20)",
        "topics.lda.optimize_interval' to 0");
    // Fixed priors need no burn-in; and under auto the corpus decides at run time whether Gibbs
    // runs.
    assertEquals(
        0,
        ConfigLoader.load(file, Map.of("topics.lda.optimize_interval", "0"))
            .get(ConfigKeys.TOPICS_OPTIMIZE_INTERVAL));
    assertEquals(
        "auto",
        ConfigLoader.load(file, Map.of("topics.lda.optimizer", "auto"))
            .get(ConfigKeys.TOPICS_OPTIMIZER));
  }

  @Test
  void emptyFileMeansDefaults() throws IOException {
    assertEquals(
        ParleyConfig.defaults().toJson(),
        ConfigLoader.load(yaml("# nothing\n"), Map.of()).toJson());
  }

  @Test
  void unknownKeyIsNamedWithTheCloseKnownKey() throws IOException {
    String file = yaml("terms:\n  phrases:\n    min_cout: 4\n");
    ConfigException e = failure(file, Map.of());
    assertMentions(
        e,
        "Unknown config key 'terms.phrases.min_cout'",
        file,
        "Did you mean 'terms.phrases.min_count'?");
  }

  @Test
  void unknownKeyFarFromAnyKnownKey() {
    ConfigException e = failure(null, Map.of("completely.different.thing", "1"));
    assertMentions(
        e,
        "'completely.different.thing'",
        "--set completely.different.thing",
        "Known keys are listed in conf/parley.yaml");
  }

  @Test
  void wrongType() throws IOException {
    String file = yaml("terms:\n  phrases:\n    min_count: \"abc\"\n");
    ConfigException e = failure(file, Map.of());
    assertMentions(e, "'terms.phrases.min_count'", "must be a whole number", "\"abc\"", file);

    assertMentions(
        failure(null, Map.of("terms.phrases.min_count", "abc")),
        "'terms.phrases.min_count' must be a whole number",
        "--set terms.phrases.min_count");
    assertMentions(
        failure(null, Map.of("terms.phrases.min_count", "2.5")), "must be a whole number");
    assertMentions(
        failure(null, Map.of("terms.phrases.enabled", "yes please")),
        "'terms.phrases.enabled' must be true or false");
    assertMentions(
        failure(null, Map.of("terms.phrases.min_npmi", "high")),
        "'terms.phrases.min_npmi' must be a number");
    assertMentions(
        failure(null, Map.of("output.path", "[a, b]")), "'output.path' must be a string");
  }

  @Test
  void outOfRange() {
    assertMentions(
        failure(null, Map.of("terms.phrases.min_npmi", "1.5")),
        "'terms.phrases.min_npmi' must be between -1.0 and 1.0",
        "got 1.5");
    assertMentions(
        failure(null, Map.of("terms.phrases.max_ngram", "9")),
        "'terms.phrases.max_ngram' must be between 2 and 5");
    assertMentions(
        failure(null, Map.of("terms.phrases.min_count", "0")),
        "'terms.phrases.min_count' must be between 1");
    assertMentions(
        failure(null, Map.of("ingest.max_file_bytes", "0")),
        "'ingest.max_file_bytes' must be at least 1");
    assertMentions(
        failure(null, Map.of("ingest.max_file_bytes", "4294967296")),
        "'ingest.max_file_bytes' must be at most 2147483639",
        "one Java array");
    assertMentions(
        failure(null, Map.of("ingest.split_bytes", "100")),
        "'ingest.split_bytes' must be at least 1024");
    assertMentions(
        failure(null, Map.of("topics.lda.relevance_lambda", "1.5")),
        "'topics.lda.relevance_lambda' must be between 0.0 and 1.0",
        "got 1.5");
  }

  @Test
  void unknownStageOrPeriod() throws IOException {
    assertMentions(
        failure(yaml("run:\n  stages: [ingest, topicz]\n"), Map.of()),
        "'run.stages' may only contain",
        "(not 'topicz')");
    assertMentions(
        failure(null, Map.of("terms.trends.periods", "day,year")),
        "'terms.trends.periods' may only contain",
        "'year'");
    assertMentions(
        failure(null, Map.of("run.stages", "[]")), "'run.stages' must list at least one value");
    assertMentions(
        failure(null, Map.of("output.compression", "lz4")), "'output.compression' must be one of");
  }

  @Test
  void badCharset() {
    assertMentions(
        failure(null, Map.of("ingest.csv.charset", "windows-9999")),
        "'ingest.csv.charset' names an unknown character set 'windows-9999'");
    assertMentions(failure(null, Map.of("ingest.charset", "not a charset!")), "'ingest.charset'");
  }

  @Test
  void invalidDatePattern() {
    assertMentions(
        failure(null, Map.of("ingest.date_formats", "[\"yyyy-MM-dd\", \"yyyy-MM-ddd\"]")),
        "'ingest.date_formats' has an invalid date pattern 'yyyy-MM-ddd'");
  }

  @Test
  void delimiterMustBeOneCharacter() {
    assertMentions(
        failure(null, Map.of("ingest.csv.delimiter", ";;")),
        "'ingest.csv.delimiter' must be exactly one character, got ';;'");
    assertMentions(
        failure(null, Map.of("ingest.csv.delimiter", "")),
        "'ingest.csv.delimiter' must not be empty");
  }

  @Test
  void blankGlobAndNullRequiredColumn() {
    assertMentions(
        failure(null, Map.of("ingest.path_glob", "'  '")), "'ingest.path_glob' must not be blank");
    assertMentions(
        failure(null, Map.of("ingest.csv.columns.text", "null")),
        "'ingest.csv.columns.text' must not be empty");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("terms.phrases.min_count", "abc");
    sets.put("terms.phrases.max_ngrams", "4");
    sets.put("ingest.csv.delimiter", ";;");
    ConfigException e = failure(null, sets);
    assertEquals(2, e.problems().size(), e.getMessage());
    assertMentions(e, "terms.phrases.min_count", "terms.phrases.max_ngrams");
  }

  @Test
  void invalidYaml() throws IOException {
    String file = yaml("terms:\n  phrases: [unclosed\n  min_count: 3\n");
    assertMentions(failure(file, Map.of()), "Config file " + file + " is not valid YAML", "(line ");
  }

  @Test
  void yamlThatIsNoMapping() throws IOException {
    String file = yaml("- a\n- b\n");
    assertMentions(failure(file, Map.of()), "must be a YAML mapping of keys");
  }

  @Test
  void missingConfigFile() {
    String missing = dir.resolve("nope.yaml").toString();
    assertMentions(failure(missing, Map.of()), "Config file not found: " + missing);
  }

  @Test
  void precedenceOptionsOverSetOverFileOverDefaults() throws IOException {
    String file =
        yaml(
            String.join(
                "\n",
                "output:",
                "  path: from-file/",
                "  compression: zstd",
                "input:",
                "  paths: [file-input/]",
                "terms:",
                "  phrases:",
                "    min_count: 7",
                "    max_ngram: 4"));
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("output.path", "from-set/");
    sets.put("terms.phrases.min_count", "9");
    sets.put("input.paths", "set-a/,set-b/");
    Map<String, Object> options =
        Map.of("output.path", "from-option/", "input.paths", List.of("cli-input/"));
    ParleyConfig c = ConfigLoader.load(file, sets, options);

    assertEquals("from-option/", c.get(ConfigKeys.OUTPUT_PATH));
    assertEquals(List.of("cli-input/"), c.get(ConfigKeys.INPUT_PATHS));
    assertEquals(9, c.get(ConfigKeys.PHRASES_MIN_COUNT), "--set over the file");
    assertEquals(4, c.get(ConfigKeys.PHRASES_MAX_NGRAM), "file over the default");
    assertEquals("zstd", c.get(ConfigKeys.OUTPUT_COMPRESSION));
    assertEquals(0.5, c.get(ConfigKeys.PHRASES_MIN_NPMI), "default");

    ParleyConfig withoutOptions = ConfigLoader.load(file, sets);
    assertEquals("from-set/", withoutOptions.get(ConfigKeys.OUTPUT_PATH));
    assertEquals(List.of("set-a/", "set-b/"), withoutOptions.get(ConfigKeys.INPUT_PATHS));
    assertEquals("from-file/", ConfigLoader.load(file, Map.of()).get(ConfigKeys.OUTPUT_PATH));
  }

  @Test
  void setValuesAreYamlScalarsOrLists() {
    ParleyConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "terms.phrases.enabled", "false",
                "run.stages", "terms",
                "terms.trends.periods", "[week, month]",
                "ingest.csv.columns.language", ""));
    assertEquals(false, c.get(ConfigKeys.PHRASES_ENABLED));
    assertEquals(List.of("terms"), c.get(ConfigKeys.RUN_STAGES));
    assertEquals(List.of("week", "month"), c.get(ConfigKeys.TRENDS_PERIODS));
    assertNull(c.get(ConfigKeys.CSV_LANGUAGE), "an empty value unmaps an optional column");
  }

  @Test
  void digestFollowsTheSettings() {
    ParleyConfig a = ConfigLoader.load(null, Map.of("terms.phrases.min_count", "4"));
    ParleyConfig b = ConfigLoader.load(null, Map.of("terms.phrases.min_count", "4"));
    assertEquals(a.digest(), b.digest());
    assertNotEquals(a.digest(), ParleyConfig.defaults().digest());
    assertTrue(a.toJson().contains("\"terms.phrases.min_count\":4"), a.toJson());
    assertEquals(64, a.digest().length());
  }
}
