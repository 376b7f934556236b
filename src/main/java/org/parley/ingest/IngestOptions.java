package org.parley.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;

/** The ingest settings the readers need on executors, copied out of the config. */
public record IngestOptions(
    String charset,
    String csvCharset,
    char csvDelimiter,
    CsvColumns csvColumns,
    List<String> datePatterns,
    int maxArticleChars,
    double maxUndecodableShare,
    long maxFileBytes,
    long splitBytes)
    implements Serializable {

  /** Which CSV column holds each article field (null: not mapped). */
  public record CsvColumns(
      String id,
      String url,
      String source,
      String title,
      String published,
      String text,
      String language)
      implements Serializable {}

  static final int EXCERPT_CHARS = 200;

  public static IngestOptions from(ParleyConfig c) {
    return new IngestOptions(
        c.get(ConfigKeys.INGEST_CHARSET),
        c.get(ConfigKeys.CSV_CHARSET),
        c.get(ConfigKeys.CSV_DELIMITER).charAt(0),
        new CsvColumns(
            c.get(ConfigKeys.CSV_ID),
            c.get(ConfigKeys.CSV_URL),
            c.get(ConfigKeys.CSV_SOURCE),
            c.get(ConfigKeys.CSV_TITLE),
            c.get(ConfigKeys.CSV_PUBLISHED),
            c.get(ConfigKeys.CSV_TEXT),
            c.get(ConfigKeys.CSV_LANGUAGE)),
        c.get(ConfigKeys.INGEST_DATE_FORMATS),
        c.get(ConfigKeys.INGEST_MAX_ARTICLE_CHARS),
        c.get(ConfigKeys.INGEST_MAX_UNDECODABLE_SHARE),
        c.get(ConfigKeys.INGEST_MAX_FILE_BYTES),
        c.get(ConfigKeys.INGEST_SPLIT_BYTES));
  }

  /**
   * The size of the parts large JSON Lines files are read in: a part is held whole, as a file is.
   */
  long partBytes() {
    return Math.min(splitBytes, maxFileBytes);
  }

  Charset textCharset() {
    return Charset.forName(charset);
  }

  Charset csvCharsetValue() {
    return Charset.forName(csvCharset);
  }

  List<DateTimeFormatter> dateFormatters() {
    return PublishedDates.formatters(datePatterns);
  }
}
