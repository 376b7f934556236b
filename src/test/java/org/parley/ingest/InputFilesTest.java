package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

/** Dispatch by file type, and the one-record rejections of whole files; JSON Lines records. */
class InputFilesTest {
  private static final IngestOptions OPTIONS = IngestOptions.from(ParleyConfig.defaults());

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static String onlyReason(List<IngestRecord> records) {
    assertEquals(1, records.size());
    return records.get(0).reason();
  }

  @Test
  void wholeFileRejections() {
    assertEquals(
        "unsupported_file_type",
        onlyReason(InputFiles.parse("file:/in/README.md", utf8("# hi"), OPTIONS)));
    assertEquals(
        "unsupported_file_type",
        onlyReason(InputFiles.parse("file:/in/noext", utf8("text"), OPTIONS)));
    assertEquals(
        "empty_file", onlyReason(InputFiles.parse("file:/in/e.txt", new byte[0], OPTIONS)));
    assertEquals(
        "empty_file", onlyReason(InputFiles.parse("file:/in/w.jsonl", utf8(" \n\t\r\n"), OPTIONS)));
    assertEquals(
        "binary_file",
        onlyReason(InputFiles.parse("file:/in/b.txt", new byte[] {'a', 0, 'b'}, OPTIONS)));
    assertEquals(
        "corrupt_compression",
        onlyReason(InputFiles.parse("file:/in/c.txt.gz", utf8("not gzip at all"), OPTIONS)));
    IngestRecord big = InputFiles.tooLarge("file:/in/big.csv", 1000, 10);
    assertEquals("file_too_large", big.reason());
    assertEquals("file", big.locator());
  }

  @Test
  void gzippedFilesAreReadByTheirInnerType() throws IOException {
    List<IngestRecord> records =
        InputFiles.parse(
            "file:/in/A.TXT.GZ", gzip(utf8("Talks resumed in Geneva on Monday.")), OPTIONS);
    assertEquals(1, records.size());
    assertTrue(records.get(0).isAccepted());
    assertEquals("Talks resumed in Geneva on Monday.", records.get(0).article().text());
  }

  @Test
  void jsonLinesOneOutcomePerNonBlankLine() {
    String jsonl =
        "{\"id\":\"x1\",\"title\":\"T\",\"published\":\"2017-04-05T10:00:00Z\",\"text\":\"Good text.\"}\n"
            + "\n"
            + "{\"id\":\"x2\",\"text\":\"trunc\n"
            + "{\"id\":\"x3\",\"title\":\"no text\"}\n"
            + "[1,2]\n"
            + "{\"text\":42}\n";
    List<IngestRecord> records = InputFiles.parse("file:/in/a.jsonl", utf8(jsonl), OPTIONS);

    assertEquals(5, records.size());
    IngestRecord.Article a = records.get(0).article();
    assertEquals("x1", a.sourceId());
    assertEquals(java.time.LocalDate.of(2017, 4, 5), a.publishedDate());
    assertEquals("field", a.dateSource());
    assertEquals("line 1", records.get(0).locator());
    assertEquals("malformed_json", records.get(1).reason());
    assertEquals("line 3", records.get(1).locator());
    assertEquals("missing_text", records.get(2).reason());
    assertEquals("line 4", records.get(2).locator());
    assertEquals("malformed_json", records.get(3).reason());
    assertEquals("missing_text", records.get(4).reason());
    assertNull(records.get(1).article());
  }

  @Test
  void jsonLinesAreReadOneRecordAtATime() {
    String jsonl = "\n{\"text\":\"First.\"}\n\n\nnot json\n{\"text\":\"Last.\"}";
    Iterator<IngestRecord> records = InputFiles.records("file:/in/b.ndjson", utf8(jsonl), OPTIONS);
    assertEquals("line 2", records.next().locator());
    assertEquals("malformed_json", records.next().reason());
    IngestRecord last = records.next();
    assertEquals("line 6", last.locator());
    assertEquals("Last.", last.article().text());
    assertFalse(records.hasNext());
    assertThrows(NoSuchElementException.class, records::next);
  }
}
