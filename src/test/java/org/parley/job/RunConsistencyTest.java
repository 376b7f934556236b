package org.parley.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.ingest.IngestStep;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.stories.StoriesStep;
import org.parley.tables.Table;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;
import org.parley.terms.TermsStep;
import org.parley.topics.TopicsStep;

/**
 * The tables stay consistent as a set: a failed stage puts back what the run had committed, a
 * killed run is put back by the next one, a second writer is refused, and any successful run can be
 * read back by its id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunConsistencyTest {
  private static final List<String> STAGES = List.of("ingest", "terms");
  private SparkSession spark;
  private Path work;
  private Path base;
  private Path twoSeeds;
  private ParleyJob.RunResult first;

  @BeforeAll
  void runOnSeeds() throws IOException {
    spark = SparkTestSupport.spark();
    work = SparkTestSupport.tempDir("parley-consistency");
    base = work.resolve("base");
    first = new ParleyJob(spark, config(base, "seeds/")).run();
    twoSeeds = work.resolve("two-seeds");
    Files.createDirectories(twoSeeds);
    try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
      for (Path p : seeds.sorted().limit(2).toList()) {
        Files.copy(p, twoSeeds.resolve(p.getFileName()));
      }
    }
  }

  private static ParleyConfig config(Path output, String input) {
    return config(output, input, String.join(",", STAGES), Map.of());
  }

  /** A run of {@code stages} over {@code input} into {@code output}, with more settings. */
  private static ParleyConfig config(
      Path output, String input, String stages, Map<String, Object> more) {
    Map<String, Object> settings = new java.util.HashMap<>(more);
    settings.put("input.paths", List.of(input));
    settings.put("output.path", output.toString());
    settings.put("run.stages", stages);
    return ConfigLoader.load(null, Map.of(), settings);
  }

  private Dataset<Row> table(Path output, Table t) {
    return spark.read().format("delta").load(output.resolve(t.name()).toString());
  }

  private List<String> rows(Dataset<Row> df) {
    return df.drop("run_id").collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** A stand-in for a stage: its name, reads and writes, and another body. */
  private static Step standIn(Step stage, Function<RunContext, StepReport> body) {
    return new Step() {
      @Override
      public String name() {
        return stage.name();
      }

      @Override
      public List<Table> reads() {
        return stage.reads();
      }

      @Override
      public List<Table> writes() {
        return stage.writes();
      }

      @Override
      public StepReport run(RunContext context) {
        return body.apply(context);
      }
    };
  }

  /** A step that fails: the fault injected after ingest and terms have committed. */
  private static final Step FAILING =
      standIn(
          new TermsStep(),
          context -> {
            new TermsStep().run(context);
            throw new IllegalStateException("injected fault after terms committed");
          });

  @Test
  void aFailedStageRestoresTheTablesTheRunHadCommitted() throws Exception {
    Path out = copy("failed");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    long articlesBefore = store.version(Tables.ARTICLES);
    ParleyJob job =
        new ParleyJob(spark, config(out, twoSeeds.toString()), List.of(new IngestStep(), FAILING));
    IllegalStateException e = assertThrows(IllegalStateException.class, job::run);
    assertEquals("injected fault after terms committed", e.getMessage());

    for (Table t :
        List.of(Tables.ARTICLES, Tables.SENTENCES, Tables.TERM_STATS, Tables.ARTICLE_TERMS)) {
      assertEquals(rows(table(base, t)), rows(table(out, t)), t.name() + " is back as it was");
    }
    assertTrue(
        store.version(Tables.ARTICLES) > articlesBefore + 1, "ingest committed, then was restored");
    Row failed = table(out, Tables.RUNS).orderBy(col("started_at").desc()).first();
    assertEquals("failed", failed.getAs("status"));
    assertEquals("injected fault after terms committed", failed.getAs("error"));
    assertTrue(failed.getJavaMap(failed.fieldIndex("table_versions")).isEmpty());
    assertFalse(Files.exists(out.resolve("_parley/journal.json")));
    assertFalse(Files.exists(out.resolve("_parley/lock")));
    // The manifest names exactly the restored version's files.
    assertEquals(5, duckDbCountThroughManifest(out, Tables.ARTICLES));
  }

  @Test
  void sideBySideAFailedStageStopsWhatNeedsItLetsTheRestFinishAndRestoresAll() throws Exception {
    Path out = copy("failed-side-by-side");
    AtomicBoolean topicsRan = new AtomicBoolean();
    Step topics =
        standIn(
            new TopicsStep(),
            context -> {
              topicsRan.set(true);
              return StepReport.NONE;
            });
    ParleyConfig sideBySide =
        config(
            out,
            twoSeeds.toString(),
            "ingest,stories,terms,topics",
            Map.of("run.parallel_stages", "always"));
    ParleyJob job =
        new ParleyJob(
            spark, sideBySide, List.of(new IngestStep(), new StoriesStep(), FAILING, topics));
    IllegalStateException e = assertThrows(IllegalStateException.class, job::run);
    assertEquals("injected fault after terms committed", e.getMessage());

    assertFalse(topicsRan.get(), "topics reads what terms writes: it never starts");
    Row failed = table(out, Tables.RUNS).orderBy(col("started_at").desc()).first();
    assertEquals("failed", failed.getAs("status"));
    Map<String, Double> seconds = failed.getJavaMap(failed.fieldIndex("stage_seconds"));
    assertEquals(
        List.of("ingest", "stories"),
        seconds.keySet().stream().sorted().toList(),
        "stories, beside the failing terms, finished");
    assertFalse(
        Files.exists(out.resolve("stories")), "its table, new in this run, is removed again");
    for (Table t : List.of(Tables.ARTICLES, Tables.TERM_STATS, Tables.ARTICLE_TERMS)) {
      assertEquals(rows(table(base, t)), rows(table(out, t)), t.name() + " is back as it was");
    }
    assertFalse(Files.exists(out.resolve("_parley/lock")));
  }

  @Test
  void aKilledRunIsRestoredByTheNextRun() throws Exception {
    Path out = copy("killed");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    // What a driver killed mid-run leaves: its lock (its process gone), its journal, and a commit.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String lock =
        "{\"host\":\""
            + InetAddress.getLocalHost().getHostName()
            + "\",\"pid\":"
            + gone.pid()
            + ",\"run_id\":\"killed-run\",\"started_at\":\""
            + Instant.now()
            + "\"}";
    Files.writeString(
        out.resolve("_parley/lock"), lock, java.nio.file.StandardOpenOption.CREATE_NEW);
    new RunJournal(out.toString(), spark.sparkContext().hadoopConfiguration())
        .write(
            new RunJournal.Entry(
                "killed-run",
                "run",
                Instant.now(),
                STAGES,
                List.of("x"),
                "d",
                "{}",
                store.versions(Tables.DATA)));
    store.write(Tables.ARTICLES, table(out, Tables.ARTICLES).limit(1));

    ParleyJob.RunResult next = new ParleyJob(spark, config(out, "seeds/")).run();
    assertEquals(List.of("killed-run"), next.recoveredRuns());
    assertEquals(rows(table(base, Tables.ARTICLES)), rows(table(out, Tables.ARTICLES)));
    Row killed = table(out, Tables.RUNS).filter(col("run_id").equalTo("killed-run")).first();
    assertEquals("failed", killed.getAs("status"));
    assertTrue(killed.<String>getAs("error").contains("killed"), killed.<String>getAs("error"));
    assertTrue(killed.<String>getAs("error").contains("articles"), killed.<String>getAs("error"));
    assertEquals(
        1,
        table(out, Tables.RUNS)
            .filter(col("run_id").equalTo(next.runId()))
            .filter(col("status").equalTo("succeeded"))
            .count());
  }

  @Test
  void aSecondWriterIsRefusedAndAStaleLockIsReported() throws Exception {
    Path out = copy("locked");
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(
        out.resolve("_parley/lock"),
        "{\"host\":\""
            + host
            + "\",\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"run_id\":\"live-run\",\"started_at\":\""
            + Instant.now()
            + "\"}");
    OutputLock.LockedException live =
        assertThrows(
            OutputLock.LockedException.class,
            () -> new ParleyJob(spark, config(out, "seeds/")).run());
    assertTrue(live.getMessage().contains("live-run"), live.getMessage());
    assertTrue(
        live.getMessage().contains("pid " + ProcessHandle.current().pid()), live.getMessage());

    Files.writeString(
        out.resolve("_parley/lock"),
        "{\"host\":\"other-host\",\"pid\":1,\"run_id\":\"old-run\","
            + "\"started_at\":\"2020-01-01T00:00:00Z\"}");
    OutputLock.LockedException stale =
        assertThrows(
            OutputLock.LockedException.class,
            () -> new ParleyJob(spark, config(out, "seeds/")).run());
    assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
    assertTrue(
        stale.getMessage().contains("jobs/parley unlock --output " + out), stale.getMessage());
    assertEquals(1, table(out, Tables.RUNS).count(), "refused runs write nothing");
  }

  @Test
  void anEarlierRunIsReadBackByItsId() throws IOException {
    Path out = copy("as-of");
    ParleyJob.RunResult second = new ParleyJob(spark, config(out, twoSeeds.toString())).run();
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    Map<Table, RunHistory.TableVersion> then = RunHistory.asOf(store, first.runId());
    assertEquals(first.runId(), then.get(Tables.ARTICLES).committedBy());
    assertEquals(
        rows(table(base, Tables.ARTICLES)),
        rows(store.readVersion(Tables.ARTICLES, then.get(Tables.ARTICLES).version())));
    assertEquals(2, store.read(Tables.ARTICLES).count());
    assertEquals(second.runId(), RunHistory.asOf(store, null).get(Tables.TERM_STATS).committedBy());
    String report = TablesReport.describe(store, first.runId());
    assertTrue(report.contains("VERSION AS OF " + then.get(Tables.ARTICLES).version()), report);
  }

  @Test
  void maintainCompactsAndVacuumsWithoutChangingRows() throws Exception {
    Path out = copy("maintained");
    new ParleyJob(spark, config(out, twoSeeds.toString())).run(); // a second version of every table
    ParleyConfig config =
        ConfigLoader.load(
            null, Map.of("output.retention_days", "0"), Map.of("output.path", out.toString()));
    Maintenance.Result result = new Maintenance(spark, config).run();
    assertEquals(Tables.ARTICLES.name(), result.tableVersions().keySet().iterator().next());
    assertEquals(2, table(out, Tables.ARTICLES).count());
    assertEquals(2, duckDbCountThroughManifest(out, Tables.ARTICLES));
    // Retention 0: only the current version's files are left, so a glob now agrees with the
    // manifest.
    try (Stream<Path> files = Files.list(out.resolve(Tables.ARTICLES.name()))) {
      long parquet = files.filter(f -> f.toString().endsWith(".parquet")).count();
      assertEquals(
          Files.readAllLines(out.resolve("articles/_symlink_format_manifest/manifest")).size(),
          parquet);
    }
    Row row = table(out, Tables.RUNS).filter(col("command").equalTo("maintain")).first();
    assertEquals("succeeded", row.getAs("status"));
    assertEquals(result.tableVersions(), row.getJavaMap(row.fieldIndex("table_versions")));
  }

  @Test
  void maintainRemovesOrphanedFilesOlderThanTheRetentionAndKeepsNewerOnes() throws Exception {
    Path out = copy("retention");
    // Files a killed writer left behind: one from 3 days ago, one from an hour ago.
    Path table = out.resolve(Tables.SENTENCES.name());
    Path old =
        Files.writeString(
            table.resolve("part-orphan-old.snappy.parquet"), "left by a killed writer");
    Path recent =
        Files.writeString(
            table.resolve("part-orphan-recent.snappy.parquet"), "left by a killed writer");
    Files.setLastModifiedTime(
        old, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    Files.setLastModifiedTime(
        recent, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    ParleyConfig config =
        ConfigLoader.load(
            null, Map.of("output.retention_days", "2"), Map.of("output.path", out.toString()));
    new Maintenance(spark, config).run();
    assertFalse(Files.exists(old), "older than output.retention_days: removed");
    assertTrue(
        Files.exists(recent), "within output.retention_days: kept (a writer may still commit it)");
    assertEquals(5, table(out, Tables.ARTICLES).count());
  }

  @Test
  void aTwoArticleRunSucceedsAndSaysWhyTopicsWereSkipped() {
    Path out = work.resolve("two-articles");
    ParleyConfig c = config(out, twoSeeds.toString(), "ingest,terms,topics", Map.of());
    ParleyJob.RunResult r = new ParleyJob(spark, c).run();
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).startsWith("topics: skipped: only"), r.warnings().get(0));
    Row run = table(out, Tables.RUNS).first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals(r.warnings(), run.getList(run.fieldIndex("warnings")));
    assertEquals(2, table(out, Tables.ARTICLES).count(), "the other stages' tables are written");
    assertFalse(Files.exists(out.resolve(Tables.TOPICS.name())));
  }

  private long duckDbCountThroughManifest(Path out, Table t) throws Exception {
    List<String> files =
        Files.readAllLines(out.resolve(t.name()).resolve("_symlink_format_manifest/manifest"));
    String list =
        String.join(
            ",", files.stream().map(f -> "'" + f.replaceFirst("^file:", "") + "'").toList());
    try (var db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var st = db.createStatement();
        var rs = st.executeQuery("select count(*) from read_parquet([" + list + "])")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Path copy(String name) throws IOException {
    Path to = work.resolve(name);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(base)) {
      paths = new ArrayList<>(walk.toList());
    }
    for (Path p : paths) {
      Path target = to.resolve(base.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
    Files.createDirectories(to.resolve("_parley"));
    return to;
  }
}
