package org.parley.ingest;

import java.time.LocalDate;

/**
 * What one input record became: an accepted article or a rejection with its reason. Every record a
 * reader sees yields exactly one of these, which is what makes the counts reconcile.
 */
public final class IngestRecord {
  final String sourcePath;
  final String locator;

  /** Position of the record inside its file, for a deterministic choice among duplicates. */
  final long recordIndex;

  final String reason;
  final String detail;
  final String excerpt;
  final Article article;

  /** The fields of an accepted article. */
  public record Article(
      String sourceId,
      String source,
      String url,
      String title,
      LocalDate publishedDate,
      String dateSource,
      String language,
      String text) {}

  private IngestRecord(
      String sourcePath,
      String locator,
      long recordIndex,
      String reason,
      String detail,
      String excerpt,
      Article article) {
    this.sourcePath = sourcePath;
    this.locator = locator;
    this.recordIndex = recordIndex;
    this.reason = reason;
    this.detail = detail;
    this.excerpt = excerpt;
    this.article = article;
  }

  public static IngestRecord accepted(
      String sourcePath, String locator, long recordIndex, Article article) {
    return new IngestRecord(sourcePath, locator, recordIndex, null, null, null, article);
  }

  public static IngestRecord rejected(
      String sourcePath,
      String locator,
      long recordIndex,
      RejectReason reason,
      String detail,
      String excerpt) {
    return new IngestRecord(sourcePath, locator, recordIndex, reason.code(), detail, excerpt, null);
  }

  public boolean isAccepted() {
    return article != null;
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  public String locator() {
    return locator;
  }

  public Article article() {
    return article;
  }
}
