package org.parley.topics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.parley.spark.SplitMix;

/**
 * The documents of one partition for collapsed Gibbs sampling of LDA, in plain Java on primitive
 * arrays: every token's term index and its current topic. One sweep samples each token's topic from
 * its full conditional (Griffiths and Steyvers 2004),
 *
 * <pre>
 *   p(z = t | rest) ∝ (n_dt + α_t) · (n_wt + β) / (n_t + V·β)
 * </pre>
 *
 * where the counts leave the token itself out: n_dt its document's tokens in topic t, n_wt the
 * corpus's tokens of term w in topic t, n_t all tokens in topic t. The word-topic counts a sweep
 * starts from are the whole corpus's, as of the start of the iteration; the sweep updates its own
 * copy as it goes, so the shard sees its own moves at once and other partitions' moves at the next
 * iteration (approximate distributed LDA, Newman et al. 2009).
 *
 * <p>A shard is immutable: {@link #initialised} and {@link #sweep} return a new shard with new
 * topic assignments and share the term arrays, so a cached earlier iteration is never changed under
 * Spark. Word-topic counts are laid out term-major, {@code counts[w * k + t]}, so one token's k
 * counts are adjacent.
 */
final class GibbsShard implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Document d's tokens are [{@code starts[d]}, {@code starts[d + 1]}). */
  private final int[] starts;

  private final int[] words;
  private final int[] topics;

  /**
   * Document d's key (e.g. its article id), or null when the caller needs no per-document output.
   */
  private final Object[] keys;

  private GibbsShard(int[] starts, int[] words, int[] topics, Object[] keys) {
    this.starts = starts;
    this.words = words;
    this.topics = topics;
    this.keys = keys;
  }

  /**
   * A shard of the given documents (term indices, one per token), every topic 0 until {@link
   * #initialised}.
   */
  static GibbsShard of(List<int[]> documents) {
    return of(documents, null);
  }

  /** As {@link #of(List)}, each document with its key ({@code keys.get(d)}; null for none). */
  static GibbsShard of(List<int[]> documents, List<?> keys) {
    int[] starts = new int[documents.size() + 1];
    long total = 0;
    for (int d = 0; d < documents.size(); d++) {
      total += documents.get(d).length;
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "A Gibbs shard holds at most 2^31 tokens; use more partitions");
      }
      starts[d + 1] = (int) total;
    }
    int[] words = new int[(int) total];
    for (int d = 0; d < documents.size(); d++) {
      System.arraycopy(documents.get(d), 0, words, starts[d], documents.get(d).length);
    }
    return new GibbsShard(
        starts, words, new int[words.length], keys == null ? null : keys.toArray());
  }

  int documents() {
    return starts.length - 1;
  }

  int tokens() {
    return words.length;
  }

  /** Document d's tokens' term indices and topics, copies (for tests). */
  int[] words(int d) {
    return Arrays.copyOfRange(words, starts[d], starts[d + 1]);
  }

  int[] topics(int d) {
    return Arrays.copyOfRange(topics, starts[d], starts[d + 1]);
  }

  /** Every token given a topic drawn uniformly from k by {@code random}. */
  GibbsShard initialised(int k, SplittableRandom random) {
    int[] z = new int[words.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextInt(k);
    }
    return new GibbsShard(starts, words, z, keys);
  }

  /** Document d's key, as given to {@link #of(List, List)}. */
  Object key(int d) {
    if (keys == null) {
      throw new IllegalStateException("This shard was built without document keys");
    }
    return keys[d];
  }

  /**
   * Document d's topic proportions in the current assignment, (n_dt + α_t) / (n_d + Σα): the
   * posterior mean of its topic distribution given this sample, as MALLET reports it. An empty
   * document has no evidence and gets all zeros, as Spark's LDA models give it.
   */
  double[] topicProportions(int d, int k, double[] alpha) {
    double[] proportions = new double[k];
    int length = starts[d + 1] - starts[d];
    if (length == 0) {
      return proportions;
    }
    for (int i = starts[d]; i < starts[d + 1]; i++) {
      proportions[topics[i]]++;
    }
    double total = length;
    for (double a : alpha) {
      total += a;
    }
    for (int t = 0; t < k; t++) {
      proportions[t] = (proportions[t] + alpha[t]) / total;
    }
    return proportions;
  }

  /** The most tokens any one document holds. */
  int longestDocument() {
    int longest = 0;
    for (int d = 0; d + 1 < starts.length; d++) {
      longest = Math.max(longest, starts[d + 1] - starts[d]);
    }
    return longest;
  }

  /**
   * Adds this shard's documents to the histograms α is learned from ({@link DirichletPriors}):
   * {@code topicDocuments[t][c]} counts the documents with c tokens in topic t (c ≥ 1), {@code
   * documentLengths[n]} those with n tokens. Both must be longer than {@link #longestDocument}.
   */
  void addTopicHistograms(long[][] topicDocuments, long[] documentLengths, int k) {
    int[] docTopic = new int[k];
    for (int d = 0; d + 1 < starts.length; d++) {
      java.util.Arrays.fill(docTopic, 0);
      for (int i = starts[d]; i < starts[d + 1]; i++) {
        docTopic[topics[i]]++;
      }
      documentLengths[starts[d + 1] - starts[d]]++;
      for (int t = 0; t < k; t++) {
        if (docTopic[t] > 0) {
          topicDocuments[t][docTopic[t]]++;
        }
      }
    }
  }

  /**
   * Adds this shard's tokens to word-topic counts of a vocabulary of {@code counts.length / k}
   * terms.
   */
  void addCounts(int[] counts, int k) {
    for (int i = 0; i < words.length; i++) {
      counts[words[i] * k + topics[i]]++;
    }
  }

  /**
   * One sweep over every token, in document order, against the corpus's word-topic counts {@code
   * counts} (term-major, V × k; this shard's own current assignments included), which are not
   * changed. Priors: α_t for topic t of a document ({@code alpha}, k values), β per term of a
   * topic.
   */
  GibbsShard sweep(int[] counts, int k, double[] alpha, double beta, SplittableRandom random) {
    int vocabulary = counts.length / k;
    int[] wordTopic = counts.clone();
    int[] topicTotal = new int[k];
    for (int w = 0; w < vocabulary; w++) {
      for (int t = 0; t < k; t++) {
        topicTotal[t] += wordTopic[w * k + t];
      }
    }
    double betaSum = vocabulary * beta;
    double[] inverseTotal = new double[k]; // 1 / (n_t + Vβ), kept up to date as tokens move
    for (int t = 0; t < k; t++) {
      inverseTotal[t] = 1.0 / (topicTotal[t] + betaSum);
    }
    int[] z = topics.clone();
    int[] docTopic = new int[k];
    double[] cumulative = new double[k];
    for (int d = 0; d + 1 < starts.length; d++) {
      Arrays.fill(docTopic, 0);
      for (int i = starts[d]; i < starts[d + 1]; i++) {
        docTopic[z[i]]++;
      }
      for (int i = starts[d]; i < starts[d + 1]; i++) {
        int base = words[i] * k;
        int old = z[i];
        docTopic[old]--;
        wordTopic[base + old]--;
        inverseTotal[old] = 1.0 / (--topicTotal[old] + betaSum);
        double sum = 0;
        for (int t = 0; t < k; t++) {
          sum += (docTopic[t] + alpha[t]) * (wordTopic[base + t] + beta) * inverseTotal[t];
          cumulative[t] = sum;
        }
        double u = random.nextDouble() * sum;
        int chosen = 0;
        while (chosen < k - 1 && cumulative[chosen] <= u) {
          chosen++;
        }
        z[i] = chosen;
        docTopic[chosen]++;
        wordTopic[base + chosen]++;
        inverseTotal[chosen] = 1.0 / (++topicTotal[chosen] + betaSum);
      }
    }
    return new GibbsShard(starts, words, z, keys);
  }

  /**
   * The random numbers of one partition in one iteration (-1: the initial assignment): the same
   * seed, iteration and partition always give the same stream, and different ones independent
   * streams (the three are mixed by SplitMix64's finaliser).
   */
  static SplittableRandom random(long seed, int iteration, int partition) {
    return new SplittableRandom(
        SplitMix.mix(SplitMix.mix(SplitMix.mix(seed) ^ iteration) ^ partition));
  }

  /**
   * A 64-bit hash of a document's tokens: documents are placed and ordered by it, not by input
   * order.
   */
  static long contentHash(int[] tokens) {
    long h = tokens.length;
    for (int w : tokens) {
      h = SplitMix.mix(h ^ w);
    }
    return h;
  }
}
