package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
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
import org.parley.tables.Tables;

/**
 * The same input folder ingested twice: with the defaults, where every file is read whole, and with
 * 1 KB parts and a 4 KB file limit, where the JSON Lines feed is read in parts, a gzipped one as a
 * stream, a mid-sized CSV whole by its own task and a large CSV not at all. Apart from that CSV,
 * both runs give the same articles and rejections, line numbers included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeInputFilesEndToEndTest {
  @TempDir static Path work;

  private final SparkSession spark = SparkTestSupport.spark();
  private ParleyJob.RunResult whole;
  private ParleyJob.RunResult inParts;
  private final ConcurrentLinkedQueue<String> jobDescriptions = new ConcurrentLinkedQueue<>();

  private static final String[] SENTENCES = {
    "The delegations met in Geneva for a third round of talks.",
    "The envoy said the ceasefire was holding in most provinces.",
    "Opposition negotiators asked for the release of detainees.",
    "Russia and Turkey agreed to monitor the de-escalation zones.",
    "Aid convoys reached the besieged town after weeks of delay.",
  };

  private static String article(int i) {
    return "{\"id\":\"n-"
        + i
        + "\",\"source\":\"wire\",\"title\":\"Report "
        + i
        + "\",\"published\":\"2017-11-"
        + String.format("%02d", 1 + i % 28)
        + "\",\"text\":\"Report number "
        + i
        + ". "
        + SENTENCES[i % 5]
        + " "
        + SENTENCES[(i * 3 + 1) % 5]
        + " Négociations à Genève, jour "
        + i
        + ".\"}";
  }

  private static String csvRow(int i) {
    return "c-"
        + i
        + ",Table row "
        + i
        + ",2018-03-0"
        + (1 + i % 9)
        + ",\"Row "
        + i
        + ": "
        + SENTENCES[i % 5]
        + "\"";
  }

  @BeforeAll
  void ingestTwice() throws IOException {
    Path in = Files.createDirectories(work.resolve("in"));
    List<String> feed = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      feed.add(article(i));
      if (i % 40 == 0) {
        feed.add("");
      }
      if (i == 77) {
        feed.add("{\"id\":\"broken\",\"text\":\"The talks in Gen");
      }
      if (i == 120) {
        feed.add(article(3)); // an exact copy, far from its original: in another part
      }
    }
    Files.writeString(
        in.resolve("feed.jsonl"), String.join("\n", feed) + "\n", StandardCharsets.UTF_8);
    List<String> gzipped = new ArrayList<>();
    for (int i = 500; i <= 620; i++) {
      gzipped.add(article(i));
    }
    try (java.io.OutputStream gz =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(in.resolve("archive.jsonl.gz")))) {
      gz.write((String.join("\n", gzipped) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(
        in.resolve("small.jsonl"),
        article(1000) + "\n" + article(1001) + "\n",
        StandardCharsets.UTF_8);
    Files.write(in.resolve("empty.jsonl"), new byte[0]);
    List<String> table = new ArrayList<>(List.of("id,title,published,text"));
    for (int i = 1; i <= 25; i++) {
      table.add(csvRow(i));
    }
    Files.writeString(
        in.resolve("table.csv"), String.join("\n", table) + "\n", StandardCharsets.UTF_8);
    List<String> big = new ArrayList<>(List.of("id,title,published,text"));
    for (int i = 100; i <= 160; i++) {
      big.add(csvRow(i));
    }
    Files.writeString(in.resolve("big.csv"), String.join("\n", big) + "\n", StandardCharsets.UTF_8);
    assertTrue(Files.size(in.resolve("feed.jsonl")) > 20 * 1024);
    assertTrue(Files.size(in.resolve("small.jsonl")) < 1024);
    assertTrue(
        Files.size(in.resolve("table.csv")) > 1024 && Files.size(in.resolve("table.csv")) < 4096);
    assertTrue(Files.size(in.resolve("big.csv")) > 4096);
    assertTrue(
        Files.size(in.resolve("archive.jsonl.gz")) > 1024,
        "streamed from its file system in the second run");

    whole = run(in, "whole", Map.of());
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            String description = start.properties().getProperty("spark.job.description");
            if (description != null) {
              jobDescriptions.add(description);
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      inParts =
          run(in, "parts", Map.of("ingest.max_file_bytes", 4096L, "ingest.split_bytes", 1024L));
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  private ParleyJob.RunResult run(Path in, String name, Map<String, Object> settings) {
    Map<String, Object> options = new java.util.HashMap<>(settings);
    options.put("input.paths", List.of(in.toString()));
    options.put("output.path", work.resolve(name).toString());
    options.put("run.stages", List.of("ingest"));
    return new ParleyJob(spark, ConfigLoader.load(null, Map.of(), options)).run();
  }

  private Dataset<Row> table(String run, String name) {
    return spark.read().format("delta").load(work.resolve(run).resolve(name).toString());
  }

  private static String fileName(Row r) {
    String path = r.getAs("source_path");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private Set<String> articles(String run) {
    return table(run, Tables.ARTICLES.name()).collectAsList().stream()
        .filter(r -> !fileName(r).equals("big.csv"))
        .map(
            r ->
                String.join(
                    " | ",
                    r.getAs("article_id"),
                    fileName(r),
                    r.getAs("locator"),
                    r.getAs("title"),
                    String.valueOf(r.<Object>getAs("published_date")),
                    r.getAs("text")))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> rejections(String run) {
    return table(run, Tables.REJECTED_RECORDS.name()).collectAsList().stream()
        .map(r -> fileName(r) + " | " + r.getAs("locator") + " | " + r.getAs("reason"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theFeedWasReadInParts() {
    assertTrue(
        jobDescriptions.stream()
            .anyMatch(d -> d.contains("number the lines of large JSON Lines files")),
        jobDescriptions.toString());
  }

  @Test
  void partsGiveTheArticlesOfWholeFiles() {
    Set<String> fromParts = articles("parts");
    assertEquals(articles("whole"), fromParts);
    // 150 in the feed, 121 in the archive (about 30 KB of text, 7 times the limit), 2 in
    // small.jsonl, 25 in table.csv; the copy of report 3 counted once.
    assertEquals(298, fromParts.size());
    assertTrue(
        fromParts.stream()
            .anyMatch(a -> a.contains("| archive.jsonl.gz | line 121 | Report 620 |")));
    assertTrue(
        fromParts.stream().anyMatch(a -> a.contains("| feed.jsonl | line 3 | Report 3 |")),
        "the first copy is kept");
    assertTrue(
        fromParts.stream()
            .anyMatch(a -> a.contains("| feed.jsonl | line 155 | Report 150 | 2017-11-11 |")),
        "line numbers count the blank, broken and copied lines before");
    assertTrue(
        fromParts.stream()
            .anyMatch(a -> a.contains("| table.csv | row 25 (line 26) | Table row 25 |")),
        fromParts.toString());
  }

  @Test
  void rejectionsKeepTheirLineNumbers() {
    assertEquals(
        Set.of("empty.jsonl | file | empty_file", "feed.jsonl | line 79 | malformed_json"),
        rejections("whole"));
    assertEquals(
        Set.of(
            "big.csv | file | file_too_large",
            "empty.jsonl | file | empty_file",
            "feed.jsonl | line 79 | malformed_json"),
        rejections("parts"));
    Row tooLarge =
        table("parts", Tables.REJECTED_RECORDS.name()).where("reason = 'file_too_large'").first();
    assertTrue(
        tooLarge.<String>getAs("detail").contains("ingest.max_file_bytes=4096"),
        tooLarge.<String>getAs("detail"));
  }

  @Test
  void countsReconcileBothWays() {
    // Whole: 152 feed records (150 articles, the copy, the broken line) + 121 in the archive + 2
    // + 25 + 61 CSV rows + the empty file; in parts, big.csv is one record.
    assertEquals(new IngestTotals(362, 359, 1, 2), whole.ingestTotals());
    assertEquals(new IngestTotals(302, 298, 1, 3), inParts.ingestTotals());
  }
}
