package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Topic quality measures for any model that yields ranked topic terms (model_id, topic_id, rank,
 * term): NPMI coherence of each topic's top terms over a reference corpus, computed when called and
 * returned as a small local frame, and the diversity of a model's topics, a Dataset transform.
 */
public final class TopicQuality {
  private TopicQuality() {}

  static final String TERM_A = "term_a";
  static final String TERM_B = "term_b";
  static final String CO_DOCS = "co_docs";
  private static final String TOP_TERMS = "top_terms";

  /**
   * NPMI of a term pair from document counts: ln(P(a,b) / (P(a) P(b))) / −ln P(a,b) with
   * P(a) = dfA / docs and P(a,b) = coDocs / docs; −1 when the terms never share a document, 1 when
   * they share every document (where the formula is 0/0).
   */
  static double npmi(long coDocs, long dfA, long dfB, long docs) {
    if (coDocs <= 0) {
      return -1.0;
    }
    if (coDocs >= docs) {
      return 1.0;
    }
    double lnCo = Math.log(coDocs);
    double lnDocs = Math.log(docs);
    return (lnCo + lnDocs - Math.log(dfA) - Math.log(dfB)) / (lnDocs - lnCo);
  }

  /**
   * Mean NPMI over the unordered pairs of each topic's top {@code topN} terms (rank ≤ topN), with
   * document co-occurrence in {@code documentTerms} (article_id, term; duplicates ignored) and D the
   * number of distinct articles there. Returns (model_id, topic_id, npmi_coherence), one row per
   * topic of {@code topicTerms}; a topic with fewer than two top terms gets null.
   *
   * <p>The corpus is read in two distributed passes, one for the pair counts and one for D. The top
   * terms (topics × topN rows: the size of the models, not of the corpus) and the counts of their
   * pairs are collected and scored here: in Spark each small step over them is a job or broadcast of
   * its own, about sixty jobs and 9 s per model at 10k articles.
   */
  public static Dataset<Row> npmiCoherence(Dataset<Row> topicTerms, Dataset<Row> documentTerms, int topN) {
    requirePositive(topN);
    Map<List<Object>, List<String>> topTerms = topTermsByTopic(topicTerms, topN);
    Map<List<String>, Long> counts = pairDocumentCounts(documentTerms, topTerms.values());
    long docs = documentTerms.agg(countDistinct(col(ARTICLE_ID))).first().getLong(0);

    List<Row> scores = new ArrayList<>(topTerms.size());
    topTerms.forEach((topic, terms) -> scores.add(RowFactory.create(topic.get(0), topic.get(1),
        meanPairNpmi(terms, counts, docs))));
    StructType schema = new StructType()
        .add(topicTerms.schema().apply(MODEL_ID))
        .add(topicTerms.schema().apply(TOPIC_ID))
        .add(NPMI_COHERENCE, DataTypes.DoubleType, true);
    return documentTerms.sparkSession().createDataFrame(scores, schema);
  }

  /**
   * Each topic, keyed (model_id, topic_id) in that order, with its distinct top terms sorted as
   * Spark sorts strings (UTF-8 bytes): the order array_sort gives the corpus pass's pairs, so each
   * pair is looked up as that pass emits it. A topic without top terms keeps an empty list.
   */
  private static Map<List<Object>, List<String>> topTermsByTopic(Dataset<Row> topicTerms, int topN) {
    List<Row> ranked = new ArrayList<>(topicTerms
        .select(col(MODEL_ID), col(TOPIC_ID), when(col(RANK).leq(topN), col(TERM)).as(TERM))
        .collectAsList());
    ranked.sort(Comparator.comparing((Row r) -> r.getString(0), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(r -> ((Number) r.get(1)).longValue()));
    Map<List<Object>, TreeSet<UTF8String>> sets = new LinkedHashMap<>();
    for (Row r : ranked) {
      TreeSet<UTF8String> terms = sets.computeIfAbsent(List.of(r.get(0), r.get(1)), topic -> new TreeSet<>());
      if (!r.isNullAt(2)) {
        terms.add(UTF8String.fromString(r.getString(2)));
      }
    }
    Map<List<Object>, List<String>> byTopic = new LinkedHashMap<>();
    sets.forEach((topic, terms) -> byTopic.put(topic, terms.stream().map(UTF8String::toString).toList()));
    return byTopic;
  }

  /**
   * The number of articles holding each pair (a, b) of a topic's top terms (a before b), and each
   * top term alone as (t, t), in one pass over the corpus with no self-join: each article's top
   * terms become a sorted set and the set's pairs are counted once, so document frequencies come
   * from the same aggregation as co-occurrences. Only pairs some topic asks about survive the
   * broadcast filter, before any shuffle.
   */
  private static Map<List<String>, Long> pairDocumentCounts(Dataset<Row> documentTerms,
      Collection<List<String>> topicsTopTerms) {
    Set<String> allTopTerms = new LinkedHashSet<>();
    Set<List<String>> wantedPairs = new LinkedHashSet<>();
    for (List<String> terms : topicsTopTerms) {
      for (int i = 0; i < terms.size(); i++) {
        allTopTerms.add(terms.get(i));
        wantedPairs.add(List.of(terms.get(i), terms.get(i)));
        for (int j = i + 1; j < terms.size(); j++) {
          wantedPairs.add(List.of(terms.get(i), terms.get(j)));
        }
      }
    }
    SparkSession spark = documentTerms.sparkSession();
    Dataset<Row> topTermSet = broadcast(spark.createDataset(List.copyOf(allTopTerms), Encoders.STRING()).toDF(TERM));
    Dataset<Row> wanted = broadcast(spark.createDataFrame(
        wantedPairs.stream().map(pair -> RowFactory.create(pair.get(0), pair.get(1))).toList(),
        new StructType().add(TERM_A, DataTypes.StringType, false).add(TERM_B, DataTypes.StringType, false)));
    Map<List<String>, Long> counts = new HashMap<>();
    for (Row r : documentTerms
        .select(ARTICLE_ID, TERM)
        .join(topTermSet, new String[] {TERM}, "left_semi")
        .groupBy(ARTICLE_ID)
        .agg(array_sort(collect_set(col(TERM))).as(TOP_TERMS))
        .select(explode(expr("flatten(transform(" + TOP_TERMS + ", (a, i) -> transform(slice(" + TOP_TERMS
            + ", i + 1, size(" + TOP_TERMS + ") - i), b -> named_struct('" + TERM_A + "', a, '" + TERM_B
            + "', b))))")).as("pair"))
        .select(col("pair." + TERM_A).as(TERM_A), col("pair." + TERM_B).as(TERM_B))
        .join(wanted, new String[] {TERM_A, TERM_B}, "left_semi")
        .groupBy(TERM_A, TERM_B)
        .agg(count(lit(1)).as(CO_DOCS))
        .collectAsList()) {
      counts.put(List.of(r.getString(0), r.getString(1)), r.getLong(2));
    }
    return counts;
  }

  /** Mean NPMI over the pairs of sorted {@code terms}, summed in that order; null below two terms. */
  private static Double meanPairNpmi(List<String> terms, Map<List<String>, Long> counts, long docs) {
    if (terms.size() < 2) {
      return null;
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < terms.size(); i++) {
      long dfA = counts.getOrDefault(List.of(terms.get(i), terms.get(i)), 0L);
      for (int j = i + 1; j < terms.size(); j++) {
        long dfB = counts.getOrDefault(List.of(terms.get(j), terms.get(j)), 0L);
        long coDocs = counts.getOrDefault(List.of(terms.get(i), terms.get(j)), 0L);
        sum += npmi(coDocs, dfA, dfB, docs);
        pairs++;
      }
    }
    return sum / pairs;
  }

  /**
   * Share of distinct terms among all of a model's topics' top {@code topN} terms: distinct terms /
   * (topics × topN), 1 when no top term repeats across topics. Returns (model_id, topic_diversity).
   */
  public static Dataset<Row> topicDiversity(Dataset<Row> topicTerms, int topN) {
    requirePositive(topN);
    // countDistinct skips nulls, so terms beyond topN drop out while their topics still count.
    Column topTerm = when(col(RANK).leq(topN), col(TERM));
    return topicTerms
        .groupBy(MODEL_ID)
        .agg(countDistinct(topTerm).cast("double")
            .divide(countDistinct(col(TOPIC_ID)).multiply(topN))
            .as(TOPIC_DIVERSITY));
  }

  private static void requirePositive(int topN) {
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, got " + topN);
    }
  }
}
