package org.parley.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigException;

/**
 * The generate command's output: deterministic bytes, shards, the fields ingest reads, the
 * manifest.
 */
class CorpusGeneratorTest {
  @TempDir Path work;

  private final SparkSession spark = SparkTestSupport.spark();
  private static final ObjectMapper JSON = new ObjectMapper();

  static GeneratorOptions options(
      String output, long articles, long seed, int shards, boolean overwrite) {
    return new GeneratorOptions(
        articles,
        seed,
        output,
        shards,
        0.1,
        0.03,
        0.02,
        LocalDate.of(2015, 1, 1),
        LocalDate.of(2018, 12, 31),
        overwrite);
  }

  private CorpusGenerator.Result generate(String dir, long articles, long seed, int shards) {
    return CorpusGenerator.generate(
        spark, options(work.resolve(dir).toString(), articles, seed, shards, false));
  }

  private List<Path> shards(String dir) throws IOException {
    try (Stream<Path> files = Files.list(work.resolve(dir))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  private byte[] concatenated(String dir) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path shard : shards(dir)) {
      all.write(Files.readAllBytes(shard));
    }
    return all.toByteArray();
  }

  @Test
  void theSameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    generate("a", 200, 7, 3);
    generate("b", 200, 7, 3);
    generate("c", 200, 8, 3);
    assertEquals(3, shards("a").size());
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(
          Files.readAllBytes(shards("a").get(s)),
          Files.readAllBytes(shards("b").get(s)),
          "shard " + s);
      assertFalse(
          java.util.Arrays.equals(
              Files.readAllBytes(shards("a").get(s)), Files.readAllBytes(shards("c").get(s))),
          "seed 8 wrote the same shard " + s + " as seed 7");
    }
    assertEquals(
        Files.readString(work.resolve("a").resolve(CorpusGenerator.MANIFEST)),
        Files.readString(work.resolve("b").resolve(CorpusGenerator.MANIFEST)));
  }

  @Test
  void theShardCountOnlyChangesWhereTheLinesAreCut() throws IOException {
    generate("one", 101, 5, 1);
    CorpusGenerator.Result four = generate("four", 101, 5, 4);
    assertEquals(
        List.of("articles-00000.jsonl"),
        shards("one").stream().map(p -> p.getFileName().toString()).toList());
    assertEquals(
        List.of(
            "articles-00000.jsonl",
            "articles-00001.jsonl",
            "articles-00002.jsonl",
            "articles-00003.jsonl"),
        shards("four").stream().map(p -> p.getFileName().toString()).toList());
    assertArrayEquals(concatenated("one"), concatenated("four"));
    // 101 = 26 + 25 + 25 + 25: contiguous ranges, the first one longer.
    List<Long> lines = new ArrayList<>();
    for (Path shard : shards("four")) {
      lines.add(Files.readAllLines(shard).stream().count());
    }
    assertEquals(List.of(26L, 25L, 25L, 25L), lines);
    assertEquals(4, four.shards());
    assertEquals(concatenated("four").length, four.bytes());
  }

  @Test
  void linesCarryTheFieldsIngestReadsAndTheManifestCountsEachKind() throws IOException {
    CorpusGenerator.Result result = generate("fields", 400, 3, 2);
    List<String> lines = Files.readAllLines(shards("fields").get(0), StandardCharsets.UTF_8);
    lines.addAll(Files.readAllLines(shards("fields").get(1), StandardCharsets.UTF_8));
    assertEquals(400, lines.size());
    int malformed = 0;
    List<String> texts = new ArrayList<>();
    int exactCopies = 0;
    int paragraphs = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode article;
      try {
        article = JSON.readTree(lines.get(i));
      } catch (JsonProcessingException e) {
        malformed++;
        continue;
      }
      assertEquals("art-" + i, article.get("id").asText(), "lines are in id order");
      if (!article.has("text")) {
        malformed++;
        continue;
      }
      String text = article.get("text").asText();
      if (texts.contains(text)) {
        exactCopies++;
      }
      texts.add(text);
      LocalDate published = LocalDate.parse(article.get("published").asText());
      assertFalse(
          published.isBefore(LocalDate.of(2015, 1, 1))
              || published.isAfter(LocalDate.of(2018, 12, 31)),
          lines.get(i));
      assertEquals("en", article.get("language").asText());
      String source = article.get("source").asText();
      assertFalse(source.isBlank());
      assertTrue(
          article.get("url").asText().startsWith("https://")
              && article.get("url").asText().endsWith("/art-" + i));
      assertFalse(article.get("title").asText().isBlank());
      paragraphs += text.split("\n\n").length;
      assertFalse(
          Character.isLowerCase(text.charAt(0)),
          "sentences start with a capital: " + text.substring(0, 40));
      assertTrue(text.endsWith(".") || text.endsWith(".\""), text.substring(text.length() - 40));
    }
    assertEquals(result.malformed(), malformed);
    assertTrue(
        paragraphs > 3 * texts.size(), "paragraphs, separated by a blank line: " + paragraphs);
    assertEquals(result.exactDuplicates(), exactCopies);
    assertTrue(
        result.malformed() > 0 && result.exactDuplicates() > 0 && result.nearDuplicates() > 0,
        result.summary());
    assertEquals(
        400,
        result.plain() + result.nearDuplicates() + result.exactDuplicates() + result.malformed());

    JsonNode manifest =
        JSON.readTree(work.resolve("fields").resolve(CorpusGenerator.MANIFEST).toFile());
    assertEquals(400, manifest.get("articles").asLong());
    assertEquals(3, manifest.get("seed").asLong());
    assertEquals(2, manifest.get("shards").asInt());
    assertEquals(0.1, manifest.get("near_duplicate_share").asDouble());
    assertEquals(result.exactDuplicates(), manifest.get("counts").get("exact_duplicates").asLong());
    assertEquals(result.malformed(), manifest.get("counts").get("malformed").asLong());
    assertEquals(CorpusGenerator.VERSION, manifest.get("generator_version").asInt());
    assertTrue(result.summary().startsWith("Generated 400 articles ("), result.summary());
  }

  @Test
  void aNonEmptyOutputIsReplacedOnlyWithOverwriteAndOnlyIfTheGeneratorWroteIt() throws IOException {
    String dir = work.resolve("again").toString();
    CorpusGenerator.generate(spark, options(dir, 30, 1, 3, false));
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () -> CorpusGenerator.generate(spark, options(dir, 30, 2, 1, false)));
    assertTrue(
        refused.getMessage().contains("is not empty")
            && refused.getMessage().contains("--overwrite"),
        refused.getMessage());

    CorpusGenerator.generate(spark, options(dir, 30, 2, 1, true));
    assertEquals(1, shards("again").size(), "the three old shards are gone");
    assertEquals(
        2,
        JSON.readTree(work.resolve("again").resolve(CorpusGenerator.MANIFEST).toFile())
            .get("seed")
            .asInt());

    Files.writeString(work.resolve("again").resolve("notes.txt"), "someone else's file");
    ConfigException foreign =
        assertThrows(
            ConfigException.class,
            () -> CorpusGenerator.generate(spark, options(dir, 30, 3, 1, true)));
    assertTrue(foreign.getMessage().contains("notes.txt"), foreign.getMessage());
    assertTrue(Files.exists(work.resolve("again").resolve("notes.txt")));
    assertEquals(1, shards("again").size(), "nothing was deleted");
  }
}
