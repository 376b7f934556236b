package org.parley.ingest;

import java.time.LocalDate;

/** Checks every format applies to a decoded record before it becomes an article. */
final class RecordChecks {
  private RecordChecks() {}

  /**
   * Turns cleaned fields into an accepted record, or a rejection when the text is missing, too
   * long, or lost too many bytes in decoding.
   */
  static IngestRecord article(
      String path,
      String locator,
      long index,
      DecodedText decoded,
      String rawForExcerpt,
      IngestOptions options,
      String sourceId,
      String source,
      String url,
      String title,
      LocalDate published,
      String dateSource,
      String language,
      String rawText) {
    if (decoded != null && decoded.undecodableShare() > options.maxUndecodableShare()) {
      return IngestRecord.rejected(
          path,
          locator,
          index,
          RejectReason.UNDECODABLE_BYTES,
          decoded.undecodableBytes()
              + " of "
              + decoded.totalBytes()
              + " bytes are not valid "
              + "in the configured character set",
          ArticleText.excerpt(rawForExcerpt, IngestOptions.EXCERPT_CHARS));
    }
    String text = rawText == null ? "" : ArticleText.clean(rawText);
    if (text.isEmpty()) {
      return IngestRecord.rejected(
          path,
          locator,
          index,
          RejectReason.MISSING_TEXT,
          "the record has no article text",
          ArticleText.excerpt(rawForExcerpt, IngestOptions.EXCERPT_CHARS));
    }
    if (text.length() > options.maxArticleChars()) {
      return IngestRecord.rejected(
          path,
          locator,
          index,
          RejectReason.TOO_LARGE,
          "text has "
              + text.length()
              + " characters, more than ingest.max_article_chars="
              + options.maxArticleChars(),
          ArticleText.excerpt(text, IngestOptions.EXCERPT_CHARS));
    }
    return IngestRecord.accepted(
        path,
        locator,
        index,
        new IngestRecord.Article(
            blankToNull(sourceId),
            blankToNull(source),
            blankToNull(url),
            blankToNull(title == null ? null : ArticleText.clean(title)),
            published,
            published == null ? null : dateSource,
            blankToNull(language),
            text));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
