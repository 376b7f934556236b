package org.parley.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The smoke test of the benchmark harness, as CI runs it: jobs/bench.sh generates 2,000 articles,
 * runs every stage and every baseline, and writes its JSON result. Not a timed test: it checks that
 * the harness works and that what it writes is complete and consistent, not how fast anything was.
 */
class BenchHarnessIT {
  private static final int ARTICLES = 2000;

  @Test
  void generatesRunsEveryStageAndBaselineAndWritesItsResult() throws Exception {
    Path work = Files.createTempDirectory("parley-bench-it");
    Path results = work.resolve("results");
    List<String> command =
        List.of(
            "jobs/bench.sh",
            "--generate",
            String.valueOf(ARTICLES),
            "--seed",
            "7",
            "--work",
            work.resolve("work").toString(),
            "--results",
            results.toString(),
            "--label",
            "smoke",
            "--mallet-memory",
            "1g",
            // Gibbs, as auto picks it for the large corpora, so its learned priors and MALLET's run
            // too.
            "--set",
            "topics.lda.optimizer=gibbs");
    Path log = work.resolve("bench.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "bench.sh did not finish in 20 minutes");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), tail(output));

    List<Path> files;
    try (Stream<Path> s = Files.list(results)) {
      files = s.filter(f -> f.getFileName().toString().matches("bench-.*-smoke\\.json")).toList();
    }
    assertEquals(1, files.size(), "one JSON result: " + files);
    JsonNode r = new ObjectMapper().readTree(files.get(0).toFile());

    JsonNode corpus = r.get("corpus");
    assertEquals(ARTICLES, corpus.get("records").asLong());
    assertEquals(
        corpus.get("records").asLong(),
        corpus.get("articles").asLong()
            + corpus.get("duplicates").asLong()
            + corpus.get("rejected").asLong(),
        "records = accepted + duplicates + rejected");
    JsonNode generation = r.get("generation");
    assertEquals(
        generation.get("exact_duplicates").asLong(),
        corpus.get("duplicates").asLong(),
        "ingest finds the exact copies the generator wrote");
    assertEquals(
        generation.get("malformed").asLong(),
        corpus.get("rejected").asLong(),
        "ingest rejects the malformed lines the generator wrote");
    assertTrue(corpus.get("tokens").asLong() > ARTICLES * 100L, "tokens: " + corpus.get("tokens"));
    assertTrue(corpus.get("bytes").asLong() > 0);

    List<String> stages = new ArrayList<>();
    for (JsonNode s : r.get("stages")) {
      stages.add(s.get("stage").asText());
      assertTrue(s.get("seconds").asDouble() > 0, s.toString());
    }
    assertEquals(List.of("ingest", "stories", "terms", "actors", "topics"), stages);
    double stageSum = 0;
    for (JsonNode s : r.get("stages")) {
      stageSum += s.get("seconds").asDouble();
    }
    assertTrue(r.get("total_seconds").asDouble() >= stageSum, "the total covers every stage");

    assertTrue(r.get("driver_memory").get("peak_heap_used_bytes").asLong() > 0);
    assertEquals(Runtime.getRuntime().availableProcessors(), r.get("machine").get("cores").asInt());
    assertFalse(r.get("git_commit").asText().isBlank());
    assertEquals("4.1.0", r.get("spark").get("spark.version").asText());

    JsonNode baselines = r.get("baselines");
    JsonNode floor = baselines.get("tokenize_floor");
    assertTrue(
        floor.get("tokens").asLong() > 0 && floor.get("seconds").asDouble() > 0, floor.toString());
    assertEquals(
        ARTICLES - generation.get("malformed").asLong(),
        floor.get("articles").asLong(),
        "the floor reads every well-formed line");
    JsonNode sql = baselines.get("sql_terms");
    assertEquals(corpus.get("articles").asLong(), sql.get("articles").asLong());
    assertTrue(
        sql.get("trend_rows").asLong() > 0,
        "the SQL baseline writes trends, as the terms stage does");
    assertTrue(
        sql.get("counts_seconds").asDouble() < sql.get("seconds").asDouble(), sql.toString());
    JsonNode mallet = baselines.get("mallet");
    JsonNode parleyTopics = r.get("parley_topics");
    assertEquals(
        parleyTopics.get("k").asInt(), mallet.get("topics").size(), "MALLET fits Parley's k");
    assertEquals(parleyTopics.get("k").asInt(), mallet.get("settings").get("k").asInt());
    assertTrue(mallet.get("mean_npmi").isNumber() && parleyTopics.get("mean_npmi").isNumber());
    assertTrue(
        mallet.get("mean_npmi_parley_ranking").isNumber(),
        "MALLET is also scored on Parley's term ranking");
    assertEquals(
        0.6,
        mallet.get("settings").get("relevance_lambda").asDouble(),
        "ranked at the model's lambda");
    assertEquals(
        mallet.get("mean_npmi_parley_ranking").asDouble(),
        r.get("targets").get(3).get("mallet_parley_ranking").asDouble());
    assertEquals(
        0,
        mallet.get("settings").get("optimize_interval").asInt(),
        "the judged MALLET keeps its default priors");
    JsonNode params = new ObjectMapper().readTree(parleyTopics.get("params").asText());
    assertEquals("gibbs", params.get("optimizer").asText());
    JsonNode optimized = baselines.get("mallet_optimized");
    assertEquals(
        params.get("optimize_interval").asInt(),
        optimized.get("settings").get("optimize_interval").asInt(),
        "MALLET learns its priors on Parley's schedule");
    assertEquals(
        params.get("optimize_burn_in").asInt(),
        optimized.get("settings").get("optimize_burn_in").asInt());
    assertTrue(optimized.get("mean_npmi").isNumber(), optimized.toString());

    List<String> targets = new ArrayList<>();
    r.get("targets").forEach(t -> targets.add(t.get("target").asText()));
    assertEquals(
        List.of(
            "end_to_end_100k",
            "driver_memory",
            "terms_vs_sql",
            "topics_npmi_vs_mallet",
            "topics_time_vs_mallet"),
        targets);
    assertTrue(
        r.get("targets").get(0).get("met").isNull(),
        "the 100k target does not apply to 2k articles");
    JsonNode termsVsSql = r.get("targets").get(2);
    assertTrue(
        termsVsSql.get("share_counts_only").asDouble() < termsVsSql.get("actual").asDouble(),
        "the share against the counts alone is the stricter one: " + termsVsSql);
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
  }
}
