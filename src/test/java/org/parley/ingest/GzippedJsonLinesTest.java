package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

/** Gzipped JSON Lines is decompressed and parsed as a stream, a line at a time. */
class GzippedJsonLinesTest {
  private static final IngestOptions OPTIONS = IngestOptions.from(ParleyConfig.defaults());

  /** A 1 KB limit on files read whole and on lines. */
  private static final IngestOptions SMALL =
      IngestOptions.from(
          ConfigLoader.load(
              null, Map.of(), Map.of("ingest.max_file_bytes", 1024L, "ingest.split_bytes", 1024L)));

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String article(int i) {
    return "{\"id\":\"g-"
        + i
        + "\",\"published\":\"2019-02-"
        + String.format("%02d", 1 + i % 28)
        + "\",\"text\":\"Report "
        + i
        + ": the envoy met the délégations in Geneva.\"}";
  }

  private static String feed(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      lines.add(article(i));
      if (i % 10 == 0) {
        lines.add("");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** What a test compares: locator, then the reason or the article's id and text. */
  private static List<String> outcomes(List<IngestRecord> records) {
    List<String> out = new ArrayList<>();
    for (IngestRecord r : records) {
      out.add(
          r.locator()
              + " "
              + (r.isAccepted() ? r.article().sourceId() + " " + r.article().text() : r.reason()));
    }
    return out;
  }

  private static List<Row> rowsWithoutPath(List<IngestRecord> records) {
    return records.stream()
        .map(
            r -> {
              Row row = IngestTransforms.toRow(r);
              Object[] values = new Object[row.length()];
              for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
              }
              values[0] = null; // source_path differs by the file's name
              return (Row) new org.apache.spark.sql.catalyst.expressions.GenericRow(values);
            })
        .toList();
  }

  @Test
  void aGzippedFeedGivesTheRecordsOfThePlainOne() throws IOException {
    String text =
        feed(1, 40) + "not json\n{\"id\":\"x\"}\n" + article(41) + "\r\n   \n" + article(42);
    List<IngestRecord> plain =
        InputFiles.parse("file:/in/feed.jsonl", text.getBytes(StandardCharsets.UTF_8), OPTIONS);
    List<IngestRecord> gzipped = InputFiles.parse("file:/in/feed.jsonl.gz", gzip(text), OPTIONS);
    assertEquals(44, plain.size());
    assertEquals(rowsWithoutPath(plain), rowsWithoutPath(gzipped));
    List<String> got = outcomes(gzipped);
    assertEquals(List.of("line 45 malformed_json", "line 46 missing_text"), got.subList(40, 42));
    assertTrue(got.get(43).startsWith("line 49 g-42 "), got.get(43));
  }

  @Test
  void itsSizeIsNotBoundByTheFileLimit() throws IOException {
    String text = feed(1, 300); // about 30 KB of text, 30 times the limit
    assertTrue(text.length() > 20 * 1024);
    List<IngestRecord> records = InputFiles.parse("file:/in/big.ndjson.gz", gzip(text), SMALL);
    assertEquals(300, records.size());
    assertTrue(records.stream().allMatch(IngestRecord::isAccepted));
    assertEquals("line 329", records.get(299).locator(), "blank lines are counted");
  }

  @Test
  void aLineOverTheLimitIsRejectedAndReadPast() throws IOException {
    String text =
        article(1)
            + "\n{\"id\":\"long\",\"text\":\""
            + "y".repeat(3000)
            + "\"}\n"
            + article(3)
            + "\n";
    List<String> got = outcomes(InputFiles.parse("file:/in/f.jsonl.gz", gzip(text), SMALL));
    assertEquals(3, got.size());
    assertTrue(got.get(0).startsWith("line 1 g-1 "), got.get(0));
    assertEquals("line 2 too_large", got.get(1));
    assertTrue(got.get(2).startsWith("line 3 g-3 "), got.get(2));
  }

  @Test
  void aTruncatedArchiveKeepsTheLinesBeforeTheBreak() throws IOException {
    byte[] whole = gzip(feed(1, 200));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    List<IngestRecord> records = InputFiles.parse("file:/in/cut.jsonl.gz", cut, OPTIONS);
    IngestRecord last = records.get(records.size() - 1);
    assertEquals("corrupt_compression", last.reason());
    assertTrue(last.detail().startsWith("cannot read past line "), last.detail());
    List<IngestRecord> before = records.subList(0, records.size() - 1);
    assertTrue(before.size() > 50, "about half the articles are read: " + before.size());
    // Each record before the break is whole and valid except perhaps the last, cut mid-line.
    assertTrue(before.subList(0, before.size() - 1).stream().allMatch(IngestRecord::isAccepted));
  }

  @Test
  void emptyBlankBinaryAndCorruptArchivesAreOneRejectionEach() throws IOException {
    assertEquals(
        List.of("file empty_file"),
        outcomes(InputFiles.parse("file:/in/e.jsonl.gz", gzip(""), OPTIONS)));
    assertEquals(
        "the file is empty",
        InputFiles.parse("file:/in/e.jsonl.gz", gzip(""), OPTIONS).get(0).detail());
    assertEquals(
        "the file holds only whitespace",
        InputFiles.parse("file:/in/w.jsonl.gz", gzip(" \n\n\t\n"), OPTIONS).get(0).detail());
    assertEquals(
        List.of("file binary_file"),
        outcomes(
            InputFiles.parse("file:/in/b.jsonl.gz", gzip("{\"text\":\"a\u0000b\"}\n"), OPTIONS)));
    assertEquals(
        List.of("file corrupt_compression"),
        outcomes(
            InputFiles.parse(
                "file:/in/c.jsonl.gz", "not gzip".getBytes(StandardCharsets.UTF_8), OPTIONS)));
  }

  @Test
  void otherGzippedTypesOverTheLimitAreTooLargeNotCorrupt() throws IOException {
    List<IngestRecord> records =
        InputFiles.parse("file:/in/long.txt.gz", gzip("word ".repeat(1000)), SMALL);
    assertEquals(List.of("file file_too_large"), outcomes(records));
    assertTrue(
        records.get(0).detail().contains("ingest.max_file_bytes=1024"), records.get(0).detail());
  }
}
