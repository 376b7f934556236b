package org.parley.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .csv} file holds one article per row (RFC 4180: a header row, quoted fields that may
 * span lines, doubled quotes inside quotes, CRLF or LF line ends). Columns are mapped to article
 * fields by the {@code ingest.csv.columns.*} keys; unmapped columns are ignored.
 */
final class CsvArticles {
  private CsvArticles() {}

  /** One parsed row: its fields, the line it started on, and a problem if it is malformed. */
  record CsvRow(List<String> fields, int firstLine, String problem, String raw) {}

  static List<IngestRecord> parse(String path, byte[] bytes, IngestOptions options) {
    DecodedText decoded = DecodedText.decode(bytes, options.csvCharsetValue());
    List<IngestRecord> out = new ArrayList<>();
    if (decoded.undecodableShare() > options.maxUndecodableShare()) {
      out.add(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.UNDECODABLE_BYTES,
              decoded.undecodableBytes()
                  + " of "
                  + decoded.totalBytes()
                  + " bytes are not valid "
                  + options.csvCharset(),
              ArticleText.excerpt(decoded.text(), IngestOptions.EXCERPT_CHARS)));
      return out;
    }
    List<CsvRow> rows = rows(decoded.text(), options.csvDelimiter());
    if (rows.isEmpty()) {
      out.add(
          IngestRecord.rejected(
              path, "file", 0, RejectReason.EMPTY_FILE, "the CSV file has no header row", null));
      return out;
    }
    List<String> header = rows.get(0).fields();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).strip(), i);
    }
    IngestOptions.CsvColumns columns = options.csvColumns();
    if (columns.text() == null || !index.containsKey(columns.text())) {
      out.add(
          IngestRecord.rejected(
              path,
              "header",
              0,
              RejectReason.CSV_MISSING_COLUMN,
              "no column '" + columns.text() + "' (ingest.csv.columns.text) in header " + header,
              ArticleText.excerpt(String.join(",", header), IngestOptions.EXCERPT_CHARS)));
      return out;
    }
    List<DateTimeFormatter> formats = options.dateFormatters();
    for (int r = 1; r < rows.size(); r++) {
      CsvRow row = rows.get(r);
      String locator = "row " + r + " (line " + row.firstLine() + ")";
      String excerpt = ArticleText.excerpt(row.raw(), IngestOptions.EXCERPT_CHARS);
      if (row.problem() != null) {
        out.add(
            IngestRecord.rejected(
                path, locator, r, RejectReason.MALFORMED_CSV, row.problem(), excerpt));
        continue;
      }
      if (row.fields().size() != header.size()) {
        out.add(
            IngestRecord.rejected(
                path,
                locator,
                r,
                RejectReason.MALFORMED_CSV,
                "row has " + row.fields().size() + " fields, the header has " + header.size(),
                excerpt));
        continue;
      }
      String published = value(row, index, columns.published());
      LocalDate date = PublishedDates.fromField(published, formats);
      out.add(
          RecordChecks.article(
              path,
              locator,
              r,
              null,
              row.raw(),
              options,
              value(row, index, columns.id()),
              value(row, index, columns.source()),
              value(row, index, columns.url()),
              value(row, index, columns.title()),
              date,
              JsonLinesArticles.DATE_FROM_FIELD,
              value(row, index, columns.language()),
              value(row, index, columns.text())));
    }
    return out;
  }

  private static String value(CsvRow row, Map<String, Integer> index, String column) {
    Integer i = column == null ? null : index.get(column);
    return i == null ? null : row.fields().get(i);
  }

  /** Splits CSV text into rows; a row with an unterminated quote is returned with a problem. */
  static List<CsvRow> rows(String text, char delimiter) {
    List<CsvRow> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean rowHasContent = false;
    int line = 1;
    int rowFirstLine = 1;
    int rowStart = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        continue;
      }
      if (c == '"' && field.length() == 0) {
        inQuotes = true;
        rowHasContent = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        rowHasContent = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (rowHasContent || field.length() > 0) {
          fields.add(field.toString());
          rows.add(
              new CsvRow(List.copyOf(fields), rowFirstLine, null, text.substring(rowStart, i)));
        }
        fields.clear();
        field.setLength(0);
        rowHasContent = false;
        line++;
        rowFirstLine = line;
        rowStart = i + 1;
      } else {
        field.append(c);
        rowHasContent = true;
      }
    }
    if (inQuotes) {
      rows.add(
          new CsvRow(
              List.of(),
              rowFirstLine,
              "a quoted field is not closed before the end of the file",
              text.substring(rowStart)));
    } else if (rowHasContent || field.length() > 0) {
      fields.add(field.toString());
      rows.add(new CsvRow(List.copyOf(fields), rowFirstLine, null, text.substring(rowStart)));
    }
    return rows;
  }
}
