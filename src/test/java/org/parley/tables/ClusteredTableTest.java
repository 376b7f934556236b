package org.parley.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;

/**
 * A clustered table (term_trends) keeps a narrow range of periods per file, through writes and
 * compaction, so that a night's MERGE into one period rewrites one file, not the table.
 */
class ClusteredTableTest {
  private static final int DAYS = 400;

  @Test
  void mergeIntoOnePeriodRewritesOneFileBeforeAndAfterCompaction() {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-clustered");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    store.write(Tables.TERM_TRENDS, trendRows(spark, 0, DAYS, 1));
    int files = fileCount(spark, store);
    assertTrue(files >= 3, "the session's 4 shuffle partitions give several files, got " + files);

    Row lastDay = RowFactory.create("day", Date.valueOf(day(DAYS - 1)));
    store.upsert(
        Tables.TERM_TRENDS,
        trendRows(spark, DAYS - 1, 1, 5),
        List.of(Columns.PERIOD, Columns.PERIOD_START, Columns.TERM),
        Periods.inPeriods(List.of(lastDay)));
    Map<String, String> merge = lastMetrics(spark, store);
    assertEquals(
        "1", merge.get("numTargetFilesRemoved"), "only the file holding the day: " + merge);
    assertEquals("2", merge.get("numTargetRowsUpdated"), merge.toString());

    // Compaction rewrites the night's small file into the clustered layout, rows unchanged.
    long rows = store.read(Tables.TERM_TRENDS).count();
    store.compact(Tables.TERM_TRENDS);
    assertEquals(rows, store.read(Tables.TERM_TRENDS).count());
    Row firstDay = RowFactory.create("day", Date.valueOf(day(0)));
    store.upsert(
        Tables.TERM_TRENDS,
        trendRows(spark, 0, 1, 7),
        List.of(Columns.PERIOD, Columns.PERIOD_START, Columns.TERM),
        Periods.inPeriods(List.of(firstDay)));
    Map<String, String> afterCompaction = lastMetrics(spark, store);
    assertEquals("1", afterCompaction.get("numTargetFilesRemoved"), afterCompaction.toString());
    assertEquals(
        7L,
        store
            .read(Tables.TERM_TRENDS)
            .filter(col(Columns.PERIOD_START).equalTo(lit(Date.valueOf(day(0)))))
            .first()
            .<Long>getAs(Columns.COUNT));
  }

  @Test
  void nightCountsAddToTheStoredRowsOfTheirPeriodOnly() {
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-add-counts");
    TableStore store = new TableStore(spark, out.toString(), "snappy");
    List<Row> history = new ArrayList<>();
    for (int i = 0; i < DAYS; i++) {
      history.add(pairRow(day(i), "assad", "putin", 3, "history"));
    }
    store.write(
        Tables.ACTOR_COMENTIONS_BY_PERIOD,
        spark.createDataFrame(history, Tables.ACTOR_COMENTIONS_BY_PERIOD.schema()));

    // The last day: one pair already stored (its count adds up), one new pair (inserted).
    LocalDate last = day(DAYS - 1);
    store.addCounts(
        Tables.ACTOR_COMENTIONS_BY_PERIOD,
        spark.createDataFrame(
            List.of(
                pairRow(last, "assad", "putin", 2, "night"),
                pairRow(last, "erdogan", "putin", 1, "night")),
            Tables.ACTOR_COMENTIONS_BY_PERIOD.schema()),
        List.of(
            Columns.PERIOD, Columns.PERIOD_START, Columns.UNIT, Columns.ACTOR_A, Columns.ACTOR_B),
        Columns.PAIR_COUNT,
        Periods.inPeriods(List.of(RowFactory.create("day", Date.valueOf(last)))));

    Map<String, String> merge = lastMetrics(spark, store.path(Tables.ACTOR_COMENTIONS_BY_PERIOD));
    assertEquals("1", merge.get("numTargetFilesRemoved"), "only the day's file: " + merge);
    Dataset<Row> table = store.read(Tables.ACTOR_COMENTIONS_BY_PERIOD);
    assertEquals(DAYS + 1, table.count());
    Dataset<Row> lastDay = table.filter(col(Columns.PERIOD_START).equalTo(lit(Date.valueOf(last))));
    Row summed = lastDay.filter(col(Columns.ACTOR_A).equalTo("assad")).first();
    assertEquals(5L, summed.<Long>getAs(Columns.PAIR_COUNT));
    assertEquals("night", summed.<String>getAs(Columns.RUN_ID), "the night's run wrote the row");
    assertEquals(
        1L,
        lastDay
            .filter(col(Columns.ACTOR_A).equalTo("erdogan"))
            .first()
            .<Long>getAs(Columns.PAIR_COUNT));
    assertEquals(
        3L,
        table
            .filter(col(Columns.PERIOD_START).equalTo(lit(Date.valueOf(day(0)))))
            .first()
            .<Long>getAs(Columns.PAIR_COUNT),
        "other periods untouched");
  }

  private static Row pairRow(LocalDate day, String a, String b, long count, String runId) {
    return RowFactory.create("day", Date.valueOf(day), "sentence", a, b, count, runId);
  }

  private static LocalDate day(int i) {
    return LocalDate.of(2020, 1, 1).plusDays(i);
  }

  /** Two terms a day over [from, from + days), each with the given count. */
  private static Dataset<Row> trendRows(SparkSession spark, int from, int days, long count) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + days; i++) {
      for (String term : List.of("ceasefire", "talks")) {
        rows.add(
            RowFactory.create("day", Date.valueOf(day(i)), term, 1, count, 1L, 0.5, "test-run"));
      }
    }
    return spark.createDataFrame(rows, Tables.TERM_TRENDS.schema());
  }

  private static int fileCount(SparkSession spark, TableStore store) {
    return DeltaTable.forPath(spark, store.path(Tables.TERM_TRENDS))
        .detail()
        .first()
        .<Long>getAs("numFiles")
        .intValue();
  }

  private static Map<String, String> lastMetrics(SparkSession spark, TableStore store) {
    return lastMetrics(spark, store.path(Tables.TERM_TRENDS));
  }

  private static Map<String, String> lastMetrics(SparkSession spark, String tablePath) {
    Row last = DeltaTable.forPath(spark, tablePath).history(1).select("operationMetrics").first();
    return scala.jdk.javaapi.CollectionConverters.asJava(last.<String, String>getMap(0));
  }
}
