package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Topic quality measures as Dataset transforms, for any model that yields ranked topic terms
 * (model_id, topic_id, rank, term): NPMI coherence of each topic's top terms over a reference
 * corpus, and the diversity of a model's topics.
 */
public final class TopicQuality {
  private TopicQuality() {}

  static final String TERM_A = "term_a";
  static final String TERM_B = "term_b";
  static final String DF_A = "df_a";
  static final String DF_B = "df_b";
  static final String CO_DOCS = "co_docs";
  static final String N_DOCS = "n_docs";

  /**
   * NPMI of a term pair from document counts: ln(P(a,b) / (P(a) P(b))) / −ln P(a,b) with
   * P(a) = dfA / docs and P(a,b) = coDocs / docs; −1 when the terms never share a document (a null
   * or zero coDocs), 1 when they share every document (where the formula is 0/0).
   */
  public static Column npmi(Column coDocs, Column dfA, Column dfB, Column docs) {
    Column lnCo = log(coDocs.cast("double"));
    Column lnDocs = log(docs.cast("double"));
    Column pmi = lnCo.plus(lnDocs).minus(log(dfA.cast("double"))).minus(log(dfB.cast("double")));
    return when(coalesce(coDocs, lit(0L)).leq(0), lit(-1.0))
        .when(coDocs.geq(docs), lit(1.0))
        .otherwise(pmi.divide(lnDocs.minus(lnCo)));
  }

  /**
   * Mean NPMI over the unordered pairs of each topic's top {@code topN} terms (rank ≤ topN), with
   * document co-occurrence in {@code documentTerms} (article_id, term; duplicates ignored) and D the
   * number of distinct articles there. Returns (model_id, topic_id, npmi_coherence); a topic with
   * fewer than two top terms gets null.
   */
  public static Dataset<Row> npmiCoherence(Dataset<Row> topicTerms, Dataset<Row> documentTerms, int topN) {
    requirePositive(topN);
    Dataset<Row> top = topicTerms
        .filter(col(RANK).leq(topN).and(col(TERM).isNotNull()))
        .select(MODEL_ID, TOPIC_ID, TERM)
        .distinct();
    Dataset<Row> topicPairs = top.as("a")
        .join(top.as("b"), col("a." + MODEL_ID).equalTo(col("b." + MODEL_ID))
            .and(col("a." + TOPIC_ID).equalTo(col("b." + TOPIC_ID)))
            .and(col("a." + TERM).lt(col("b." + TERM))))
        .select(col("a." + MODEL_ID).as(MODEL_ID), col("a." + TOPIC_ID).as(TOPIC_ID),
            col("a." + TERM).as(TERM_A), col("b." + TERM).as(TERM_B));

    // Only the top terms' occurrences matter; that term set is small enough to broadcast.
    Dataset<Row> occurrences = documentTerms
        .select(ARTICLE_ID, TERM)
        .join(broadcast(top.select(TERM).distinct()), new String[] {TERM}, "left_semi")
        .distinct();
    Dataset<Row> docFreq = occurrences.groupBy(TERM).agg(count(lit(1)).as(DOC_FREQ));
    // The corpus-wide pairs are pruned to those some topic asks about before counting.
    Dataset<Row> coDocs = occurrences.as("a")
        .join(occurrences.as("b"), col("a." + ARTICLE_ID).equalTo(col("b." + ARTICLE_ID))
            .and(col("a." + TERM).lt(col("b." + TERM))))
        .select(col("a." + TERM).as(TERM_A), col("b." + TERM).as(TERM_B))
        .join(broadcast(topicPairs.select(TERM_A, TERM_B).distinct()), new String[] {TERM_A, TERM_B},
            "left_semi")
        .groupBy(TERM_A, TERM_B)
        .agg(count(lit(1)).as(CO_DOCS));
    Dataset<Row> docs = documentTerms.agg(countDistinct(col(ARTICLE_ID)).as(N_DOCS));

    Dataset<Row> pairScores = topicPairs
        .join(coDocs, new String[] {TERM_A, TERM_B}, "left")
        .join(docFreq.select(col(TERM).as(TERM_A), col(DOC_FREQ).as(DF_A)), new String[] {TERM_A}, "left")
        .join(docFreq.select(col(TERM).as(TERM_B), col(DOC_FREQ).as(DF_B)), new String[] {TERM_B}, "left")
        .crossJoin(docs)
        .groupBy(MODEL_ID, TOPIC_ID)
        .agg(avg(npmi(col(CO_DOCS), col(DF_A), col(DF_B), col(N_DOCS))).as(NPMI_COHERENCE));
    // Every topic is kept, so one without a pair shows up as null rather than vanishing.
    return topicTerms
        .select(MODEL_ID, TOPIC_ID)
        .distinct()
        .join(pairScores, new String[] {MODEL_ID, TOPIC_ID}, "left")
        .select(MODEL_ID, TOPIC_ID, NPMI_COHERENCE);
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
