package org.parley.config;

import static org.parley.config.ConfigKey.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key with its default, side by side. Precedence, written down once:
 * command line ({@code --input}, {@code --output}, {@code --stages}, {@code --set}) over the
 * config file over these defaults. {@code conf/parley.yaml} documents the same keys.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** Stage names in pipeline order. */
  public static final Set<String> STAGE_NAMES = ordered("ingest", "terms", "actors");
  public static final Set<String> WINDOWS = ordered("sentence", "article");
  public static final Set<String> PERIODS = ordered("day", "week", "month");

  private static Set<String> ordered(String... names) {
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
  }

  // ---- run -------------------------------------------------------------------------------
  public static final ConfigKey<List<String>> INPUT_PATHS =
      stringList("input.paths", List.of("seeds/"), null, false,
          "Files or folders (read recursively) to ingest; any Hadoop path (file://, hdfs://, s3a://).");
  public static final ConfigKey<String> OUTPUT_PATH =
      string("output.path", "out/", "Folder under which each table is a Parquet folder.");
  public static final ConfigKey<String> OUTPUT_COMPRESSION =
      oneOf("output.compression", "snappy", ordered("snappy", "zstd", "gzip", "none"),
          "Parquet compression codec.");
  public static final ConfigKey<List<String>> RUN_STAGES =
      stringList("run.stages", List.of("ingest", "terms", "actors"), STAGE_NAMES, false,
          "Stages to run, in pipeline order; a stage not run reads the tables it needs from output.path.");

  // ---- ingest ----------------------------------------------------------------------------
  public static final ConfigKey<String> INGEST_PATH_GLOB =
      string("ingest.path_glob", null,
          "Only files whose name matches this glob are read (e.g. '*.csv'); null reads every file.");
  public static final ConfigKey<String> INGEST_CHARSET =
      string("ingest.charset", "UTF-8", "Character set of .txt and .jsonl files.");
  public static final ConfigKey<Long> INGEST_MAX_FILE_BYTES =
      longInteger("ingest.max_file_bytes", 256L * 1024 * 1024, 1,
          "Files larger than this are rejected unread (a file is read whole by one task).");
  public static final ConfigKey<Integer> INGEST_MAX_ARTICLE_CHARS =
      integer("ingest.max_article_chars", 1_000_000, 100, Integer.MAX_VALUE,
          "Articles whose text is longer than this are rejected as too_large.");
  public static final ConfigKey<Double> INGEST_MAX_UNDECODABLE_SHARE =
      decimal("ingest.max_undecodable_share", 0.01, 0.0, 1.0,
          "Share of bytes a record may have that its charset cannot decode; those bytes are dropped."
              + " Above it the record is rejected as undecodable_bytes.");
  public static final ConfigKey<List<String>> INGEST_DATE_FORMATS =
      stringList("ingest.date_formats", List.of("yyyy-MM-dd"), null, true,
          "java.time patterns tried, in order, on the 'published' field of JSON Lines and CSV"
              + " after ISO-8601; a value no pattern parses leaves published_date null.");
  public static final ConfigKey<String> CSV_CHARSET =
      string("ingest.csv.charset", "UTF-8", "Character set of .csv files (e.g. windows-1252).");
  public static final ConfigKey<String> CSV_DELIMITER =
      string("ingest.csv.delimiter", ",", "Field delimiter of .csv files (one character).");
  public static final ConfigKey<String> CSV_ID = optionalString("ingest.csv.columns.id", "id",
      "CSV column holding the source's own id (kept as source_id).");
  public static final ConfigKey<String> CSV_URL = optionalString("ingest.csv.columns.url", "url",
      "CSV column holding the article URL.");
  public static final ConfigKey<String> CSV_SOURCE = optionalString("ingest.csv.columns.source", "source",
      "CSV column holding the outlet name.");
  public static final ConfigKey<String> CSV_TITLE = optionalString("ingest.csv.columns.title", "title",
      "CSV column holding the title.");
  public static final ConfigKey<String> CSV_PUBLISHED = optionalString("ingest.csv.columns.published",
      "published", "CSV column holding the publication date (see ingest.date_formats).");
  public static final ConfigKey<String> CSV_TEXT = string("ingest.csv.columns.text", "text",
      "CSV column holding the article text; a file without it is rejected.");
  public static final ConfigKey<String> CSV_LANGUAGE = optionalString("ingest.csv.columns.language",
      "language", "CSV column holding the language code.");

  // ---- text ------------------------------------------------------------------------------
  public static final ConfigKey<Integer> TEXT_MAX_SENTENCE_CHARS =
      integer("text.max_sentence_chars", 2000, 50, 1_000_000,
          "Longer sentences (lists, tables, unpunctuated text) are cut at whitespace.");
  public static final ConfigKey<List<String>> TEXT_EXTRA_STOP_WORDS =
      stringList("text.extra_stop_words", List.of(), null, true,
          "Words dropped from terms in addition to the built-in English list.");

  // ---- terms -----------------------------------------------------------------------------
  public static final ConfigKey<Boolean> PHRASES_ENABLED =
      bool("terms.phrases.enabled", true, "Detect recurring multi-word phrases as terms.");
  public static final ConfigKey<Integer> PHRASES_MAX_NGRAM =
      integer("terms.phrases.max_ngram", 3, 2, 5, "Longest phrase, in words.");
  public static final ConfigKey<Integer> PHRASES_MIN_COUNT =
      integer("terms.phrases.min_count", 3, 1, Integer.MAX_VALUE,
          "A phrase must occur at least this many times in the corpus.");
  public static final ConfigKey<Double> PHRASES_MIN_NPMI =
      decimal("terms.phrases.min_npmi", 0.5, -1.0, 1.0,
          "A phrase's words must be at least this associated (normalised PMI, 1 = always together).");
  public static final ConfigKey<List<String>> TRENDS_PERIODS =
      stringList("terms.trends.periods", List.of("day", "week", "month"), PERIODS, true,
          "Periods of term_trends (week starts on Monday).");
  public static final ConfigKey<Integer> TRENDS_MIN_DOC_FREQ =
      integer("terms.trends.min_doc_freq", 2, 1, Integer.MAX_VALUE,
          "Only terms found in at least this many articles get trend rows.");

  // ---- actors ----------------------------------------------------------------------------
  public static final ConfigKey<String> ACTORS_DICTIONARY =
      optionalString("actors.dictionary", null,
          "Actor dictionary YAML (any Hadoop path); null uses the starter dictionary built into the jar"
              + " (conf/actors.yaml at build time).");
  public static final ConfigKey<List<String>> COMENTION_WINDOWS =
      stringList("actors.comentions.windows", List.of("sentence", "article"), WINDOWS, false,
          "Units within which two actors count as named together.");
  public static final ConfigKey<List<String>> COMENTION_PERIODS =
      stringList("actors.comentions.periods", List.of("week", "month"), PERIODS, true,
          "Periods of actor_comentions_by_period.");
  public static final ConfigKey<Boolean> DISCOVERY_ENABLED =
      bool("actors.discovery.enabled", true,
          "Record proper-noun spans the dictionary lacks in candidate_mentions and actor_candidates.");

  /** All keys by name, in documentation order. */
  public static final Map<String, ConfigKey<?>> ALL = index(
      INPUT_PATHS, OUTPUT_PATH, OUTPUT_COMPRESSION, RUN_STAGES,
      INGEST_PATH_GLOB, INGEST_CHARSET, INGEST_MAX_FILE_BYTES, INGEST_MAX_ARTICLE_CHARS,
      INGEST_MAX_UNDECODABLE_SHARE, INGEST_DATE_FORMATS,
      CSV_CHARSET, CSV_DELIMITER, CSV_ID, CSV_URL, CSV_SOURCE, CSV_TITLE, CSV_PUBLISHED, CSV_TEXT,
      CSV_LANGUAGE,
      TEXT_MAX_SENTENCE_CHARS, TEXT_EXTRA_STOP_WORDS,
      PHRASES_ENABLED, PHRASES_MAX_NGRAM, PHRASES_MIN_COUNT, PHRASES_MIN_NPMI,
      TRENDS_PERIODS, TRENDS_MIN_DOC_FREQ,
      ACTORS_DICTIONARY, COMENTION_WINDOWS, COMENTION_PERIODS, DISCOVERY_ENABLED);

  private static Map<String, ConfigKey<?>> index(ConfigKey<?>... keys) {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      if (byName.put(key.name(), key) != null) {
        throw new IllegalStateException("Config key declared twice: " + key.name());
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
