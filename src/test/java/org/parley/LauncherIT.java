package org.parley;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's way of running Parley: {@code jobs/parley} on the packaged thin jar through Spark's
 * SparkSubmit, then the output read back with DuckDB as an analyst would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherIT {
  private Path seedsOut;
  private ItOutputs.Result seedsRun;

  @BeforeAll
  void runOnSeeds() throws Exception {
    seedsOut = ItOutputs.seeds().path();
    seedsRun = ItOutputs.seeds().run();
  }

  @Test
  void runsTheWholeJobOnSeedsAndReconciles() {
    assertEquals(0, seedsRun.exitCode(), seedsRun.stderr());
    assertTrue(
        seedsRun.stdout().contains("records read 5 = accepted 5 + duplicates 0 + rejected 0"),
        seedsRun.stdout());
    // Five articles support no topic model: the run says so instead of reporting perfect NPMI.
    String console = seedsRun.stdout() + seedsRun.stderr();
    assertTrue(
        console.contains("topics: skipped: 5 articles and")
            && console.contains("support at most 0 topics"),
        console);
    assertFalse(seedsRun.stdout().contains("NPMI 1.0"), seedsRun.stdout());
    for (String table :
        List.of(
            "articles",
            "rejected_records",
            "sentences",
            "article_terms",
            "term_stats",
            "term_trends",
            "runs")) {
      assertTrue(Files.isDirectory(seedsOut.resolve(table)), table + " missing");
    }
    for (String table : List.of("articles", "term_stats", "runs")) {
      assertTrue(
          Files.isDirectory(seedsOut.resolve(table).resolve("_delta_log")),
          table + " is a Delta table");
    }
    assertFalse(Files.exists(seedsOut.resolve("_parley").resolve("lock")), "the lock is released");
  }

  @Test
  void duckDbReadsTheOutput() throws SQLException, IOException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      String articles = manifestScan(seedsOut, "articles");
      assertEquals(
          List.of("2017-11-02", "2024-03-01", "2024-11-14"),
          strings(
              st,
              "select cast(published_date as varchar) from "
                  + articles
                  + " where published_date is not null order by 1"));
      assertEquals(
          List.of("2"),
          strings(st, "select count(*) from " + articles + " where published_date is null"));
      // The README's route for DuckDB without the delta extension.
      st.execute(
          "SET VARIABLE files = (SELECT list(replace(column0, 'file:', '')) FROM read_csv('"
              + seedsOut.resolve("articles/_symlink_format_manifest/manifest")
              + "', header = false, columns = {'column0': 'VARCHAR'}))");
      assertEquals(
          List.of("5"), strings(st, "SELECT count(*) FROM read_parquet(getvariable('files'))"));
      String terms = manifestScan(seedsOut, "term_stats");
      List<String> top =
          strings(
              st,
              "select term from "
                  + terms
                  + " where ngram = 1 order by total_count desc, term limit 15");
      assertTrue(top.containsAll(List.of("opposition", "regime", "talk")), top.toString());
      String runs = manifestScan(seedsOut, "runs");
      assertEquals(
          List.of("succeeded 5 5 0 0"),
          strings(
              st,
              "select status || ' ' || records_read || ' ' || accepted || ' ' || duplicates || ' ' || rejected from "
                  + runs));
    }
  }

  @Test
  void faKesConfigRunsTheWholeJob() throws Exception {
    Path out = ItOutputs.faKes().path();
    ItOutputs.Result r = ItOutputs.faKes().run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(
        r.stdout().contains("records read 804 = accepted 789 + duplicates 15 + rejected 0"),
        r.stdout());
    // k = 8 by default: eight topics, none collapsed (each dominant for at least 1% of articles).
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      String topics = manifestScan(out, "topics");
      assertEquals(List.of("8"), strings(st, "select count(*) from " + topics));
      assertEquals(
          List.of("true"), strings(st, "select min(article_count) >= 0.01 * 789 from " + topics));
      String articleTopics = manifestScan(out, "article_topics");
      assertEquals(
          List.of("789"),
          strings(st, "select count(distinct article_id) from " + articleTopics),
          "every article has topic weights");
      // Terms ranked by relevance (lambda 0.6): in rank order, and words spread over many topics
      // give way to words that tell topics apart. By probability alone (lambda 1) "russian" is in
      // three topics' top tens and only 77 of the 80 terms are distinct.
      String topicTerms = manifestScan(out, "topic_terms");
      assertEquals(
          List.of("0"),
          strings(
              st,
              "select count(*) from (select relevance < lead(relevance) over"
                  + " (partition by topic_id order by rank) as out_of_order from "
                  + topicTerms
                  + ") where out_of_order"));
      assertEquals(
          List.of("0"),
          strings(st, "select count(*) from " + topicTerms + " where relevance is null"));
      assertEquals(
          List.of("1"),
          strings(st, "select count(*) from " + topicTerms + " where term = 'russian'"));
      assertEquals(
          List.of("true"),
          strings(st, "select count(distinct term) >= 0.97 * count(*) from " + topicTerms));
    }
  }

  @Test
  void badConfigFailsFastWithExitCode2() throws Exception {
    ItOutputs.Result r = launcher("run", "--set", "terms.phrases.min_cont=5");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("Unknown config key 'terms.phrases.min_cont'"), r.stderr());
    assertTrue(r.stderr().contains("Did you mean 'terms.phrases.min_count'?"), r.stderr());
  }

  @Test
  void helpExplainsLauncherAndRunOptions() throws Exception {
    ItOutputs.Result top = launcher("--help");
    assertEquals(0, top.exitCode());
    assertTrue(top.stdout().contains("--master URL"), top.stdout());
    ItOutputs.Result run = launcher("run", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().contains("--set KEY=VALUE"), run.stdout());
    assertTrue(run.stdout().contains("terms.phrases.min_npmi"), run.stdout());
  }

  /**
   * A table read as a plain Parquet reader must read a Delta table: the files its symlink manifest
   * names (globbing *.parquet would also read files of replaced versions).
   */
  private static String manifestScan(Path output, String table) throws IOException {
    List<String> files =
        Files.readAllLines(output.resolve(table).resolve("_symlink_format_manifest/manifest"));
    assertFalse(files.isEmpty(), table + " manifest is empty");
    return "read_parquet(["
        + String.join(
            ", ", files.stream().map(f -> "'" + f.replaceFirst("^file:", "") + "'").toList())
        + "])";
  }

  private static List<String> strings(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static ItOutputs.Result launcher(String... args)
      throws IOException, InterruptedException {
    return ItOutputs.launcher(args);
  }
}
