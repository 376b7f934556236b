package org.parley.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Statistics of generated text against the real corpus it models; no Spark needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedTextTest {
  private static final int ARTICLES = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private GeneratorOptions options;
  private final List<String> lines = new ArrayList<>();
  private final List<JsonNode> articles = new ArrayList<>();

  @BeforeAll
  void generate() throws JsonProcessingException {
    options =
        new GeneratorOptions(
            ARTICLES,
            2024,
            "unused",
            1,
            GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE,
            GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE,
            GeneratorOptions.DEFAULT_MALFORMED_SHARE,
            GeneratorOptions.DEFAULT_START_DATE,
            GeneratorOptions.DEFAULT_END_DATE,
            false);
    ArticleGenerator generator = generator();
    StringBuilder line = new StringBuilder();
    for (long i = 0; i < ARTICLES; i++) {
      line.setLength(0);
      if (generator.appendLine(i, line) != ArticleGenerator.Kind.MALFORMED) {
        articles.add(JSON.readTree(line.toString()));
      }
      lines.add(line.toString());
    }
  }

  private ArticleGenerator generator() {
    return new ArticleGenerator(
        options, CorpusModel.builtIn(), ActorCast.builtIn(), Sources.builtIn());
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  @Test
  void anArticleIsTheSameWhicheverOrderItIsWrittenIn() {
    ArticleGenerator alone = generator();
    for (long i : new long[] {1999, 7, 1234, 0}) {
      StringBuilder line = new StringBuilder();
      alone.appendLine(i, line);
      assertEquals(lines.get((int) i), line.toString(), "article " + i);
    }
  }

  @Test
  void wordFrequenciesFollowZipfsLaw() {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode a : articles.subList(0, 300)) {
      for (String w : words(a.get("text").asText())) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    List<Integer> byRank = counts.values().stream().sorted(Comparator.reverseOrder()).toList();
    // Least-squares slope of ln(frequency) against ln(rank) over the top 1000 words.
    int n = 1000;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int r = 1; r <= n; r++) {
      double x = Math.log(r);
      double y = Math.log(byRank.get(r - 1));
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    assertTrue(slope > -1.3 && slope < -0.7, "rank-frequency slope " + slope);
    assertEquals(byRank.get(0), counts.get("the"), "'the' is the most frequent word");
  }

  @Test
  void lengthsAreThoseOfRealArticles() {
    List<Integer> lengths =
        articles.stream().map(a -> words(a.get("text").asText()).size()).sorted().toList();
    int median = lengths.get(lengths.size() / 2);
    // FA-KES and seeds/: median 305 tokens, 2.5% below 69, 2.5% above 863.
    assertTrue(median > 250 && median < 380, "median words " + median);
    assertTrue(
        lengths.get(lengths.size() / 40) < 100 && lengths.get(lengths.size() * 39 / 40) > 700,
        lengths.toString());
    long sentences = 0;
    long words = 0;
    for (JsonNode a : articles) {
      String text = a.get("text").asText();
      sentences += text.split("[.]( |\n|\"|$)").length;
      words += words(text).size();
    }
    double meanSentence = (double) words / sentences;
    assertTrue(meanSentence > 18 && meanSentence < 30, "mean sentence length " + meanSentence);
  }

  @Test
  void datesComeInBurstsOverSeveralYears() {
    Map<Long, Integer> perWeek = new HashMap<>();
    Set<Integer> years = new HashSet<>();
    int weekend = 0;
    for (JsonNode a : articles) {
      LocalDate day = LocalDate.parse(a.get("published").asText());
      years.add(day.getYear());
      perWeek.merge(
          day.getLong(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
          1,
          Integer::sum);
      weekend += day.getDayOfWeek().getValue() >= 6 ? 1 : 0;
    }
    assertEquals(Set.of(2014, 2015, 2016, 2017, 2018, 2019, 2020), years);
    double meanPerWeek = (double) articles.size() / (7 * 52.18);
    int busiest = perWeek.values().stream().max(Integer::compare).orElseThrow();
    assertTrue(busiest > 5 * meanPerWeek, "busiest week " + busiest + ", mean " + meanPerWeek);
    assertTrue(weekend < articles.size() * 2 / 7.0, "fewer articles at weekends: " + weekend);
  }

  @Test
  void fewSourcesPublishMost() {
    Map<String, Integer> perSource = new HashMap<>();
    for (JsonNode a : articles) {
      perSource.merge(a.get("source").asText(), 1, Integer::sum);
    }
    List<Integer> sizes = perSource.values().stream().sorted(Comparator.reverseOrder()).toList();
    assertTrue(sizes.size() > 40, "outlets " + sizes.size());
    assertTrue(sizes.get(0) > 4 * sizes.get(9), sizes.toString());
  }

  @Test
  void vocabularyKeepsGrowingWithTheCorpus() {
    // Heaps' law: real vocabularies grow without bound (about as the square root of corpus size);
    // a vocabulary capped at the model's units would make large corpora unrealistically easy.
    Set<String> vocabulary = new HashSet<>();
    int half = articles.size() / 2;
    int atHalf = 0;
    for (int a = 0; a < articles.size(); a++) {
      vocabulary.addAll(words(articles.get(a).get("text").asText()));
      if (a == half - 1) {
        atHalf = vocabulary.size();
      }
    }
    assertTrue(atHalf > CorpusModel.builtIn().units.length, "beyond the model's units: " + atHalf);
    assertTrue(
        vocabulary.size() > 1.2 * atHalf,
        "distinct words " + atHalf + " at half, " + vocabulary.size() + " at all");
  }
}
