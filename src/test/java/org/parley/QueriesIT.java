package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * notebooks/queries.sql, the analyst's example queries, run on the FA-KES output in DuckDB (over
 * the tables' symlink manifests, as the notebooks' JDBC route reads them) and in Spark SQL (over
 * the Delta tables): every query gives rows, and the same rows in both engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesIT {
  private static final Pattern NAMED = Pattern.compile("(?m)^-- name: (\\S+)\\s*$");
  private Map<String, String> queries;
  private Map<String, List<String>> duck;
  private Map<String, List<String>> spark;
  private Connection db;

  @BeforeAll
  void runEveryQueryInBothEngines() throws Exception {
    Path out = ItOutputs.faKes().path();
    assertEquals(0, ItOutputs.faKes().run().exitCode(), ItOutputs.faKes().run().stderr());
    queries = queries(Files.readString(Path.of("notebooks/queries.sql")));
    db = DriverManager.getConnection("jdbc:duckdb:");
    SparkSession session = SparkTestSupport.spark();
    List<Path> tables;
    try (Stream<Path> list = Files.list(out)) {
      tables = list.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList();
    }
    try (Statement st = db.createStatement()) {
      for (Path t : tables) {
        String name = t.getFileName().toString();
        List<String> files =
            Files.readAllLines(t.resolve("_symlink_format_manifest/manifest")).stream()
                .filter(l -> !l.isBlank())
                .map(l -> "'" + l.replaceFirst("^file:", "") + "'")
                .toList();
        if (!files.isEmpty()) {
          st.execute(
              "CREATE VIEW "
                  + name
                  + " AS SELECT * FROM read_parquet(["
                  + String.join(", ", files)
                  + "])");
        }
        session.read().format("delta").load(t.toString()).createOrReplaceTempView(name);
      }
    }
    duck = new LinkedHashMap<>();
    spark = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      duck.put(q.getKey(), duckRows(q.getValue()));
      spark.put(
          q.getKey(),
          session.sql(q.getValue()).collectAsList().stream().map(QueriesIT::sparkRow).toList());
    }
  }

  @AfterAll
  void close() throws SQLException {
    if (db != null) {
      db.close();
    }
  }

  /**
   * Issue 29's targets on FA-KES: with the page furniture left out, no site word is among the 50
   * most frequent names the dictionary lacks, and no topic is a site's menu.
   */
  @Test
  void pageFurnitureReachesNeitherTheNamesNorTheTopics() throws Exception {
    List<String> top =
        duckRows(
            "SELECT surface FROM actor_candidates ORDER BY mention_count DESC, surface LIMIT 50");
    assertEquals(50, top.size());
    for (String word :
        List.of(
            "Tags",
            "Read",
            "FOLLOW",
            "SUBSCRIBE",
            "Comment",
            "FacebookComment",
            "URL",
            "Related",
            "Twitter",
            "YouTube")) {
      assertFalse(top.contains(word), word + " in " + top);
    }
    for (String label : duckRows("SELECT label FROM topics")) {
      assertFalse(label.contains("trt"), "a broadcaster's menu as a topic: " + label);
    }
  }

  @Test
  void theFileHoldsTheDocumentedQueries() {
    assertEquals(
        List.of(
            "top_phrases_this_month",
            "actor_partners",
            "topic_share_by_week",
            "quotes_by_speaker",
            "names_the_dictionary_lacks",
            "tfidf_of_an_article"),
        List.copyOf(queries.keySet()));
  }

  @Test
  void everyQueryGivesRowsAndTheSameRowsInDuckDbAndSparkSql() {
    for (String name : queries.keySet()) {
      assertFalse(duck.get(name).isEmpty(), name + " gives no rows on FA-KES");
      assertEquals(duck.get(name), spark.get(name), name + ": DuckDB and Spark SQL disagree");
    }
  }

  @Test
  void theAnswersAreTheCorpusFacts() {
    // Russia's strongest sentence partners: Iran, its fellow guarantor at Astana, first; its
    // president.
    List<String> partners =
        duck.get("actor_partners").stream().map(r -> r.split(" \\| ")[0]).toList();
    assertEquals("iran", partners.get(0), partners.toString());
    assertTrue(partners.contains("vladimir_putin"), partners.toString());
    // Weekly topic shares: each week's shares sum to at most 1 (dated articles' weight).
    Map<String, Double> weekly = new LinkedHashMap<>();
    for (String row : duck.get("topic_share_by_week")) {
      String[] cells = row.split(" \\| ");
      weekly.merge(cells[0], Double.parseDouble(cells[4]), Double::sum);
    }
    assertTrue(weekly.size() > 50, "FA-KES spans years of weeks: " + weekly.size());
    assertTrue(weekly.values().stream().allMatch(s -> s <= 1.001), weekly.toString());
    // The longest article's top tf-idf terms are distinct terms, highest first.
    List<String> tfidf = duck.get("tfidf_of_an_article");
    assertEquals(10, tfidf.size());
  }

  /** The named queries of the file, in order, each without its comments and final semicolon. */
  static Map<String, String> queries(String file) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = NAMED.matcher(file);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      names.add(m.group(1));
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : file.length();
      String body =
          file.substring(starts.get(i)[1], end)
              .lines()
              .filter(l -> !l.startsWith("--"))
              .reduce("", (a, b) -> a + b + "\n")
              .trim();
      out.put(names.get(i), body.endsWith(";") ? body.substring(0, body.length() - 1) : body);
    }
    return out;
  }

  private List<String> duckRows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(cell(rs.getObject(i) == null ? null : rs.getString(i)));
        }
        rows.add(String.join(" | ", cells));
      }
    }
    return rows;
  }

  private static String sparkRow(Row r) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      cells.add(cell(r.isNullAt(i) ? null : String.valueOf(r.get(i))));
    }
    return String.join(" | ", cells);
  }

  /** A cell as text, numbers to 6 significant digits (the engines print doubles differently). */
  private static String cell(String value) {
    if (value == null) {
      return "null";
    }
    if (value.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
      double d = Double.parseDouble(value);
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.valueOf((long) d)
          : String.format("%.6g", d);
    }
    return value;
  }
}
