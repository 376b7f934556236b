package org.parley.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKey;
import org.parley.config.ConfigKeys;
import org.parley.corpus.GeneratorOptions;

/**
 * The application's arguments. {@code run}, {@code maintain}, {@code tables} and {@code unlock}
 * share the config options ({@code --config}, {@code --output}, {@code --set}, ...) and fill {@code
 * settings} and {@code options}; command-specific values ({@code --as-of}) are in {@code values};
 * {@code generate} fills {@code generator}. One loop reads the options of every command, each to
 * where its spec says.
 */
public record CommandLine(
    Command command,
    String configFile,
    Map<String, String> settings,
    Map<String, Object> options,
    GeneratorOptions generator,
    Map<String, String> values,
    Set<String> flags) {

  public enum Command {
    RUN,
    NIGHTLY,
    REFIT,
    MAINTAIN,
    TABLES,
    UNLOCK,
    HELP,
    RUN_HELP,
    GENERATE,
    GENERATE_HELP
  }

  /** The config file used when --config is not given, if it exists. */
  public static final String DEFAULT_CONFIG = "conf/parley.yaml";

  /**
   * An option: whether it takes a value, whether it may be repeated, and the config key its value
   * overrides (null: the command reads it itself).
   */
  private record Spec(boolean takesValue, boolean repeatable, String configKey) {}

  private static final Spec VALUE = new Spec(true, false, null);
  private static final Spec VALUES = new Spec(true, true, null);
  private static final Spec FLAG = new Spec(false, false, null);
  private static final Spec INPUT = new Spec(true, true, ConfigKeys.INPUT_PATHS.name());
  private static final Spec ONE_INPUT = new Spec(true, false, ConfigKeys.INPUT_PATHS.name());
  private static final Spec OUTPUT = new Spec(true, false, ConfigKeys.OUTPUT_PATH.name());
  private static final Spec STAGES = new Spec(true, false, ConfigKeys.RUN_STAGES.name());

  private static Map<String, Spec> specs(Object... pairs) {
    Map<String, Spec> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Spec) pairs[i + 1]);
    }
    return m;
  }

  /** The options each command takes, in the order its help lists them. */
  private static final Map<String, Map<String, Spec>> COMMAND_OPTIONS =
      Map.of(
          "run",
              specs(
                  "--config",
                  VALUE,
                  "--input",
                  INPUT,
                  "--output",
                  OUTPUT,
                  "--stages",
                  STAGES,
                  "--keep-models",
                  FLAG,
                  "--set",
                  VALUES),
          "nightly",
              specs(
                  "--config",
                  VALUE,
                  "--input",
                  ONE_INPUT,
                  "--output",
                  OUTPUT,
                  "--date",
                  VALUE,
                  "--from",
                  VALUE,
                  "--to",
                  VALUE,
                  "--set",
                  VALUES),
          "refit", specs("--config", VALUE, "--output", OUTPUT, "--set", VALUES),
          "maintain", specs("--config", VALUE, "--output", OUTPUT, "--set", VALUES),
          "tables", specs("--config", VALUE, "--output", OUTPUT, "--as-of", VALUE, "--set", VALUES),
          "unlock", specs("--config", VALUE, "--output", OUTPUT, "--set", VALUES),
          "generate",
              specs(
                  "--articles",
                  VALUE,
                  "--seed",
                  VALUE,
                  "--output",
                  VALUE,
                  "--shards",
                  VALUE,
                  "--near-duplicate-share",
                  VALUE,
                  "--exact-duplicate-share",
                  VALUE,
                  "--malformed-share",
                  VALUE,
                  "--start-date",
                  VALUE,
                  "--end-date",
                  VALUE,
                  "--overwrite",
                  FLAG));

  /**
   * Reads the arguments in one pass: each option's value goes where its {@link Spec} says (the
   * config file, a config key, a {@code --set} override, a command value or a flag).
   */
  public static CommandLine parse(String[] args) {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      return of(Command.HELP);
    }
    String name = args[0];
    Map<String, Spec> allowed = COMMAND_OPTIONS.get(name);
    if (allowed == null) {
      throw new ConfigException(
          "Unknown command '"
              + name
              + "'. Commands: run, nightly, refit, maintain, tables, unlock,"
              + " generate."
              + " See --help.");
    }
    String configFile = null;
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, Object> options = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> flags = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg)) {
        return of(name.equals("generate") ? Command.GENERATE_HELP : Command.RUN_HELP);
      }
      String option = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        option = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      Spec spec = allowed.get(option);
      if (spec == null) {
        throw new ConfigException(
            "Unknown option '"
                + arg
                + "' for '"
                + name
                + "'. Options: "
                + String.join(", ", allowed.keySet())
                + ", --help.");
      }
      if (!spec.takesValue()) {
        if (value != null) {
          throw new ConfigException(
              "Option " + option + " takes no value. See '" + name + " --help'.");
        }
        flags.add(option);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new ConfigException(
              "Option " + option + " needs a value. See '" + name + " --help'.");
        }
        value = args[++i];
      }
      if (!seen.add(option) && !spec.repeatable()) {
        throw new ConfigException(
            "Option " + option + " is given twice. See '" + name + " --help'.");
      }
      if (spec.configKey() != null) {
        if (spec.configKey()
            .equals(ConfigKeys.INPUT_PATHS.name())) { // a list key, whether repeatable or not
          @SuppressWarnings("unchecked")
          List<String> paths =
              (List<String>)
                  options.computeIfAbsent(spec.configKey(), k -> new ArrayList<String>());
          paths.add(value);
        } else {
          options.put(spec.configKey(), value);
        }
      } else if (option.equals("--config")) {
        configFile = value;
      } else if (option.equals("--set")) {
        int sep = value.indexOf('=');
        if (sep <= 0) {
          throw new ConfigException(
              "--set takes KEY=VALUE (e.g. --set terms.phrases.min_count=5), got '" + value + "'.");
        }
        settings.put(value.substring(0, sep).strip(), value.substring(sep + 1));
      } else {
        values.put(option, value);
      }
    }
    if (name.equals("generate")) {
      return generate(values, flags);
    }
    options.replaceAll((key, v) -> v instanceof List<?> list ? List.copyOf(list) : v);
    Command command = Command.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    if (command == Command.NIGHTLY) {
      nightsOf(
          values,
          LocalDate.now(java.time.ZoneOffset.UTC)); // checked now: a bad date is a usage error
    }
    return new CommandLine(command, configFile, settings, options, null, values, Set.copyOf(flags));
  }

  /**
   * The nights a {@code nightly} command processes, in date order: {@code --date D}, or every date
   * from {@code --from} to {@code --to} inclusive, or else the day before {@code today} (UTC).
   */
  public static List<LocalDate> nightsOf(Map<String, String> values, LocalDate today) {
    boolean range = values.containsKey("--from") || values.containsKey("--to");
    if (range && values.containsKey("--date")) {
      throw new ConfigException(
          "nightly takes --date D, or --from D1 --to D2, not both. See 'nightly --help'.");
    }
    if (!range) {
      return List.of(
          values.containsKey("--date") ? date(values, "--date", null) : today.minusDays(1));
    }
    if (!values.containsKey("--from") || !values.containsKey("--to")) {
      throw new ConfigException(
          "nightly --from needs --to, and --to needs --from (a backfill range). See"
              + " 'nightly --help'.");
    }
    LocalDate from = date(values, "--from", null);
    LocalDate to = date(values, "--to", null);
    if (to.isBefore(from)) {
      throw new ConfigException("nightly --to " + to + " is before --from " + from + ".");
    }
    List<LocalDate> nights = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      nights.add(d);
    }
    return nights;
  }

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  private static CommandLine of(Command command) {
    return new CommandLine(command, null, Map.of(), Map.of(), null, Map.of(), Set.of());
  }

  private static CommandLine generate(Map<String, String> values, Set<String> flags) {
    for (String required : List.of("--articles", "--seed", "--output")) {
      if (!values.containsKey(required)) {
        throw new ConfigException("'generate' needs " + required + ". See 'generate --help'.");
      }
    }
    long articles = wholeNumber(values, "--articles");
    int shards =
        values.containsKey("--shards")
            ? (int)
                Math.max(
                    Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, wholeNumber(values, "--shards")))
            : GeneratorOptions.defaultShards(articles);
    return new CommandLine(
        Command.GENERATE,
        null,
        Map.of(),
        Map.of(),
        new GeneratorOptions(
            articles,
            wholeNumber(values, "--seed"),
            values.get("--output"),
            shards,
            share(values, "--near-duplicate-share", GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE),
            share(
                values, "--exact-duplicate-share", GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE),
            share(values, "--malformed-share", GeneratorOptions.DEFAULT_MALFORMED_SHARE),
            date(values, "--start-date", GeneratorOptions.DEFAULT_START_DATE),
            date(values, "--end-date", GeneratorOptions.DEFAULT_END_DATE),
            flags.contains("--overwrite")),
        Map.of(),
        Set.of());
  }

  private static long wholeNumber(Map<String, String> values, String option) {
    String v = values.get(option).strip().replace("_", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          option + " takes a whole number, got '" + values.get(option) + "'.");
    }
  }

  private static double share(Map<String, String> values, String option, double fallback) {
    if (!values.containsKey(option)) {
      return fallback;
    }
    try {
      return Double.parseDouble(values.get(option).strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          option + " takes a number between 0 and 1, got '" + values.get(option) + "'.");
    }
  }

  private static LocalDate date(Map<String, String> values, String option, LocalDate fallback) {
    if (!values.containsKey(option)) {
      return fallback;
    }
    try {
      return LocalDate.parse(values.get(option).strip());
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          option + " takes a date as yyyy-MM-dd, got '" + values.get(option) + "'.");
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  public static String usage() {
    return String.join(
        "\n",
        "Parley: news articles in, Parquet tables of terms, actors, co-mentions, stories and topics out.",
        "",
        "Usage: parley run [options]      run the pipeline over every input article; learns phrases and the",
        "                                 topic model (--keep-models: applies the stored ones instead)",
        "       parley run --help         options and every config key",
        "       parley nightly --input LANDING [--date D | --from D1 --to D2] [--output PATH]",
        "                                 add what arrived in LANDING/date=D/ (default: yesterday, UTC)",
        "       parley refit [--output PATH]      learn phrases and the topic model again from the tables",
        "       parley maintain [--output PATH]   compact small files, remove old ones (Delta OPTIMIZE,",
        "                                 VACUUM)",
        "       parley tables [--output PATH] [--as-of RUN_ID]",
        "                                 each table's Delta version as a successful run left it",
        "       parley unlock [--output PATH]     clear a stale lock left by a run on another host",
        "       parley generate --articles N --seed S --output PATH [options]",
        "                                 write a synthetic, realistic corpus (JSON Lines) for benchmarks",
        "       parley generate --help    its options",
        "       parley --help             this text",
        "",
        "Exit codes: 0 success (an input with no usable article too: the run warns what was rejected and",
        "why, and rejected_records lists each record), 1 the run failed (recorded in runs, its tables",
        "restored), 2 a bad argument, config or path (the message says what to fix; nothing is written),",
        "3 the output is locked by another run, 130 interrupted by Ctrl-C or SIGTERM (its tables",
        "restored, recorded in runs as interrupted).");
  }

  public static String generateUsage() {
    return String.join(
        "\n",
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
        "  --shards M                   number of files (default N / "
            + GeneratorOptions.ARTICLES_PER_SHARD
            + ", at least 1: about 25 MB each)",
        "  --near-duplicate-share F     lightly edited copies of earlier articles, for the stories stage",
        "                               (default "
            + GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE
            + ")",
        "  --exact-duplicate-share F    earlier articles' text under a new id; ingest counts them as",
        "                               duplicates (default "
            + GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE
            + ")",
        "  --malformed-share F          truncated lines and lines without text; ingest rejects them",
        "                               (default " + GeneratorOptions.DEFAULT_MALFORMED_SHARE + ")",
        "  --start-date D, --end-date D publication dates, yyyy-MM-dd, inclusive",
        "                               (default "
            + GeneratorOptions.DEFAULT_START_DATE
            + " to "
            + GeneratorOptions.DEFAULT_END_DATE
            + ")",
        "  --overwrite                  replace a corpus generated earlier in PATH (other files are never",
        "                               deleted)",
        "  --help                       this text",
        "",
        "Then: parley run --input PATH. Exit codes: 0 success, 1 generation failed, 2 a bad argument.");
  }

  public static String runUsage() {
    StringBuilder out =
        new StringBuilder(
            String.join(
                "\n",
                "Usage: parley run [--config FILE] [--input PATH]... [--output PATH] [--stages LIST] [--keep-models]",
                "                  [--set KEY=VALUE]...",
                "       parley nightly --input LANDING [--date D | --from D1 --to D2] [--config FILE]",
                "                  [--output PATH] [--set KEY=VALUE]...",
                "       parley refit [--config FILE] [--output PATH] [--set KEY=VALUE]...",
                "",
                "  --config FILE     YAML config (default "
                    + DEFAULT_CONFIG
                    + " if it exists, else built-in defaults)",
                "  --input PATH      file or folder to ingest, read recursively; repeat for several",
                "                    (default seeds/):",
                "                    .txt (one article), .jsonl (one per line), .csv (columns per",
                "                    ingest.csv.columns.*), and .gz of each",
                "  --output PATH     folder for the Parquet tables (default out/); file://, hdfs://, s3a:// alike",
                "  --stages LIST     comma-separated stages to run, from "
                    + String.join(",", ConfigKeys.STAGE_NAMES),
                "                    (default all);",
                "                    a stage not run reads the tables it needs from the output folder",
                "  --keep-models     (run) apply the phrases, ordinary words and topic model stored in the output",
                "                    instead of learning them: every article reprocessed, the models unchanged",
                "  --date D          (nightly) read LANDING/date=D/ only (yyyy-MM-dd; default yesterday, UTC);",
                "                    articles the tables already hold are duplicates; a missing folder is an",
                "                    empty night",
                "  --from D1 --to D2 (nightly) every date of the range in order, one run each (backfill)",
                "  --set KEY=VALUE   override one config key, e.g. --set terms.phrases.min_count=5 (repeatable)",
                "  --help            this text",
                "",
                "refit learns phrases, ordinary words and the topic model again from the articles in the tables",
                "and recounts every article with them; a topic matched to the previous model keeps its topic_id",
                "(see topic_lineage).",
                "",
                "Precedence: --input/--output/--stages, then --set, then the config file, then defaults.",
                "",
                "Config keys (default in brackets):",
                ""));
    for (ConfigKey<?> key : ConfigKeys.ALL.values()) {
      out.append("  ")
          .append(key.name())
          .append(" [")
          .append(shown(key.defaultValue()))
          .append("]\n");
      String doc = key.doc();
      if (!key.allowed().isEmpty()) {
        doc +=
            (key.defaultValue() instanceof List ? " Any of: " : " One of: ")
                + String.join(", ", key.allowed())
                + ".";
      }
      out.append(wrapped(doc, "      ", HELP_WIDTH));
    }
    return out.toString();
  }

  /** Help lines stay under 100 columns. */
  static final int HELP_WIDTH = 99;

  /** A default as it is typed: a list as its values ({@code seeds/}, not {@code [seeds/]}). */
  static String shown(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof List<?> list
        ? String.join(", ", list.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }

  /** Text wrapped at word boundaries into lines of at most {@code width} columns, each indented. */
  static String wrapped(String text, String indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return out.append(line).append('\n').toString();
  }
}
