package org.parley.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKey;
import org.parley.config.ConfigKeys;

/**
 * The application's arguments: {@code run [--config FILE] [--input PATH]... [--output PATH]
 * [--stages LIST] [--set KEY=VALUE]...}, or {@code --help}.
 */
public record CommandLine(
    Command command, String configFile, Map<String, String> settings, Map<String, Object> options) {

  public enum Command { RUN, HELP, RUN_HELP }

  /** The config file used when --config is not given, if it exists. */
  public static final String DEFAULT_CONFIG = "conf/parley.yaml";

  public static CommandLine parse(String[] args) {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      return new CommandLine(Command.HELP, null, Map.of(), Map.of());
    }
    if (!args[0].equals("run")) {
      throw new ConfigException("Unknown command '" + args[0] + "'. Commands: run. See --help.");
    }
    String configFile = null;
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, Object> options = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg)) {
        return new CommandLine(Command.RUN_HELP, null, Map.of(), Map.of());
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--config", "--input", "--output", "--stages", "--set" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new ConfigException("Option " + name + " needs a value. See 'run --help'.");
            }
            value = args[++i];
          }
        }
        default -> throw new ConfigException(
            "Unknown option '" + arg + "' for 'run'. Options: --config, --input, --output, --stages, --set, --help.");
      }
      switch (name) {
        case "--config" -> configFile = value;
        case "--input" -> inputs.add(value);
        case "--output" -> options.put(ConfigKeys.OUTPUT_PATH.name(), value);
        case "--stages" -> options.put(ConfigKeys.RUN_STAGES.name(), value);
        case "--set" -> {
          int sep = value.indexOf('=');
          if (sep <= 0) {
            throw new ConfigException("--set takes KEY=VALUE (e.g. --set terms.phrases.min_count=5), got '" + value + "'.");
          }
          settings.put(value.substring(0, sep).strip(), value.substring(sep + 1));
        }
        default -> throw new IllegalStateException(name);
      }
    }
    if (!inputs.isEmpty()) {
      options.put(ConfigKeys.INPUT_PATHS.name(), List.copyOf(inputs));
    }
    return new CommandLine(Command.RUN, configFile, settings, options);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  public static String usage() {
    return String.join("\n",
        "Parley: news articles in, Parquet tables of terms (and, later, actors and topics) out.",
        "",
        "Usage: parley run [options]      run the pipeline",
        "       parley run --help         options and every config key",
        "       parley --help             this text",
        "",
        "Exit codes: 0 success, 1 the run failed, 2 a bad argument or config (the message says what to fix).");
  }

  public static String runUsage() {
    StringBuilder out = new StringBuilder(String.join("\n",
        "Usage: parley run [--config FILE] [--input PATH]... [--output PATH] [--stages LIST] [--set KEY=VALUE]...",
        "",
        "  --config FILE     YAML config (default " + DEFAULT_CONFIG + " if it exists, else built-in defaults)",
        "  --input PATH      file or folder to ingest, read recursively; repeat for several (default seeds/)",
        "                    .txt (one article), .jsonl (one per line), .csv (columns per ingest.csv.columns.*), .gz of each",
        "  --output PATH     folder for the Parquet tables (default out/); file://, hdfs://, s3a:// alike",
        "  --stages LIST     comma-separated stages to run, from " + ConfigKeys.STAGE_NAMES + " (default all);",
        "                    a stage not run reads the tables it needs from the output folder",
        "  --set KEY=VALUE   override one config key, e.g. --set terms.phrases.min_count=5 (repeatable)",
        "  --help            this text",
        "",
        "Precedence: --input/--output/--stages, then --set, then the config file, then defaults.",
        "",
        "Config keys (default in brackets):",
        ""));
    for (ConfigKey<?> key : ConfigKeys.ALL.values()) {
      out.append("  ").append(key.name()).append(" [").append(key.defaultValue()).append("]\n")
          .append("      ").append(key.doc()).append('\n');
    }
    return out.toString();
  }
}
