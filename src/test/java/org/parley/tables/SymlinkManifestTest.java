package org.parley.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/**
 * The manifest brought forward from each commit's log entries names exactly the files of the
 * table's current version, through every kind of write Parley makes, and equals the one read from
 * the table's snapshot.
 */
class SymlinkManifestTest {
  private static final Table TABLE = Tables.TERM_TRENDS;

  @Test
  void everyKindOfCommitLeavesTheManifestNamingTheCurrentFiles() throws IOException {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-manifest");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    List<String> key = List.of(Columns.PERIOD, Columns.PERIOD_START, Columns.TERM);

    assertCurrent(spark, store, out, store.write(TABLE, rows(spark, 0, 30, 1)));
    assertCurrent(spark, store, out, store.append(TABLE, rows(spark, 30, 5, 1)));
    assertCurrent(
        spark,
        store,
        out,
        store.upsert(TABLE, rows(spark, 33, 4, 4), key, "t.period = 'day'")); // 2 updated, 2 new
    long versionWith37Days = store.version(TABLE);
    assertCurrent(
        spark,
        store,
        out,
        store.replaceWhere(
            TABLE, rows(spark, 0, 2, 9), "period_start < DATE'" + LocalDate.of(2020, 1, 3) + "'"));
    store.compact(TABLE);
    assertCurrent(spark, store, out, store.read(TABLE).count());
    store.restore(TABLE, versionWith37Days);
    assertCurrent(spark, store, out, 74);
    assertCurrent(spark, store, out, store.write(TABLE, rows(spark, 0, 3, 1)));
    assertEquals(6, store.read(TABLE).count());

    // A table without clustering is compacted by Delta's OPTIMIZE.
    Table words = Tables.ORDINARY_WORDS;
    store.write(words, words(spark, "the", "and"));
    store.append(words, words(spark, "of"));
    store.append(words, words(spark, "to"));
    store.compact(words);
    store.refreshManifest(words);
    assertEquals(
        Set.copyOf(Arrays.asList(delta(spark, out, words).inputFiles())),
        manifest(out, words).stream().collect(java.util.stream.Collectors.toSet()));
    assertEquals(1, manifest(out, words).size(), "OPTIMIZE left one file");
  }

  @Test
  void anUnreadableOrNewerStateFallsBackToTheSnapshot() throws IOException {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-manifest-fallback");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    store.write(TABLE, rows(spark, 0, 10, 1));
    Path state = out.resolve(TABLE.name()).resolve("_symlink_format_manifest/.files");
    assertTrue(Files.readString(state).startsWith("parley-manifest-state 2 version 0\nschema {"));

    Files.writeString(state, "not a state\n");
    assertCurrent(spark, store, out, store.append(TABLE, rows(spark, 10, 2, 1)));
    // A state from a later version than the log's (a table written again from scratch).
    Files.writeString(state, "parley-manifest-state 2 version 99\nschema \n5\tpart-gone.parquet\n");
    assertCurrent(spark, store, out, store.append(TABLE, rows(spark, 12, 2, 1)));
    assertEquals(28, store.read(TABLE).count());
  }

  @Test
  void readsGoThroughTheFileListOnlyWhileItIsCurrent() throws IOException {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-manifest-reads");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    store.write(TABLE, rows(spark, 0, 10, 1));
    store.append(TABLE, rows(spark, 10, 5, 2));
    assertFalse(readsThroughDelta(store.read(TABLE)), "after Parley's commits: the file list");
    assertSameRows(delta(spark, out, TABLE), store.read(TABLE));
    assertEquals(delta(spark, out, TABLE).schema(), store.read(TABLE).schema(), "the log's schema");

    // Another tool's commit: the list is behind the log until Parley's next commit.
    io.delta.tables.DeltaTable.forPath(spark, store.path(TABLE)).delete("count = 2");
    assertTrue(readsThroughDelta(store.read(TABLE)));
    assertEquals(20, store.read(TABLE).count());
    store.refreshManifest(TABLE);
    assertFalse(readsThroughDelta(store.read(TABLE)));
    assertSameRows(delta(spark, out, TABLE), store.read(TABLE));

    // A read is of the version current when it was made, as a snapshot's would be.
    Dataset<Row> before = store.read(TABLE);
    store.write(TABLE, rows(spark, 0, 1, 5));
    assertEquals(20, before.count());
    assertEquals(2, store.read(TABLE).count());

    // A table with no rows.
    store.write(TABLE, rows(spark, 0, 0, 1));
    assertFalse(readsThroughDelta(store.read(TABLE)));
    assertEquals(0, store.read(TABLE).count());
    assertEquals(TABLE.schema().fieldNames().length, store.read(TABLE).columns().length);

    // An unreadable list: through Delta, with the same rows.
    Files.writeString(
        out.resolve(TABLE.name()).resolve("_symlink_format_manifest/.files"), "garbage\n");
    assertTrue(readsThroughDelta(store.read(TABLE)));
  }

  /** Whether the scan is Delta's (its file index), not plain Parquet's or an empty relation's. */
  private static boolean readsThroughDelta(Dataset<Row> rows) {
    String plan = rows.queryExecution().sparkPlan().toString();
    return !plan.contains("InMemoryFileIndex") && !plan.contains("LocalTableScan");
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(0, expected.exceptAll(actual).count());
    assertEquals(0, actual.exceptAll(expected).count());
  }

  private static Dataset<Row> delta(SparkSession spark, Path out, Table table) {
    return spark.read().format("delta").load(out.resolve(table.name()).toString());
  }

  /**
   * The manifest names the current version's files, the count returned agrees with the rows, and a
   * manifest rebuilt from the snapshot (no state) is the same.
   */
  private static void assertCurrent(SparkSession spark, TableStore store, Path out, long count)
      throws IOException {
    Set<String> current = new TreeSet<>(Arrays.asList(delta(spark, out, TABLE).inputFiles()));
    Set<String> listed = new TreeSet<>(manifest(out, TABLE));
    assertEquals(current, listed);
    assertEquals(manifest(out, TABLE).size(), listed.size(), "no file named twice");
    long read = spark.read().parquet(listed.toArray(String[]::new)).count();
    assertEquals(
        delta(spark, out, TABLE).count(), read, "the manifest's files hold the current rows");
    assertSameRows(delta(spark, out, TABLE), store.read(TABLE));
    assertEquals(read, count);
    assertEquals(read, store.rowCounts().getOrDefault(TABLE.name(), read));

    Path folder = out.resolve(TABLE.name()).resolve("_symlink_format_manifest");
    String brought = Files.readString(folder.resolve(".files"));
    Files.delete(folder.resolve(".files"));
    store.refreshManifest(TABLE); // replays the log from version 0
    assertEquals(listed, new TreeSet<>(manifest(out, TABLE)));
    assertEquals(sortedLines(brought), sortedLines(Files.readString(folder.resolve(".files"))));
    Files.writeString(folder.resolve(".files"), "garbage\n");
    store.refreshManifest(TABLE); // from the snapshot
    assertEquals(listed, new TreeSet<>(manifest(out, TABLE)));
    assertEquals(sortedLines(brought), sortedLines(Files.readString(folder.resolve(".files"))));
  }

  private static Set<String> sortedLines(String text) {
    return new TreeSet<>(text.lines().toList());
  }

  private static List<String> manifest(Path out, Table table) throws IOException {
    return Files.readAllLines(
        out.resolve(table.name()).resolve("_symlink_format_manifest/manifest"));
  }

  /** Two terms a day over [from, from + days), each with the given count. */
  private static Dataset<Row> rows(SparkSession spark, int from, int days, long count) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + days; i++) {
      Date day = Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(i));
      for (String term : List.of("ceasefire", "talks")) {
        rows.add(RowFactory.create("day", day, term, 1, count, 1L, 0.5, "test-run"));
      }
    }
    return spark.createDataFrame(rows, TABLE.schema()).repartition(3);
  }

  private static Dataset<Row> words(SparkSession spark, String... words) {
    List<Row> rows = new ArrayList<>();
    for (String w : words) {
      rows.add(RowFactory.create(w, "test-run"));
    }
    return spark.createDataFrame(rows, Tables.ORDINARY_WORDS.schema());
  }
}
