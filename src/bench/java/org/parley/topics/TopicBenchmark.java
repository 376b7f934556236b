package org.parley.topics;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.job.ParleyJob;

/**
 * Topic-model settings on FA-KES: runs ingest and terms once into a temp output, then only the
 * topics stage per setting on that output, and reports mean NPMI, topic diversity and balance (how
 * many topics are the dominant topic of at least 1% of articles, smallest and largest topic share)
 * with the stage's wall time. NPMI alone rewards tiny story-level clusters (shared/ANCHORS.md), so
 * balance is reported beside it. Writes the markdown table to target/bench-topics.md after every
 * setting, so an interrupted run still leaves what it measured.
 *
 * <p>Arguments (all optional): {@code --only name,name} runs those grid settings only; {@code --k12
 * name,name} refits those settings at k=12 (default: the best LDA and the best k-means setting of
 * the k=8 grid, ranked by topics used, then mean NPMI); {@code --no-k12}. Run it with
 * jobs/bench-topics.
 */
public final class TopicBenchmark {
  private static final String CONFIG = "conf/fa-kes.yaml";
  private static final String INPUT = "src/test/resources/fa-kes";
  private static final Path REPORT = Path.of("target/bench-topics.md");

  /** A topic counts as used when it is the dominant topic of at least this share of articles. */
  private static final double USED_SHARE = 0.01;

  /** One grid point: a name and its --set overrides on top of k=8, seed 42. */
  record Setting(String name, Map<String, String> sets) {
    String algorithm() {
      return sets.getOrDefault("topics.algorithm", "lda");
    }
  }

  record Result(
      Setting setting,
      int k,
      String algorithm,
      int vocabSize,
      String params,
      Double npmi,
      Double diversity,
      int used,
      double minShare,
      double maxShare,
      double seconds,
      String largestLabel) {}

  private static Map<String, String> sets(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static List<Setting> grid() {
    return List.of(
        new Setting("lda-em-50", sets("topics.lda.optimizer", "em", "topics.max_iterations", "50")),
        new Setting(
            "lda-em-100", sets("topics.lda.optimizer", "em", "topics.max_iterations", "100")),
        new Setting(
            "lda-online-50", sets("topics.lda.optimizer", "online", "topics.max_iterations", "50")),
        new Setting(
            "lda-em-nophrases",
            sets(
                "topics.lda.optimizer",
                "em",
                "topics.max_iterations",
                "50",
                "topics.include_phrases",
                "false")),
        new Setting(
            "lda-em-df5-0.3",
            sets(
                "topics.lda.optimizer",
                "em",
                "topics.max_iterations",
                "50",
                "topics.min_df",
                "5",
                "topics.max_df",
                "0.3")),
        new Setting("kmeans-50", sets("topics.algorithm", "kmeans", "topics.max_iterations", "50")),
        new Setting("bisecting-kmeans", sets("topics.algorithm", "bisecting-kmeans")),
        new Setting(
            "kmeans-nophrases",
            sets(
                "topics.algorithm",
                "kmeans",
                "topics.max_iterations",
                "50",
                "topics.include_phrases",
                "false")),
        // Optional extras: alpha 1.1 makes each article lean on fewer topics than Spark's EM
        // default 50/k+1.
        new Setting(
            "lda-em-alpha1.1",
            sets(
                "topics.lda.optimizer",
                "em",
                "topics.max_iterations",
                "50",
                "topics.lda.doc_concentration",
                "1.1")),
        new Setting(
            "lda-em-beta1.01",
            sets(
                "topics.lda.optimizer",
                "em",
                "topics.max_iterations",
                "50",
                "topics.lda.topic_concentration",
                "1.01")));
  }

  public static void main(String[] args) throws IOException {
    List<String> only = null;
    List<String> k12 = null;
    boolean runK12 = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        case "--k12" -> k12 = Arrays.asList(args[++i].split(","));
        case "--no-k12" -> runK12 = false;
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    long benchStart = System.nanoTime();
    SparkSession spark = SparkTestSupport.spark();
    Path out = SparkTestSupport.tempDir("parley-bench-topics");

    long start = System.nanoTime();
    new ParleyJob(spark, config(out, Map.of(), List.of("ingest", "terms"))).run();
    System.out.printf("ingest+terms: %.1f s into %s%n", (System.nanoTime() - start) / 1e9, out);

    List<Result> results = new ArrayList<>();
    for (Setting s : grid()) {
      if (only == null || only.contains(s.name())) {
        results.add(measure(spark, out, s, 8));
        write(results, benchStart);
      }
    }
    if (runK12) {
      List<String> names = k12 != null ? k12 : best(results);
      for (String name : names) {
        Setting s =
            grid().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No setting " + name));
        results.add(measure(spark, out, s, 12));
        write(results, benchStart);
      }
    }
    System.out.println();
    System.out.print(table(results, benchStart));
  }

  /** Best LDA and best k-means setting: most topics used first (balance), then mean NPMI. */
  private static List<String> best(List<Result> results) {
    List<String> names = new ArrayList<>();
    for (boolean lda : new boolean[] {true, false}) {
      results.stream()
          .filter(r -> r.algorithm().equals("lda") == lda)
          .max(
              (a, b) ->
                  a.used() != b.used()
                      ? Integer.compare(a.used(), b.used())
                      : Double.compare(
                          a.npmi() == null ? -1 : a.npmi(), b.npmi() == null ? -1 : b.npmi()))
          .ifPresent(r -> names.add(r.setting().name()));
    }
    return names;
  }

  private static ParleyConfig config(Path out, Map<String, String> sets, List<String> stages) {
    return ConfigLoader.load(
        CONFIG,
        sets,
        Map.of("input.paths", List.of(INPUT), "output.path", out.toString(), "run.stages", stages));
  }

  private static Result measure(SparkSession spark, Path out, Setting s, int k) {
    Map<String, String> sets = new LinkedHashMap<>(s.sets());
    sets.put("topics.k", Integer.toString(k));
    sets.put("topics.seed", "42");
    System.out.printf("%s k=%d ...%n", s.name(), k);
    long start = System.nanoTime();
    new ParleyJob(spark, config(out, sets, List.of("topics"))).run();
    double seconds = (System.nanoTime() - start) / 1e9;

    Row model =
        spark
            .read()
            .format("delta")
            .load(out.resolve("topic_models").toString())
            .filter(col("selected"))
            .first();
    List<Row> topics =
        spark.read().format("delta").load(out.resolve("topics").toString()).collectAsList();
    long total = topics.stream().mapToLong(r -> r.<Long>getAs("article_count")).sum();
    int used = 0;
    double min = 1;
    double max = 0;
    String largest = "";
    for (Row t : topics) {
      double share = total == 0 ? 0 : (double) t.<Long>getAs("article_count") / total;
      used += share >= USED_SHARE ? 1 : 0;
      min = Math.min(min, share);
      if (share > max) {
        max = share;
        largest = t.getAs("label");
      }
    }
    Result r =
        new Result(
            s,
            k,
            model.getAs("algorithm"),
            model.<Integer>getAs("vocab_size"),
            model.getAs("params"),
            model.getAs("mean_npmi"),
            model.getAs("topic_diversity"),
            used,
            min,
            max,
            seconds,
            largest);
    System.out.printf(
        "  NPMI %s, diversity %s, used %d/%d, shares %.3f..%.3f, %.1f s; largest: %s%n",
        fmt(r.npmi()), fmt(r.diversity()), used, k, min, max, seconds, largest);
    return r;
  }

  private static String fmt(Double d) {
    return d == null ? "–" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String table(List<Result> results, long benchStart) {
    StringBuilder b =
        new StringBuilder(
                "| setting | algorithm | k | key params | vocab | mean NPMI | diversity | topics ≥1% | min share | max share | topics s |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %d | %s | %s | %d/%d | %.3f | %.3f | %.1f |%n",
              r.setting().name(),
              r.algorithm(),
              r.k(),
              keyParams(r.setting()),
              r.vocabSize(),
              fmt(r.npmi()),
              fmt(r.diversity()),
              r.used(),
              r.k(),
              r.minShare(),
              r.maxShare(),
              r.seconds()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nFA-KES (%s), seed 42; shares are of dominant-topic articles; "
                + "benchmark wall time so far %.0f s.%n",
            INPUT,
            (System.nanoTime() - benchStart) / 1e9));
    return b.toString();
  }

  /** The overrides without the topics. prefix, e.g. "optimizer=em max_iterations=50". */
  private static String keyParams(Setting s) {
    List<String> parts = new ArrayList<>();
    s.sets()
        .forEach(
            (key, value) -> {
              if (!key.equals("topics.algorithm")) {
                parts.add(key.replace("topics.lda.", "").replace("topics.", "") + "=" + value);
              }
            });
    return parts.isEmpty() ? "defaults" : String.join(" ", parts);
  }

  private static void write(List<Result> results, long benchStart) throws IOException {
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, table(results, benchStart));
  }
}
