package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.List;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * Near-duplicate stories: syndicated copies and lightly edited re-posts of an article grouped so
 * they count once. An article is its set of word shingles (runs of n lower-cased words); MinHash
 * LSH finds the pairs whose Jaccard similarity reaches a threshold, and a story is a connected
 * component of those pairs.
 */
public final class StoryTransforms {
  private StoryTransforms() {}

  public static final String SHINGLES = "shingles";
  public static final String ARTICLE_A = "article_a";
  public static final String ARTICLE_B = "article_b";
  public static final String SIMILARITY = "similarity";
  public static final String LABEL = "label";
  public static final String STORY_PREFIX = "story_";

  /** 2^20 hash buckets: an article's few thousand shingles rarely collide. */
  static final int NUM_FEATURES = 1 << 20;
  /** Label propagation needs as many rounds as the longest chain of near-duplicates has links. */
  static final int MAX_ROUNDS = 20;

  /** Unicode-aware, so accented names stay one word. */
  private static final String WORD_GAPS = "(?U)\\W+";
  private static final String WORDS = "words";
  private static final String VECTOR = "shingle_vector";
  private static final String HASHES = "minhashes";
  private static final String DISTANCE = "distance";
  private static final String SRC = "src";
  private static final String DST = "dst";
  private static final String OWN_LABEL = "own_label";
  private static final String CHANGED = "changed";
  private static final String REPRESENTATIVE = "representative";
  private static final String REPRESENTATIVE_SHINGLES = "representative_shingles";

  /**
   * Groups near-duplicate articles into stories. Input: (article_id, text), article_id unique.
   * Output: (story_id, article_id, is_representative, similarity_to_representative), one row per
   * article. Articles are linked when the Jaccard similarity of their {@code shingleWords}-word
   * shingle sets is at least {@code minSimilarity} (found by MinHash LSH, so a linked pair can be
   * missed with probability (1 − s)^numHashTables); a story is a connected component of the links,
   * its representative the article with the smallest id, and every other article's similarity is
   * its exact shingle Jaccard to the representative, which for an article linked only through
   * others can be below {@code minSimilarity}. Articles with fewer than {@code shingleWords} words
   * are stories of their own. The same input and seed give the same output.
   *
   * <p>Unlike the other transforms this runs Spark jobs when called: one per propagation round
   * (see {@link #components}).
   */
  public static Dataset<Row> stories(
      Dataset<Row> articles, int shingleWords, double minSimilarity, int numHashTables, long seed) {
    if (shingleWords < 1 || numHashTables < 1 || !(minSimilarity > 0 && minSimilarity <= 1)) {
      throw new IllegalArgumentException("stories needs shingleWords >= 1, numHashTables >= 1 and"
          + " 0 < minSimilarity <= 1; got " + shingleWords + ", " + numHashTables + ", " + minSimilarity);
    }
    Dataset<Row> shingles = shingles(articles, shingleWords);
    Dataset<Row> labels = components(nearDuplicatePairs(shingles, minSimilarity, numHashTables, seed));
    Column label = coalesce(col(LABEL), col(ARTICLE_ID));
    // The smallest id of the component is its label once labels are stable; taking the minimum
    // per label also gives each story exactly one representative if 20 rounds were not enough.
    Dataset<Row> labelled = shingles.join(labels, new String[] {ARTICLE_ID}, "left")
        .withColumn(REPRESENTATIVE, min(col(ARTICLE_ID)).over(Window.partitionBy(label)));
    Dataset<Row> representatives =
        shingles.select(col(ARTICLE_ID).as(REPRESENTATIVE), col(SHINGLES).as(REPRESENTATIVE_SHINGLES));
    Column isRepresentative = col(ARTICLE_ID).equalTo(col(REPRESENTATIVE));
    Column jaccard = size(array_intersect(col(SHINGLES), col(REPRESENTATIVE_SHINGLES)))
        .divide(size(array_union(col(SHINGLES), col(REPRESENTATIVE_SHINGLES))));
    return labelled
        .join(representatives, REPRESENTATIVE)
        .select(
            concat(lit(STORY_PREFIX), col(REPRESENTATIVE)).as(STORY_ID),
            col(ARTICLE_ID),
            isRepresentative.as(IS_REPRESENTATIVE),
            when(isRepresentative, lit(1.0)).otherwise(jaccard).as(SIMILARITY_TO_REPRESENTATIVE));
  }

  /**
   * Each article's word shingles: (article_id, shingles). Words are lower-cased runs of letters and
   * digits; a shingle is {@code shingleWords} consecutive words joined by spaces. The array is
   * empty when the text has fewer words than that.
   */
  public static Dataset<Row> shingles(Dataset<Row> articles, int shingleWords) {
    Column words = array_remove(split(lower(coalesce(col(TEXT), lit(""))), WORD_GAPS), "");
    return new NGram().setN(shingleWords).setInputCol(WORDS).setOutputCol(SHINGLES)
        .transform(articles.select(col(ARTICLE_ID), words.as(WORDS)))
        .select(ARTICLE_ID, SHINGLES);
  }

  /**
   * Pairs of articles whose shingle sets have Jaccard similarity of at least {@code minSimilarity},
   * as far as MinHash LSH finds them: (article_a, article_b, similarity) with article_a &lt;
   * article_b. The similarity is exact on the hashed shingle sets.
   */
  public static Dataset<Row> nearDuplicatePairs(
      Dataset<Row> shingles, double minSimilarity, int numHashTables, long seed) {
    // MinHash rejects empty sets, and an article without shingles is a near-duplicate of nothing.
    Dataset<Row> vectors = new HashingTF().setNumFeatures(NUM_FEATURES).setBinary(true)
        .setInputCol(SHINGLES).setOutputCol(VECTOR)
        .transform(shingles.filter(size(col(SHINGLES)).gt(0)))
        .select(ARTICLE_ID, VECTOR);
    MinHashLSHModel lsh = new MinHashLSH().setNumHashTables(numHashTables).setSeed(seed)
        .setInputCol(VECTOR).setOutputCol(HASHES)
        .fit(vectorSizeOnly(shingles.sparkSession()));
    Dataset<Row> hashed = lsh.transform(vectors);
    // approxSimilarityJoin keeps distance < threshold; the next double up makes it ≤ 1 − minSimilarity.
    return lsh.approxSimilarityJoin(hashed, hashed, Math.nextUp(1.0 - minSimilarity), DISTANCE)
        .select(
            col("datasetA." + ARTICLE_ID).as(ARTICLE_A),
            col("datasetB." + ARTICLE_ID).as(ARTICLE_B),
            lit(1.0).minus(col(DISTANCE)).as(SIMILARITY))
        .filter(col(ARTICLE_A).lt(col(ARTICLE_B)));
  }

  /**
   * Connected components of the pairs: (article_id, label) for every article in a pair, label the
   * smallest article_id of its component. Min-label propagation: each round an article takes the
   * smallest label among itself and its neighbours, until no label changes or after {@value
   * #MAX_ROUNDS} rounds. Each round is local-checkpointed, which is the Spark job that computes
   * it, so the convergence test reads stored labels and no round's plan grows with the rounds.
   */
  public static Dataset<Row> components(Dataset<Row> pairs) {
    // Stored once: the LSH join behind the pairs is not rerun every round.
    Dataset<Row> links = pairs.select(col(ARTICLE_A).as(SRC), col(ARTICLE_B).as(DST))
        .union(pairs.select(col(ARTICLE_B).as(SRC), col(ARTICLE_A).as(DST)))
        .localCheckpoint();
    Dataset<Row> labels =
        links.select(col(SRC).as(ARTICLE_ID)).distinct().withColumn(LABEL, col(ARTICLE_ID));
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Dataset<Row> next = propagate(labels, links).localCheckpoint();
      labels = next.select(ARTICLE_ID, LABEL);
      if (next.filter(col(CHANGED)).isEmpty()) {
        break;
      }
    }
    return labels;
  }

  /** One round: (article_id, label, changed). A single shuffle join and one aggregation. */
  private static Dataset<Row> propagate(Dataset<Row> labels, Dataset<Row> links) {
    Column noLabel = lit(null).cast(labels.schema().apply(LABEL).dataType());
    Dataset<Row> own = labels.select(col(ARTICLE_ID), col(LABEL), col(LABEL).as(OWN_LABEL));
    Dataset<Row> offered = links.join(labels, col(SRC).equalTo(col(ARTICLE_ID)))
        .select(col(DST).as(ARTICLE_ID), col(LABEL), noLabel.as(OWN_LABEL));
    return own.unionByName(offered)
        .groupBy(ARTICLE_ID)
        .agg(min(col(LABEL)).as(LABEL), max(col(OWN_LABEL)).as(OWN_LABEL))
        .select(col(ARTICLE_ID), col(LABEL), col(LABEL).lt(col(OWN_LABEL)).as(CHANGED));
  }

  /**
   * MinHashLSH.fit only reads the vector size from a first row (the hash functions come from the
   * seed), so it is fitted on one local row: no job over the articles, and no failure when none
   * has a shingle.
   */
  private static Dataset<Row> vectorSizeOnly(SparkSession spark) {
    StructType schema = new StructType().add(VECTOR, SQLDataTypes.VectorType(), false);
    Row row = RowFactory.create(Vectors.sparse(NUM_FEATURES, new int[0], new double[0]));
    return spark.createDataFrame(List.of(row), schema);
  }
}
