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
  private static final String TOP_TERMS = "top_terms";

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

    // One pass over the corpus, no self-join: each article's top terms become a sorted set, and
    // the set's pairs (a <= b) are counted once. A pair (t, t) counts the articles holding t, so
    // document frequencies come from the same aggregation as co-occurrences. Only pairs some topic
    // asks about survive the broadcast filter, before any shuffle.
    Dataset<Row> topTermSet = broadcast(top.select(TERM).distinct());
    Dataset<Row> wanted = broadcast(topicPairs.select(TERM_A, TERM_B)
        .union(top.select(col(TERM).as(TERM_A), col(TERM).as(TERM_B)))
        .distinct());
    Dataset<Row> pairCounts = documentTerms
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
        .agg(count(lit(1)).as(CO_DOCS));
    Dataset<Row> coDocs = pairCounts.filter(col(TERM_A).notEqual(col(TERM_B)));
    Dataset<Row> docFreq = pairCounts.filter(col(TERM_A).equalTo(col(TERM_B)))
        .select(col(TERM_A).as(TERM), col(CO_DOCS).as(DOC_FREQ));
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
