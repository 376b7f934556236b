package org.parley.topics;

import java.util.ArrayList;
import java.util.List;
import org.parley.config.ConfigKeys;

/**
 * How many topics a corpus supports, and so which of the requested k values are fitted. A topic is
 * what several articles share ({@code topics.min_articles_per_topic}) and is read by its own top
 * terms ({@code topics.min_terms_per_topic}): asked for more topics than that, a model splits
 * single articles and repeats the same few words in every topic, and its coherence means nothing. A
 * larger k is lowered to what the corpus supports, with the reason; below two topics there is no
 * model to fit.
 *
 * @param kValues the k values to fit, in the requested order, each at most {@link #maxK}; empty
 *     when the corpus supports no topic model
 * @param maxK the most topics the corpus supports
 * @param reason why k was lowered or topics are skipped, in a sentence; null when every requested k
 *     is fitted
 */
public record TopicCapacity(List<Integer> kValues, int maxK, String reason) {

  /** {@code requested}: topics.k, or the k candidates of topics.k = auto. */
  public static TopicCapacity of(
      List<Integer> requested,
      long articles,
      int vocabularyTerms,
      int minArticlesPerTopic,
      int minTermsPerTopic) {
    long byArticles = articles / minArticlesPerTopic;
    long byTerms = vocabularyTerms / minTermsPerTopic;
    int maxK = (int) Math.min(Integer.MAX_VALUE, Math.min(byArticles, byTerms));
    String limit =
        articles
            + " articles and "
            + vocabularyTerms
            + " vocabulary terms support at most "
            + maxK
            + (maxK == 1 ? " topic" : " topics")
            + " ("
            + ConfigKeys.TOPICS_MIN_ARTICLES_PER_TOPIC.name()
            + "="
            + minArticlesPerTopic
            + ", "
            + ConfigKeys.TOPICS_MIN_TERMS_PER_TOPIC.name()
            + "="
            + minTermsPerTopic
            + ")";
    if (maxK < 2) {
      return new TopicCapacity(
          List.of(),
          maxK,
          "skipped: "
              + limit
              + "; 2 topics need at least "
              + 2L * minArticlesPerTopic
              + " articles and "
              + 2L * minTermsPerTopic
              + " terms");
    }
    List<Integer> fitted = new ArrayList<>();
    List<Integer> lowered = new ArrayList<>();
    for (int k : requested) {
      if (k <= maxK) {
        fitted.add(k);
      } else {
        lowered.add(k);
      }
    }
    if (lowered.isEmpty()) {
      return new TopicCapacity(List.copyOf(requested), maxK, null);
    }
    if (fitted.isEmpty()) {
      fitted.add(maxK);
    }
    String what =
        requested.size() == 1
            ? "k=" + requested.get(0) + " lowered to " + maxK
            : "k candidates " + lowered + " dropped (fitting " + fitted + ")";
    return new TopicCapacity(List.copyOf(fitted), maxK, what + ": " + limit);
  }

  /** Whether there is a model to fit. */
  public boolean fits() {
    return !kValues.isEmpty();
  }

  /** Whether k was lowered, or candidates dropped, from what was requested. */
  public boolean limited() {
    return reason != null && fits();
  }
}
