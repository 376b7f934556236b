package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.Summaries;
import org.parley.config.ConfigKeys;

/**
 * The entry point's exit codes and messages for help and bad arguments. (A valid config would start
 * and stop a SparkSession, so only the paths that stop before Spark are run here.)
 */
class ParleyMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Parley.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help() {
    assertEquals(0, run("--help"));
    assertTrue(out().contains("Usage: parley run [options]"), out());
    assertTrue(out().contains("Exit codes"), out());
    assertEquals("", err());
  }

  @Test
  void runHelpListsEveryConfigKey() {
    assertEquals(0, run("run", "--help"));
    for (String key : ConfigKeys.ALL.keySet()) {
      assertTrue(out().contains(key), "run --help lacks " + key);
    }
    assertTrue(out().contains("--stages LIST"), out());
  }

  @Test
  void unknownKeyExitsWith2AndNamesIt() {
    assertEquals(2, run("run", "--set", "terms.phrases.min_cout=4"));
    assertTrue(err().startsWith("parley: "), err());
    assertTrue(err().contains("'terms.phrases.min_cout'"), err());
    assertTrue(err().contains("Did you mean 'terms.phrases.min_count'?"), err());
    assertEquals("", out());
  }

  @Test
  void badValueInAConfigFileExitsWith2(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "terms:\n  phrases:\n    min_count: \"abc\"\n");
    assertEquals(2, run("run", "--config", file.toString()));
    assertTrue(err().contains("'terms.phrases.min_count' must be a whole number"), err());
    assertTrue(err().contains(file.toString()), err());
  }

  @Test
  void summaryReportsTheReconciledCountsInAlignedColumns() {
    String summary =
        Summaries.run(
            new org.parley.job.ParleyJob.RunResult(
                "20240301T000000Z-abcdef12",
                "run",
                List.of("ingest", "terms"),
                new org.parley.pipeline.IngestTotals(9, 3, 1, 5),
                new LinkedHashMap<>(Map.of("articles", 3L)),
                seconds("ingest", 62.04, "terms", 0.26),
                62.3,
                "out/",
                Map.of("articles", 0L),
                List.of("topics: skipped"),
                List.of()));
    assertTrue(
        summary.startsWith(
            "Parley run 20240301T000000Z-abcdef12 succeeded in 1 min 2.3 s; stages ingest,"
                + " terms\n"),
        summary);
    assertTrue(
        summary.contains("records read 9 = accepted 3 + duplicates 1 + rejected 5"), summary);
    assertTrue(summary.contains("\n  table     rows\n  articles     3\n"), summary);
    assertTrue(
        summary.contains("\n  stage   seconds\n  ingest     62.0\n  terms       0.3\n"), summary);
    assertTrue(summary.contains("\nwarning: topics: skipped\n"), summary);
    assertTrue(summary.endsWith("tables in out/"), summary);
  }

  private static Map<String, Double> seconds(String stage, double s, String stage2, double s2) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(stage, s);
    m.put(stage2, s2);
    return m;
  }

  @Test
  void anOutputThatIsAFileIsAUsageErrorBeforeSparkStarts(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("out.txt"), "not a folder");
    assertEquals(2, run("run", "--output", file.toString()));
    assertEquals(
        "parley: Output path "
            + file
            + " is a file, not a folder (--output or output.path): give a folder"
            + " for the tables.\n",
        err());
    assertEquals(2, run("maintain", "--output", file.resolve("sub").toString()));
    assertTrue(err().contains("is under a file, " + file), err());
    assertEquals("", out());
  }

  @Test
  void aMissingInputIsAUsageErrorBeforeSparkStarts(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-input");
    assertEquals(
        2,
        run(
            "run",
            "--input",
            "seeds/",
            "--input",
            missing.toString(),
            "--output",
            dir.resolve("out").toString()));
    assertEquals("parley: Input path not found: " + missing + " (--input or input.paths)\n", err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written, not even the runs table");
  }

  @Test
  void badArgumentsExitWith2() {
    assertEquals(2, run("run", "--output"));
    assertTrue(err().contains("--output needs a value"), err());
    assertEquals(2, run("frobnicate"));
    assertTrue(err().contains("Unknown command 'frobnicate'"), err());
    assertEquals(2, run("run", "--config", "/no/such/parley.yaml"));
    assertTrue(err().contains("Config file not found: /no/such/parley.yaml"), err());
  }

  @Test
  void generateHelpAndBadGenerateArguments() {
    assertEquals(0, run("generate", "--help"));
    assertTrue(out().contains("Usage: parley generate --articles N --seed S --output PATH"), out());
    assertEquals(2, run("generate", "--articles", "-5", "--seed", "1", "--output", "gen/"));
    assertTrue(err().startsWith("parley: "), err());
    assertTrue(err().contains("--articles must be a positive number, got -5"), err());
  }
}
