package org.parley.tables;

/** Column names shared by several tables, named once. */
public final class Columns {
  private Columns() {}

  public static final String ARTICLE_ID = "article_id";
  public static final String RUN_ID = "run_id";

  /**
   * runs: the command (run, nightly, refit, maintain), the Delta version of every table the run
   * committed, and what it skipped or could not do.
   */
  public static final String COMMAND = "command";

  public static final String TABLE_VERSIONS = "table_versions";
  public static final String WARNINGS = "warnings";
  public static final String STATUS = "status";
  public static final String SOURCE_PATH = "source_path";
  public static final String LOCATOR = "locator";
  public static final String SOURCE_ID = "source_id";
  public static final String SOURCE = "source";
  public static final String URL = "url";
  public static final String TITLE = "title";
  public static final String PUBLISHED_DATE = "published_date";
  public static final String DATE_SOURCE = "date_source";
  public static final String LANGUAGE = "language";

  /** The landing folder's date (from its {@code date=YYYY-MM-DD} name) a record was read from. */
  public static final String INGEST_DATE = "ingest_date";

  public static final String WORD = "word";
  public static final String PREVIOUS_MODEL_ID = "previous_model_id";
  public static final String PREVIOUS_TOPIC_ID = "previous_topic_id";
  public static final String TEXT = "text";
  public static final String N_CHARS = "n_chars";
  public static final String N_SENTENCES = "n_sentences";
  public static final String N_TOKENS = "n_tokens";
  public static final String FURNITURE_CHARS = "furniture_chars";
  public static final String FURNITURE_SPANS = "furniture_spans";
  public static final String KIND = "kind";
  public static final String SAMPLED_ARTICLES = "sampled_articles";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String EXCERPT = "excerpt";

  public static final String SENTENCE_INDEX = "sentence_index";
  public static final String CHAR_START = "char_start";
  public static final String CHAR_END = "char_end";
  public static final String TOKENS = "tokens";
  public static final String SURFACE = "surface";
  public static final String TERM = "term";
  public static final String AFTER_PUNCTUATION = "after_punctuation";

  public static final String NGRAM = "ngram";
  public static final String COUNT = "count";
  public static final String TF = "tf";
  public static final String TOTAL_COUNT = "total_count";
  public static final String DOC_FREQ = "doc_freq";
  public static final String IDF = "idf";
  public static final String FIRST_DATE = "first_date";
  public static final String LAST_DATE = "last_date";
  public static final String PERIOD = "period";
  public static final String PERIOD_START = "period_start";
  public static final String DOC_COUNT = "doc_count";
  public static final String SHARE = "share";

  public static final String ACTOR_ID = "actor_id";
  public static final String UNITS = "units";
  public static final String NAME = "name";
  public static final String TYPE = "type";
  public static final String ROLES = "roles";
  public static final String ALIASES = "aliases";
  public static final String METHOD = "method";
  public static final String NORMALIZED = "normalized";
  public static final String GUESSED_TYPE = "guessed_type";
  public static final String MENTION_COUNT = "mention_count";
  public static final String ARTICLE_COUNT = "article_count";
  public static final String EXAMPLE_ARTICLE_ID = "example_article_id";
  public static final String EXAMPLE_SENTENCE = "example_sentence";
  public static final String SPELLINGS = "spellings";
  public static final String TYPES = "types";

  /** A spelling's or type's mentions, in actor_candidates' lists. */
  public static final String MENTIONS = "mentions";

  public static final String ACTOR_A = "actor_a";
  public static final String ACTOR_B = "actor_b";
  public static final String UNIT = "unit";
  public static final String PAIR_COUNT = "pair_count";
  public static final String PMI = "pmi";
  public static final String NPMI = "npmi";
  public static final String QUOTE_INDEX = "quote_index";
  public static final String SPEAKER_ACTOR_ID = "speaker_actor_id";
  public static final String SPEAKER_SURFACE = "speaker_surface";
  public static final String ATTRIBUTION = "attribution";
  public static final String QUOTE_TEXT = "quote_text";

  // topics
  public static final String MODEL_ID = "model_id";
  public static final String TOPIC_ID = "topic_id";

  /** A term's place in its topic, 1 = the topic's strongest term. */
  public static final String RANK = "rank";

  public static final String WEIGHT = "weight";

  /** LDA: how a term is ranked in its topic (TermRelevance). */
  public static final String RELEVANCE = "relevance";

  public static final String LABEL = "label";
  public static final String NPMI_COHERENCE = "npmi_coherence";
  public static final String TOPIC_DIVERSITY = "topic_diversity";
  public static final String WEIGHT_SHARE = "weight_share";
  public static final String IS_DOMINANT = "is_dominant";
  public static final String WEIGHT_SUM = "weight_sum";

  // stories
  public static final String STORY_ID = "story_id";
  public static final String IS_REPRESENTATIVE = "is_representative";
  public static final String SIMILARITY_TO_REPRESENTATIVE = "similarity_to_representative";
  public static final String SIMILARITY = "similarity";
  public static final String BAND_KEYS = "band_keys";
}
