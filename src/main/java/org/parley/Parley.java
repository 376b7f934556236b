package org.parley;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.corpus.CorpusGenerator;
import org.parley.corpus.GeneratorOptions;
import org.parley.job.CommandLine;
import org.parley.job.ParleyJob;

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
      if (cli.command() == CommandLine.Command.HELP) {
        out.println(CommandLine.usage());
        return 0;
      }
      if (cli.command() == CommandLine.Command.RUN_HELP) {
        out.println(CommandLine.runUsage());
        return 0;
      }
      if (cli.command() == CommandLine.Command.GENERATE_HELP) {
        out.println(CommandLine.generateUsage());
        return 0;
      }
      if (cli.command() == CommandLine.Command.GENERATE) {
        return generate(cli.generator(), out, err);
      }
      config = ConfigLoader.load(configFile(cli), cli.settings(), cli.options());
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    }
    SparkSession spark = SparkSession.builder().appName("Parley").getOrCreate();
    try {
      ParleyJob.RunResult result = new ParleyJob(spark, config).run();
      out.println(summary(result));
      return 0;
    } catch (ConfigException e) {
      err.println("parley: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("parley: run failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      spark.stop();
    }
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
    StringBuilder s = new StringBuilder("Parley run " + r.runId() + " succeeded; stages " + r.stages() + "\n");
    if (r.ingestTotals() != null) {
      var t = r.ingestTotals();
      s.append(String.format("records read %d = accepted %d + duplicates %d + rejected %d%n",
          t.recordsRead(), t.accepted(), t.duplicates(), t.rejected()));
    }
    r.tableRows().forEach((table, n) -> s.append(String.format("  %-18s %,d rows%n", table, n)));
    if (!r.stageSeconds().isEmpty()) {
      StringBuilder times = new StringBuilder();
      r.stageSeconds().forEach((stage, sec) -> times.append(times.length() == 0 ? "" : ", ")
          .append(String.format(java.util.Locale.ROOT, "%s %.1f", stage, sec)));
      s.append("seconds: ").append(times).append('\n');
    }
    s.append("tables in ").append(r.outputPath());
    return s.toString();
  }

  /** The application version from the jar manifest, or "dev" when run from classes. */
  public static String version() {
    String v = Parley.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
