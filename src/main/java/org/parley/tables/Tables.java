package org.parley.tables;

import static org.parley.tables.Columns.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Every table Parley publishes, with its schema. docs/tables.md documents the same columns. */
public final class Tables {
  private Tables() {}

  private static StructField required(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  private static StructField optional(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }

  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType DATE = DataTypes.DateType;
  private static final DataType TIMESTAMP = DataTypes.TimestampType;

  /** A character range of an article's text: [char_start, char_end). */
  public static final StructType SPAN = struct(required(CHAR_START, INT), required(CHAR_END, INT));

  /** A spelling of a candidate name and its mentions. */
  public static final StructType COUNTED_SPELLING =
      struct(required(SURFACE, STRING), required(MENTIONS, LONG));

  /** A type guessed for a candidate name and its mentions. */
  public static final StructType COUNTED_TYPE =
      struct(required(GUESSED_TYPE, STRING), required(MENTIONS, LONG));

  /** One accepted, de-duplicated article. */
  public static final Table ARTICLES =
      new Table(
          "articles",
          struct(
              required(ARTICLE_ID, STRING),
              required(SOURCE_PATH, STRING),
              required(LOCATOR, STRING),
              optional(SOURCE_ID, STRING),
              optional(SOURCE, STRING),
              optional(URL, STRING),
              optional(TITLE, STRING),
              optional(PUBLISHED_DATE, DATE),
              optional(DATE_SOURCE, STRING),
              optional(LANGUAGE, STRING),
              optional(INGEST_DATE, DATE),
              required(TEXT, STRING),
              required(N_CHARS, INT),
              required(N_SENTENCES, INT),
              required(N_TOKENS, INT),
              required(FURNITURE_CHARS, INT),
              required(FURNITURE_SPANS, new ArrayType(SPAN, false)),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /**
   * The page furniture a learning run (run, refit) found: sentences, sentence starts and ends a
   * source repeats across its articles ({@code source} null: across the corpus). Every run removes
   * exactly these before analysis.
   */
  public static final Table FURNITURE =
      new Table(
          "furniture",
          struct(
              optional(SOURCE, STRING),
              required(KIND, STRING),
              required(TEXT, STRING),
              required(N_TOKENS, INT),
              required(DOC_COUNT, LONG),
              required(SAMPLED_ARTICLES, LONG),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /** A record that could not become an article, and why. */
  public static final Table REJECTED_RECORDS =
      new Table(
          "rejected_records",
          struct(
              required(SOURCE_PATH, STRING),
              required(LOCATOR, STRING),
              required(REASON, STRING),
              optional(DETAIL, STRING),
              optional(EXCERPT, STRING),
              optional(INGEST_DATE, DATE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /** One token of a sentence; {@code term} is null for stop words. */
  public static final StructType TOKEN =
      struct(
          required(SURFACE, STRING),
          optional(TERM, STRING),
          required(CHAR_START, INT),
          required(CHAR_END, INT),
          required(AFTER_PUNCTUATION, DataTypes.BooleanType));

  /** Sentences with their tokens: the text stage's output that later stages read. */
  public static final Table SENTENCES =
      new Table(
          "sentences",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(SENTENCE_INDEX, INT),
              required(CHAR_START, INT),
              required(CHAR_END, INT),
              required(TEXT, STRING),
              required(TOKENS, new ArrayType(TOKEN, false)),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ARTICLE_TERMS =
      new Table(
          "article_terms",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(TERM, STRING),
              required(NGRAM, INT),
              required(COUNT, LONG),
              required(TF, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /**
   * The phrase vocabulary a learning run (run, refit) found; nightly and --keep-models runs count
   * exactly these phrases.
   */
  public static final Table PHRASES =
      new Table(
          "phrases",
          struct(
              required(TERM, STRING),
              required(NGRAM, INT),
              required(COUNT, LONG),
              required(NPMI, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table TERM_STATS =
      new Table(
          "term_stats",
          struct(
              required(TERM, STRING),
              required(NGRAM, INT),
              required(TOTAL_COUNT, LONG),
              required(DOC_FREQ, LONG),
              required(IDF, DOUBLE),
              optional(FIRST_DATE, DATE),
              optional(LAST_DATE, DATE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table TERM_TRENDS =
      new Table(
              "term_trends",
              struct(
                  required(PERIOD, STRING),
                  required(PERIOD_START, DATE),
                  required(TERM, STRING),
                  required(NGRAM, INT),
                  required(COUNT, LONG),
                  required(DOC_COUNT, LONG),
                  required(SHARE, DOUBLE),
                  required(RUN_ID, STRING)),
              Table.WriteMode.REPLACE)
          .clusteredBy(PERIOD, PERIOD_START);

  /** The actor dictionary the run used. */
  public static final Table ACTORS =
      new Table(
          "actors",
          struct(
              required(ACTOR_ID, STRING),
              required(NAME, STRING),
              required(TYPE, STRING),
              required(ROLES, new ArrayType(STRING, false)),
              required(ALIASES, new ArrayType(STRING, false)),
              required("metonyms", new ArrayType(STRING, false)),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /**
   * Words the corpus writes in lower case when nothing forces a capital (name discovery leaves them
   * out of names); learned by run and refit, applied by nightly and --keep-models runs.
   */
  public static final Table ORDINARY_WORDS =
      new Table(
          "ordinary_words",
          struct(required(WORD, STRING), required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ACTOR_MENTIONS =
      new Table(
          "actor_mentions",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(SENTENCE_INDEX, INT),
              required(ACTOR_ID, STRING),
              required(SURFACE, STRING),
              required(CHAR_START, INT),
              required(CHAR_END, INT),
              required(METHOD, STRING),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table CANDIDATE_MENTIONS =
      new Table(
          "candidate_mentions",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(SENTENCE_INDEX, INT),
              required(SURFACE, STRING),
              required(NORMALIZED, STRING),
              required(GUESSED_TYPE, STRING),
              required(CHAR_START, INT),
              required(CHAR_END, INT),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ACTOR_CANDIDATES =
      new Table(
          "actor_candidates",
          struct(
              required(SURFACE, STRING),
              required(NORMALIZED, STRING),
              required(GUESSED_TYPE, STRING),
              required(MENTION_COUNT, LONG),
              required(ARTICLE_COUNT, LONG),
              optional(FIRST_DATE, DATE),
              optional(LAST_DATE, DATE),
              required(EXAMPLE_ARTICLE_ID, STRING),
              required(EXAMPLE_SENTENCE, STRING),
              required(SPELLINGS, new ArrayType(COUNTED_SPELLING, false)),
              required(TYPES, new ArrayType(COUNTED_TYPE, false)),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ACTOR_COMENTIONS =
      new Table(
          "actor_comentions",
          struct(
              required(UNIT, STRING),
              required(ACTOR_A, STRING),
              required(ACTOR_B, STRING),
              required(PAIR_COUNT, LONG),
              required(ARTICLE_COUNT, LONG),
              required(PMI, DOUBLE),
              required(NPMI, DOUBLE),
              optional(FIRST_DATE, DATE),
              optional(LAST_DATE, DATE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /** Units (sentences, articles) naming each actor: the per-actor counts behind co-mention PMI. */
  public static final Table ACTOR_COUNTS =
      new Table(
          "actor_counts",
          struct(
              required(UNIT, STRING),
              required(ACTOR_ID, STRING),
              required(UNITS, LONG),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ACTOR_COMENTIONS_BY_PERIOD =
      new Table(
              "actor_comentions_by_period",
              struct(
                  required(PERIOD, STRING),
                  required(PERIOD_START, DATE),
                  required(UNIT, STRING),
                  required(ACTOR_A, STRING),
                  required(ACTOR_B, STRING),
                  required(PAIR_COUNT, LONG),
                  required(RUN_ID, STRING)),
              Table.WriteMode.REPLACE)
          .clusteredBy(PERIOD, PERIOD_START);

  public static final Table QUOTES =
      new Table(
          "quotes",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(QUOTE_INDEX, INT),
              optional(SPEAKER_ACTOR_ID, STRING),
              optional(SPEAKER_SURFACE, STRING),
              required(ATTRIBUTION, STRING),
              required(QUOTE_TEXT, STRING),
              required(CHAR_START, INT),
              required(CHAR_END, INT),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /** Near-duplicate articles grouped into stories. */
  public static final Table STORIES =
      new Table(
          "stories",
          struct(
              required(STORY_ID, STRING),
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(IS_REPRESENTATIVE, DataTypes.BooleanType),
              required(SIMILARITY_TO_REPRESENTATIVE, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /**
   * Each article's MinHash band keys, kept so that a night meets its articles with the history's
   * keys instead of hashing the history again.
   */
  public static final Table STORY_BANDS =
      new Table(
          "story_bands",
          struct(
              required(ARTICLE_ID, STRING),
              required(BAND_KEYS, new ArrayType(LONG, false)),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table TOPICS =
      new Table(
          "topics",
          struct(
              required(MODEL_ID, STRING),
              required(TOPIC_ID, INT),
              required(LABEL, STRING),
              optional(NPMI_COHERENCE, DOUBLE),
              required(ARTICLE_COUNT, LONG),
              required(WEIGHT_SHARE, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table TOPIC_TERMS =
      new Table(
          "topic_terms",
          struct(
              required(MODEL_ID, STRING),
              required(TOPIC_ID, INT),
              required(RANK, INT),
              required(TERM, STRING),
              required(WEIGHT, DOUBLE),
              optional(RELEVANCE, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table ARTICLE_TOPICS =
      new Table(
          "article_topics",
          struct(
              required(ARTICLE_ID, STRING),
              optional(PUBLISHED_DATE, DATE),
              required(MODEL_ID, STRING),
              required(TOPIC_ID, INT),
              required(WEIGHT, DOUBLE),
              required(IS_DOMINANT, DataTypes.BooleanType),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  public static final Table TOPIC_TRENDS =
      new Table(
          "topic_trends",
          struct(
              required(MODEL_ID, STRING),
              required(PERIOD, STRING),
              required(PERIOD_START, DATE),
              required(TOPIC_ID, INT),
              required(ARTICLE_COUNT, LONG),
              required(WEIGHT_SUM, DOUBLE),
              required(SHARE, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /** Every model a run fitted (all candidates of k = auto) or applied, with its quality. */
  public static final Table TOPIC_MODELS =
      new Table(
          "topic_models",
          struct(
              required(MODEL_ID, STRING),
              required("algorithm", STRING),
              required("k", INT),
              required("vocab_size", INT),
              required("params", STRING),
              optional("mean_npmi", DOUBLE),
              optional(TOPIC_DIVERSITY, DOUBLE),
              required("balance", DOUBLE),
              optional("log_perplexity", DOUBLE),
              required("fitted_at", TIMESTAMP),
              required(ARTICLE_COUNT, LONG),
              required("selected", DataTypes.BooleanType),
              required(RUN_ID, STRING)),
          Table.WriteMode.REPLACE);

  /**
   * How a refit's topics descend from the previous model's: each new topic, the old topic whose
   * term distribution is most alike (cosine similarity) when one was matched, and the similarity. A
   * matched topic keeps its old topic_id.
   */
  public static final Table TOPIC_LINEAGE =
      new Table(
          "topic_lineage",
          struct(
              required(MODEL_ID, STRING),
              required(TOPIC_ID, INT),
              optional(PREVIOUS_MODEL_ID, STRING),
              optional(PREVIOUS_TOPIC_ID, INT),
              optional(SIMILARITY, DOUBLE),
              required(RUN_ID, STRING)),
          Table.WriteMode.APPEND);

  /** One row per run: what it read, what it wrote, how it ended. */
  public static final Table RUNS =
      new Table(
          "runs",
          struct(
              required(RUN_ID, STRING),
              required("started_at", TIMESTAMP),
              required("finished_at", TIMESTAMP),
              required("stages", new ArrayType(STRING, false)),
              required("input_paths", new ArrayType(STRING, false)),
              required("config_digest", STRING),
              required("config_json", STRING),
              optional("records_read", LONG),
              optional("accepted", LONG),
              optional("duplicates", LONG),
              optional("rejected", LONG),
              required("table_rows", new MapType(STRING, LONG, false)),
              optional("stage_seconds", new MapType(STRING, DOUBLE, false)),
              required("status", STRING),
              optional("error", STRING),
              required("parley_version", STRING),
              required(COMMAND, STRING),
              required(TABLE_VERSIONS, new MapType(STRING, LONG, false)),
              required(WARNINGS, new ArrayType(STRING, false))),
          Table.WriteMode.APPEND);

  /** Every table but runs: what a run writes, and puts back if it fails. */
  public static final List<Table> DATA =
      List.of(
          ARTICLES,
          REJECTED_RECORDS,
          FURNITURE,
          SENTENCES,
          PHRASES,
          ARTICLE_TERMS,
          TERM_STATS,
          TERM_TRENDS,
          ACTORS,
          ORDINARY_WORDS,
          ACTOR_MENTIONS,
          CANDIDATE_MENTIONS,
          ACTOR_CANDIDATES,
          ACTOR_COUNTS,
          ACTOR_COMENTIONS,
          ACTOR_COMENTIONS_BY_PERIOD,
          QUOTES,
          STORIES,
          STORY_BANDS,
          TOPICS,
          TOPIC_TERMS,
          ARTICLE_TOPICS,
          TOPIC_TRENDS,
          TOPIC_MODELS,
          TOPIC_LINEAGE);

  public static final List<Table> ALL =
      java.util.stream.Stream.concat(DATA.stream(), java.util.stream.Stream.of(RUNS)).toList();

  /**
   * No rows, in the table's shape without run_id: what a step produces when it has nothing to
   * write.
   */
  public static Dataset<Row> empty(SparkSession spark, Table table) {
    return spark.createDataFrame(List.of(), table.contentSchema());
  }
}
