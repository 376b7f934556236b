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
import org.parley.cli.CommandLine;
import org.parley.cli.PathChecks;
import org.parley.cli.Summaries;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.config.ParleyVersion;
import org.parley.corpus.CorpusGenerator;
import org.parley.corpus.GeneratorOptions;
import org.parley.job.Interruption;
import org.parley.job.Maintenance;
import org.parley.job.OutputLock;
import org.parley.job.ParleyJob;
import org.parley.job.TablesReport;
import org.parley.pipeline.RunMode;
import org.parley.spark.StageProgress;
import org.parley.tables.DeltaSession;
import org.parley.tables.TableStore;

/**
 * Entry point for spark-submit: parses arguments and config, creates the one SparkSession (the
 * master comes from spark-submit), runs the job (or, for {@code generate}, the corpus generator),
 * stops the session.
 */
public final class Parley {
  private Parley() {}

  /**
   * The exit code of a run stopped by Ctrl-C (SIGINT), as a shell reports a process it interrupted.
   */
  static final int INTERRUPTED = 130;

  /** How often a long stage logs its progress when Spark's progress bar is off. */
  private static final long PROGRESS_SECONDS = 10;

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
        default -> {}
      }
      config = ConfigLoader.load(configFile(cli), cli.settings(), cli.options());
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    }
    List<LocalDate> nights = List.of();
    String landing = null;
    try {
      // Before Spark starts: a wrong path is a usage error, said in one line.
      PathChecks.check(cli.command(), config, new Configuration());
      if (cli.command() == CommandLine.Command.NIGHTLY) {
        nights = CommandLine.nightsOf(cli.values(), LocalDate.now(ZoneOffset.UTC));
        landing = PathChecks.landingRoot(config, new Configuration());
      }
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    }
    if (cli.command() == CommandLine.Command.UNLOCK) {
      return unlock(config, out);
    }
    SparkSession spark =
        DeltaSession.configure(SparkSession.builder()).appName("Parley").getOrCreate();
    Interruption interruption = Interruption.watch(spark.sparkContext());
    // Spark's progress bar when on a terminal (jobs/parley turns it on then), else a log line.
    StageProgress progress =
        spark.sparkContext().getConf().getBoolean("spark.ui.showConsoleProgress", false)
            ? null
            : StageProgress.every(spark.sparkContext(), PROGRESS_SECONDS);
    try {
      switch (cli.command()) {
        case MAINTAIN -> out.println(Summaries.maintain(new Maintenance(spark, config).run()));
        case TABLES ->
            out.println(
                TablesReport.describe(
                    new TableStore(spark, config.get(ConfigKeys.OUTPUT_PATH), "snappy"),
                    cli.values().get("--as-of")));
        case NIGHTLY -> {
          // One run per night, in date order; the first that fails stops the range (exit 1), and
          // the
          // nights before it stay committed.
          for (LocalDate night : nights) {
            ParleyConfig nightly =
                ConfigLoader.load(
                    configFile(cli),
                    cli.settings(),
                    withInput(cli.options(), new Path(landing, "date=" + night).toString()));
            out.println(
                Summaries.run(
                    new ParleyJob(spark, nightly, RunMode.NIGHTLY, night).run(interruption)));
          }
        }
        case REFIT ->
            out.println(
                Summaries.run(new ParleyJob(spark, config, RunMode.REFIT, null).run(interruption)));
        default ->
            out.println(
                Summaries.run(
                    new ParleyJob(
                            spark,
                            config,
                            cli.has("--keep-models") ? RunMode.KEEP_MODELS : RunMode.FULL,
                            null)
                        .run(interruption)));
      }
      return 0;
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    } catch (OutputLock.LockedException e) {
      err.println("parley: " + e.getMessage());
      return 3;
    } catch (Interruption.InterruptedRun e) {
      err.println("parley: " + e.getMessage());
      return INTERRUPTED;
    } catch (RuntimeException e) {
      if (interruption
          .requested()) { // stopped outside a run (maintain, tables): nothing to put back
        err.println("parley: interrupted");
        return INTERRUPTED;
      }
      err.println("parley: run failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      if (progress != null) {
        progress.close();
      }
      spark.stop();
      interruption.close(); // last: a pending shutdown (Ctrl-C) ends the JVM once this returns
    }
  }

  private static Map<String, Object> withInput(Map<String, Object> options, String input) {
    Map<String, Object> out = new LinkedHashMap<>(options);
    out.put(ConfigKeys.INPUT_PATHS.name(), List.of(input));
    return out;
  }

  private static int unlock(ParleyConfig config, PrintStream out) {
    String output = config.get(ConfigKeys.OUTPUT_PATH);
    OutputLock.Holder held = OutputLock.clear(output, new Configuration());
    out.println(
        held == null
            ? "No lock on " + output + "."
            : "Removed the lock of "
                + held
                + " on "
                + output
                + ". The next run restores any tables that run left unfinished.");
    return 0;
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
      return fallback.getFileSystem(new Configuration()).exists(fallback)
          ? CommandLine.DEFAULT_CONFIG
          : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The application version from the jar manifest, or "dev" when run from classes. */
  public static String version() {
    return ParleyVersion.get();
  }
}
