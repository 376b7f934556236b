package org.parley;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The nightly job as a scheduler runs it: jobs/nightly.sh and jobs/parley on the packaged jar, the
 * seed articles landed over two dates. One output takes the nights undisturbed; a copy of it has
 * its driver killed (SIGKILL) in the middle of the second night's writes, and a second run is
 * started on it while the first holds the lock. The tables are read back with DuckDB through their
 * manifests, as a plain Parquet reader would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyLauncherIT {
  private static final String D1 = "2024-03-01";
  private static final String D2 = "2024-03-02";

  /**
   * Tables compared row for row (run ids aside) between the undisturbed and the recovered output.
   */
  private static final List<String> COMPARED =
      List.of(
          "articles",
          "sentences",
          "article_terms",
          "term_stats",
          "actor_mentions",
          "quotes",
          "actor_comentions",
          "stories",
          "rejected_records");

  private Path landing;
  private Path undisturbed;
  private Path killed;
  private Result wrapper;
  private Result refused;
  private Result recovery;
  private boolean killedMidRun;

  record Result(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  void runTheNights() throws Exception {
    Path work = Files.createTempDirectory("parley-it-nightly");
    landing = work.resolve("landing");
    List<Path> seeds;
    try (Stream<Path> s = Files.list(Path.of("seeds"))) {
      seeds = s.sorted().toList();
    }
    for (int i = 0; i < seeds.size(); i++) {
      Path night = landing.resolve("date=" + (i < 3 ? D1 : D2));
      Files.createDirectories(night);
      Files.copy(seeds.get(i), night.resolve(seeds.get(i).getFileName()));
    }
    undisturbed = work.resolve("undisturbed");
    Result first =
        run(
            List.of(
                "jobs/parley",
                "run",
                "--input",
                landing.resolve("date=" + D1).toString(),
                "--output",
                undisturbed.toString()),
            Map.of());
    assertEquals(0, first.exitCode(), first.stderr());
    killed = work.resolve("killed");
    TestFiles.copyTree(undisturbed, killed);

    // Weekly maintenance on today's weekday, so that this run does it.
    String today = String.valueOf(LocalDate.now(ZoneOffset.UTC).getDayOfWeek().getValue());
    wrapper =
        run(
            List.of(
                "jobs/nightly.sh",
                "--input",
                landing.toString(),
                "--output",
                undisturbed.toString(),
                "--date",
                D2),
            Map.of("PARLEY_MAINTAIN_DAY", today, "PARLEY_RETRIES", "0"));

    List<String> nightly =
        List.of(
            "jobs/parley",
            "nightly",
            "--input",
            landing.toString(),
            "--output",
            killed.toString(),
            "--date",
            D2);
    Process victim = start(nightly, work.resolve("victim.out"), work.resolve("victim.err"));
    Path lock = killed.resolve("_parley/lock");
    waitFor(() -> Files.exists(lock), victim, "the first run to take the lock");
    refused = run(nightly, Map.of());
    long termsBefore = commits(killed.resolve("article_terms"));
    waitFor(
        () -> commits(killed.resolve("article_terms")) > termsBefore,
        victim,
        "article_terms to be committed");
    killedMidRun = victim.isAlive();
    victim.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    victim.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
    victim.waitFor(1, TimeUnit.MINUTES);
    recovery = run(nightly, Map.of());
  }

  @Test
  void theWrapperRunsTheNightLogsItAndMaintainsWeekly() throws IOException {
    assertEquals(0, wrapper.exitCode(), wrapper.stdout() + wrapper.stderr());
    assertTrue(wrapper.stdout().contains("nightly-" + D2 + ": exit 0"), wrapper.stdout());
    assertTrue(wrapper.stdout().contains("maintain: exit 0"), wrapper.stdout());
    try (Stream<Path> logs = Files.list(undisturbed.resolve("_parley/logs"))) {
      List<String> names = logs.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2, names.size(), names.toString());
      assertTrue(
          names.get(0).endsWith("-nightly-" + D2 + ".log")
              || names.get(1).endsWith("-nightly-" + D2 + ".log"));
    }
  }

  @Test
  void theNightIsMergedAndReadableThroughTheManifests() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      assertEquals(
          List.of(D1 + " 3", D2 + " 2"),
          strings(
              st,
              "select cast(ingest_date as varchar) || ' ' || n from (select ingest_date, count(*) as n"
                  + " from "
                  + manifestScan(undisturbed, "articles")
                  + " group by ingest_date) order by ingest_date"));
      assertEquals(
          List.of("run succeeded 3 0", "nightly succeeded 2 0", "maintain succeeded null null"),
          strings(
              st,
              "select command || ' ' || status || ' ' || coalesce(cast(accepted as varchar), 'null') || ' ' ||"
                  + " coalesce(cast(duplicates as varchar), 'null') from "
                  + manifestScan(undisturbed, "runs")
                  + " order by started_at"));
    }
  }

  @Test
  void aSecondRunOnTheSameOutputExitsWith3() {
    assertEquals(3, refused.exitCode(), refused.stdout() + refused.stderr());
    assertTrue(refused.stderr().contains("locked"), refused.stderr());
  }

  @Test
  void aDriverKilledDuringTheNightIsRecoveredByTheNextRun() throws Exception {
    assertTrue(killedMidRun, "the driver was killed while the run was writing");
    assertEquals(0, recovery.exitCode(), recovery.stderr());
    assertTrue(recovery.stdout().contains("recovered run"), recovery.stdout());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      for (String table : COMPARED) {
        assertEquals(
            rowsWithoutRunId(st, undisturbed, table),
            rowsWithoutRunId(st, killed, table),
            table + " equals the undisturbed night's");
      }
      assertEquals(
          List.of("run succeeded", "nightly failed", "nightly succeeded"),
          strings(
              st,
              "select command || ' ' || status from "
                  + manifestScan(killed, "runs")
                  + " order by started_at"));
    }
  }

  // ---- helpers ----

  private interface Check {
    boolean holds() throws IOException;
  }

  private static void waitFor(Check check, Process p, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!check.holds()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        fail(
            "gave up waiting for "
                + what
                + (p.isAlive() ? "" : ": the run ended with exit " + p.exitValue()));
      }
      Thread.sleep(50);
    }
  }

  private static long commits(Path table) throws IOException {
    try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
      return log.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }

  /** Every line of the result set's first column, rows joined into one string each. */
  private static List<String> strings(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /** A table's rows in order, run ids left out; an empty manifest (no files) is an empty table. */
  private static List<String> rowsWithoutRunId(Statement st, Path output, String table)
      throws IOException, SQLException {
    if (manifestFiles(output, table).isEmpty()) {
      return List.of();
    }
    return strings(
        st, "select * exclude (run_id) from " + manifestScan(output, table) + " order by all");
  }

  private static List<String> manifestFiles(Path output, String table) throws IOException {
    return Files.readAllLines(output.resolve(table).resolve("_symlink_format_manifest/manifest"))
        .stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static String manifestScan(Path output, String table) throws IOException {
    List<String> files = manifestFiles(output, table);
    return "read_parquet(["
        + String.join(
            ", ", files.stream().map(f -> "'" + f.replaceFirst("^file:", "") + "'").toList())
        + "])";
  }

  private static Process start(List<String> command, Path stdout, Path stderr) throws IOException {
    return new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
  }

  private static Result run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("parley-it", ".out");
    Path stderr = Files.createTempFile("parley-it", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 10 minutes");
    }
    return new Result(
        p.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
