package org.parley;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.corpus.CorpusGenerator;
import org.parley.corpus.GeneratorOptions;
import org.parley.cli.CommandLine;
import org.parley.job.Maintenance;
import org.parley.job.OutputLock;
import org.parley.job.ParleyJob;
import org.parley.job.RunMode;
import org.parley.job.TablesReport;
import org.parley.tables.DeltaSession;
import org.parley.tables.TableStore;

/**
 * Entry point for spark-submit: parses arguments and config, creates the one SparkSession (the
 * master comes from spark-submit), runs the job (or, for {@code generate}, the corpus generator),
 * stops the session.
 */
public final class Parley {
  private Parley() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli;
    ParleyConfig config;
    try {
      cli = CommandLine.parse(args);
      switch (cli.command()) {
        case HELP -> {
          out.println(CommandLine.usage());
          return 0;
        }
        case RUN_HELP -> {
          out.println(CommandLine.runUsage());
          return 0;
        }
        case GENERATE_HELP -> {
          out.println(CommandLine.generateUsage());
          return 0;
        }
        case GENERATE -> {
          return generate(cli.generator(), out, err);
        }
        default -> { }
      }
      config = ConfigLoader.load(configFile(cli), cli.settings(), cli.options());
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    }
    if (cli.command() == CommandLine.Command.UNLOCK) {
      return unlock(config, out);
    }
    List<LocalDate> nights = List.of();
    String landing = null;
    if (cli.command() == CommandLine.Command.NIGHTLY) {
      try {
        nights = CommandLine.nightsOf(cli.values(), LocalDate.now(ZoneOffset.UTC));
        landing = landingRoot(config);
      } catch (ConfigException e) {
        err.println("parley: " + e.getMessage());
        return 2;
      }
    }
    SparkSession spark = DeltaSession.configure(SparkSession.builder()).appName("Parley").getOrCreate();
    try {
      switch (cli.command()) {
        case MAINTAIN -> out.println(maintainSummary(new Maintenance(spark, config).run()));
        case TABLES -> out.println(TablesReport.describe(
            new TableStore(spark, config.get(ConfigKeys.OUTPUT_PATH), "snappy"), cli.values().get("--as-of")));
        case NIGHTLY -> {
          // One run per night, in date order; the first that fails stops the range (exit 1), and the
          // nights before it stay committed.
          for (LocalDate night : nights) {
            ParleyConfig nightly = ConfigLoader.load(configFile(cli), cli.settings(),
                withInput(cli.options(), new Path(landing, "date=" + night).toString()));
            out.println(summary(new ParleyJob(spark, nightly, RunMode.NIGHTLY, night).run()));
          }
        }
        case REFIT -> out.println(summary(new ParleyJob(spark, config, RunMode.REFIT, null).run()));
        default -> out.println(summary(new ParleyJob(spark, config,
            cli.has("--keep-models") ? RunMode.KEEP_MODELS : RunMode.FULL, null).run()));
      }
      return 0;
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    } catch (OutputLock.LockedException e) {
      err.println("parley: " + e.getMessage());
      return 3;
    } catch (RuntimeException e) {
      err.println("parley: run failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      spark.stop();
    }
  }

  /** A nightly run's landing root: the one input path, which must exist (checked before Spark starts). */
  private static String landingRoot(ParleyConfig config) {
    List<String> inputs = config.get(ConfigKeys.INPUT_PATHS);
    if (inputs.size() != 1) {
      throw new ConfigException("nightly reads one landing folder (--input LANDING, holding date=YYYY-MM-DD/"
          + " folders); got " + inputs.size() + " input paths");
    }
    Path root = new Path(inputs.get(0));
    try {
      if (!root.getFileSystem(new Configuration()).exists(root)) {
        throw new ConfigException("Landing folder not found: " + root + " (--input LANDING)");
      }
    } catch (java.io.IOException e) {
      throw new ConfigException("Cannot check the landing folder " + root + ": " + e.getMessage());
    }
    return root.toString();
  }

  private static Map<String, Object> withInput(Map<String, Object> options, String input) {
    Map<String, Object> out = new LinkedHashMap<>(options);
    out.put(ConfigKeys.INPUT_PATHS.name(), List.of(input));
    return out;
  }

  private static int unlock(ParleyConfig config, PrintStream out) {
    String output = config.get(ConfigKeys.OUTPUT_PATH);
    OutputLock.Holder held = OutputLock.clear(output, new Configuration());
    out.println(held == null ? "No lock on " + output + "." : "Removed the lock of " + held + " on " + output
        + ". The next run restores any tables that run left unfinished.");
    return 0;
  }

  static String maintainSummary(Maintenance.Result r) {
    StringBuilder s = new StringBuilder("Parley maintain " + r.runId() + " succeeded: "
        + r.tableVersions().size() + " tables compacted and vacuumed\n");
    s.append("seconds: ").append(seconds(r.stageSeconds()));
    return s.toString();
  }

  private static int generate(GeneratorOptions options, PrintStream out, PrintStream err) {
    SparkSession spark = SparkSession.builder().appName("Parley generate").getOrCreate();
    try {
      out.println(CorpusGenerator.generate(spark, options).summary());
      return 0;
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("parley: generate failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      spark.stop();
    }
  }

  private static String configFile(CommandLine cli) {
    if (cli.configFile() != null) {
      return cli.configFile();
    }
    Path fallback = new Path(CommandLine.DEFAULT_CONFIG);
    try {
      return fallback.getFileSystem(new Configuration()).exists(fallback) ? CommandLine.DEFAULT_CONFIG : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static String summary(ParleyJob.RunResult r) {
    StringBuilder s = new StringBuilder("Parley " + r.command() + " " + r.runId() + " succeeded; stages "
        + r.stages() + "\n");
    for (String recovered : r.recoveredRuns()) {
      s.append("recovered run ").append(recovered)
          .append(", which did not finish: its tables were restored and it is recorded as failed\n");
    }
    if (r.ingestTotals() != null) {
      var t = r.ingestTotals();
      s.append(String.format("records read %d = accepted %d + duplicates %d + rejected %d%n",
          t.recordsRead(), t.accepted(), t.duplicates(), t.rejected()));
    }
    r.tableRows().forEach((table, n) -> s.append(String.format("  %-26s %,d rows%n", table, n)));
    if (!r.stageSeconds().isEmpty()) {
      s.append("seconds: ").append(seconds(r.stageSeconds())).append('\n');
    }
    for (String w : r.warnings()) {
      s.append("warning: ").append(w).append('\n');
    }
    s.append("tables in ").append(r.outputPath());
    return s.toString();
  }

  private static String seconds(java.util.Map<String, Double> stageSeconds) {
    StringBuilder times = new StringBuilder();
    stageSeconds.forEach((stage, sec) -> times.append(times.length() == 0 ? "" : ", ")
        .append(String.format(java.util.Locale.ROOT, "%s %.1f", stage, sec)));
    return times.toString();
  }

  /** The application version from the jar manifest, or "dev" when run from classes. */
  public static String version() {
    String v = Parley.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
