package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
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
 * Topic quality measures as Dataset transforms, for any model that yields ranked topic terms
 * (model_id, topic_id, rank, term): NPMI coherence of each topic's top terms over a reference
 * corpus, and the diversity of a model's topics.
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
   * <p>The top terms (topics × topN rows, the size of the models, not of the corpus) are collected,
   * and so are the counts of their pairs: planned in Spark, each small step over them was a job or
   * a broadcast of its own, about sixty jobs and 9 s per model at 10k articles. The corpus is read
   * in two distributed passes, one for the pair counts and one for D.
   */
  public static Dataset<Row> npmiCoherence(Dataset<Row> topicTerms, Dataset<Row> documentTerms, int topN) {
    requirePositive(topN);
    // Each topic by (model, topic), with its distinct top terms in Spark's string order: that of
    // array_sort below, so each pair is looked up as the corpus pass emits it.
    List<Row> ranked = new ArrayList<>(topicTerms
        .select(col(MODEL_ID), col(TOPIC_ID), when(col(RANK).leq(topN), col(TERM)).as(TERM))
        .collectAsList());
    ranked.sort(Comparator.comparing((Row r) -> r.getString(0), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(r -> ((Number) r.get(1)).longValue()));
    Map<List<Object>, TreeSet<UTF8String>> topTermsByTopic = new LinkedHashMap<>();
    for (Row r : ranked) {
      TreeSet<UTF8String> terms = topTermsByTopic.computeIfAbsent(
          List.of(r.get(0), r.get(1)), topic -> new TreeSet<>());
      if (!r.isNullAt(2)) {
        terms.add(UTF8String.fromString(r.getString(2)));
      }
    }
    SortedSet<UTF8String> allTopTerms = new TreeSet<>();
    topTermsByTopic.values().forEach(allTopTerms::addAll);

    // Pairs within a topic (a < b), and (t, t) for every top term.
    Set<List<String>> wantedPairs = new LinkedHashSet<>();
    allTopTerms.forEach(t -> wantedPairs.add(List.of(t.toString(), t.toString())));
    for (TreeSet<UTF8String> terms : topTermsByTopic.values()) {
      List<String> sorted = terms.stream().map(UTF8String::toString).toList();
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size(); j++) {
          wantedPairs.add(List.of(sorted.get(i), sorted.get(j)));
        }
      }
    }

    // One pass over the corpus, no self-join: each article's top terms become a sorted set, and
    // the set's pairs (a <= b) are counted once. A pair (t, t) counts the articles holding t, so
    // document frequencies come from the same aggregation as co-occurrences. Only pairs some topic
    // asks about survive the broadcast filter, before any shuffle.
    SparkSession spark = documentTerms.sparkSession();
    Dataset<Row> topTermSet = broadcast(spark.createDataset(
        allTopTerms.stream().map(UTF8String::toString).toList(), Encoders.STRING()).toDF(TERM));
    Dataset<Row> wanted = broadcast(spark.createDataFrame(
        wantedPairs.stream().map(pair -> RowFactory.create(pair.get(0), pair.get(1))).toList(),
        new StructType().add(TERM_A, DataTypes.StringType, false).add(TERM_B, DataTypes.StringType, false)));
    Map<List<String>, Long> pairCounts = new HashMap<>();
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
      pairCounts.put(List.of(r.getString(0), r.getString(1)), r.getLong(2));
    }
    long docs = documentTerms.agg(countDistinct(col(ARTICLE_ID))).first().getLong(0);

    List<Row> scores = new ArrayList<>(topTermsByTopic.size());
    for (Map.Entry<List<Object>, TreeSet<UTF8String>> topic : topTermsByTopic.entrySet()) {
      List<String> terms = topic.getValue().stream().map(UTF8String::toString).toList();
      double sum = 0;
      int pairs = 0;
      for (int i = 0; i < terms.size(); i++) {
        long dfA = pairCounts.getOrDefault(List.of(terms.get(i), terms.get(i)), 0L);
        for (int j = i + 1; j < terms.size(); j++) {
          long dfB = pairCounts.getOrDefault(List.of(terms.get(j), terms.get(j)), 0L);
          long coDocs = pairCounts.getOrDefault(List.of(terms.get(i), terms.get(j)), 0L);
          sum += npmi(coDocs, dfA, dfB, docs);
          pairs++;
        }
      }
      scores.add(RowFactory.create(topic.getKey().get(0), topic.getKey().get(1), pairs == 0 ? null : sum / pairs));
    }
    StructType schema = new StructType()
        .add(topicTerms.schema().apply(MODEL_ID))
        .add(topicTerms.schema().apply(TOPIC_ID))
        .add(NPMI_COHERENCE, DataTypes.DoubleType, true);
    return spark.createDataFrame(scores, schema);
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
