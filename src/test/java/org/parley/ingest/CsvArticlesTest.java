package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

/** RFC 4180 splitting of CSV text, and rows turned into records. */
class CsvArticlesTest {

  @Test
  void quotedFieldsMaySpanLinesAndHoldDelimitersAndDoubledQuotes() {
    String csv =
        "id,title,text\n"
            + "1,\"A, B\",\"first line\nsecond line\"\n"
            + "2,plain,\"he said \"\"no\"\" twice\"\n";
    List<CsvArticles.CsvRow> rows = CsvArticles.rows(csv, ',');

    assertEquals(3, rows.size());
    assertEquals(List.of("id", "title", "text"), rows.get(0).fields());
    assertEquals(List.of("1", "A, B", "first line\nsecond line"), rows.get(1).fields());
    assertEquals(List.of("2", "plain", "he said \"no\" twice"), rows.get(2).fields());
    // Row 2 starts on line 2 and spans two lines, so row 3 starts on line 4.
    assertEquals(1, rows.get(0).firstLine());
    assertEquals(2, rows.get(1).firstLine());
    assertEquals(4, rows.get(2).firstLine());
    rows.forEach(r -> assertNull(r.problem()));
  }

  @Test
  void crlfLineEndsEndRowsButStayInsideQuotedFields() {
    String csv = "a,b\r\nx,\"one\r\ntwo\"\r\ny,z\r\n";
    List<CsvArticles.CsvRow> rows = CsvArticles.rows(csv, ',');

    assertEquals(3, rows.size());
    assertEquals(List.of("a", "b"), rows.get(0).fields());
    assertEquals(List.of("x", "one\r\ntwo"), rows.get(1).fields());
    assertEquals(List.of("y", "z"), rows.get(2).fields());
    assertEquals(4, rows.get(2).firstLine());
    // No field keeps a stray carriage return from the row end.
    assertEquals("z", rows.get(2).fields().get(1));
  }

  @Test
  void emptyFieldsAndBlankLinesAndAMissingFinalLineEnd() {
    String csv = "a,b,c\n\n,,\n1,,3";
    List<CsvArticles.CsvRow> rows = CsvArticles.rows(csv, ',');

    assertEquals(3, rows.size(), "the blank line is no row");
    assertEquals(List.of("", "", ""), rows.get(1).fields());
    assertEquals(List.of("1", "", "3"), rows.get(2).fields());
    assertEquals("1,,3", rows.get(2).raw());
  }

  @Test
  void otherDelimiter() {
    List<CsvArticles.CsvRow> rows = CsvArticles.rows("a;b\n\"x;y\";z\n", ';');
    assertEquals(List.of("x;y", "z"), rows.get(1).fields());
  }

  @Test
  void unterminatedQuoteIsOneRowWithAProblem() {
    String csv = "id,text\n1,fine\n2,\"never closed\n3,swallowed\n";
    List<CsvArticles.CsvRow> rows = CsvArticles.rows(csv, ',');

    assertEquals(3, rows.size());
    assertNull(rows.get(1).problem());
    CsvArticles.CsvRow broken = rows.get(2);
    assertNotNull(broken.problem());
    assertTrue(broken.problem().contains("not closed"), broken.problem());
    assertEquals(3, broken.firstLine());
    assertEquals("2,\"never closed\n3,swallowed\n", broken.raw());
  }

  @Test
  void parseMapsColumnsAndRejectsMalformedRows() {
    IngestOptions options = IngestOptions.from(ParleyConfig.defaults());
    String csv =
        "id,title,text,published,source\n"
            + "a1,First title,\"Body one,\nwith a second line.\",2017-04-05,nna\n"
            + "a2,Too few fields\n"
            + "a3,No text,,2017-04-06,nna\n"
            + "a4,Last,\"open quote\n";
    List<IngestRecord> records =
        CsvArticles.parse("file:/x/a.csv", csv.getBytes(StandardCharsets.UTF_8), options);

    assertEquals(4, records.size(), "one outcome per data row");
    IngestRecord first = records.get(0);
    assertTrue(first.isAccepted());
    assertEquals("a1", first.article().sourceId());
    assertEquals("First title", first.article().title());
    assertEquals("nna", first.article().source());
    assertEquals("Body one,\nwith a second line.", first.article().text());
    assertEquals(java.time.LocalDate.of(2017, 4, 5), first.article().publishedDate());
    assertEquals("row 1 (line 2)", first.locator());

    assertEquals(RejectReason.MALFORMED_CSV.code(), records.get(1).reason());
    assertEquals("row 2 (line 4)", records.get(1).locator());
    assertTrue(records.get(1).detail().contains("2 fields"), records.get(1).detail());
    assertEquals(RejectReason.MISSING_TEXT.code(), records.get(2).reason());
    assertEquals(RejectReason.MALFORMED_CSV.code(), records.get(3).reason());
  }

  @Test
  void fileWithoutTheTextColumnIsOneRejection() {
    IngestOptions options = IngestOptions.from(ParleyConfig.defaults());
    List<IngestRecord> records =
        CsvArticles.parse(
            "f.csv", "id,body\n1,hello world\n".getBytes(StandardCharsets.UTF_8), options);
    assertEquals(1, records.size());
    assertEquals(RejectReason.CSV_MISSING_COLUMN.code(), records.get(0).reason());
    assertEquals("header", records.get(0).locator());
  }
}
