package org.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets, judged on one result. Each entry says what was measured, the limit, their
 * ratio, and whether it is met; {@code met} is null when the target does not apply to this run (the
 * 10-minute target is for 100k articles; a skipped baseline cannot be compared). Linear growth from
 * 100k to 1M compares two results and is judged by {@link BenchReport}.
 */
final class Targets {
  static final long END_TO_END_ARTICLES = 100_000;
  static final double END_TO_END_SECONDS = 600;
  static final double MAX_DRIVER_HEAP_BYTES = 4L << 30;
  static final double TERMS_MIN_SHARE_OF_SQL = 0.5;
  static final double TOPICS_MAX_TIMES_MALLET = 2.0;

  private Targets() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> evaluate(Map<String, Object> result) {
    List<Map<String, Object>> targets = new ArrayList<>();
    Map<String, Object> corpus = (Map<String, Object>) result.get("corpus");
    long records = ((Number) corpus.get("records")).longValue();
    double total = ((Number) result.get("total_seconds")).doubleValue();
    boolean atScale = Math.abs(records - END_TO_END_ARTICLES) <= END_TO_END_ARTICLES / 10;
    Map<String, Object> e2e =
        target(
            "end_to_end_100k",
            "all stages on 100k articles in at most 10 minutes",
            total,
            END_TO_END_SECONDS,
            total <= END_TO_END_SECONDS,
            atScale);
    // On other sizes the linear projection to 100k says how far off the target would be.
    e2e.put("projected_seconds_at_100k", total * END_TO_END_ARTICLES / Math.max(1, records));
    targets.add(e2e);

    // The run completing inside an -Xmx of 4g is the test; the peak live heap says how close it
    // came.
    Map<String, Object> memory = (Map<String, Object>) result.get("driver_memory");
    double heap = ((Number) memory.get("max_heap_bytes")).doubleValue();
    double live = ((Number) memory.get("peak_heap_live_after_gc_bytes")).doubleValue();
    Map<String, Object> driver =
        target(
            "driver_memory",
            "the run completes in a driver heap (all of local mode) of at most 4g; actual: peak live heap after a collection",
            live,
            MAX_DRIVER_HEAP_BYTES,
            heap <= MAX_DRIVER_HEAP_BYTES * 1.01,
            true);
    driver.put("max_heap_bytes", heap);
    targets.add(driver);

    Map<String, Object> baselines = (Map<String, Object>) result.get("baselines");
    double termsSeconds = stageSeconds(result, "terms");
    Map<String, Object> sql = (Map<String, Object>) baselines.get("sql_terms");
    if (sql != null && termsSeconds > 0) {
      double sqlSeconds = ((Number) sql.get("seconds")).doubleValue();
      // Throughput over the same articles, so the ratio of throughputs is the inverse ratio of
      // times.
      double share = sqlSeconds / termsSeconds;
      Map<String, Object> t =
          target(
              "terms_vs_sql",
              "terms stage throughput at least half the plain Spark SQL count's (the same three tables)",
              share,
              TERMS_MIN_SHARE_OF_SQL,
              share >= TERMS_MIN_SHARE_OF_SQL,
              true);
      // Against the plain counts alone (no trends table), as judged before the baseline wrote one.
      Number countsSeconds = (Number) sql.get("counts_seconds");
      if (countsSeconds != null) {
        t.put("share_counts_only", countsSeconds.doubleValue() / termsSeconds);
      }
      // Parley lemmatises while it splits sentences in ingest; this share charges it that too.
      double ingestSeconds = stageSeconds(result, "ingest");
      t.put("share_counting_ingest", sqlSeconds / (termsSeconds + ingestSeconds));
      targets.add(t);
    }
    Map<String, Object> mallet = (Map<String, Object>) baselines.get("mallet");
    Map<String, Object> parleyTopics = (Map<String, Object>) result.get("parley_topics");
    if (mallet != null && parleyTopics != null) {
      Number malletNpmi = (Number) mallet.get("mean_npmi");
      Number parleyNpmi = (Number) parleyTopics.get("mean_npmi");
      if (malletNpmi != null && parleyNpmi != null) {
        Map<String, Object> t =
            target(
                "topics_npmi_vs_mallet",
                "topic stage mean NPMI at least MALLET's (same k, iterations, tokens; each tool's own top terms)",
                parleyNpmi.doubleValue(),
                malletNpmi.doubleValue(),
                parleyNpmi.doubleValue() >= malletNpmi.doubleValue(),
                true);
        // MALLET's topics ranked as Parley ranks its own: shows how much is the ranking, not the
        // sampler.
        Number sameRanking = (Number) mallet.get("mean_npmi_parley_ranking");
        if (sameRanking != null) {
          t.put("mallet_parley_ranking", sameRanking.doubleValue());
          t.put("met_same_ranking", parleyNpmi.doubleValue() >= sameRanking.doubleValue());
        }
        targets.add(t);
      }
      double topicsSeconds = stageSeconds(result, "topics");
      double malletSeconds = ((Number) mallet.get("seconds")).doubleValue();
      targets.add(
          target(
              "topics_time_vs_mallet",
              "topic stage in at most twice MALLET's time",
              topicsSeconds,
              TOPICS_MAX_TIMES_MALLET * malletSeconds,
              topicsSeconds <= TOPICS_MAX_TIMES_MALLET * malletSeconds,
              true));
    }
    return targets;
  }

  @SuppressWarnings("unchecked")
  static double stageSeconds(Map<String, Object> result, String stage) {
    for (Map<String, Object> s : (List<Map<String, Object>>) result.get("stages")) {
      if (stage.equals(s.get("stage"))) {
        return ((Number) s.get("seconds")).doubleValue();
      }
    }
    return 0;
  }

  private static Map<String, Object> target(
      String name, String what, double actual, double limit, boolean met, boolean applies) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("what", what);
    t.put("actual", actual);
    t.put("limit", limit);
    t.put("actual_over_limit", limit == 0 ? null : actual / limit);
    t.put("met", applies ? met : null);
    return t;
  }
}
