package org.parley.topics;

import static org.parley.tables.Columns.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Which topic of a newly fitted model continues which topic of the model before it. Topics are
 * compared by the cosine similarity of their top terms' weights (topic_terms: p(w|t) for LDA, the
 * centre's weight for k-means), and matched one to one, the most similar pair first, down to {@link
 * #MIN_SIMILARITY}. A matched topic keeps the old topic's id; an unmatched one gets an id above
 * every old one, so an id never passes to an unrelated topic.
 *
 * <p>A model's published ids are kept beside it ({@value #IDS_FILE}), so that applying it later
 * gives its articles the same ids.
 */
public final class TopicLineage {
  private TopicLineage() {}

  /** Below this, a new topic is taken to be new, not a continuation. */
  public static final double MIN_SIMILARITY = 0.3;

  /** In a saved model's folder: the published topic id of each of its topics, in model order. */
  public static final String IDS_FILE = "parley-topic-ids.json";

  /** A new topic's published id and, when matched, its predecessor and their similarity. */
  public record Link(int modelTopic, int topicId, Integer previousTopicId, Double similarity) {}

  /**
   * Matches the new model's topics to the previous model's. Both as topic_terms rows (topic_id,
   * term, weight; the previous model's topic ids as published). Returns one link per new topic
   * 0..k-1, in that order.
   */
  public static List<Link> match(List<Row> previousTerms, List<Row> newTerms, int k) {
    Map<Integer, Map<String, Double>> previous = vectors(previousTerms);
    Map<Integer, Map<String, Double>> fresh = vectors(newTerms);
    record Pair(int fresh, int previous, double similarity) {}
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      for (Map.Entry<Integer, Map<String, Double>> p : previous.entrySet()) {
        double s = cosine(fresh.getOrDefault(t, Map.of()), p.getValue());
        if (s >= MIN_SIMILARITY) {
          pairs.add(new Pair(t, p.getKey(), s));
        }
      }
    }
    // Most similar first; ties to the lower ids, so the same models always match alike.
    pairs.sort(
        Comparator.comparingDouble(Pair::similarity)
            .reversed()
            .thenComparingInt(Pair::fresh)
            .thenComparingInt(Pair::previous));
    Link[] links = new Link[k];
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (Pair p : pairs) {
      if (links[p.fresh()] == null && !taken.contains(p.previous())) {
        links[p.fresh()] = new Link(p.fresh(), p.previous(), p.previous(), p.similarity());
        taken.add(p.previous());
      }
    }
    int next = previous.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    for (int t = 0; t < k; t++) {
      if (links[t] == null) {
        links[t] = new Link(t, next++, null, null);
      }
    }
    return List.of(links);
  }

  /** The identity: topic i published as i (a first model). */
  public static int[] identity(int k) {
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      ids[i] = i;
    }
    return ids;
  }

  public static int[] ids(List<Link> links) {
    return links.stream().mapToInt(Link::topicId).toArray();
  }

  /** Rows with a model-order topic_id given their published ids. */
  public static Dataset<Row> renumbered(Dataset<Row> rows, int[] ids) {
    Column[] values = new Column[ids.length];
    for (int i = 0; i < ids.length; i++) {
      values[i] = functions.lit(ids[i]);
    }
    return rows.withColumn(
        TOPIC_ID,
        functions.element_at(functions.array(values), functions.col(TOPIC_ID).plus(1)).cast("int"));
  }

  /** Saves a model's published ids beside it. */
  public static void writeIds(Configuration hadoop, String modelPath, int[] ids) {
    Path file = new Path(modelPath, IDS_FILE);
    try (FSDataOutputStream out = file.getFileSystem(hadoop).create(file, true)) {
      out.write(new ObjectMapper().writeValueAsBytes(ids));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** A model's published ids, or the identity for a model saved without them. */
  public static int[] readIds(Configuration hadoop, String modelPath, int k) {
    Path file = new Path(modelPath, IDS_FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (!fs.exists(file)) {
        return identity(k);
      }
      try (FSDataInputStream in = fs.open(file)) {
        return new ObjectMapper().readValue((java.io.InputStream) in, int[].class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static Map<Integer, Map<String, Double>> vectors(List<Row> topicTerms) {
    Map<Integer, Map<String, Double>> out = new HashMap<>();
    for (Row r : topicTerms) {
      out.computeIfAbsent(r.<Integer>getAs(TOPIC_ID), t -> new HashMap<>())
          .put(r.getAs(TERM), r.<Double>getAs(WEIGHT));
    }
    return out;
  }

  static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double dot = 0;
    for (Map.Entry<String, Double> e : a.entrySet()) {
      dot += e.getValue() * b.getOrDefault(e.getKey(), 0.0);
    }
    double na = Math.sqrt(a.values().stream().mapToDouble(v -> v * v).sum());
    double nb = Math.sqrt(b.values().stream().mapToDouble(v -> v * v).sum());
    return na == 0 || nb == 0 ? 0 : dot / (na * nb);
  }
}
