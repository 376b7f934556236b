package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Topic quality measures for any model that yields ranked topic terms (model_id, topic_id, rank,
 * term): NPMI coherence of each topic's top terms over a corpus of count vectors, computed when
 * called and returned as a small local frame, and the diversity of a model's topics, a Dataset
 * transform.
 */
public final class TopicQuality {
  private TopicQuality() {}

  /**
   * NPMI of a term pair from document counts: ln(P(a,b) / (P(a) P(b))) / −ln P(a,b) with P(a) = dfA
   * / docs and P(a,b) = coDocs / docs; −1 when the terms never share a document, 1 when they share
   * every document (where the formula is 0/0).
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
   * document co-occurrence over {@code documents}: one row per document, its term counts in {@code
   * featuresCol} as vectors over {@code vocabulary} (a term is in a document when its count is
   * positive), and D the number of rows. Returns (model_id, topic_id, npmi_coherence), one row per
   * topic of {@code topicTerms}; a topic with fewer than two top terms gets null. Every top term
   * must be in the vocabulary (a model's top terms are its own vocabulary's).
   *
   * <p>The documents are read in one distributed pass that counts, in a small matrix, the documents
   * holding each top term and each pair of them; the top terms (topics × topN rows: the size of the
   * models, not of the corpus) are collected and the pairs scored here. Count vectors are what a
   * topic model is fitted on, usually cached: joining the corpus's (article, term) rows on the top
   * terms and grouping them by article took several times as long.
   */
  public static Dataset<Row> npmiCoherence(
      Dataset<Row> topicTerms,
      Dataset<Row> documents,
      String featuresCol,
      String[] vocabulary,
      int topN) {
    requirePositive(topN);
    Map<List<Object>, List<String>> topTerms = topTermsByTopic(topicTerms, topN);
    PairCounts counts = PairCounts.of(documents, featuresCol, vocabulary, topTerms.values());

    List<Row> scores = new ArrayList<>(topTerms.size());
    topTerms.forEach(
        (topic, terms) ->
            scores.add(RowFactory.create(topic.get(0), topic.get(1), meanPairNpmi(terms, counts))));
    StructType schema =
        new StructType()
            .add(topicTerms.schema().apply(MODEL_ID))
            .add(topicTerms.schema().apply(TOPIC_ID))
            .add(NPMI_COHERENCE, DataTypes.DoubleType, true);
    return documents.sparkSession().createDataFrame(scores, schema);
  }

  /**
   * Each topic, keyed (model_id, topic_id) in that order, with its distinct top terms sorted as
   * Spark sorts strings (UTF-8 bytes), so a topic's pairs are always summed in one order. A topic
   * without top terms keeps an empty list.
   */
  private static Map<List<Object>, List<String>> topTermsByTopic(
      Dataset<Row> topicTerms, int topN) {
    List<Row> ranked =
        new ArrayList<>(
            topicTerms
                .select(col(MODEL_ID), col(TOPIC_ID), when(col(RANK).leq(topN), col(TERM)).as(TERM))
                .collectAsList());
    ranked.sort(
        Comparator.comparing(
                (Row r) -> r.getString(0), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(r -> ((Number) r.get(1)).longValue()));
    Map<List<Object>, TreeSet<UTF8String>> sets = new LinkedHashMap<>();
    for (Row r : ranked) {
      TreeSet<UTF8String> terms =
          sets.computeIfAbsent(List.of(r.get(0), r.get(1)), topic -> new TreeSet<>());
      if (!r.isNullAt(2)) {
        terms.add(UTF8String.fromString(r.getString(2)));
      }
    }
    Map<List<Object>, List<String>> byTopic = new LinkedHashMap<>();
    sets.forEach(
        (topic, terms) -> byTopic.put(topic, terms.stream().map(UTF8String::toString).toList()));
    return byTopic;
  }

  /**
   * The number of documents holding each top term and each pair of top terms, and D: an m × m
   * matrix over the m distinct top terms (slot a ≤ slot b; a term alone on the diagonal), counted
   * in one pass over the count vectors and summed by treeAggregate.
   */
  private record PairCounts(Map<String, Integer> slots, int m, long[] matrix, long documents) {

    static PairCounts of(
        Dataset<Row> documents,
        String featuresCol,
        String[] vocabulary,
        Collection<List<String>> topicsTopTerms) {
      Map<String, Integer> vocabularyIndex = new HashMap<>(vocabulary.length * 2);
      for (int i = 0; i < vocabulary.length; i++) {
        vocabularyIndex.put(vocabulary[i], i);
      }
      Map<String, Integer> slots = new LinkedHashMap<>();
      int[] slotOfIndex = new int[vocabulary.length];
      Arrays.fill(slotOfIndex, -1);
      for (List<String> terms : topicsTopTerms) {
        for (String term : terms) {
          if (!slots.containsKey(term)) {
            Integer index = vocabularyIndex.get(term);
            if (index == null) {
              throw new IllegalArgumentException(
                  "Top term '" + term + "' is not in the documents' vocabulary");
            }
            slotOfIndex[index] = slots.size();
            slots.put(term, slots.size());
          }
        }
      }
      int m = slots.size();
      long[] counted =
          documents
              .select(col(featuresCol))
              .toJavaRDD()
              .treeAggregate(
                  new long[m * m + 1],
                  (acc, row) -> addDocument(acc, row.<Vector>getAs(0), slotOfIndex, m),
                  TopicQuality::addInto);
      return new PairCounts(slots, m, Arrays.copyOf(counted, m * m), counted[m * m]);
    }

    /** Documents holding both terms (a term with itself: its document frequency). */
    long together(String a, String b) {
      int sa = slots.get(a);
      int sb = slots.get(b);
      return matrix[Math.min(sa, sb) * m + Math.max(sa, sb)];
    }
  }

  private static long[] addDocument(long[] acc, Vector counts, int[] slotOfIndex, int m) {
    int[] present = new int[m];
    int n = 0;
    if (counts instanceof SparseVector sparse) {
      int[] indices = sparse.indices();
      double[] values = sparse.values();
      for (int j = 0; j < indices.length; j++) {
        if (values[j] > 0 && slotOfIndex[indices[j]] >= 0) {
          present[n++] = slotOfIndex[indices[j]];
        }
      }
    } else if (counts != null) {
      for (int i = 0; i < counts.size(); i++) {
        if (counts.apply(i) > 0 && slotOfIndex[i] >= 0) {
          present[n++] = slotOfIndex[i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        acc[Math.min(present[i], present[j]) * m + Math.max(present[i], present[j])]++;
      }
    }
    acc[m * m]++;
    return acc;
  }

  private static long[] addInto(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /**
   * Mean NPMI over the pairs of sorted {@code terms}, summed in that order; null below two terms.
   */
  private static Double meanPairNpmi(List<String> terms, PairCounts counts) {
    if (terms.size() < 2) {
      return null;
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < terms.size(); i++) {
      long dfA = counts.together(terms.get(i), terms.get(i));
      for (int j = i + 1; j < terms.size(); j++) {
        long dfB = counts.together(terms.get(j), terms.get(j));
        sum += npmi(counts.together(terms.get(i), terms.get(j)), dfA, dfB, counts.documents());
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
        .agg(
            countDistinct(topTerm)
                .cast("double")
                .divide(countDistinct(col(TOPIC_ID)).multiply(topN))
                .as(TOPIC_DIVERSITY));
  }

  private static void requirePositive(int topN) {
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, got " + topN);
    }
  }
}
