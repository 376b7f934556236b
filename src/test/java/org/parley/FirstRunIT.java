package org.parley;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a new user meets through {@code jobs/parley}: a wrong path is one line and exit code 2
 * before Spark starts, and Ctrl-C stops a run cleanly (one line, tables put back, recorded as
 * interrupted, lock released).
 */
class FirstRunIT {
  private static final Path ROOT = Path.of("target", "it-outputs").toAbsolutePath();

  @Test
  void anOutputThatIsAFileIsOneLineAndExitCode2() throws Exception {
    Files.createDirectories(ROOT);
    Path file = Files.writeString(ROOT.resolve("output-is-a-file"), "x");
    ItOutputs.Result r = ItOutputs.launcher("run", "--output", file.toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(
        List.of(
            "parley: Output path "
                + file
                + " is a file, not a folder (--output or output.path):"
                + " give a folder for the tables."),
        r.stderr().lines().filter(l -> !l.startsWith("jobs/parley:")).toList());
  }

  @Test
  void aMissingInputIsOneLineAndExitCode2BeforeSparkStarts() throws Exception {
    Path out = fresh("missing-input");
    ItOutputs.Result r =
        ItOutputs.launcher("run", "--input", "no/such/folder", "--output", out.toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(
        List.of("parley: Input path not found: no/such/folder (--input or input.paths)"),
        r.stderr().lines().filter(l -> !l.startsWith("jobs/parley:")).toList());
    assertFalse(Files.exists(out), "no runs row, no table");
  }

  @Test
  void ctrlCStopsARunCleanly() throws Exception {
    Path out = fresh("interrupted");
    Path stderr = Files.createTempFile("parley-it", ".err");
    Process p =
        new ProcessBuilder("jobs/parley", "run", "--output", out.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    try {
      // Interrupted once ingest has committed its tables, so that there is something to put back.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
      while (!Files.readString(stderr, StandardCharsets.UTF_8).contains("Stage stories starts")) {
        assertTrue(p.isAlive(), Files.readString(stderr, StandardCharsets.UTF_8));
        assertTrue(System.nanoTime() < deadline, "the run did not reach stories");
        Thread.sleep(500);
      }
      Thread.sleep(3000);
      // A shell that started the build in the background gives its children SIGINT ignored (and
      // the run would finish undisturbed): then SIGTERM, which the same handler serves.
      signal(sigintIgnored() ? "TERM" : "INT", p.pid());
      assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the run did not stop");
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertTrue(
          p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue() + "\n" + err);
      assertTrue(err.lines().anyMatch(l -> l.startsWith("parley: interrupted: run ")), err);
      assertFalse(err.contains("INTERNAL_ERROR") || err.contains("\tat "), err);
      assertFalse(Files.exists(out.resolve("_parley").resolve("lock")), "the lock is released");
      assertFalse(
          Files.exists(out.resolve("_parley").resolve("journal.json")), "the run is recorded");
      assertFalse(
          Files.exists(out.resolve("articles")), "articles did not exist before the run: removed");
      try (Stream<Path> walk = Files.walk(out)) {
        List<Path> staging =
            walk.filter(
                    f ->
                        f.getFileName()
                            .toString()
                            .matches("_staging|_temporary|\\.spark-staging.*"))
                .toList();
        assertEquals(List.of(), staging);
      }
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select status, error from read_parquet(["
                      + String.join(
                          ", ",
                          Files.readAllLines(out.resolve("runs/_symlink_format_manifest/manifest"))
                              .stream()
                              .map(f -> "'" + f.replaceFirst("^file:", "") + "'")
                              .toList())
                      + "])")) {
        assertTrue(rs.next());
        assertEquals("interrupted", rs.getString(1));
        assertFalse(rs.next(), "one runs row");
      }
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
  }

  /** Whether this JVM (and so the processes it starts) ignores SIGINT: bit 2 of SigIgn. */
  private static boolean sigintIgnored() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring(7).trim(), 16) & 0x2L) != 0;
      }
    }
    return false;
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
  }

  private static Path fresh(String name) throws IOException {
    Path out = ROOT.resolve(name);
    if (Files.exists(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(ROOT);
    return out;
  }
}
