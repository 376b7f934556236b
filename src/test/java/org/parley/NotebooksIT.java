package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The analyst notebooks executed headless, top to bottom, against the job's output on seeds/ and on
 * FA-KES, through the route a Debian machine has (DuckDB's JDBC jar through JPype): no cell fails,
 * each notebook draws its charts, and the answers are the corpus's. The executed FA-KES notebooks
 * become an HTML report under target/notebooks-report/, opened in headless Chromium.
 *
 * <p>Needs jupyter-nbconvert with a Python 3 kernel, pandas, matplotlib, networkx and JPype, and
 * Chromium (.ci/run installs them from Debian's packages). Without them the test is skipped, unless
 * PARLEY_REQUIRE_NOTEBOOKS=1 (set by .ci/run), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksIT {
  /** Each notebook and the least number of charts it draws on either corpus. */
  static final Map<String, Integer> NOTEBOOKS = new LinkedHashMap<>();

  static {
    NOTEBOOKS.put("01_corpus_and_terms", 5);
    NOTEBOOKS.put("02_actor_network", 3);
    NOTEBOOKS.put("03_topics", 3);
    NOTEBOOKS.put("04_quotes", 2);
  }

  private static final Path EXECUTED = Path.of("target", "notebooks").toAbsolutePath();
  private static final Path REPORT = Path.of("target", "notebooks-report").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private String nbconvert;
  private final Map<String, JsonNode> seeds = new LinkedHashMap<>();
  private final Map<String, JsonNode> faKes = new LinkedHashMap<>();

  @BeforeAll
  void executeEveryNotebookOnBothOutputs() throws Exception {
    nbconvert =
        Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert"))
            ? "/usr/bin/jupyter-nbconvert"
            : "jupyter-nbconvert";
    require(
        tool(nbconvert, "--version"),
        "jupyter-nbconvert (Debian: jupyter-nbconvert python3-nbclient python3-ipykernel python3-jpype)");
    for (String nb : NOTEBOOKS.keySet()) {
      seeds.put(nb, execute(nb, "seeds", ItOutputs.seeds()));
      faKes.put(nb, execute(nb, "fa-kes", ItOutputs.faKes()));
    }
  }

  @Test
  void everyNotebookRunsWithoutAnErrorAndDrawsItsCharts() {
    for (String nb : NOTEBOOKS.keySet()) {
      for (Map.Entry<String, JsonNode> run :
          Map.of("seeds", seeds.get(nb), "fa-kes", faKes.get(nb)).entrySet()) {
        JsonNode notebook = run.getValue();
        assertEquals(List.of(), errors(notebook), nb + " on " + run.getKey());
        // On seeds/ the terms that rose between two periods are not charted (too few dated
        // articles on each side), and there are no topics (five articles support no topic model:
        // the run skips them and says why); the notebooks say so instead of charting.
        boolean seedsRun = "seeds".equals(run.getKey());
        int expected =
            seedsRun && nb.startsWith("03")
                ? 0
                : NOTEBOOKS.get(nb) - (seedsRun && nb.startsWith("01") ? 1 : 0);
        assertTrue(
            images(notebook) >= expected,
            nb
                + " on "
                + run.getKey()
                + " drew "
                + images(notebook)
                + " charts, expected "
                + expected);
      }
    }
  }

  @Test
  void theNotebooksGiveTheCorpusAnswers() {
    // The seed article dated 2 November 2017 is the corpus's first dated article.
    assertTrue(
        text(seeds.get("01_corpus_and_terms")).contains("2017-11-02"),
        "01 on seeds names the first date");
    // FA-KES: 804 records, 789 articles; its sources are the 15 outlets of the CSV.
    String corpus = text(faKes.get("01_corpus_and_terms"));
    assertTrue(corpus.contains("789"), "01 on FA-KES counts its 789 articles");
    assertTrue(
        corpus.contains("2018-07-18") && corpus.contains("15"),
        "01 on FA-KES: last date, 15 sources");
    assertTrue(corpus.contains("russian"), "01 on FA-KES: the terms that rose most");
    assertTrue(
        text(seeds.get("01_corpus_and_terms")).contains("few dated articles"),
        "01 on seeds says why it does not compare periods");
    // The strongest sentence pair of FA-KES among pairs named together often (README).
    String network = text(faKes.get("02_actor_network"));
    assertTrue(
        network.contains("foua") && network.contains("kefraya"),
        "02 on FA-KES shows foua and kefraya");
    assertTrue(
        text(seeds.get("03_topics")).contains("No topic model in this output"),
        "03 on seeds says the run skipped topics");
    String topics = text(faKes.get("03_topics"));
    assertTrue(topics.contains("npmi"), "03 on FA-KES reports coherence");
    String quotes = text(faKes.get("04_quotes"));
    assertTrue(quotes.contains("speaker"), "04 on FA-KES lists quotes per speaker");
  }

  @Test
  void theHtmlReportOpensInChromiumWithItsChartsRendered() throws Exception {
    String chromium =
        Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
    require(tool(chromium, "--version"), "chromium (Debian: chromium)");
    Path index = report();
    assertTrue(
        Files.readString(index).contains("02_actor_network.html"),
        "the index links every notebook");
    for (String nb : NOTEBOOKS.keySet()) {
      Path html = REPORT.resolve(nb + ".html");
      // A copy that, once loaded, writes into its title how many of its images decoded.
      Path probe = REPORT.resolve(nb + ".probe.html");
      Files.writeString(
          probe,
          Files.readString(html)
              .replace(
                  "</body>",
                  "<script>window.addEventListener('load', () => { const all = [...document.images];"
                      + " document.title = 'images ' + all.filter(i => i.complete && i.naturalWidth > 0).length"
                      + " + '/' + all.length; });</script></body>"));
      ItOutputs.Result dom = chromium(chromium, List.of("--dump-dom", probe.toUri().toString()));
      Matcher m = Pattern.compile("<title>images (\\d+)/(\\d+)</title>").matcher(dom.stdout());
      assertTrue(m.find(), nb + ": no image count in the page: " + dom.stderr());
      assertEquals(m.group(2), m.group(1), nb + ": every image decodes");
      assertTrue(
          Integer.parseInt(m.group(2)) >= NOTEBOOKS.get(nb), nb + ": " + m.group(2) + " images");
      Files.delete(probe);

      Path shot = REPORT.resolve(nb + ".png");
      chromium(
          chromium,
          List.of("--screenshot=" + shot, "--window-size=1280,2400", html.toUri().toString()));
      BufferedImage image = ImageIO.read(shot.toFile());
      assertTrue(image != null && image.getWidth() > 0, nb + ": no screenshot");
      assertTrue(
          inked(image) > 0.02, nb + ": the screenshot is blank (" + inked(image) + " of it inked)");
      assertTrue(
          colours(image) >= 16,
          nb + ": the screenshot has " + colours(image) + " colours: no charts");
    }
  }

  @Test
  void theQueryModuleReadsAnEarlierRunThroughTimeTravel() throws Exception {
    // Two runs on one output: the first on two seed articles, the second on all five.
    Path twoSeeds = Files.createTempDirectory("parley-two-seeds");
    try (var seedFiles = Files.list(Path.of("seeds"))) {
      for (Path p : seedFiles.sorted().limit(2).toList()) {
        Files.copy(p, twoSeeds.resolve(p.getFileName()));
      }
    }
    Path out = Files.createTempDirectory("parley-it-time-travel").resolve("out");
    assertEquals(
        0,
        ItOutputs.launcher(
                "run",
                "--stages",
                "ingest",
                "--input",
                twoSeeds.toString(),
                "--output",
                out.toString())
            .exitCode());
    assertEquals(
        0, ItOutputs.launcher("run", "--stages", "ingest", "--output", out.toString()).exitCode());
    String script =
        String.join(
            "\n",
            "import sys, parley_query as pq",
            "out = sys.argv[1]",
            "runs = pq.connect(out).sql('SELECT run_id FROM runs ORDER BY started_at')['run_id']",
            "latest = pq.sql('SELECT count(*) AS n FROM articles')['n'][0]",
            "pq.connect(out, runs[0])",
            "first = pq.sql('SELECT count(*) AS n FROM articles')['n'][0]",
            "versions = dict(zip(pq.tables()['table'], pq.tables()['version']))",
            "print(f'latest={latest} first={first} articles_version={versions[\"articles\"]}')",
            "try:",
            "    pq.connect(out, 'no-such-run')",
            "except ValueError as e:",
            "    print('refused:', e)");
    ItOutputs.Result r =
        ItOutputs.run(
            List.of("/usr/bin/python3", "-c", script, out.toString()),
            Map.of("PARLEY_DUCKDB_JAR", duckDbJar()),
            Path.of("notebooks"),
            3);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("latest=5 first=2 articles_version=0"), r.stdout());
    assertTrue(r.stdout().contains("refused: Run no-such-run is not in"), r.stdout());
  }

  // ---- execution ----

  private JsonNode execute(String notebook, String corpus, ItOutputs.Output output)
      throws Exception {
    assertEquals(0, output.run().exitCode(), output.run().stderr());
    Path dir = EXECUTED.resolve(corpus);
    Files.createDirectories(dir);
    ItOutputs.Result r =
        ItOutputs.run(
            List.of(
                nbconvert,
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=600",
                "--output-dir",
                dir.toString(),
                "notebooks/" + notebook + ".ipynb"),
            Map.of(
                "PARLEY_OUTPUT",
                output.path().toString(),
                "PARLEY_DUCKDB_JAR",
                duckDbJar(),
                "PYDEVD_DISABLE_FILE_VALIDATION",
                "1"),
            Path.of("."),
            10);
    if (r.exitCode() != 0) {
      fail(notebook + " on " + corpus + " failed:\n" + tail(r.stderr()));
    }
    return JSON.readTree(dir.resolve(notebook + ".ipynb").toFile());
  }

  /** The FA-KES notebooks as HTML, with an index page: what an analyst opens in a browser. */
  private Path report() throws Exception {
    Files.createDirectories(REPORT);
    List<String> command =
        new ArrayList<>(List.of(nbconvert, "--to", "html", "--output-dir", REPORT.toString()));
    NOTEBOOKS
        .keySet()
        .forEach(nb -> command.add(EXECUTED.resolve("fa-kes").resolve(nb + ".ipynb").toString()));
    ItOutputs.Result r = ItOutputs.run(command, Map.of(), Path.of("."), 5);
    assertEquals(0, r.exitCode(), tail(r.stderr()));
    StringBuilder index =
        new StringBuilder(
            "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>Parley notebooks: FA-KES</title></head><body><h1>Parley notebooks on FA-KES</h1><ul>");
    NOTEBOOKS
        .keySet()
        .forEach(
            nb ->
                index
                    .append("<li><a href=\"")
                    .append(nb)
                    .append(".html\">")
                    .append(nb)
                    .append("</a></li>"));
    Path page = REPORT.resolve("index.html");
    Files.writeString(page, index.append("</ul></body></html>\n").toString());
    return page;
  }

  private static ItOutputs.Result chromium(String chromium, List<String> args) throws Exception {
    Path profile = Files.createTempDirectory("parley-chromium");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=10000",
                "--user-data-dir=" + profile));
    command.addAll(args);
    return ItOutputs.run(command, Map.of(), Path.of("."), 3);
  }

  // ---- reading executed notebooks ----

  private static List<String> errors(JsonNode notebook) {
    List<String> out = new ArrayList<>();
    for (JsonNode cell : notebook.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        if ("error".equals(o.path("output_type").asText())) {
          out.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
        }
      }
    }
    return out;
  }

  private static int images(JsonNode notebook) {
    int n = 0;
    for (JsonNode cell : notebook.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        n += o.path("data").has("image/png") ? 1 : 0;
      }
    }
    return n;
  }

  /** Everything the notebook printed or showed as text. */
  private static String text(JsonNode notebook) {
    StringBuilder s = new StringBuilder();
    for (JsonNode cell : notebook.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        o.path("text").forEach(line -> s.append(line.asText()));
        o.path("data").path("text/plain").forEach(line -> s.append(line.asText()));
        s.append('\n');
      }
    }
    return s.toString();
  }

  // ---- pictures ----

  private static double inked(BufferedImage image) {
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        inked += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
      }
    }
    return inked / (double) ((image.getHeight() / 2 + 1) * (image.getWidth() / 2 + 1));
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y) & 0xF0F0F0);
      }
    }
    return seen.size();
  }

  // ---- tools ----

  private static boolean tool(String... command) {
    try {
      return ItOutputs.run(List.of(command), Map.of(), Path.of("."), 2).exitCode() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void require(boolean present, String what) {
    if (!present) {
      String message = "not installed: " + what + "; .ci/run installs it";
      if ("1".equals(System.getenv("PARLEY_REQUIRE_NOTEBOOKS"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  private static String duckDbJar() throws Exception {
    return Path.of(
            org.duckdb.DuckDBDriver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI())
        .toString();
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
