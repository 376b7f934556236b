package org.parley.stories;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.parley.spark.Checkpoints;
import scala.collection.Seq;

/**
 * Near-duplicate stories: syndicated copies and lightly edited re-posts of an article grouped so
 * they count once. An article is its set of word shingles (runs of n lower-cased words), kept as
 * 64-bit hashes; banded MinHash proposes candidate pairs, the exact Jaccard similarity of their
 * shingle-hash sets decides, and a story is a connected component of the pairs kept.
 */
public final class StoryTransforms {
  private StoryTransforms() {}

  public static final String SHINGLE_HASHES = "shingle_hashes";
  public static final String ARTICLE_A = "article_a";
  public static final String ARTICLE_B = "article_b";
  public static final String SIMILARITY = "similarity";
  public static final String LABEL = "label";
  public static final String STORY_PREFIX = "story_";

  /**
   * Min-hashes per band. A pair with Jaccard similarity J shares a band key with probability J^4,
   * so with b bands it is proposed with probability 1 − (1 − J^4)^b. At J = 0.8 that is 0.9949 for
   * b = 10 and 0.99997 for b = 20; at J = 0.7, 0.94 and 0.996; at J = 0.6, 0.75 and 0.94. Unrelated
   * articles sharing a stock phrase or a name have J of a few hundredths: at J = 0.05 a band
   * collides with probability 6e-6, where a single min-hash (Spark's MinHashLSH) collides with
   * probability 0.05 — which made every common shingle a bucket of thousands of articles.
   */
  static final int ROWS_PER_BAND = 4;

  /**
   * A band key shared by more articles than this is not expanded into all its pairs: its members
   * are only proposed with its smallest article id. Four equal minima over more than a thousand
   * articles mean a giant story (every copy still meets the hub) or texts that are mostly one
   * template; either way all pairs would be quadratic work that the other bands and the hub make
   * unnecessary.
   */
  static final int MAX_BUCKET = 1000;

  /** Label propagation needs as many rounds as the longest chain of near-duplicates has links. */
  static final int MAX_ROUNDS = 20;

  /** Unicode-aware, so accented names stay one word. */
  private static final String WORD_GAPS = "(?U)\\W+";

  static final String BAND = "band";
  static final String BAND_KEY = "band_key";
  private static final String MEMBERS = "members";
  private static final String HASHES_A = "hashes_a";
  private static final String HASHES_B = "hashes_b";
  private static final String SRC = "src";
  private static final String DST = "dst";
  private static final String OWN_LABEL = "own_label";
  private static final String CHANGED = "changed";
  private static final String REPRESENTATIVE = "representative";

  /**
   * Groups near-duplicate articles into stories. Input: (article_id, text), article_id unique.
   * Output: (story_id, article_id, is_representative, similarity_to_representative), one row per
   * article. Articles are linked when the Jaccard similarity of their {@code shingleWords}-word
   * shingle sets is at least {@code minSimilarity} (found by banded MinHash with {@code bands}
   * bands, so a linked pair can be missed with probability (1 − s^4)^bands, see {@link
   * #ROWS_PER_BAND}); a story is a connected component of the links, its representative the article
   * with the smallest id, and every other article's similarity is its exact shingle Jaccard to the
   * representative, which for an article linked only through others can be below {@code
   * minSimilarity}. Articles with fewer than {@code shingleWords} words are stories of their own.
   * The same input and seed give the same output.
   *
   * <p>This computes the shingle hashes from the text each time it needs them; a caller that runs
   * the result should rather persist {@link #shingleHashes} and call {@link #storiesOf}.
   */
  public static Dataset<Row> stories(
      Dataset<Row> articles, int shingleWords, double minSimilarity, int bands, long seed) {
    checkShingleWords(shingleWords);
    return storiesOf(shingleHashes(articles, shingleWords), minSimilarity, bands, seed);
  }

  /**
   * {@link #stories} from each article's shingle hashes, (article_id, shingle_hashes) as {@link
   * #shingleHashes} gives them; read three times (the candidate search, the similarities to the
   * representatives and the article ids of the output), so worth persisting.
   *
   * <p>Unlike the other transforms this runs Spark jobs when called: the candidate search and one
   * job per propagation round (see {@link #components}). Articles not linked to any other are their
   * own story without touching their shingles again; only members of multi-article stories are
   * joined with their representative's hashes.
   */
  public static Dataset<Row> storiesOf(
      Dataset<Row> shingleHashes, double minSimilarity, int bands, long seed) {
    checkLsh(minSimilarity, bands);
    return storiesOf(shingleHashes, bandKeys(shingleHashes, bands, seed), minSimilarity);
  }

  /**
   * {@link #storiesOf(Dataset, double, int, long)} from the shingle hashes and the band keys that
   * {@link #bandKeys} made of them, for a caller that also stores the keys.
   */
  public static Dataset<Row> storiesOf(
      Dataset<Row> shingleHashes, Dataset<Row> bandKeys, double minSimilarity) {
    Dataset<Row> labels =
        components(
            keptPairs(
                Checkpoints.truncate(candidatePairs(bandKeys)), shingleHashes, minSimilarity));
    // The smallest id of the component is its label once labels are stable; taking the minimum
    // per label also gives each story exactly one representative if 20 rounds were not enough.
    // (article_id, representative) of the linked articles only: stored, as it is read twice.
    Dataset<Row> linked =
        labels.select(
            col(ARTICLE_ID),
            min(col(ARTICLE_ID)).over(Window.partitionBy(LABEL)).as(REPRESENTATIVE));
    linked = Checkpoints.truncate(linked);
    Dataset<Row> hashes = withHashesOf(shingleHashes, linked);
    Column jaccard = exactJaccard(col(HASHES_A), col(HASHES_B));
    Dataset<Row> similarities =
        linked
            .join(hashes.select(col(ARTICLE_ID), col(SHINGLE_HASHES).as(HASHES_A)), ARTICLE_ID)
            .join(
                hashes.select(col(ARTICLE_ID).as(REPRESENTATIVE), col(SHINGLE_HASHES).as(HASHES_B)),
                REPRESENTATIVE)
            .select(
                col(ARTICLE_ID),
                col(REPRESENTATIVE),
                when(col(ARTICLE_ID).equalTo(col(REPRESENTATIVE)), lit(1.0))
                    .otherwise(jaccard)
                    .as(SIMILARITY));
    Column representative = coalesce(col(REPRESENTATIVE), col(ARTICLE_ID));
    return shingleHashes
        .select(ARTICLE_ID)
        .join(similarities, new String[] {ARTICLE_ID}, "left")
        .select(
            concat(lit(STORY_PREFIX), representative).as(STORY_ID),
            col(ARTICLE_ID),
            col(ARTICLE_ID).equalTo(representative).as(IS_REPRESENTATIVE),
            coalesce(col(SIMILARITY), lit(1.0)).as(SIMILARITY_TO_REPRESENTATIVE));
  }

  /**
   * Each article's shingles as 64-bit hashes: (article_id, shingle_hashes), the distinct hashes
   * sorted. Words are lower-cased runs of letters and digits; a shingle is {@code shingleWords}
   * consecutive words. The array is empty when the text has fewer words than that. Similarities
   * computed on these sets are exact up to 64-bit hash collisions (about 2^-64 per shingle pair).
   */
  /**
   * The article's text with its page furniture ({@code furniture_spans}) blanked out: a site's
   * template is on all its pages, and would make unrelated articles of one site look alike.
   */
  public static Column textWithoutFurniture() {
    UserDefinedFunction blank =
        udf(
            (UDF2<String, Seq<Row>, String>)
                (text, spans) -> {
                  if (text == null || spans == null || spans.isEmpty()) {
                    return text;
                  }
                  char[] chars = text.toCharArray();
                  for (Row span : scala.jdk.javaapi.CollectionConverters.asJava(spans)) {
                    java.util.Arrays.fill(chars, span.getInt(0), span.getInt(1), ' ');
                  }
                  return new String(chars);
                },
            DataTypes.StringType);
    return blank.apply(col(TEXT), col(FURNITURE_SPANS));
  }

  public static Dataset<Row> shingleHashes(Dataset<Row> articles, int shingleWords) {
    checkShingleWords(shingleWords);
    Column words = array_remove(split(lower(coalesce(col(TEXT), lit(""))), WORD_GAPS), "");
    UserDefinedFunction hash =
        udf(
            (UDF1<Seq<String>, long[]>) w -> BandedMinHash.shingleHashes(strings(w), shingleWords),
            DataTypes.createArrayType(DataTypes.LongType, false));
    return articles.select(col(ARTICLE_ID), hash.apply(words).as(SHINGLE_HASHES));
  }

  /**
   * Pairs of articles whose shingle sets have Jaccard similarity of at least {@code minSimilarity},
   * as far as banded MinHash proposes them: (article_a, article_b, similarity) with article_a &lt;
   * article_b. Input: (article_id, shingle_hashes) as {@link #shingleHashes} gives them. The
   * similarity is exact on the hash sets.
   *
   * <p>Runs one Spark job when called, the candidate search, so that the candidates are kept and
   * the min-hashing is not redone for the two joins with the hashes.
   */
  public static Dataset<Row> nearDuplicatePairs(
      Dataset<Row> shingleHashes, double minSimilarity, int bands, long seed) {
    checkLsh(minSimilarity, bands);
    return keptPairs(
        Checkpoints.truncate(candidatePairs(bandKeys(shingleHashes, bands, seed))),
        shingleHashes,
        minSimilarity);
  }

  /**
   * The candidate pairs (article_a, article_b) whose exact Jaccard similarity is at least {@code
   * minSimilarity}, with it: (article_a, article_b, similarity). Only the candidates' hashes are
   * read from {@code shingleHashes}.
   */
  private static Dataset<Row> keptPairs(
      Dataset<Row> candidates, Dataset<Row> shingleHashes, double minSimilarity) {
    Dataset<Row> hashes =
        withHashesOf(
            shingleHashes,
            candidates
                .select(col(ARTICLE_A).as(ARTICLE_ID))
                .union(candidates.select(col(ARTICLE_B).as(ARTICLE_ID))));
    return candidates
        .join(
            hashes.select(col(ARTICLE_ID).as(ARTICLE_A), col(SHINGLE_HASHES).as(HASHES_A)),
            ARTICLE_A)
        .join(
            hashes.select(col(ARTICLE_ID).as(ARTICLE_B), col(SHINGLE_HASHES).as(HASHES_B)),
            ARTICLE_B)
        .select(
            col(ARTICLE_A),
            col(ARTICLE_B),
            exactJaccard(col(HASHES_A), col(HASHES_B)).as(SIMILARITY))
        .filter(col(SIMILARITY).geq(minSimilarity));
  }

  /**
   * Each article's band keys: (article_id, band_keys), one key per band, {@code bands} bands of
   * {@value #ROWS_PER_BAND} min-hashes each (see {@link #ROWS_PER_BAND}); empty for an article
   * without shingles, which is a near-duplicate of nothing. Input as {@link #shingleHashes} gives
   * it. The same hashes, bands and seed give the same keys, so keys stored by one run can be met by
   * the keys a later run makes of new articles.
   */
  public static Dataset<Row> bandKeys(Dataset<Row> shingleHashes, int bands, long seed) {
    if (bands < 1) {
      throw new IllegalArgumentException("stories needs bands >= 1; got " + bands);
    }
    long[] salts = BandedMinHash.salts(seed, bands * (ROWS_PER_BAND + 1));
    UserDefinedFunction keys =
        udf(
            (UDF1<Seq<Long>, long[]>)
                h ->
                    h.isEmpty()
                        ? new long[0]
                        : BandedMinHash.bandKeys(longs(h), bands, ROWS_PER_BAND, salts),
            DataTypes.createArrayType(DataTypes.LongType, false));
    return shingleHashes.select(col(ARTICLE_ID), keys.apply(col(SHINGLE_HASHES)).as(BAND_KEYS));
  }

  /**
   * Distinct (article_a, article_b), article_a &lt; article_b, that share at least one band key.
   * Input as {@link #bandKeys} gives it. Grouping by (band, key) is the self-join on it, and a
   * bucket's pairs are generated from its member list. A bucket of more than {@value #MAX_BUCKET}
   * members only pairs its smallest id with each other member.
   */
  static Dataset<Row> candidatePairs(Dataset<Row> bandKeys) {
    Dataset<Row> buckets =
        bandRows(bandKeys)
            .groupBy(BAND, BAND_KEY)
            .agg(collect_list(col(ARTICLE_ID)).as(MEMBERS))
            .filter(size(col(MEMBERS)).gt(1));
    Column firsts =
        when(size(col(MEMBERS)).gt(MAX_BUCKET), array(array_min(col(MEMBERS))))
            .otherwise(col(MEMBERS));
    return buckets
        .select(explode(firsts).as(ARTICLE_A), col(MEMBERS))
        .select(col(ARTICLE_A), explode(col(MEMBERS)).as(ARTICLE_B))
        .filter(col(ARTICLE_A).lt(col(ARTICLE_B)))
        .distinct();
  }

  /** (article_id, band, band_key): one row per band of each article that has keys. */
  static Dataset<Row> bandRows(Dataset<Row> bandKeys) {
    return bandKeys.select(
        col(ARTICLE_ID), posexplode(col(BAND_KEYS)).as(new String[] {BAND, BAND_KEY}));
  }

  /**
   * Connected components of the pairs: (article_id, label) for every article in a pair, label the
   * smallest article_id of its component. Min-label propagation: each round an article takes the
   * smallest label among itself and its neighbours, until no label changes or after {@value
   * #MAX_ROUNDS} rounds. Each round is local-checkpointed, which is the Spark job that computes it,
   * so the convergence test reads stored labels and no round's plan grows with the rounds.
   */
  public static Dataset<Row> components(Dataset<Row> pairs) {
    // Stored once: the similarity join behind the pairs is not rerun every round.
    Dataset<Row> links =
        pairs
            .select(col(ARTICLE_A).as(SRC), col(ARTICLE_B).as(DST))
            .union(pairs.select(col(ARTICLE_B).as(SRC), col(ARTICLE_A).as(DST)));
    links = Checkpoints.truncate(links);
    Dataset<Row> labels =
        links.select(col(SRC).as(ARTICLE_ID)).distinct().withColumn(LABEL, col(ARTICLE_ID));
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Dataset<Row> next = Checkpoints.truncate(propagate(labels, links));
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
    Dataset<Row> offered =
        links
            .join(labels, col(SRC).equalTo(col(ARTICLE_ID)))
            .select(col(DST).as(ARTICLE_ID), col(LABEL), noLabel.as(OWN_LABEL));
    return own.unionByName(offered)
        .groupBy(ARTICLE_ID)
        .agg(min(col(LABEL)).as(LABEL), max(col(OWN_LABEL)).as(OWN_LABEL))
        .select(col(ARTICLE_ID), col(LABEL), col(LABEL).lt(col(OWN_LABEL)).as(CHANGED));
  }

  /**
   * The hashes of the articles whose ids {@code ids} lists (few: candidates or story members). The
   * ids are broadcast so the hash arrays of all other articles are filtered where they are read,
   * never shuffled.
   */
  private static Dataset<Row> withHashesOf(Dataset<Row> shingleHashes, Dataset<Row> ids) {
    return shingleHashes.join(
        broadcast(ids.select(ARTICLE_ID).distinct()), new String[] {ARTICLE_ID}, "left_semi");
  }

  /**
   * |A ∩ B| / |A ∪ B| of two distinct, non-empty hash arrays; the union size follows from the
   * sizes.
   */
  private static Column exactJaccard(Column a, Column b) {
    Column both = size(array_intersect(a, b));
    return both.divide(size(a).plus(size(b)).minus(both));
  }

  private static String[] strings(Seq<String> values) {
    String[] out = new String[values.length()];
    scala.collection.Iterator<String> it = values.iterator();
    for (int i = 0; i < out.length; i++) {
      out[i] = it.next();
    }
    return out;
  }

  private static long[] longs(Seq<Long> values) {
    long[] out = new long[values.length()];
    scala.collection.Iterator<Long> it = values.iterator();
    for (int i = 0; i < out.length; i++) {
      out[i] = it.next();
    }
    return out;
  }

  private static void checkShingleWords(int shingleWords) {
    if (shingleWords < 1) {
      throw new IllegalArgumentException("stories needs shingleWords >= 1; got " + shingleWords);
    }
  }

  private static void checkLsh(double minSimilarity, int bands) {
    if (bands < 1 || !(minSimilarity > 0 && minSimilarity <= 1)) {
      throw new IllegalArgumentException(
          "stories needs bands >= 1 and 0 < minSimilarity <= 1; got "
              + bands
              + ", "
              + minSimilarity);
    }
  }
}
