package org.parley.actors;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code actor_candidates} table: the names the dictionary lacks, summed over the corpus. Each
 * row keeps every spelling and guessed type of its name with their mentions, so a night's mentions
 * add to the stored rows without reading the history's mentions again: counts and dates are sums,
 * minima and maxima, the most frequent spelling and type are read off the summed lists, and the
 * example is the earliest article's (a night's articles are new, so a name's first mention is
 * either the stored one or tonight's).
 */
public final class Candidates {
  private Candidates() {}

  private static final String EXAMPLE = "example";

  /** The per-name parts that add up: several rows of one name combine into one. */
  private static final String[] PARTS = {
    NORMALIZED,
    SPELLINGS,
    TYPES,
    MENTION_COUNT,
    ARTICLE_COUNT,
    FIRST_DATE,
    LAST_DATE,
    EXAMPLE_ARTICLE_ID,
    EXAMPLE_SENTENCE
  };

  /** actor_candidates' columns without run_id. */
  private static final String[] COLUMNS = {
    SURFACE,
    NORMALIZED,
    GUESSED_TYPE,
    MENTION_COUNT,
    ARTICLE_COUNT,
    FIRST_DATE,
    LAST_DATE,
    EXAMPLE_ARTICLE_ID,
    EXAMPLE_SENTENCE,
    SPELLINGS,
    TYPES
  };

  // Most mentions first, ties by text; a known type before UNKNOWN, however rarely it was guessed.
  private static Column sortedSpellings() {
    return expr(
        "array_sort(spellings, (l, r) -> case"
            + " when l.mentions <> r.mentions then if(l.mentions > r.mentions, -1, 1)"
            + " when l.surface < r.surface then -1 when l.surface > r.surface then 1 else 0 end)");
  }

  private static Column sortedTypes() {
    return expr(
        "array_sort(types, (l, r) -> case"
            + " when (l.guessed_type = 'UNKNOWN') <> (r.guessed_type = 'UNKNOWN')"
            + " then if(l.guessed_type = 'UNKNOWN', 1, -1)"
            + " when l.mentions <> r.mentions then if(l.mentions > r.mentions, -1, 1)"
            + " when l.guessed_type < r.guessed_type then -1"
            + " when l.guessed_type > r.guessed_type then 1 else 0 end)");
  }

  /**
   * Every candidate name of {@code candidateMentions}, the {@code actor_candidates} shape without
   * run_id.
   *
   * @param sentences the sentences the mentions are in, for each name's example
   */
  public static Dataset<Row> summary(Dataset<Row> candidateMentions, Dataset<Row> sentences) {
    return finish(perName(candidateMentions, sentences));
  }

  /**
   * actor_candidates after a night: the stored rows of the names the night mentions, combined with
   * the night's; the other rows as they are.
   *
   * @param stored actor_candidates before the night, with spellings and types
   * @param nightMentions the night's candidate mentions (its articles are new)
   * @param nightSentences the night's sentences
   */
  public static Dataset<Row> afterNight(
      Dataset<Row> stored, Dataset<Row> nightMentions, Dataset<Row> nightSentences) {
    Dataset<Row> night = perName(nightMentions, nightSentences);
    Dataset<Row> names = night.select(NORMALIZED);
    Dataset<Row> kept =
        stored.join(broadcast(names), new String[] {NORMALIZED}, "left_anti").selectExpr(COLUMNS);
    Dataset<Row> touched =
        stored
            .join(broadcast(names), new String[] {NORMALIZED}, "left_semi")
            .selectExpr(PARTS)
            .unionByName(night.selectExpr(PARTS));
    return kept.unionByName(finish(combine(touched)));
  }

  /** Whether stored rows carry the lists a night adds to (outputs of older versions do not). */
  public static boolean addsUp(Dataset<Row> stored) {
    return List.of(stored.columns()).containsAll(List.of(SPELLINGS, TYPES));
  }

  /** One row per name of the mentions, in {@link #PARTS}; the lists unsorted. */
  private static Dataset<Row> perName(Dataset<Row> mentions, Dataset<Row> sentences) {
    Dataset<Row> spellings =
        mentions
            .groupBy(NORMALIZED, SURFACE)
            .agg(count(lit(1)).as(MENTIONS))
            .groupBy(NORMALIZED)
            .agg(collect_list(struct(col(SURFACE), col(MENTIONS))).as(SPELLINGS));
    Dataset<Row> types =
        mentions
            .groupBy(NORMALIZED, GUESSED_TYPE)
            .agg(count(lit(1)).as(MENTIONS))
            .groupBy(NORMALIZED)
            .agg(collect_list(struct(col(GUESSED_TYPE), col(MENTIONS))).as(TYPES));
    Dataset<Row> example =
        sentences.select(
            col(ARTICLE_ID).as("ex_article"),
            col(SENTENCE_INDEX).as("ex_sentence"),
            col(TEXT).as(EXAMPLE_SENTENCE));
    return mentions
        .groupBy(NORMALIZED)
        .agg(
            count(lit(1)).as(MENTION_COUNT),
            count_distinct(col(ARTICLE_ID)).as(ARTICLE_COUNT),
            min(col(PUBLISHED_DATE)).as(FIRST_DATE),
            max(col(PUBLISHED_DATE)).as(LAST_DATE),
            min(struct(col(ARTICLE_ID), col(SENTENCE_INDEX))).as("first"))
        .join(spellings, NORMALIZED)
        .join(types, NORMALIZED)
        .join(
            example,
            col("first." + ARTICLE_ID)
                .equalTo(col("ex_article"))
                .and(col("first." + SENTENCE_INDEX).equalTo(col("ex_sentence"))))
        .withColumn(EXAMPLE_ARTICLE_ID, col("first." + ARTICLE_ID))
        .selectExpr(PARTS);
  }

  /**
   * Rows of the same names (whose articles do not overlap) combined into one per name, in one
   * aggregation: counts summed, the lists concatenated and each spelling's and type's mentions
   * summed within them, the earliest article's example kept.
   */
  private static Dataset<Row> combine(Dataset<Row> parts) {
    return parts
        .groupBy(NORMALIZED)
        .agg(
            sum(col(MENTION_COUNT)).as(MENTION_COUNT),
            sum(col(ARTICLE_COUNT)).as(ARTICLE_COUNT),
            min(col(FIRST_DATE)).as(FIRST_DATE),
            max(col(LAST_DATE)).as(LAST_DATE),
            min(struct(col(EXAMPLE_ARTICLE_ID), col(EXAMPLE_SENTENCE))).as(EXAMPLE),
            flatten(collect_list(col(SPELLINGS))).as(SPELLINGS),
            flatten(collect_list(col(TYPES))).as(TYPES))
        .withColumn(SPELLINGS, summedByKey(SPELLINGS, SURFACE))
        .withColumn(TYPES, summedByKey(TYPES, GUESSED_TYPE))
        .withColumn(EXAMPLE_ARTICLE_ID, col(EXAMPLE + "." + EXAMPLE_ARTICLE_ID))
        .withColumn(EXAMPLE_SENTENCE, col(EXAMPLE + "." + EXAMPLE_SENTENCE))
        .selectExpr(PARTS);
  }

  /**
   * A list of (key, mentions) entries with one entry per key, its mentions summed. The stored lists
   * hold a name's distinct spellings or types, a handful, so the quadratic pass is cheap.
   */
  private static Column summedByKey(String list, String key) {
    return expr(
        String.format(
            "transform(array_distinct(transform(%1$s, e -> e.%2$s)), k -> named_struct('%2$s', k,"
                + " '%3$s', aggregate(filter(%1$s, e -> e.%2$s <=> k), cast(0 as bigint),"
                + " (n, e) -> n + e.%3$s)))",
            list, key, MENTIONS));
  }

  /** The table's columns from one row per name: lists sorted, the first of each named. */
  private static Dataset<Row> finish(Dataset<Row> perName) {
    return perName
        .withColumn(SPELLINGS, sortedSpellings())
        .withColumn(TYPES, sortedTypes())
        .withColumn(SURFACE, element_at(col(SPELLINGS), 1).getField(SURFACE))
        .withColumn(GUESSED_TYPE, element_at(col(TYPES), 1).getField(GUESSED_TYPE))
        .selectExpr(COLUMNS);
  }
}
