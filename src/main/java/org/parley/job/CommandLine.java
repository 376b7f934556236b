package org.parley.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKey;
import org.parley.config.ConfigKeys;
import org.parley.corpus.GeneratorOptions;

/**
 * The application's arguments: {@code run [--config FILE] [--input PATH]... [--output PATH]
 * [--stages LIST] [--set KEY=VALUE]...}, {@code generate --articles N --seed S --output PATH
 * [...]} (then {@code generator} holds the validated options), or {@code --help}.
 */
public record CommandLine(Command command, String configFile, Map<String, String> settings,
    Map<String, Object> options, GeneratorOptions generator) {

  public enum Command { RUN, HELP, RUN_HELP, GENERATE, GENERATE_HELP }

  /** The config file used when --config is not given, if it exists. */
  public static final String DEFAULT_CONFIG = "conf/parley.yaml";

  public static CommandLine parse(String[] args) {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      return of(Command.HELP);
    }
    if (args[0].equals("generate")) {
      return parseGenerate(args);
    }
    if (!args[0].equals("run")) {
      throw new ConfigException("Unknown command '" + args[0] + "'. Commands: run, generate. See --help.");
    }
    String configFile = null;
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, Object> options = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg)) {
        return of(Command.RUN_HELP);
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
    return new CommandLine(Command.RUN, configFile, settings, options, null);
  }

  private static CommandLine of(Command command) {
    return new CommandLine(command, null, Map.of(), Map.of(), null);
  }

  private static final List<String> GENERATE_OPTIONS = List.of("--articles", "--seed", "--output", "--shards",
      "--near-duplicate-share", "--exact-duplicate-share", "--malformed-share", "--start-date", "--end-date");

  private static CommandLine parseGenerate(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean overwrite = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg)) {
        return of(Command.GENERATE_HELP);
      }
      if (arg.equals("--overwrite")) {
        overwrite = true;
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!GENERATE_OPTIONS.contains(name)) {
        throw new ConfigException("Unknown option '" + arg + "' for 'generate'. Options: "
            + String.join(", ", GENERATE_OPTIONS) + ", --overwrite, --help.");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new ConfigException("Option " + name + " needs a value. See 'generate --help'.");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    for (String required : List.of("--articles", "--seed", "--output")) {
      if (!values.containsKey(required)) {
        throw new ConfigException("'generate' needs " + required + ". See 'generate --help'.");
      }
    }
    long articles = wholeNumber(values, "--articles");
    int shards = values.containsKey("--shards")
        ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, wholeNumber(values, "--shards")))
        : GeneratorOptions.defaultShards(articles);
    return new CommandLine(Command.GENERATE, null, Map.of(), Map.of(), new GeneratorOptions(
        articles, wholeNumber(values, "--seed"), values.get("--output"), shards,
        share(values, "--near-duplicate-share", GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE),
        share(values, "--exact-duplicate-share", GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE),
        share(values, "--malformed-share", GeneratorOptions.DEFAULT_MALFORMED_SHARE),
        date(values, "--start-date", GeneratorOptions.DEFAULT_START_DATE),
        date(values, "--end-date", GeneratorOptions.DEFAULT_END_DATE), overwrite));
  }

  private static long wholeNumber(Map<String, String> values, String option) {
    String v = values.get(option).strip().replace("_", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(option + " takes a whole number, got '" + values.get(option) + "'.");
    }
  }

  private static double share(Map<String, String> values, String option, double fallback) {
    if (!values.containsKey(option)) {
      return fallback;
    }
    try {
      return Double.parseDouble(values.get(option).strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(option + " takes a number between 0 and 1, got '" + values.get(option) + "'.");
    }
  }

  private static LocalDate date(Map<String, String> values, String option, LocalDate fallback) {
    if (!values.containsKey(option)) {
      return fallback;
    }
    try {
      return LocalDate.parse(values.get(option).strip());
    } catch (DateTimeParseException e) {
      throw new ConfigException(option + " takes a date as yyyy-MM-dd, got '" + values.get(option) + "'.");
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  public static String usage() {
    return String.join("\n",
        "Parley: news articles in, Parquet tables of terms, actors, co-mentions, stories and topics out.",
        "",
        "Usage: parley run [options]      run the pipeline",
        "       parley run --help         options and every config key",
        "       parley generate --articles N --seed S --output PATH [options]",
        "                                 write a synthetic, realistic corpus (JSON Lines) for benchmarks",
        "       parley generate --help    its options",
        "       parley --help             this text",
        "",
        "Exit codes: 0 success, 1 the run failed, 2 a bad argument or config (the message says what to fix).");
  }

  public static String generateUsage() {
    return String.join("\n",
        "Usage: parley generate --articles N --seed S --output PATH [options]",
        "",
        "Writes N synthetic news articles as JSON Lines shards articles-00000.jsonl ... under PATH, in one",
        "distributed pass, plus a manifest _GENERATOR.json. Text is sampled from a model of real articles",
        "(FA-KES, CC BY 4.0, and seeds/): Zipfian words, topical themes, real article and sentence lengths,",
        "dictionary actors under several aliases with quotes, bursty dates, Zipfian sources. The same seed",
        "gives byte-identical files whatever the shard count.",
        "",
        "  --articles N                 how many lines to write (required)",
        "  --seed S                     any whole number (required)",
        "  --output PATH                folder for the shards; file://, hdfs://, s3a:// alike (required)",
        "  --shards M                   number of files (default N / " + GeneratorOptions.ARTICLES_PER_SHARD
            + ", at least 1: about 25 MB each)",
        "  --near-duplicate-share F     lightly edited copies of earlier articles, for the stories stage"
            + " (default " + GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE + ")",
        "  --exact-duplicate-share F    earlier articles' text under a new id; ingest counts them as duplicates"
            + " (default " + GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE + ")",
        "  --malformed-share F          truncated lines and lines without text; ingest rejects them"
            + " (default " + GeneratorOptions.DEFAULT_MALFORMED_SHARE + ")",
        "  --start-date D, --end-date D publication dates, yyyy-MM-dd, inclusive (default "
            + GeneratorOptions.DEFAULT_START_DATE + " to " + GeneratorOptions.DEFAULT_END_DATE + ")",
        "  --overwrite                  replace a corpus generated earlier in PATH (other files are never deleted)",
        "  --help                       this text",
        "",
        "Then: parley run --input PATH. Exit codes: 0 success, 1 generation failed, 2 a bad argument.");
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
