package org.parley.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.Parley;
import org.parley.config.ConfigKeys;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.job.ParleyJob;
import org.parley.tables.DeltaSession;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;

/**
 * Runs the Parley pipeline on a corpus with every stage timed, then the baselines on the same
 * corpus, cores and JVM settings, and writes one JSON result: corpus size, seconds and articles per
 * second per stage, driver memory, Spark settings, machine, git commit, baseline figures and the
 * issue's targets with how far each is met. Run it with jobs/bench.sh; see BENCHMARKS.md.
 */
public final class BenchHarness {
  static final int RESULT_FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchHarness() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    SparkSession spark = session(options);
    try {
      Path written = run(spark, options);
      System.out.println("bench: result written to " + written);
    } finally {
      spark.stop();
    }
  }

  static SparkSession session(BenchOptions options) {
    int cores = Runtime.getRuntime().availableProcessors();
    SparkSession.Builder builder =
        DeltaSession.configure(SparkSession.builder())
            .appName("parley-bench")
            .master(options.master())
            // The same default as jobs/parley in local mode, so the benchmark measures what users
            // run.
            .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)));
    options.sparkConf().forEach(builder::config);
    return builder.getOrCreate();
  }

  /** Runs everything the options ask for and returns the path of the JSON result. */
  static Path run(SparkSession spark, BenchOptions options) throws IOException {
    Instant started = Instant.now();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("format", RESULT_FORMAT);
    result.put("label", options.label());
    result.put("started_at", started.toString());
    result.put("git_commit", gitCommit());
    result.put("parley_version", Parley.version());
    result.put("machine", machine());

    String corpus = options.corpus();
    if (options.generateArticles() > 0) {
      corpus = new Path(options.work(), "corpus").toString();
      result.put(
          "generation",
          CorpusGeneration.generate(spark, options.generateArticles(), options.seed(), corpus));
    }
    String output = new Path(options.work(), "parley-out").toString();
    deleteIfExists(spark, output);

    Map<String, Object> options2 = new LinkedHashMap<>();
    options2.put(ConfigKeys.INPUT_PATHS.name(), List.of(corpus));
    options2.put(ConfigKeys.OUTPUT_PATH.name(), output);
    ParleyConfig config = ConfigLoader.load(options.configFile(), options.settings(), options2);

    ParleyJob.RunResult run;
    Map<String, Object> driver;
    long runStart = System.nanoTime();
    try (DriverMemory memory = new DriverMemory()) {
      run = new ParleyJob(spark, config).run();
      memory.close();
      driver = memory.toMap();
    }
    double parleySeconds = (System.nanoTime() - runStart) / 1e9;
    result.put("spark", sparkSettings(spark));
    result.put("config_digest", config.digest());
    result.put("corpus", corpusFigures(spark, corpus, run, output));
    result.put("stages", stageFigures(run));
    result.put("total_seconds", parleySeconds);
    result.put("driver_memory", driver);
    Map<String, Object> topics =
        run.stages().contains("topics") ? ParleyTopics.figures(spark, output) : null;
    result.put("parley_topics", topics);

    Map<String, Object> baselines = new LinkedHashMap<>();
    result.put("baselines", baselines);
    Baselines.run(spark, options, config, corpus, output, topics, baselines);
    result.put("targets", Targets.evaluate(result));
    result.put("finished_at", Instant.now().toString());

    Path file =
        new Path(
            options.results(), resultName(started, run.ingestTotals().accepted(), options.label()));
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.setWriteChecksum(false); // a local result folder gets no .crc files beside the JSON
    try (OutputStream out = fs.create(file, true)) {
      out.write(JSON.writeValueAsBytes(result));
    }
    return file;
  }

  private static String resultName(Instant started, long articles, String label) {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(started);
    return "bench-" + time + "-" + articles + (label.isEmpty() ? "" : "-" + label) + ".json";
  }

  private static void deleteIfExists(SparkSession spark, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(p)) {
      fs.delete(p, true);
    }
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("memory_bytes", os.getTotalMemorySize());
    }
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put(
        "jvm_args",
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("--add-opens") && !a.startsWith("-Dlog4j"))
            .toList());
    return m;
  }

  static Map<String, Object> sparkSettings(SparkSession spark) {
    Map<String, Object> m = new TreeMap<>();
    for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      String key = kv._1();
      // Host names, ports, ids and the classpath say nothing about speed; secrets must not leak.
      if (!key.matches(
              "spark\\.(app\\.(id|startTime|submitTime)|driver\\.(host|port)|executor\\.id|jars)")
          && !key.toLowerCase(Locale.ROOT).contains("secret")
          && !key.toLowerCase(Locale.ROOT).contains("password")) {
        m.put(key, kv._2());
      }
    }
    m.put("spark.version", spark.version());
    m.put("spark.sql.shuffle.partitions", spark.conf().get("spark.sql.shuffle.partitions"));
    m.put("default_parallelism", spark.sparkContext().defaultParallelism());
    return m;
  }

  private static Map<String, Object> corpusFigures(
      SparkSession spark, String corpus, ParleyJob.RunResult run, String output)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", corpus);
    Path path = new Path(corpus);
    ContentSummary summary =
        path.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(path);
    m.put("files", summary.getFileCount());
    m.put("bytes", summary.getLength());
    var totals = run.ingestTotals();
    m.put("records", totals.recordsRead());
    m.put("articles", totals.accepted());
    m.put("duplicates", totals.duplicates());
    m.put("rejected", totals.rejected());
    Row tokens =
        new TableStore(spark, output, "snappy")
            .read(Tables.ARTICLES)
            .agg(sum(col("n_tokens")), sum(col("n_sentences")))
            .first();
    m.put("tokens", tokens.isNullAt(0) ? 0L : tokens.getLong(0));
    m.put("sentences", tokens.isNullAt(1) ? 0L : tokens.getLong(1));
    return m;
  }

  private static List<Map<String, Object>> stageFigures(ParleyJob.RunResult run) {
    long records = run.ingestTotals().recordsRead();
    long articles = run.ingestTotals().accepted();
    List<Map<String, Object>> stages = new ArrayList<>();
    run.stageSeconds()
        .forEach(
            (stage, seconds) -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("stage", stage);
              s.put("seconds", seconds);
              // Ingest reads every record; the later stages see the accepted articles.
              long n = "ingest".equals(stage) ? records : articles;
              s.put("articles_per_second", seconds > 0 ? n / seconds : null);
              stages.add(s);
            });
    return stages;
  }

  static String gitCommit() {
    String fromEnv = System.getenv("PARLEY_GIT_COMMIT");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=40")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
