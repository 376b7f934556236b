package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.job.ParleyJob;
import org.parley.pipeline.IngestTotals;
import org.parley.tables.Table;
import org.parley.tables.Tables;

/**
 * A folder of good and bad inputs: the job succeeds, keeps the good articles, rejects each bad
 * record with its reason and locator, counts the duplicate, and the counts reconcile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputEndToEndTest {
  /** Inputs and outputs of this class\'s runs; JUnit removes it afterwards. */
  @TempDir static Path work;

  private final SparkSession spark = SparkTestSupport.spark();
  private Path out;
  private ParleyJob.RunResult result;
  private String goodJsonText;

  @BeforeAll
  void runOnAMessyFolder() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    Path a = Files.createDirectories(in.resolve("a"));
    Path b = Files.createDirectories(in.resolve("b/nested"));
    Path seed000 = Path.of("seeds/000_8803aa1c32c61def.txt");
    Path seed001 = Path.of("seeds/001_6d9a8fd92b2bd53f.txt");
    Files.copy(seed000, a.resolve("first.txt"));
    Files.copy(seed001, a.resolve("second.txt"));
    // The same article as first.txt under another name, in another folder.
    Files.copy(seed000, b.resolve("copy-of-first.txt"));

    goodJsonText =
        "Russia and Turkey agreed on a ceasefire in Idlib. The opposition welcomed the deal.";
    Files.writeString(
        a.resolve("feed.jsonl"),
        String.join(
            "\n",
            "{\"id\":\"j-1\",\"source\":\"wire\",\"title\":\"Idlib ceasefire\",\"published\":\"2020-03-05\","
                + "\"text\":\""
                + goodJsonText
                + "\"}",
            "{\"id\":\"j-2\",\"title\":\"Cut off\",\"text\":\"The talks in Gen",
            "",
            "{\"id\":\"j-3\",\"title\":\"A record without its text\"}",
            ""),
        StandardCharsets.UTF_8);

    byte[] noise = new byte[2048];
    new Random(20240301L).nextBytes(noise);
    Files.write(a.resolve("noise.txt"), noise);
    Files.write(a.resolve("empty.txt"), new byte[0]);
    Files.writeString(
        a.resolve("notes.md"), "# Notes\nNot an article format.\n", StandardCharsets.UTF_8);
    // Hidden files and folders are skipped, as Hadoop does, empty ones included.
    Files.writeString(
        a.resolve(".hidden.txt"),
        "A hidden article that must not be read.",
        StandardCharsets.UTF_8);
    Files.write(a.resolve(".hidden-empty.txt"), new byte[0]);
    Files.write(
        Files.createDirectories(in.resolve("_scratch")).resolve("also-empty.txt"), new byte[0]);

    out = work.resolve("out");
    result =
        new ParleyJob(
                spark,
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "input.paths",
                        List.of(in.toString()),
                        "output.path",
                        out.toString(),
                        "run.stages",
                        List.of("ingest", "terms"))))
            .run();
  }

  private Dataset<Row> table(Table t) {
    return spark.read().format("delta").load(out.resolve(t.name()).toString());
  }

  private static String fileName(Row r) {
    String path = r.getAs("source_path");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void goodArticlesAreKept() {
    List<Row> articles = table(Tables.ARTICLES).orderBy("source_path", "locator").collectAsList();
    assertEquals(
        List.of("feed.jsonl", "first.txt", "second.txt"),
        articles.stream().map(BadInputEndToEndTest::fileName).toList());
    Row json = articles.get(0);
    assertEquals("line 1", json.getAs("locator"));
    assertEquals("j-1", json.getAs("source_id"));
    assertEquals("wire", json.getAs("source"));
    assertEquals("Idlib ceasefire", json.getAs("title"));
    assertEquals(java.sql.Date.valueOf("2020-03-05"), json.getAs("published_date"));
    assertEquals("field", json.getAs("date_source"));
    assertEquals(goodJsonText, json.getAs("text"));
    assertEquals(2, (int) json.getAs("n_sentences"));
    // The duplicate kept is the first by source path: a/first.txt, not b/nested/copy-of-first.txt.
    assertTrue(articles.get(1).<String>getAs("source_path").endsWith("/a/first.txt"));
    assertEquals(
        ArticleText.articleId(articles.get(1).getAs("text")), articles.get(1).getAs("article_id"));
  }

  @Test
  void eachBadRecordIsRejectedWithItsReasonAndLocator() {
    List<Row> rejected = table(Tables.REJECTED_RECORDS).collectAsList();
    Set<String> got =
        rejected.stream()
            .map(r -> fileName(r) + " | " + r.getAs("locator") + " | " + r.getAs("reason"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "empty.txt | file | empty_file",
                "feed.jsonl | line 2 | malformed_json",
                "feed.jsonl | line 4 | missing_text",
                "noise.txt | file | binary_file",
                "notes.md | file | unsupported_file_type")),
        got);
    for (Row r : rejected) {
      assertNotNull(r.getAs("detail"), fileName(r));
      assertEquals(result.runId(), r.getAs("run_id"));
    }
    Row truncated =
        rejected.stream()
            .filter(r -> "malformed_json".equals(r.getAs("reason")))
            .findFirst()
            .orElseThrow();
    assertTrue(
        truncated.<String>getAs("excerpt").contains("The talks in Gen"),
        truncated.<String>getAs("excerpt"));
  }

  @Test
  void countsReconcile() {
    IngestTotals t = result.ingestTotals();
    // Read: 3 .txt articles (one a duplicate) + 3 JSON Lines records + noise + empty + .md = 9.
    assertEquals(new IngestTotals(9, 3, 1, 5), t);
    Row run = table(Tables.RUNS).first();
    assertEquals("succeeded", run.getAs("status"));
    long read = run.getAs("records_read");
    long accepted = run.getAs("accepted");
    long duplicates = run.getAs("duplicates");
    long rejectedCount = run.getAs("rejected");
    assertEquals(read, accepted + duplicates + rejectedCount);
    assertEquals(1L, duplicates);
    assertEquals(table(Tables.ARTICLES).count(), accepted);
    assertEquals(table(Tables.REJECTED_RECORDS).count(), rejectedCount);
  }

  @Test
  void laterTablesAreBuiltFromTheGoodArticles() {
    assertEquals(3, table(Tables.SENTENCES).select("article_id").distinct().count());
    assertEquals(3, table(Tables.ARTICLE_TERMS).select("article_id").distinct().count());
    assertFalse(table(Tables.TERM_STATS).filter("term = 'idlib'").isEmpty());
    assertTrue(
        table(Tables.TERM_STATS).filter("term = 'hidden'").isEmpty(), "hidden files are not read");
  }

  @Test
  void anInputWithNothingUsableSucceedsPublishingItsRejections() throws IOException {
    Path in = Files.createDirectories(work.resolve("only-empty"));
    Files.write(in.resolve("empty.txt"), new byte[0]);
    Path emptyOut = work.resolve("only-empty-out");
    ParleyJob.RunResult run =
        new ParleyJob(
                spark,
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "input.paths", List.of(in.toString()), "output.path", emptyOut.toString())))
            .run();
    assertEquals(new IngestTotals(1, 0, 0, 1), run.ingestTotals());
    assertTrue(
        run.warnings().stream().anyMatch(w -> w.contains("1 record read, rejected as empty_file")),
        run.warnings().toString());
    Row rejected =
        spark.read().format("delta").load(emptyOut.resolve("rejected_records").toString()).first();
    assertEquals("empty_file", rejected.getAs("reason"));
    assertEquals(
        "succeeded",
        spark
            .read()
            .format("delta")
            .load(emptyOut.resolve("runs").toString())
            .first()
            .getAs("status"));
  }
}
