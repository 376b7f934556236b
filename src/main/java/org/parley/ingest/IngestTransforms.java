package org.parley.ingest;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.RowValues;

/** Ingestion as Dataset transforms: files in, one outcome per record, articles and rejections. */
public final class IngestTransforms {
  private IngestTransforms() {}

  /** Columns of Spark's binaryFile source that the parser reads. */
  public static final String FILE_PATH = "path";

  public static final String FILE_LENGTH = "length";
  public static final String FILE_CONTENT = "content";

  static final String RECORD_INDEX = "record_index";
  static final String PUBLISHED = "published";

  /** One row per input record: an article (reason null) or a rejection (reason set). */
  public static final StructType RECORDS =
      DataTypes.createStructType(
          new StructField[] {
            DataTypes.createStructField(SOURCE_PATH, DataTypes.StringType, false),
            DataTypes.createStructField(LOCATOR, DataTypes.StringType, false),
            DataTypes.createStructField(RECORD_INDEX, DataTypes.LongType, false),
            DataTypes.createStructField(REASON, DataTypes.StringType, true),
            DataTypes.createStructField(DETAIL, DataTypes.StringType, true),
            DataTypes.createStructField(EXCERPT, DataTypes.StringType, true),
            DataTypes.createStructField(ARTICLE_ID, DataTypes.StringType, true),
            DataTypes.createStructField(SOURCE_ID, DataTypes.StringType, true),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, true),
            DataTypes.createStructField(URL, DataTypes.StringType, true),
            DataTypes.createStructField(TITLE, DataTypes.StringType, true),
            DataTypes.createStructField(PUBLISHED, DataTypes.StringType, true),
            DataTypes.createStructField(DATE_SOURCE, DataTypes.StringType, true),
            DataTypes.createStructField(LANGUAGE, DataTypes.StringType, true),
            DataTypes.createStructField(TEXT, DataTypes.StringType, true)
          });

  /**
   * Parses files ({@code path}, {@code content}) into records. A row whose content is null stands
   * for a file too large to read, with its {@code length}.
   */
  public static Dataset<Row> parseFiles(Dataset<Row> files, IngestOptions options) {
    FlatMapFunction<Row, Row> parse =
        file -> {
          String path = file.getAs(FILE_PATH);
          byte[] content = file.getAs(FILE_CONTENT);
          Iterator<IngestRecord> records =
              content == null
                  ? List.of(
                          InputFiles.tooLarge(
                              path, file.<Long>getAs(FILE_LENGTH), options.maxFileBytes()))
                      .iterator()
                  : InputFiles.records(path, content, options);
          return rows(records);
        };
    return files.flatMap(parse, Encoders.row(RECORDS));
  }

  /** Lazy: Spark encodes each row as it is pulled, so a large file is never held as rows. */
  static Iterator<Row> rows(Iterator<IngestRecord> records) {
    return RowValues.mapEach(records, IngestTransforms::toRow);
  }

  static Row toRow(IngestRecord r) {
    IngestRecord.Article a = r.article;
    if (a == null) {
      return RowFactory.create(
          r.sourcePath,
          r.locator,
          r.recordIndex,
          r.reason,
          r.detail,
          r.excerpt,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    return RowFactory.create(
        r.sourcePath,
        r.locator,
        r.recordIndex,
        null,
        null,
        null,
        ArticleText.articleId(a.text()),
        a.sourceId(),
        a.source(),
        a.url(),
        a.title(),
        a.publishedDate() == null ? null : a.publishedDate().toString(),
        a.dateSource(),
        a.language(),
        a.text());
  }

  private static Column isAccepted() {
    return col(REASON).isNull();
  }

  /**
   * Accepted records, one per article id: among exact duplicates the first by source path and
   * position is kept, so reruns keep the same copy.
   */
  public static Dataset<Row> uniqueArticles(Dataset<Row> records) {
    Column order = struct(col(SOURCE_PATH), col(RECORD_INDEX));
    Column payload =
        struct(
            col(SOURCE_PATH),
            col(LOCATOR),
            col(SOURCE_ID),
            col(SOURCE),
            col(URL),
            col(TITLE),
            col(PUBLISHED),
            col(DATE_SOURCE),
            col(LANGUAGE),
            col(TEXT));
    return records
        .filter(isAccepted())
        .groupBy(col(ARTICLE_ID))
        .agg(min_by(payload, order).as("a"))
        .select(
            col(ARTICLE_ID),
            col("a." + SOURCE_PATH).as(SOURCE_PATH),
            col("a." + LOCATOR).as(LOCATOR),
            col("a." + SOURCE_ID).as(SOURCE_ID),
            col("a." + SOURCE).as(SOURCE),
            col("a." + URL).as(URL),
            col("a." + TITLE).as(TITLE),
            to_date(col("a." + PUBLISHED)).as(PUBLISHED_DATE),
            col("a." + DATE_SOURCE).as(DATE_SOURCE),
            col("a." + LANGUAGE).as(LANGUAGE),
            ingestDate(col("a." + SOURCE_PATH)).as(INGEST_DATE),
            col("a." + TEXT).as(TEXT),
            length(col("a." + TEXT)).as(N_CHARS));
  }

  /** Rejected records in the {@code rejected_records} shape (without run_id). */
  public static Dataset<Row> rejections(Dataset<Row> records) {
    return records
        .filter(not(isAccepted()))
        .select(
            col(SOURCE_PATH),
            col(LOCATOR),
            col(REASON),
            col(DETAIL),
            col(EXCERPT),
            ingestDate(col(SOURCE_PATH)).as(INGEST_DATE));
  }

  /**
   * The date of the landing folder a file was read from: the last {@code date=YYYY-MM-DD} folder on
   * its path, null when there is none. A full run over the landing root and a nightly run of one
   * date give a record the same ingest date.
   */
  public static Column ingestDate(Column sourcePath) {
    Column found = regexp_extract(sourcePath, LANDING_DATE, 1);
    return when(found.equalTo(""), lit(null).cast("date"))
        .otherwise(try_to_date(found, "yyyy-MM-dd"));
  }

  /** The last date=YYYY-MM-DD folder of a path (greedy prefix, so the last one wins). */
  private static final String LANDING_DATE = "^.*/date=([0-9]{4}-[0-9]{2}-[0-9]{2})/";

  /**
   * The articles not already among {@code existingIds} (article_id): an article re-delivered or
   * syndicated on a later night is a duplicate of the one the tables hold.
   */
  public static Dataset<Row> notIn(Dataset<Row> articles, Dataset<Row> existingIds) {
    return articles.join(existingIds.select(ARTICLE_ID), new String[] {ARTICLE_ID}, "left_anti");
  }

  /** Columns of {@link #outcomeTotals}. */
  public static final String RECORDS_READ = "records_read";

  public static final String ACCEPTED_RECORDS = "accepted_records";
  public static final String UNIQUE_ARTICLES = "unique_articles";

  /**
   * One row of totals over the records: read, accepted (before de-duplication) and unique articles;
   * duplicates = accepted_records - unique_articles, rejected = read - accepted_records.
   */
  public static Dataset<Row> outcomeTotals(Dataset<Row> records) {
    return records.agg(
        count(lit(1)).as(RECORDS_READ),
        count(when(isAccepted(), lit(1))).as(ACCEPTED_RECORDS),
        count_distinct(col(ARTICLE_ID)).as(UNIQUE_ARTICLES));
  }
}
