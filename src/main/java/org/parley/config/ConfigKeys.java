package org.parley.config;

import static org.parley.config.ConfigKey.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key with its default, side by side. Precedence, written down once: command
 * line ({@code --input}, {@code --output}, {@code --stages}, {@code --set}) over the config file
 * over these defaults. {@code conf/parley.yaml} documents the same keys.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** Stage names in pipeline order: those of the job's Stages, which checks they agree. */
  public static final Set<String> STAGE_NAMES =
      ordered("ingest", "stories", "terms", "actors", "topics");

  public static final Set<String> WINDOWS = ordered("sentence", "article");
  public static final Set<String> PERIODS = ordered("day", "week", "month");

  private static Set<String> ordered(String... names) {
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
  }

  // ---- run -------------------------------------------------------------------------------
  public static final ConfigKey<List<String>> INPUT_PATHS =
      stringList(
          "input.paths",
          List.of("seeds/"),
          null,
          false,
          "Files or folders (read recursively) to ingest; any Hadoop path (file://, hdfs://, s3a://).");
  public static final ConfigKey<String> OUTPUT_PATH =
      string(
          "output.path",
          "out/",
          "Folder under which each table is a Delta Lake table (Parquet files and a transaction log).");
  public static final ConfigKey<String> OUTPUT_COMPRESSION =
      oneOf(
          "output.compression",
          "snappy",
          ordered("snappy", "zstd", "gzip", "none"),
          "Parquet compression codec.");
  public static final ConfigKey<Integer> OUTPUT_RETENTION_DAYS =
      integer(
          "output.retention_days",
          7,
          0,
          36_500,
          "'maintain' removes files no table version of the last this many days needs (Delta VACUUM):"
              + " time travel reaches back this far.");
  public static final ConfigKey<Integer> RUN_LOCK_STALE_HOURS =
      integer(
          "run.lock_stale_hours",
          24,
          1,
          100_000,
          "A lock held by another host for longer than this is reported as possibly stale, with the"
              + " command that clears it.");
  public static final ConfigKey<String> RUN_PARALLEL_STAGES =
      oneOf(
          "run.parallel_stages",
          "nightly",
          ordered("nightly", "always", "never"),
          "When stages that do not read each other's tables run side by side (after ingest: stories,"
              + " terms and actors, then topics): 'nightly' in nightly runs, whose small stages"
              + " leave cores idle; 'always' also in full runs and refits, whose stages each fill"
              + " every core.");
  public static final ConfigKey<List<String>> RUN_STAGES =
      stringList(
          "run.stages",
          List.copyOf(STAGE_NAMES),
          STAGE_NAMES,
          false,
          "Stages to run, in pipeline order; a stage not run reads the tables it needs from output.path.");

  // ---- ingest ----------------------------------------------------------------------------
  public static final ConfigKey<String> INGEST_PATH_GLOB =
      string(
          "ingest.path_glob",
          null,
          "Only files whose name matches this glob are read (e.g. '*.csv'); null reads every file.");
  public static final ConfigKey<String> INGEST_CHARSET =
      string("ingest.charset", "UTF-8", "Character set of .txt and .jsonl files.");
  public static final ConfigKey<Long> INGEST_MAX_FILE_BYTES =
      longInteger(
          "ingest.max_file_bytes",
          256L * 1024 * 1024,
          1,
          "Files read whole (all but JSON Lines over ingest.split_bytes and gzipped JSON Lines, which"
              + " is streamed) larger than this, before or after gunzip, are rejected; also the longest JSON line.");
  public static final ConfigKey<Long> INGEST_SPLIT_BYTES =
      longInteger(
          "ingest.split_bytes",
          64L * 1024 * 1024,
          1024,
          "Uncompressed JSON Lines files larger than this are read in parts of this many bytes, each"
              + " by its own task (or of ingest.max_file_bytes, if smaller); gzipped JSON Lines is streamed,"
              + " other files are read whole.");
  public static final ConfigKey<Integer> INGEST_MAX_ARTICLE_CHARS =
      integer(
          "ingest.max_article_chars",
          1_000_000,
          100,
          Integer.MAX_VALUE,
          "Articles whose text is longer than this are rejected as too_large.");
  public static final ConfigKey<Double> INGEST_MAX_UNDECODABLE_SHARE =
      decimal(
          "ingest.max_undecodable_share",
          0.01,
          0.0,
          1.0,
          "Share of bytes a record may have that its charset cannot decode; those bytes are dropped."
              + " Above it the record is rejected as undecodable_bytes.");
  public static final ConfigKey<List<String>> INGEST_DATE_FORMATS =
      stringList(
          "ingest.date_formats",
          List.of("yyyy-MM-dd"),
          null,
          true,
          "java.time patterns tried, in order, on the 'published' field of JSON Lines and CSV"
              + " after ISO-8601; a value no pattern parses leaves published_date null.");
  public static final ConfigKey<String> CSV_CHARSET =
      string("ingest.csv.charset", "UTF-8", "Character set of .csv files (e.g. windows-1252).");
  public static final ConfigKey<String> CSV_DELIMITER =
      string("ingest.csv.delimiter", ",", "Field delimiter of .csv files (one character).");
  public static final ConfigKey<String> CSV_ID =
      optionalString(
          "ingest.csv.columns.id",
          "id",
          "CSV column holding the source's own id (kept as source_id).");
  public static final ConfigKey<String> CSV_URL =
      optionalString("ingest.csv.columns.url", "url", "CSV column holding the article URL.");
  public static final ConfigKey<String> CSV_SOURCE =
      optionalString("ingest.csv.columns.source", "source", "CSV column holding the outlet name.");
  public static final ConfigKey<String> CSV_TITLE =
      optionalString("ingest.csv.columns.title", "title", "CSV column holding the title.");
  public static final ConfigKey<String> CSV_PUBLISHED =
      optionalString(
          "ingest.csv.columns.published",
          "published",
          "CSV column holding the publication date (see ingest.date_formats).");
  public static final ConfigKey<String> CSV_TEXT =
      string(
          "ingest.csv.columns.text",
          "text",
          "CSV column holding the article text; a file without it is rejected.");
  public static final ConfigKey<String> CSV_LANGUAGE =
      optionalString(
          "ingest.csv.columns.language", "language", "CSV column holding the language code.");

  // ---- text ------------------------------------------------------------------------------
  public static final ConfigKey<Integer> TEXT_MAX_SENTENCE_CHARS =
      integer(
          "text.max_sentence_chars",
          2000,
          50,
          1_000_000,
          "Longer sentences (lists, tables, unpunctuated text) are cut at whitespace.");
  public static final ConfigKey<List<String>> TEXT_EXTRA_STOP_WORDS =
      stringList(
          "text.extra_stop_words",
          List.of(),
          null,
          true,
          "Words dropped from terms in addition to the built-in English list.");

  public static final ConfigKey<Boolean> FURNITURE_ENABLED =
      bool(
          "text.furniture.enabled",
          true,
          "Remove page furniture (share lines, menus, tag headings, credits) before analysis.");
  public static final ConfigKey<Integer> FURNITURE_MIN_ARTICLES =
      integer(
          "text.furniture.min_articles",
          5,
          2,
          Integer.MAX_VALUE,
          "A sentence a source repeats in at least this many of its articles is furniture.");
  public static final ConfigKey<Double> FURNITURE_MIN_SHARE =
      decimal(
          "text.furniture.min_share",
          0.4,
          0.01,
          1.0,
          "A sentence start or end is furniture when at least this share of a source's articles"
              + " have it (and it is rarely found inside a sentence).");
  public static final ConfigKey<Integer> FURNITURE_MAX_AFFIX_TOKENS =
      integer(
          "text.furniture.max_affix_tokens",
          8,
          0,
          20,
          "Longest furniture start or end of a sentence, in tokens (0: whole sentences only).");
  public static final ConfigKey<Integer> FURNITURE_SAMPLE_PER_SOURCE =
      integer(
          "text.furniture.sample_per_source",
          1000,
          10,
          Integer.MAX_VALUE,
          "Furniture is learned from at most this many articles of each source.");

  // ---- terms -----------------------------------------------------------------------------
  public static final ConfigKey<Boolean> PHRASES_ENABLED =
      bool("terms.phrases.enabled", true, "Detect recurring multi-word phrases as terms.");
  public static final ConfigKey<Integer> PHRASES_MAX_NGRAM =
      integer("terms.phrases.max_ngram", 3, 2, 5, "Longest phrase, in words.");
  public static final ConfigKey<Integer> PHRASES_MIN_COUNT =
      integer(
          "terms.phrases.min_count",
          3,
          1,
          Integer.MAX_VALUE,
          "A phrase must occur at least this many times in the corpus.");
  public static final ConfigKey<Double> PHRASES_MIN_NPMI =
      decimal(
          "terms.phrases.min_npmi",
          0.5,
          -1.0,
          1.0,
          "A phrase's words must be at least this associated (normalised PMI, 1 = always together).");
  public static final ConfigKey<List<String>> TRENDS_PERIODS =
      stringList(
          "terms.trends.periods",
          List.of("day", "week", "month"),
          PERIODS,
          true,
          "Periods of term_trends (week starts on Monday).");
  public static final ConfigKey<Integer> TRENDS_MIN_DOC_FREQ =
      integer(
          "terms.trends.min_doc_freq",
          2,
          1,
          Integer.MAX_VALUE,
          "Only terms found in at least this many articles get trend rows.");

  // ---- actors ----------------------------------------------------------------------------
  public static final ConfigKey<String> ACTORS_DICTIONARY =
      optionalString(
          "actors.dictionary",
          null,
          "Actor dictionary YAML (any Hadoop path); null uses the starter dictionary built into the jar"
              + " (conf/actors.yaml at build time).");
  public static final ConfigKey<List<String>> COMENTION_WINDOWS =
      stringList(
          "actors.comentions.windows",
          List.of("sentence", "article"),
          WINDOWS,
          false,
          "Units within which two actors count as named together.");
  public static final ConfigKey<List<String>> COMENTION_PERIODS =
      stringList(
          "actors.comentions.periods",
          List.of("week", "month"),
          PERIODS,
          true,
          "Periods of actor_comentions_by_period.");
  public static final ConfigKey<Boolean> DISCOVERY_ENABLED =
      bool(
          "actors.discovery.enabled",
          true,
          "Record proper-noun spans the dictionary lacks in candidate_mentions and actor_candidates.");
  public static final ConfigKey<Boolean> DEMONYMS_ENABLED =
      bool(
          "actors.demonyms.enabled",
          true,
          "Count the dictionary's demonyms as mentions of their state ('Russian warplanes',"
              + " method demonym).");

  // ---- stories ---------------------------------------------------------------------------
  public static final ConfigKey<Integer> STORIES_SHINGLE_WORDS =
      integer("stories.shingle_words", 5, 1, 20, "Words per shingle compared between articles.");
  public static final ConfigKey<Double> STORIES_MIN_SIMILARITY =
      decimal(
          "stories.min_similarity",
          0.8,
          0.0,
          1.0,
          "Jaccard similarity of shingle sets above which two articles are copies of one story.");
  public static final ConfigKey<Integer> STORIES_HASH_TABLES =
      integer(
          "stories.hash_tables",
          5,
          1,
          100,
          "MinHash bands of 4 min-hashes each (more: fewer missed pairs, slower).");
  public static final ConfigKey<Long> STORIES_SEED =
      longInteger(
          "stories.seed",
          42L,
          Long.MIN_VALUE,
          "Seed of the MinHash functions: the same input and config group the same stories.");
  public static final ConfigKey<Boolean> STORIES_COUNT_ONCE =
      bool(
          "stories.count_once",
          false,
          "Count a story once (its representative article) in actor_comentions* and topic_trends.");

  // ---- topics ----------------------------------------------------------------------------
  public static final ConfigKey<String> TOPICS_MODE =
      oneOf(
          "topics.mode",
          "fit",
          ordered("fit", "apply"),
          "fit a new model, or apply the saved model topics.model_id (stable topic ids between refits).");
  public static final ConfigKey<String> TOPICS_MODEL_ID =
      optionalString(
          "topics.model_id",
          null,
          "With topics.mode: apply, the model under <output>/models/ to apply.");
  public static final ConfigKey<String> TOPICS_ALGORITHM =
      oneOf(
          "topics.algorithm",
          "lda",
          ordered("lda", "kmeans", "bisecting-kmeans"),
          "lda (topic model), or kmeans / bisecting-kmeans: k-means clusters of TF-IDF vectors, cosine distance.");
  public static final ConfigKey<String> TOPICS_K =
      string(
          "topics.k",
          "8",
          "Number of topics, or auto: fit each of topics.k_candidates and keep the one with the highest mean NPMI × balance (coherent topics that share the articles out, not a few that take them all).");
  public static final ConfigKey<List<String>> TOPICS_K_CANDIDATES =
      stringList(
          "topics.k_candidates",
          List.of("5", "8", "12"),
          null,
          false,
          "Values of k tried when topics.k is auto.");
  public static final ConfigKey<Integer> TOPICS_MIN_ARTICLES_PER_TOPIC =
      integer(
          "topics.min_articles_per_topic",
          5,
          1,
          1_000_000,
          "Fit at most articles / this many topics: a topic is what several articles share, and with"
              + " fewer each topic models one or two articles. Fewer than 2 topics: topics are skipped.");
  public static final ConfigKey<Integer> TOPICS_MIN_TERMS_PER_TOPIC =
      integer(
          "topics.min_terms_per_topic",
          10,
          1,
          1_000_000,
          "Fit at most vocabulary terms / this many topics: a topic is read and scored by its top 10"
              + " terms, and with fewer terms per topic the topics' top terms are the same words.");
  public static final ConfigKey<Integer> TOPICS_VOCAB_SIZE =
      integer(
          "topics.vocab_size",
          10_000,
          10,
          1_000_000,
          "Largest vocabulary (most frequent terms by document frequency).");
  public static final ConfigKey<Integer> TOPICS_MIN_DF =
      integer(
          "topics.min_df",
          5,
          1,
          Integer.MAX_VALUE,
          "A term must be in at least this many articles.");
  public static final ConfigKey<Double> TOPICS_MAX_DF =
      decimal(
          "topics.max_df",
          0.3,
          0.0,
          1.0,
          "A term in more than this share of articles (and more than min_df articles) is too common to tell topics apart.");
  public static final ConfigKey<Boolean> TOPICS_PHRASES =
      bool(
          "topics.include_phrases", true, "Use phrases (ngram > 1) as terms besides single words.");
  public static final ConfigKey<String> TOPICS_OPTIMIZER =
      oneOf(
          "topics.lda.optimizer",
          "auto",
          ordered("auto", "em", "online", "gibbs"),
          "LDA optimizer: em (better topics, cost per iteration grows fast with the corpus), online,"
              + " gibbs (collapsed Gibbs sampling, distributed as AD-LDA), or auto"
              + " (em up to topics.lda.em_max_articles articles, gibbs above).");
  public static final ConfigKey<Integer> TOPICS_EM_MAX_ARTICLES =
      integer(
          "topics.lda.em_max_articles",
          2000,
          1,
          Integer.MAX_VALUE,
          "Largest corpus that optimizer auto fits with em; a larger one is fitted with gibbs.");
  public static final ConfigKey<String> TOPICS_LOG_PERPLEXITY =
      oneOf(
          "topics.lda.log_perplexity",
          "auto",
          ordered("auto", "always", "never"),
          "log_perplexity of topic_models, one more variational pass over every article: always, never, or auto"
              + " (up to 5,000 articles; null above).");
  public static final ConfigKey<Integer> TOPICS_MAX_ITER =
      integer("topics.max_iterations", 50, 1, 10_000, "Iterations of LDA or k-means.");
  public static final ConfigKey<Double> TOPICS_DOC_CONCENTRATION =
      decimal(
          "topics.lda.doc_concentration",
          -1.0,
          -1.0,
          1e6,
          "LDA alpha; -1 chooses by optimizer (em: 50/k + 1, online: 1/k, gibbs: 5/k).");
  public static final ConfigKey<Double> TOPICS_TOPIC_CONCENTRATION =
      decimal(
          "topics.lda.topic_concentration",
          -1.0,
          -1.0,
          1e6,
          "LDA beta; -1 chooses by optimizer (em: 1.1, online: 1/k, gibbs: 0.01).");
  public static final ConfigKey<Integer> TOPICS_OPTIMIZE_INTERVAL =
      integer(
          "topics.lda.optimize_interval",
          5,
          0,
          10_000,
          "Gibbs only: learn alpha (one per topic) and beta from the sample every this many sweeps after"
              + " topics.lda.optimize_burn_in, as MALLET's --optimize-interval; 0 keeps them fixed.");
  public static final ConfigKey<Integer> TOPICS_OPTIMIZE_BURN_IN =
      integer(
          "topics.lda.optimize_burn_in",
          10,
          0,
          10_000,
          "Gibbs only: sweeps before the priors are first learned; below topics.max_iterations.");
  public static final ConfigKey<Double> TOPICS_RELEVANCE_LAMBDA =
      decimal(
          "topics.lda.relevance_lambda",
          0.6,
          0.0,
          1.0,
          "LDA: rank each topic's terms by relevance, lambda * log p(w|t) + (1 - lambda) * log(p(w|t) / p(w));"
              + " 1 ranks by probability alone (as MALLET and Spark's describeTopics), lower favours terms distinctive of the topic.");
  public static final ConfigKey<Long> TOPICS_SEED =
      longInteger(
          "topics.seed",
          42L,
          Long.MIN_VALUE,
          "Random seed: the same input and config give the same topics.");
  public static final ConfigKey<Integer> TOPICS_RESTARTS =
      integer(
          "topics.restarts",
          1,
          1,
          100,
          "Fits per k with seeds seed, seed+1, …; the best mean NPMI × balance is kept, all are recorded.");
  public static final ConfigKey<Integer> TOPICS_TOP_TERMS =
      integer(
          "topics.top_terms",
          10,
          3,
          1000,
          "Terms per topic in topic_terms; NPMI coherence uses the top 10.");
  public static final ConfigKey<Double> TOPICS_MIN_NPMI =
      decimal(
          "topics.quality.min_mean_npmi",
          0.0,
          -1.0,
          1.0,
          "Quality gate: mean NPMI below this warns or fails.");
  public static final ConfigKey<Integer> TOPICS_NPMI_MIN_ARTICLES =
      integer(
          "topics.quality.npmi_min_articles",
          50,
          2,
          Integer.MAX_VALUE,
          "NPMI coherence is measured over at least this many articles; over fewer it is null (not"
              + " measured): terms in every article score a perfect 1, and one article moves a pair's score.");
  public static final ConfigKey<String> TOPICS_ON_LOW_QUALITY =
      oneOf(
          "topics.quality.on_low",
          "warn",
          ordered("warn", "fail"),
          "What the quality gate does: warn, or fail the run.");
  public static final ConfigKey<List<String>> TOPICS_PERIODS =
      stringList(
          "topics.trends.periods",
          List.of("week", "month"),
          PERIODS,
          true,
          "Periods of topic_trends.");

  /** All keys by name, in documentation order. */
  public static final Map<String, ConfigKey<?>> ALL =
      index(
          INPUT_PATHS,
          OUTPUT_PATH,
          OUTPUT_COMPRESSION,
          OUTPUT_RETENTION_DAYS,
          RUN_STAGES,
          RUN_PARALLEL_STAGES,
          RUN_LOCK_STALE_HOURS,
          INGEST_PATH_GLOB,
          INGEST_CHARSET,
          INGEST_MAX_FILE_BYTES,
          INGEST_SPLIT_BYTES,
          INGEST_MAX_ARTICLE_CHARS,
          INGEST_MAX_UNDECODABLE_SHARE,
          INGEST_DATE_FORMATS,
          CSV_CHARSET,
          CSV_DELIMITER,
          CSV_ID,
          CSV_URL,
          CSV_SOURCE,
          CSV_TITLE,
          CSV_PUBLISHED,
          CSV_TEXT,
          CSV_LANGUAGE,
          TEXT_MAX_SENTENCE_CHARS,
          TEXT_EXTRA_STOP_WORDS,
          FURNITURE_ENABLED,
          FURNITURE_MIN_ARTICLES,
          FURNITURE_MIN_SHARE,
          FURNITURE_MAX_AFFIX_TOKENS,
          FURNITURE_SAMPLE_PER_SOURCE,
          PHRASES_ENABLED,
          PHRASES_MAX_NGRAM,
          PHRASES_MIN_COUNT,
          PHRASES_MIN_NPMI,
          TRENDS_PERIODS,
          TRENDS_MIN_DOC_FREQ,
          ACTORS_DICTIONARY,
          COMENTION_WINDOWS,
          COMENTION_PERIODS,
          DISCOVERY_ENABLED,
          DEMONYMS_ENABLED,
          STORIES_SHINGLE_WORDS,
          STORIES_MIN_SIMILARITY,
          STORIES_HASH_TABLES,
          STORIES_SEED,
          STORIES_COUNT_ONCE,
          TOPICS_MODE,
          TOPICS_MODEL_ID,
          TOPICS_ALGORITHM,
          TOPICS_K,
          TOPICS_K_CANDIDATES,
          TOPICS_MIN_ARTICLES_PER_TOPIC,
          TOPICS_MIN_TERMS_PER_TOPIC,
          TOPICS_VOCAB_SIZE,
          TOPICS_MIN_DF,
          TOPICS_MAX_DF,
          TOPICS_PHRASES,
          TOPICS_OPTIMIZER,
          TOPICS_EM_MAX_ARTICLES,
          TOPICS_LOG_PERPLEXITY,
          TOPICS_MAX_ITER,
          TOPICS_DOC_CONCENTRATION,
          TOPICS_TOPIC_CONCENTRATION,
          TOPICS_OPTIMIZE_INTERVAL,
          TOPICS_OPTIMIZE_BURN_IN,
          TOPICS_RELEVANCE_LAMBDA,
          TOPICS_SEED,
          TOPICS_RESTARTS,
          TOPICS_TOP_TERMS,
          TOPICS_MIN_NPMI,
          TOPICS_NPMI_MIN_ARTICLES,
          TOPICS_ON_LOW_QUALITY,
          TOPICS_PERIODS);

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
