package org.parley.stories;

import static org.apache.spark.sql.functions.*;
import static org.parley.stories.StoryTransforms.BAND;
import static org.parley.stories.StoryTransforms.BAND_KEY;
import static org.parley.stories.StoryTransforms.MAX_BUCKET;
import static org.parley.stories.StoryTransforms.STORY_PREFIX;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Stories after a night, without hashing the history again. The night's articles are new, so every
 * pair a full candidate search would add involves one of them: their band keys are met with the
 * stored keys of the history, the candidates' exact similarities decide, and the kept links merge
 * the night's articles into the stories they touch (a story is a connected component, and an old
 * story's component is still connected). Only rows whose representative changes, and the night's,
 * are computed ({@link #changes}); the others stay as they were. The result equals {@link
 * StoryTransforms#storiesOf} over the whole corpus, unless the night changes which history pairs
 * the search proposes: that happens only when a band bucket grows past {@value
 * StoryTransforms#MAX_BUCKET} members or gets a smaller first member while above it, and then
 * {@link #storiesAfter} says so by returning empty.
 *
 * <p>What the night touches is night-sized (its buckets, candidates, their stories' members and
 * their shingles), so it is collected and linked on the driver in a few Spark jobs; a caller keeps
 * nights of more than {@value #MAX_NIGHT} articles for a recount.
 */
public final class NightStories {
  private NightStories() {}

  /** The largest night whose touched buckets and stories are collected to the driver. */
  public static final long MAX_NIGHT = 100_000;

  private static final String IS_NIGHT = "is_night";
  private static final String NIGHT_MEMBERS = "night_members";
  private static final String SIZE = "size";
  private static final String MEMBERS = "members";
  private static final String HISTORY_COUNT = "history_count";
  private static final String HISTORY_MIN = "history_min";
  private static final String NIGHT_MIN = "night_min";

  private static final StructType ROWS =
      new StructType()
          .add(STORY_ID, DataTypes.StringType, false)
          .add(ARTICLE_ID, DataTypes.StringType, false)
          .add(IS_REPRESENTATIVE, DataTypes.BooleanType, false)
          .add(SIMILARITY_TO_REPRESENTATIVE, DataTypes.DoubleType, false);

  /**
   * The stories table after the night: (story_id, article_id, is_representative,
   * similarity_to_representative) for every article of the history and the night, or empty when
   * only a full recount equals a rebuild (see the class comment): the stored rows with the night's
   * {@link #changes} in place of theirs.
   */
  public static Optional<Dataset<Row>> storiesAfter(
      Dataset<Row> stories,
      Dataset<Row> historyBands,
      Dataset<Row> nightBands,
      UnaryOperator<Dataset<Row>> hashesOf,
      double minSimilarity) {
    return changes(stories, historyBands, nightBands, hashesOf, minSimilarity)
        .map(
            changed ->
                stories
                    .select(STORY_ID, ARTICLE_ID, IS_REPRESENTATIVE, SIMILARITY_TO_REPRESENTATIVE)
                    .join(
                        broadcast(changed.select(ARTICLE_ID)),
                        new String[] {ARTICLE_ID},
                        "left_anti")
                    .unionByName(changed));
  }

  /**
   * The rows of the stories table the night adds or changes, (story_id, article_id,
   * is_representative, similarity_to_representative): one for each night article, and one for each
   * history article whose story gets a new representative. Night-sized, so a caller merges them
   * into the stored table by article_id instead of writing it again. Empty when only a full recount
   * equals a rebuild (see the class comment).
   *
   * @param stories the stories before the night (story_id, article_id, is_representative,
   *     similarity_to_representative)
   * @param historyBands the history's band keys (article_id, band_keys), as stored
   * @param nightBands the night's band keys, made by {@link StoryTransforms#bandKeys} with the same
   *     bands and seed
   * @param hashesOf the shingle hashes (article_id, shingle_hashes) of the articles whose ids a
   *     dataset (article_id) lists; called once, for the few articles whose similarities are needed
   */
  public static Optional<Dataset<Row>> changes(
      Dataset<Row> stories,
      Dataset<Row> historyBands,
      Dataset<Row> nightBands,
      UnaryOperator<Dataset<Row>> hashesOf,
      double minSimilarity) {
    Optional<List<String[]>> candidates = nightCandidates(historyBands, nightBands);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    List<String[]> pairs = candidates.get();
    // Most nights copy few articles: without candidates no story changes and no text is read.
    if (pairs.isEmpty()) {
      return Optional.of(alone(nightBands));
    }
    Set<String> endpoints = new TreeSet<>();
    for (String[] pair : pairs) {
      endpoints.add(pair[0]);
      endpoints.add(pair[1]);
    }
    // The history's stories that hold a candidate, with all their members: a merge can give those
    // members a new representative, and the new representatives are among them.
    Dataset<Row> endpointIds = ids(stories, endpoints);
    Map<String, String> oldStory = new HashMap<>();
    for (Row r :
        stories
            .join(
                broadcast(
                    stories
                        .join(broadcast(endpointIds), new String[] {ARTICLE_ID}, "left_semi")
                        .select(STORY_ID)
                        .distinct()),
                new String[] {STORY_ID},
                "left_semi")
            .select(ARTICLE_ID, STORY_ID)
            .collectAsList()) {
      oldStory.put(r.getString(0), r.getString(1));
    }
    Set<String> read = new TreeSet<>(endpoints);
    read.addAll(oldStory.keySet());
    Map<String, long[]> hashes = new HashMap<>();
    for (Row r : hashesOf.apply(ids(stories, read)).collectAsList()) {
      List<Long> h = r.getList(1);
      hashes.put(r.getString(0), h.stream().mapToLong(Long::longValue).toArray());
    }

    // Components over nodes: a history article stands for its story by the story's
    // representative (its smallest id), a night article for itself.
    UnionFind components = new UnionFind();
    boolean linked = false;
    for (String[] pair : pairs) {
      if (jaccard(hashes.get(pair[0]), hashes.get(pair[1])) >= minSimilarity) {
        components.union(node(pair[0], oldStory), node(pair[1], oldStory));
        linked = true;
      }
    }
    if (!linked) {
      return Optional.of(alone(nightBands));
    }
    List<Row> moved = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> member : oldStory.entrySet()) {
      String old = representative(member.getValue());
      String now = components.smallest(old);
      if (!now.equals(old)) {
        moved.add(row(member.getKey(), now, hashes));
      }
      seen.add(member.getKey());
    }
    for (String article : components.members()) {
      if (!seen.contains(article) && !oldStory.containsKey(article)) {
        moved.add(row(article, components.smallest(article), hashes));
      }
    }
    Dataset<Row> movedRows = stories.sparkSession().createDataFrame(moved, ROWS);
    Dataset<Row> movedIds = broadcast(movedRows.select(ARTICLE_ID));
    return Optional.of(
        movedRows.unionByName(
            alone(nightBands.join(movedIds, new String[] {ARTICLE_ID}, "left_anti"))));
  }

  /**
   * The pairs a full candidate search over history and night would propose that involve a night
   * article, {article_a, article_b} with article_a &lt; article_b. Empty when the night changes
   * which pairs of history articles the search proposes: a bucket above {@value
   * StoryTransforms#MAX_BUCKET} members pairs only its smallest id, so one that grows past it, or
   * gets a smaller first member while above it, drops history pairs that made the stories.
   */
  static Optional<List<String[]>> nightCandidates(
      Dataset<Row> historyBands, Dataset<Row> nightBands) {
    Dataset<Row> nightKeys = StoryTransforms.bandRows(nightBands).withColumn(IS_NIGHT, lit(true));
    Dataset<Row> historyKeys =
        StoryTransforms.bandRows(historyBands)
            .join(
                broadcast(nightKeys.select(BAND, BAND_KEY).distinct()),
                new String[] {BAND, BAND_KEY},
                "left_semi")
            .withColumn(IS_NIGHT, lit(false));
    Column history = not(col(IS_NIGHT));
    // A bucket above the hub size brings only its counts, smallest ids and night members to the
    // driver, never its history's member list: a template shared by much of the corpus would
    // otherwise send history-sized lists every night.
    List<Row> buckets =
        nightKeys
            .unionByName(historyKeys)
            .groupBy(BAND, BAND_KEY)
            .agg(
                count(lit(1)).as(SIZE),
                collect_list(col(ARTICLE_ID)).as(MEMBERS),
                collect_set(when(col(IS_NIGHT), col(ARTICLE_ID))).as(NIGHT_MEMBERS),
                count(when(history, lit(1))).as(HISTORY_COUNT),
                min(when(history, col(ARTICLE_ID))).as(HISTORY_MIN),
                min(when(col(IS_NIGHT), col(ARTICLE_ID))).as(NIGHT_MIN))
            .filter(col(SIZE).gt(1))
            .select(
                col(SIZE),
                when(col(SIZE).leq(MAX_BUCKET), array_sort(col(MEMBERS))).as(MEMBERS),
                col(NIGHT_MEMBERS),
                col(HISTORY_COUNT),
                col(HISTORY_MIN),
                col(NIGHT_MIN))
            .collectAsList();
    Set<List<String>> pairs = new HashSet<>();
    for (Row bucket : buckets) {
      long size = bucket.getLong(0);
      Set<String> night = new HashSet<>(bucket.getList(2));
      long historyCount = bucket.getLong(3);
      String historyMin = bucket.getString(4);
      String nightMin = bucket.getString(5);
      if (size > MAX_BUCKET) {
        if (historyCount >= 2
            && (historyCount <= MAX_BUCKET || nightMin.compareTo(historyMin) < 0)) {
          return Optional.empty();
        }
        // As StoryTransforms.candidatePairs: the smallest id with each other member. Those that
        // involve the night: the night's members, and a lone history member.
        String first =
            historyMin == null || nightMin.compareTo(historyMin) < 0 ? nightMin : historyMin;
        Set<String> others = new HashSet<>(night);
        if (historyCount == 1) {
          others.add(historyMin);
        }
        for (String other : others) {
          if (!other.equals(first)) {
            pairs.add(first.compareTo(other) < 0 ? List.of(first, other) : List.of(other, first));
          }
        }
        continue;
      }
      List<String> members = bucket.getList(1);
      for (int i = 0; i < members.size(); i++) {
        for (int j = i + 1; j < members.size(); j++) {
          String a = members.get(i);
          String b = members.get(j);
          if (night.contains(a) || night.contains(b)) {
            pairs.add(List.of(a, b));
          }
        }
      }
    }
    return Optional.of(pairs.stream().map(p -> new String[] {p.get(0), p.get(1)}).toList());
  }

  /** |A ∩ B| / |A ∪ B| of two sorted arrays of distinct hashes, as the recount computes it. */
  static double jaccard(long[] a, long[] b) {
    int both = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        both++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) both / (a.length + b.length - both);
  }

  /** The article's row under its new representative. */
  private static Row row(String article, String representative, Map<String, long[]> hashes) {
    boolean isRepresentative = article.equals(representative);
    return RowFactory.create(
        STORY_PREFIX + representative,
        article,
        isRepresentative,
        isRepresentative ? 1.0 : jaccard(hashes.get(article), hashes.get(representative)));
  }

  /** A history article's node is its story's representative; a night article is its own. */
  private static String node(String article, Map<String, String> oldStory) {
    String story = oldStory.get(article);
    return story == null ? article : representative(story);
  }

  private static String representative(String storyId) {
    return storyId.substring(STORY_PREFIX.length());
  }

  /** The ids as a one-column dataset (article_id), to meet a table by broadcast. */
  private static Dataset<Row> ids(Dataset<Row> like, Set<String> ids) {
    return like.sparkSession()
        .createDataset(new ArrayList<>(ids), Encoders.STRING())
        .toDF(ARTICLE_ID);
  }

  /** Each of these night articles a story of its own. */
  private static Dataset<Row> alone(Dataset<Row> nightArticles) {
    return nightArticles.select(
        concat(lit(STORY_PREFIX), col(ARTICLE_ID)).as(STORY_ID),
        col(ARTICLE_ID),
        lit(true).as(IS_REPRESENTATIVE),
        lit(1.0).as(SIMILARITY_TO_REPRESENTATIVE));
  }

  /** Union-find over string nodes; each set's smallest node is its representative. */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    String find(String x) {
      String root = x;
      while (true) {
        String p = parent.getOrDefault(root, root);
        if (p.equals(root)) {
          break;
        }
        root = p;
      }
      for (String y = x; !y.equals(root); ) {
        String next = parent.get(y);
        parent.put(y, root);
        y = next;
      }
      return root;
    }

    /** Joins the sets; the smaller root becomes the root, so a root is its set's smallest node. */
    void union(String a, String b) {
      parent.putIfAbsent(a, a);
      parent.putIfAbsent(b, b);
      String ra = find(a);
      String rb = find(b);
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else if (rb.compareTo(ra) < 0) {
        parent.put(ra, rb);
      }
    }

    /** The smallest node of x's set (x itself if it was never joined). */
    String smallest(String x) {
      return parent.containsKey(x) ? find(x) : x;
    }

    Set<String> members() {
      return parent.keySet();
    }
  }
}
