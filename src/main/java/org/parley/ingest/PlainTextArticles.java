package org.parley.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * A {@code .txt} file is one article: an optional leading {@code date YYYY-MM-DD} marker, an
 * optional title (a short first line without final punctuation), then the text.
 */
final class PlainTextArticles {
  private PlainTextArticles() {}

  static final int MAX_TITLE_CHARS = 200;
  static final String DATE_FROM_MARKER = "marker";
  static final String DATE_FROM_HEADER = "header";

  static List<IngestRecord> parse(String path, byte[] bytes, IngestOptions options) {
    DecodedText decoded = DecodedText.decode(bytes, options.textCharset());
    String body = ArticleText.clean(decoded.text());
    LocalDate date = null;
    String dateSource = null;
    PublishedDates.Marker marker = PublishedDates.leadingMarker(body);
    if (marker != null) {
      body = marker.rest().strip();
      date = marker.date();
      dateSource = DATE_FROM_MARKER;
    }
    String title = null;
    int firstBreak = body.indexOf('\n');
    if (firstBreak > 0) {
      String first = body.substring(0, firstBreak).strip();
      if (isTitle(first)) {
        title = first;
        body = body.substring(firstBreak + 1).strip();
      }
    }
    if (date == null) {
      date = PublishedDates.fromHeader(body);
      dateSource = DATE_FROM_HEADER;
    }
    return List.of(
        RecordChecks.article(
            path,
            "file",
            0,
            decoded,
            decoded.text(),
            options,
            null,
            null,
            null,
            title,
            date,
            dateSource,
            null,
            body));
  }

  /**
   * A title is short, has at least two words, does not end like a sentence, and is no dateline (a
   * first line "02 November, 2017" is the article's date, not its title).
   */
  static boolean isTitle(String line) {
    if (line.isEmpty() || line.length() > MAX_TITLE_CHARS || !line.contains(" ")) {
      return false;
    }
    if (PublishedDates.fromHeader(line) != null) {
      return false;
    }
    int end = line.length();
    // Closing quotes do not hide a sentence end: 'he said."' ends with a period.
    while (end > 0 && "\"'”’»)".indexOf(line.charAt(end - 1)) >= 0) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    return ".!?:;,…".indexOf(line.charAt(end - 1)) < 0;
  }
}
