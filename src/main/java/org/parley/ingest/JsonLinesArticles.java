package org.parley.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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
    List<DateTimeFormatter> formats = options.dateFormatters();
    int lineNumber = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNumber++;
      DecodedText decoded = DecodedText.decode(bytes, start, end - start, options.textCharset());
      if (!decoded.text().isBlank()) {
        out.add(parseLine(path, lineNumber, decoded, formats, options));
      }
      start = end + 1;
    }
    return out;
  }

  private static IngestRecord parseLine(String path, int lineNumber, DecodedText decoded,
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
