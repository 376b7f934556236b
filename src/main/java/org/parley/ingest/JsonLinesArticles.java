package org.parley.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@code .jsonl} file holds one article per line as a JSON object with the fields {@code id},
 * {@code url}, {@code source}, {@code title}, {@code published}, {@code text}, {@code language};
 * other fields are ignored. Blank lines are not records.
 */
final class JsonLinesArticles {
  private JsonLinesArticles() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DATE_FROM_FIELD = "field";

  static List<IngestRecord> parse(String path, byte[] bytes, IngestOptions options) {
    List<IngestRecord> out = new ArrayList<>();
    records(path, bytes, options).forEachRemaining(out::add);
    return out;
  }

  /**
   * The file's records, parsed one line at a time as the iterator is read: a file of a few hundred
   * MB then costs its bytes and one record, not every record at once (the 1M benchmark's 154 MB
   * shards ran a 4g driver out of memory when each file's records were built as a list).
   */
  static Iterator<IngestRecord> records(String path, byte[] bytes, IngestOptions options) {
    return records(path, bytes, options, 1);
  }

  /** As above, for bytes whose first line is line firstLine of its file (a part of a large file). */
  static Iterator<IngestRecord> records(String path, byte[] bytes, IngestOptions options, long firstLine) {
    List<DateTimeFormatter> formats = options.dateFormatters();
    return new Iterator<>() {
      private int start = 0;
      private long lineNumber = firstLine - 1;
      private IngestRecord next = advance();

      private IngestRecord advance() {
        while (start < bytes.length) {
          int end = start;
          while (end < bytes.length && bytes[end] != '\n') {
            end++;
          }
          lineNumber++;
          DecodedText decoded = DecodedText.decode(bytes, start, end - start, options.textCharset());
          start = end + 1;
          if (!decoded.text().isBlank()) {
            return parseLine(path, lineNumber, decoded, formats, options);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public IngestRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        IngestRecord current = next;
        next = advance();
        return current;
      }
    };
  }

  private static IngestRecord parseLine(String path, long lineNumber, DecodedText decoded,
      List<DateTimeFormatter> formats, IngestOptions options) {
    String locator = "line " + lineNumber;
    String line = decoded.text();
    String excerpt = ArticleText.excerpt(line, IngestOptions.EXCERPT_CHARS);
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return IngestRecord.rejected(path, locator, lineNumber, RejectReason.MALFORMED_JSON,
          e.getOriginalMessage(), excerpt);
    }
    if (node == null || !node.isObject()) {
      return IngestRecord.rejected(path, locator, lineNumber, RejectReason.MALFORMED_JSON,
          "the line is not a JSON object", excerpt);
    }
    JsonNode text = node.get("text");
    if (text != null && !text.isNull() && !text.isTextual()) {
      return IngestRecord.rejected(path, locator, lineNumber, RejectReason.MISSING_TEXT,
          "field 'text' is not a string", excerpt);
    }
    String published = field(node, "published");
    LocalDate date = PublishedDates.fromField(published, formats);
    return RecordChecks.article(path, locator, lineNumber, decoded, line, options,
        field(node, "id"), field(node, "source"), field(node, "url"), field(node, "title"),
        date, DATE_FROM_FIELD, field(node, "language"), text == null ? null : text.asText(null));
  }

  /** A scalar field as text; objects, arrays and nulls read as absent. */
  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }
}
