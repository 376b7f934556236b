package org.parley.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The benchmark harness's arguments; a bad one fails before anything runs. */
record BenchOptions(
    boolean help,
    String corpus,
    long generateArticles,
    long seed,
    String work,
    String results,
    String label,
    String configFile,
    Map<String, String> settings,
    String master,
    Map<String, String> sparkConf,
    Set<String> skip,
    String malletMemory,
    int malletThreads,
    int malletIterations,
    int malletExtraIterations) {

  static final Set<String> BASELINES = Set.of("floor", "sql", "mallet");

  static final String USAGE =
      String.join(
          "\n",
          "Usage: jobs/bench.sh (--corpus PATH | --generate N [--seed S]) [options]",
          "",
          "  --corpus PATH        input to benchmark (any Hadoop path; folders are read recursively)",
          "  --generate N         generate N articles with the corpus generator into WORK/corpus first",
          "  --seed S             generator seed (default 1)",
          "  --work DIR           where the corpus and Parley's output go (default target/bench/work)",
          "  --results DIR        where the JSON result is written (default target/bench/results)",
          "  --label NAME         added to the result's file name and JSON (default none)",
          "  --config FILE        Parley config (default: built-in defaults)",
          "  --set KEY=VALUE      a Parley setting, as for 'parley run' (repeatable)",
          "  --master URL         Spark master (default local[*])",
          "  --conf KEY=VALUE     a Spark setting (repeatable)",
          "  --skip LIST          baselines to leave out: floor, sql, mallet (comma-separated)",
          "  --mallet-memory SIZE heap of MALLET's own JVM (default 8g)",
          "  --mallet-threads N   MALLET's threads (default: the number of cores)",
          "  --mallet-iterations N  MALLET's iterations (default: those of Parley's model)",
          "  --mallet-extra-iterations N  also run MALLET with N iterations (e.g. 1000, its default)",
          "  --help               this text");

  static BenchOptions parse(String[] args) {
    String corpus = null;
    long generate = 0;
    long seed = 1;
    String work = "target/bench/work";
    String results = "target/bench/results";
    String label = "";
    String config = null;
    Map<String, String> settings = new LinkedHashMap<>();
    String master = "local[*]";
    Map<String, String> sparkConf = new LinkedHashMap<>();
    Set<String> skip = new LinkedHashSet<>();
    String malletMemory = "8g";
    int malletThreads = Runtime.getRuntime().availableProcessors();
    int malletIterations = 0;
    int malletExtraIterations = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        return new BenchOptions(
            true,
            null,
            0,
            0,
            work,
            results,
            label,
            null,
            Map.of(),
            master,
            Map.of(),
            Set.of(),
            malletMemory,
            malletThreads,
            0,
            0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--corpus" -> corpus = value;
        case "--generate" -> generate = positive(name, value);
        case "--seed" -> seed = number(name, value);
        case "--work" -> work = value;
        case "--results" -> results = value;
        case "--label" -> {
          if (!value.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                "--label may hold letters, digits, '.', '_' and '-' only: " + value);
          }
          label = value;
        }
        case "--config" -> config = value;
        case "--set" -> putPair(settings, name, value);
        case "--master" -> master = value;
        case "--conf" -> putPair(sparkConf, name, value);
        case "--skip" -> {
          for (String b : value.split(",")) {
            if (!BASELINES.contains(b.strip())) {
              throw new IllegalArgumentException("--skip takes " + BASELINES + ", got '" + b + "'");
            }
            skip.add(b.strip());
          }
        }
        case "--mallet-memory" -> {
          if (!value.matches("\\d+[kKmMgG]")) {
            throw new IllegalArgumentException(
                "--mallet-memory takes a JVM heap size such as 8g, got '" + value + "'");
          }
          malletMemory = value;
        }
        case "--mallet-threads" -> malletThreads = (int) positive(name, value);
        case "--mallet-iterations" -> malletIterations = (int) positive(name, value);
        case "--mallet-extra-iterations" -> malletExtraIterations = (int) positive(name, value);
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    if ((corpus == null) == (generate == 0)) {
      throw new IllegalArgumentException("give exactly one of --corpus PATH and --generate N");
    }
    return new BenchOptions(
        false,
        corpus,
        generate,
        seed,
        work,
        results,
        label,
        config,
        settings,
        master,
        sparkConf,
        skip,
        malletMemory,
        malletThreads,
        malletIterations,
        malletExtraIterations);
  }

  boolean runs(String baseline) {
    return !skip.contains(baseline);
  }

  private static void putPair(Map<String, String> into, String option, String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(option + " takes KEY=VALUE, got '" + value + "'");
    }
    into.put(value.substring(0, eq).strip(), value.substring(eq + 1));
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
    }
  }

  private static long positive(String option, String value) {
    long n = number(option, value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + n);
    }
    return n;
  }
}
