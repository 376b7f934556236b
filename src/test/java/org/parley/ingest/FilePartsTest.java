package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

/**
 * Large JSON Lines files read in parts give the records of the file read whole, line numbers
 * included.
 */
class FilePartsTest {
  @TempDir Path dir;

  private static final Configuration HADOOP = new Configuration();
  private static final IngestOptions OPTIONS = IngestOptions.from(ParleyConfig.defaults());

  /** Accepted lines with multi-byte characters, a blank line, bad lines, a CRLF line. */
  private static final String LINES =
      String.join(
          "\n",
          "{\"id\":\"a\",\"published\":\"2017-11-02\",\"text\":\"Talks resumed in Geneva on Thursday.\"}",
          "",
          "{\"id\":\"b\",\"text\":\"Les négociateurs de l’opposition — « prudents » — sont arrivés à Astana.\"}",
          "not json at all",
          "{\"id\":\"c\",\"title\":\"a record without its text\"}",
          "{\"id\":\"d\",\"text\":\"A line that ends in a carriage return.\"}\r",
          "{\"id\":\"e\",\"text\":\"" + "The envoy met both delegations again. ".repeat(8) + "\"}",
          "   ",
          "{\"id\":\"f\",\"text\":\"The last line.\"}");

  private String write(String name, String content, Charset charset) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(charset));
    return "file:" + file.toAbsolutePath();
  }

  private static List<Row> rows(java.util.Iterator<IngestRecord> records) {
    List<Row> out = new ArrayList<>();
    records.forEachRemaining(
        r ->
            out.add(
                new GenericRowWithSchema(
                    ((GenericRow) IngestTransforms.toRow(r)).values(), IngestTransforms.RECORDS)));
    return out;
  }

  private static List<Row> inParts(String path, long partBytes, IngestOptions options)
      throws IOException {
    long length = Files.size(Path.of(path.substring("file:".length())));
    List<FileParts.Part> planned = FileParts.plan(path, length, partBytes);
    List<FileParts.Scan> scans = new ArrayList<>();
    for (FileParts.Part part : planned) {
      scans.add(FileParts.scan(part, HADOOP));
    }
    List<Row> out = new ArrayList<>();
    for (FileParts.Part part : FileParts.numbered(planned, scans)) {
      out.addAll(rows(FileParts.records(part, HADOOP, options)));
    }
    return out;
  }

  private void assertPartsReadAsWhole(String name, String content) throws IOException {
    String path = write(name, content, StandardCharsets.UTF_8);
    List<Row> whole =
        rows(InputFiles.records(path, content.getBytes(StandardCharsets.UTF_8), OPTIONS));
    int length = content.getBytes(StandardCharsets.UTF_8).length;
    // Every part size, down to one byte, so that a part boundary falls on every byte: inside a
    // multi-byte character, on a line feed, just after one, inside a CRLF.
    for (int partBytes = 1; partBytes <= length + 1; partBytes++) {
      assertEquals(
          whole, inParts(path, partBytes, OPTIONS), name + " in parts of " + partBytes + " bytes");
    }
  }

  @Test
  void partsGiveTheRecordsOfTheWholeFile() throws IOException {
    assertPartsReadAsWhole("no-final-newline.jsonl", LINES);
    assertPartsReadAsWhole("final-newline.jsonl", LINES + "\n");
    assertPartsReadAsWhole("blank-lines-around.ndjson", "\n\n" + LINES + "\n\n\n");
    assertPartsReadAsWhole("byte-order-mark.jsonl", "\uFEFF" + LINES + "\n");
    // Only whitespace: read whole, one empty_file; in parts, the same, from the first part.
    assertPartsReadAsWhole("blank.jsonl", " \n\n\t \r\n".repeat(20));
  }

  /**
   * Real news text: FA-KES's 804 articles (CC BY 4.0) written as a 1.6 MB JSON Lines feed, in parts
   * of sizes that fall anywhere in a line; and the same feed gzipped, read as a stream.
   */
  @Test
  void aRealFeedInPartsOrGzippedGivesTheRecordsOfTheWholeFile() throws IOException {
    IngestOptions faKes =
        IngestOptions.from(ConfigLoader.load("conf/fa-kes.yaml", Map.of(), Map.of()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/fa-kes/FA-KES-Dataset.csv"));
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    StringBuilder feed = new StringBuilder();
    for (IngestRecord r : CsvArticles.parse("file:/fa-kes.csv", csv, faKes)) {
      if (r.isAccepted()) {
        IngestRecord.Article a = r.article();
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("id", a.sourceId());
        line.put("title", a.title());
        line.put("source", a.source());
        line.put("published", a.publishedDate() == null ? null : a.publishedDate().toString());
        line.put("text", a.text());
        feed.append(json.writeValueAsString(line)).append('\n');
      }
    }
    String content = feed.toString();
    String path = write("fa-kes.jsonl", content, StandardCharsets.UTF_8);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    List<Row> whole = rows(InputFiles.records(path, bytes, OPTIONS));
    assertEquals(804, whole.size());
    assertTrue(
        whole.stream().allMatch(r -> r.getAs("reason") == null), "every article is accepted");
    for (int partBytes : new int[] {1021, 4093, 65_521, 524_287}) {
      assertEquals(
          whole, inParts(path, partBytes, OPTIONS), "FA-KES in parts of " + partBytes + " bytes");
    }
    java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(gzipped)) {
      gz.write(bytes);
    }
    List<Row> streamed = rows(InputFiles.records(path + ".gz", gzipped.toByteArray(), OPTIONS));
    assertEquals(whole.size(), streamed.size());
    for (int i = 0; i < whole.size(); i++) {
      assertEquals(whole.get(i).<String>getAs("locator"), streamed.get(i).<String>getAs("locator"));
      assertEquals(
          whole.get(i).<String>getAs("article_id"), streamed.get(i).<String>getAs("article_id"));
      assertEquals(whole.get(i).<String>getAs("text"), streamed.get(i).<String>getAs("text"));
    }
  }

  @Test
  void wholeFileRecordsAreWhatTheyShouldBe() throws IOException {
    // The reference the parts are compared with: line numbers count blank lines, reasons are right.
    List<String> got = new ArrayList<>();
    for (Row r :
        rows(
            InputFiles.records(
                "file:/in/x.jsonl", LINES.getBytes(StandardCharsets.UTF_8), OPTIONS))) {
      got.add(
          r.getAs("locator")
              + " "
              + (r.getAs("reason") == null ? r.getAs("source_id") : r.getAs("reason")));
    }
    assertEquals(
        List.of(
            "line 1 a",
            "line 3 b",
            "line 4 malformed_json",
            "line 5 missing_text",
            "line 6 d",
            "line 7 e",
            "line 9 f"),
        got);
  }

  @Test
  void aLineLongerThanTheLimitIsRejectedAndTheOthersRead() throws IOException {
    IngestOptions small =
        IngestOptions.from(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of("ingest.max_file_bytes", 1024L, "ingest.split_bytes", 1024L)));
    String content =
        String.join(
            "\n",
            "{\"id\":\"a\",\"text\":\"Before the long line.\"}",
            "{\"id\":\"long\",\"text\":\"" + "x".repeat(5000) + "\"}",
            "{\"id\":\"c\",\"text\":\"After the long line.\"}",
            "");
    String path = write("long-line.jsonl", content, StandardCharsets.UTF_8);
    assertEquals(1024, small.partBytes());
    List<Row> records = inParts(path, small.partBytes(), small);
    assertEquals(3, records.size());
    assertEquals("a", records.get(0).getAs("source_id"));
    assertEquals("line 2", records.get(1).getAs("locator"));
    assertEquals("too_large", records.get(1).getAs("reason"));
    assertTrue(records.get(1).<String>getAs("detail").contains("ingest.max_file_bytes=1024"));
    assertEquals("line 3", records.get(2).getAs("locator"));
    assertEquals("c", records.get(2).getAs("source_id"));
  }

  @Test
  void aBinaryPartIsOneRejection() throws IOException {
    byte[] bytes = new byte[3000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 7 == 0 ? 0 : 'a' + i % 20);
    }
    Path file = dir.resolve("binary.jsonl");
    Files.write(file, bytes);
    IngestOptions small =
        IngestOptions.from(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of("ingest.max_file_bytes", 4096L, "ingest.split_bytes", 1024L)));
    List<Row> records = inParts("file:" + file.toAbsolutePath(), small.partBytes(), small);
    // No line feed: the whole file is one line, which starts in the first part.
    assertEquals(1, records.size());
    assertEquals("binary_file", records.get(0).getAs("reason"));
    assertEquals("bytes 0-1024", records.get(0).getAs("locator"));
  }

  @Test
  void onlyUncompressedJsonLinesInAnAsciiCompatibleCharsetAreSplit() {
    assertTrue(FileParts.splittable("hdfs://nn/in/feed.jsonl", StandardCharsets.UTF_8));
    assertTrue(FileParts.splittable("file:/in/FEED.NDJSON", StandardCharsets.ISO_8859_1));
    assertTrue(FileParts.splittable("file:/in/feed.jsonl", Charset.forName("windows-1252")));
    assertFalse(FileParts.splittable("file:/in/feed.jsonl.gz", StandardCharsets.UTF_8));
    assertFalse(FileParts.splittable("file:/in/feed.csv", StandardCharsets.UTF_8));
    assertFalse(FileParts.splittable("file:/in/feed.txt", StandardCharsets.UTF_8));
    assertFalse(FileParts.splittable("file:/in/feed.jsonl", StandardCharsets.UTF_16LE));
  }

  @Test
  void partsAreNumberedPerFile() {
    List<FileParts.Part> planned = new ArrayList<>(FileParts.plan("file:/a.jsonl", 25, 10));
    planned.addAll(FileParts.plan("file:/b.jsonl", 5, 10));
    assertEquals(List.of(0L, 10L, 20L, 0L), planned.stream().map(FileParts.Part::start).toList());
    assertEquals(List.of(10L, 20L, 25L, 5L), planned.stream().map(FileParts.Part::end).toList());
    List<FileParts.Part> numbered =
        FileParts.numbered(
            planned,
            List.of(
                new FileParts.Scan(3, false),
                new FileParts.Scan(0, false),
                new FileParts.Scan(2, true),
                new FileParts.Scan(4, false)));
    assertEquals(
        List.of(1L, 4L, 4L, 1L), numbered.stream().map(FileParts.Part::firstLine).toList());
    // a.jsonl has text in one part; b.jsonl in none.
    assertEquals(
        List.of(false, false, false, true), numbered.stream().map(FileParts.Part::blank).toList());
  }
}
