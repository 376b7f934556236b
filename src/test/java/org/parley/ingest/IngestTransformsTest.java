package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.parley.Frames.assertSameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

/** Ingest transforms on explicit record frames: de-duplication, rejections, totals, parsing. */
class IngestTransformsTest {

  private static Row accepted(
      String path,
      String locator,
      long index,
      String id,
      String title,
      String published,
      String text) {
    return row(
        path,
        locator,
        index,
        null,
        null,
        null,
        id,
        "src-" + index,
        "outlet",
        null,
        title,
        published,
        published == null ? null : "field",
        "en",
        text);
  }

  private static Row rejected(
      String path, String locator, long index, String reason, String detail) {
    return row(
        path,
        locator,
        index,
        reason,
        detail,
        "excerpt of " + locator,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Article "same" three times: in /b/x.jsonl and twice in /a/y.jsonl, at record 10 and record 9.
   * The kept copy is the first by source path, then record index (9 before 10 as numbers, though
   * "line 10" sorts before "line 9" as text).
   */
  private static Dataset<Row> records() {
    return frame(
        IngestTransforms.RECORDS,
        accepted("file:/b/x.jsonl", "line 1", 1, "same", "from b", "2017-01-02", "Same text."),
        accepted(
            "file:/a/y.jsonl", "line 10", 10, "same", "from a line 10", "2017-01-03", "Same text."),
        accepted(
            "file:/a/y.jsonl", "line 9", 9, "same", "from a line 9", "2017-01-04", "Same text."),
        accepted("file:/c/z.txt", "file", 0, "other", null, null, "Other text here."),
        rejected("file:/a/y.jsonl", "line 11", 11, "malformed_json", "Unexpected end-of-input"),
        rejected("file:/d/noise.txt", "file", 0, "binary_file", "the file holds binary data"));
  }

  @Test
  void uniqueArticlesKeepsTheFirstCopyBySourcePathThenRecordIndex() {
    Dataset<Row> unique = IngestTransforms.uniqueArticles(records());
    assertSameRows(
        unique,
        row(
            "same",
            "file:/a/y.jsonl",
            "line 9",
            "src-9",
            "outlet",
            null,
            "from a line 9",
            Date.valueOf("2017-01-04"),
            "field",
            "en",
            null,
            "Same text.",
            10),
        row(
            "other",
            "file:/c/z.txt",
            "file",
            "src-0",
            "outlet",
            null,
            null,
            null,
            null,
            "en",
            null,
            "Other text here.",
            16));
    assertEquals(DataTypes.DateType, unique.schema().apply("published_date").dataType());
  }

  @Test
  void uniqueArticlesIsIndependentOfRowOrder() {
    List<Row> reversed = records().collectAsList();
    java.util.Collections.reverse(reversed);
    Dataset<Row> unique =
        IngestTransforms.uniqueArticles(frame(IngestTransforms.RECORDS, reversed));
    Row same = unique.filter("article_id = 'same'").first();
    assertEquals("line 9", same.getAs("locator"));
  }

  @Test
  void rejectionsKeepPathLocatorReasonDetailExcerpt() {
    assertSameRows(
        IngestTransforms.rejections(records()),
        row(
            "file:/a/y.jsonl",
            "line 11",
            "malformed_json",
            "Unexpected end-of-input",
            "excerpt of line 11",
            null),
        row(
            "file:/d/noise.txt",
            "file",
            "binary_file",
            "the file holds binary data",
            "excerpt of file",
            null));
  }

  @Test
  void ingestDateIsTheLastDateFolderOfThePath() {
    StructType paths = new StructType().add("path", DataTypes.StringType);
    List<Row> dates =
        frame(
                paths,
                row("file:/land/date=2024-01-02/feed/a.jsonl"),
                row("hdfs://nn/land/date=2023-12-31/date=2024-01-03/b.txt"),
                row("file:/land/2024-01-02/c.txt"),
                row("file:/land/date=2024-13-40/d.txt"),
                row("s3a://bucket/date=2024-01-02"))
            .select(IngestTransforms.ingestDate(org.apache.spark.sql.functions.col("path")))
            .collectAsList();
    assertEquals(Date.valueOf("2024-01-02"), dates.get(0).get(0));
    assertEquals(Date.valueOf("2024-01-03"), dates.get(1).get(0), "the innermost date folder wins");
    assertNull(dates.get(2).get(0), "a date outside a date= folder is not a landing date");
    assertNull(dates.get(3).get(0), "an impossible date is null, not an error");
    assertNull(dates.get(4).get(0), "a file named date=... is not a folder");
  }

  @Test
  void outcomeTotalsCountReadAcceptedAndUniqueRecords() {
    Row totals = IngestTransforms.outcomeTotals(records()).first();
    assertEquals(6L, (long) totals.getAs(IngestTransforms.RECORDS_READ));
    assertEquals(4L, (long) totals.getAs(IngestTransforms.ACCEPTED_RECORDS));
    assertEquals(2L, (long) totals.getAs(IngestTransforms.UNIQUE_ARTICLES));
  }

  @Test
  void outcomeTotalsOfNoRecords() {
    Row totals = IngestTransforms.outcomeTotals(frame(IngestTransforms.RECORDS)).first();
    assertEquals(0L, (long) totals.getAs(IngestTransforms.RECORDS_READ));
    assertEquals(0L, (long) totals.getAs(IngestTransforms.UNIQUE_ARTICLES));
  }

  @Test
  void parseFilesGivesOneRowPerRecord() {
    StructType files =
        new StructType()
            .add("path", DataTypes.StringType)
            .add("length", DataTypes.LongType)
            .add("content", DataTypes.BinaryType);
    byte[] txt = "date 2024-03-01 The talks failed.".getBytes(StandardCharsets.UTF_8);
    byte[] jsonl = "{\"id\":\"j1\",\"text\":\"One.\"}\n{broken\n".getBytes(StandardCharsets.UTF_8);
    Dataset<Row> parsed =
        IngestTransforms.parseFiles(
            frame(
                files,
                row("file:/in/a.txt", (long) txt.length, txt),
                row("file:/in/b.jsonl", (long) jsonl.length, jsonl),
                row("file:/in/huge.csv", 999_999_999L, null)),
            IngestOptions.from(ParleyConfig.defaults()));
    List<Row> rows =
        parsed.collectAsList().stream()
            .sorted(
                Comparator.comparing((Row r) -> r.<String>getAs("source_path"))
                    .thenComparing(r -> r.<Long>getAs("record_index")))
            .toList();

    assertEquals(4, rows.size());
    assertNull(rows.get(0).getAs("reason"));
    assertEquals("2024-03-01", rows.get(0).getAs("published"));
    assertEquals("The talks failed.", rows.get(0).getAs("text"));
    assertEquals(ArticleText.articleId("The talks failed."), rows.get(0).getAs("article_id"));
    assertEquals("j1", rows.get(1).getAs("source_id"));
    assertEquals("malformed_json", rows.get(2).getAs("reason"));
    assertEquals("line 2", rows.get(2).getAs("locator"));
    assertEquals("file_too_large", rows.get(3).getAs("reason"));
  }
}
