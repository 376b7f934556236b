package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.corpus.GeneratorOptions;

/** Arguments of `parley run`, and their place in the config precedence. */
class CommandLineTest {

  private static String failure(String... args) {
    return assertThrows(ConfigException.class, () -> CommandLine.parse(args)).getMessage();
  }

  @Test
  void allOptions() {
    CommandLine cli =
        CommandLine.parse(
            new String[] {
              "run",
              "--config",
              "c.yaml",
              "--input",
              "a/",
              "--input=b.csv",
              "--output",
              "out2/",
              "--stages",
              "terms",
              "--set",
              "terms.phrases.min_count=5",
              "--set=text.extra_stop_words=[x, y]"
            });
    assertEquals(CommandLine.Command.RUN, cli.command());
    assertEquals("c.yaml", cli.configFile());
    assertEquals(
        Map.of("terms.phrases.min_count", "5", "text.extra_stop_words", "[x, y]"), cli.settings());
    assertEquals(List.of("a/", "b.csv"), cli.options().get("input.paths"));
    assertEquals("out2/", cli.options().get("output.path"));
    assertEquals("terms", cli.options().get("run.stages"));
  }

  @Test
  void bareRunHasNoOverrides() {
    CommandLine cli = CommandLine.parse(new String[] {"run"});
    assertEquals(CommandLine.Command.RUN, cli.command());
    assertNull(cli.configFile());
    assertTrue(cli.settings().isEmpty());
    assertTrue(cli.options().isEmpty());
  }

  @Test
  void help() {
    assertEquals(CommandLine.Command.HELP, CommandLine.parse(new String[] {}).command());
    assertEquals(CommandLine.Command.HELP, CommandLine.parse(new String[] {"--help"}).command());
    assertEquals(CommandLine.Command.HELP, CommandLine.parse(new String[] {"-h"}).command());
    assertEquals(CommandLine.Command.HELP, CommandLine.parse(new String[] {"help"}).command());
    assertEquals(
        CommandLine.Command.RUN_HELP, CommandLine.parse(new String[] {"run", "--help"}).command());
    assertEquals(
        CommandLine.Command.RUN_HELP,
        CommandLine.parse(new String[] {"run", "--output", "x", "-h"}).command());
  }

  @Test
  void outputCommandsShareTheConfigOptions() {
    CommandLine tables =
        CommandLine.parse(
            new String[] {"tables", "--output", "o/", "--as-of", "20260101T000000Z-ab"});
    assertEquals(CommandLine.Command.TABLES, tables.command());
    assertEquals("o/", tables.options().get("output.path"));
    assertEquals("20260101T000000Z-ab", tables.values().get("--as-of"));
    CommandLine maintain =
        CommandLine.parse(new String[] {"maintain", "--set", "output.retention_days=3"});
    assertEquals(CommandLine.Command.MAINTAIN, maintain.command());
    assertEquals(Map.of("output.retention_days", "3"), maintain.settings());
    assertEquals(
        CommandLine.Command.UNLOCK,
        CommandLine.parse(new String[] {"unlock", "--output", "o"}).command());
    assertTrue(
        failure("maintain", "--input", "x").contains("Unknown option '--input' for 'maintain'"));
    assertTrue(
        failure("tables", "--as-of", "a", "--as-of", "b").contains("--as-of is given twice"));
  }

  @Test
  void unknownCommandAndOption() {
    assertTrue(failure("go").contains("Unknown command 'go'"));
    String m = failure("run", "--inptu", "x");
    assertTrue(m.contains("Unknown option '--inptu'"), m);
    assertTrue(m.contains("--input"), "lists the options: " + m);
    assertTrue(failure("run", "seeds/").contains("Unknown option 'seeds/'"));
  }

  @Test
  void missingOptionValue() {
    assertTrue(failure("run", "--output").contains("Option --output needs a value"));
    assertTrue(failure("run", "--input", "--output", "x").contains("Option --input needs a value"));
  }

  @Test
  void setNeedsKeyEqualsValue() {
    String m = failure("run", "--set", "terms.phrases.min_count");
    assertTrue(m.contains("--set takes KEY=VALUE"), m);
    assertTrue(m.contains("'terms.phrases.min_count'"), m);
    assertTrue(failure("run", "--set", "=5").contains("--set takes KEY=VALUE"));
  }

  @Test
  void commandLineOptionsWinOverSetOverFileOverDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "input:",
            "  paths: [file-in/]",
            "output:",
            "  path: file-out/",
            "run:",
            "  stages: [ingest]",
            "terms:",
            "  phrases:",
            "    min_count: 7",
            "    max_ngram: 4",
            ""));
    CommandLine cli =
        CommandLine.parse(
            new String[] {
              "run",
              "--config",
              file.toString(),
              "--set",
              "output.path=set-out/",
              "--set",
              "run.stages=ingest",
              "--set",
              "terms.phrases.min_count=8",
              "--set",
              "input.paths=set-in/",
              "--input",
              "cli-in/",
              "--output",
              "cli-out/",
              "--stages",
              "terms,ingest"
            });
    ParleyConfig c = ConfigLoader.load(cli.configFile(), cli.settings(), cli.options());

    assertEquals(List.of("cli-in/"), c.get(ConfigKeys.INPUT_PATHS));
    assertEquals("cli-out/", c.get(ConfigKeys.OUTPUT_PATH));
    assertEquals(List.of("terms", "ingest"), c.get(ConfigKeys.RUN_STAGES));
    assertEquals(8, c.get(ConfigKeys.PHRASES_MIN_COUNT));
    assertEquals(4, c.get(ConfigKeys.PHRASES_MAX_NGRAM));
    assertEquals(0.5, c.get(ConfigKeys.PHRASES_MIN_NPMI));
  }

  @Test
  void badStagesOptionNamesTheKey() {
    CommandLine cli = CommandLine.parse(new String[] {"run", "--stages", "ingest,topicz"});
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(null, cli.settings(), cli.options()));
    assertTrue(
        e.getMessage().contains("'run.stages'") && e.getMessage().contains("command line"),
        e.getMessage());
  }

  @Test
  void runUsageListsEveryKeyWithItsDefaultAsAValue() {
    String usage = CommandLine.runUsage();
    for (var key : ConfigKeys.ALL.values()) {
      String shown =
          key.defaultValue() instanceof List<?> list
              ? String.join(", ", list.stream().map(String::valueOf).toList())
              : String.valueOf(key.defaultValue());
      assertTrue(usage.contains("\n  " + key.name() + " [" + shown + "]\n"), key.name());
    }
    assertTrue(usage.contains("  input.paths [seeds/]\n"), "a list default without its brackets");
    assertFalse(usage.contains("[["), usage);
  }

  @Test
  void runUsageNamesAllowedValuesAsTheValidatorSpellsThem() {
    String usage = CommandLine.runUsage().replaceAll("\n +", " ");
    for (var key : ConfigKeys.ALL.values()) {
      if (!key.allowed().isEmpty()) {
        String listed = String.join(", ", key.allowed()) + ".";
        assertTrue(
            usage.contains(key.name() + " [") && usage.contains("One of: " + listed)
                || usage.contains("Any of: " + listed),
            key.name() + " lacks its allowed values " + listed);
      }
    }
    assertTrue(usage.contains("One of: lda, kmeans, bisecting-kmeans."), usage);
    assertTrue(
        usage.contains(
            "auto: fit each of topics.k_candidates and keep the one with the highest mean NPMI"
                + " \u00d7 balance"),
        usage);
  }

  @Test
  void everyHelpLineFitsIn100Columns() {
    for (String text :
        List.of(CommandLine.usage(), CommandLine.runUsage(), CommandLine.generateUsage())) {
      for (String line : text.split("\n")) {
        assertTrue(line.length() < 100, "longer than 99 columns: " + line);
      }
    }
  }

  @Test
  void generateWithEveryOption() {
    CommandLine cli =
        CommandLine.parse(
            new String[] {
              "generate",
              "--articles",
              "1000",
              "--seed=42",
              "--output",
              "gen/",
              "--shards",
              "3",
              "--near-duplicate-share",
              "0.2",
              "--exact-duplicate-share=0",
              "--malformed-share",
              "0.01",
              "--start-date",
              "2016-01-01",
              "--end-date",
              "2016-06-30",
              "--overwrite"
            });
    assertEquals(CommandLine.Command.GENERATE, cli.command());
    GeneratorOptions g = cli.generator();
    assertEquals(
        new GeneratorOptions(
            1000,
            42,
            "gen/",
            3,
            0.2,
            0,
            0.01,
            LocalDate.of(2016, 1, 1),
            LocalDate.of(2016, 6, 30),
            true),
        g);
  }

  @Test
  void generateDefaults() {
    GeneratorOptions g =
        CommandLine.parse(
                new String[] {
                  "generate",
                  "--articles",
                  "1_000_000",
                  "--seed",
                  "-3",
                  "--output",
                  "s3a://bucket/gen"
                })
            .generator();
    assertEquals(1_000_000, g.articles());
    assertEquals(-3, g.seed());
    assertEquals(100, g.shards(), "one shard per 10,000 articles");
    assertEquals(0.05, g.nearDuplicateShare());
    assertEquals(0.01, g.exactDuplicateShare());
    assertEquals(0.001, g.malformedShare());
    assertEquals(LocalDate.of(2014, 1, 1), g.startDate());
    assertEquals(LocalDate.of(2020, 12, 31), g.endDate());
    assertEquals(false, g.overwrite());
    assertEquals(
        1,
        CommandLine.parse(
                new String[] {"generate", "--articles", "5", "--seed", "1", "--output", "o"})
            .generator()
            .shards());
  }

  @Test
  void generateRejectsBadArgumentsWithAMessageNamingThem() {
    assertTrue(
        failure("generate", "--articles", "0", "--seed", "1", "--output", "o")
            .contains("--articles must be a positive number, got 0"));
    assertTrue(
        failure("generate", "--articles", "ten", "--seed", "1", "--output", "o")
            .contains("--articles takes a whole number, got 'ten'"));
    assertTrue(
        failure("generate", "--seed", "1", "--output", "o")
            .contains("'generate' needs --articles"));
    assertTrue(
        failure("generate", "--articles", "9", "--output", "o")
            .contains("'generate' needs --seed"));
    assertTrue(
        failure("generate", "--articles", "9", "--seed", "1", "--output", "o", "--shards", "10")
            .contains("--shards 10 is more than --articles 9"));
    assertTrue(
        failure(
                "generate",
                "--articles",
                "9",
                "--seed",
                "1",
                "--output",
                "o",
                "--malformed-share",
                "1.5")
            .contains("--malformed-share must be between 0 and 1, got 1.5"));
    assertTrue(
        failure(
                "generate",
                "--articles",
                "9",
                "--seed",
                "1",
                "--output",
                "o",
                "--near-duplicate-share",
                "0.6",
                "--exact-duplicate-share",
                "0.4")
            .contains("add up to"));
    assertTrue(
        failure(
                "generate",
                "--articles",
                "9",
                "--seed",
                "1",
                "--output",
                "o",
                "--start-date",
                "2020-01-01",
                "--end-date",
                "2019-01-01")
            .contains("--end-date 2019-01-01 is before --start-date 2020-01-01"));
    assertTrue(
        failure(
                "generate",
                "--articles",
                "9",
                "--seed",
                "1",
                "--output",
                "o",
                "--end-date",
                "31/12/2020")
            .contains("--end-date takes a date as yyyy-MM-dd"));
    assertTrue(
        failure("generate", "--articles", "9", "--seed", "1", "--output", "o", "--input", "x")
            .contains("Unknown option '--input' for 'generate'"));
    assertTrue(failure("generate", "--articles").contains("Option --articles needs a value"));
  }

  @Test
  void generateHelp() {
    assertEquals(
        CommandLine.Command.GENERATE_HELP,
        CommandLine.parse(new String[] {"generate", "--help"}).command());
    assertEquals(
        CommandLine.Command.GENERATE_HELP,
        CommandLine.parse(new String[] {"generate", "--articles", "0", "-h"}).command());
    String usage = CommandLine.generateUsage();
    for (String option :
        List.of(
            "--articles N",
            "--seed S",
            "--output PATH",
            "--shards M",
            "--near-duplicate-share F",
            "--exact-duplicate-share F",
            "--malformed-share F",
            "--start-date D",
            "--end-date D",
            "--overwrite")) {
      assertTrue(usage.contains(option), option);
    }
    assertTrue(CommandLine.usage().contains("parley generate --help"), CommandLine.usage());
  }

  @Test
  void nightlyTakesOneDateARangeOrYesterday() {
    LocalDate today = LocalDate.of(2024, 3, 1);
    CommandLine one =
        CommandLine.parse(new String[] {"nightly", "--input", "landing/", "--date", "2024-02-10"});
    assertEquals(CommandLine.Command.NIGHTLY, one.command());
    assertEquals(List.of("landing/"), one.options().get("input.paths"));
    assertEquals(List.of(LocalDate.of(2024, 2, 10)), CommandLine.nightsOf(one.values(), today));
    CommandLine bare = CommandLine.parse(new String[] {"nightly", "--input", "landing/"});
    assertEquals(
        List.of(LocalDate.of(2024, 2, 29)),
        CommandLine.nightsOf(bare.values(), today),
        "yesterday, leap day");
    CommandLine range =
        CommandLine.parse(new String[] {"nightly", "--from", "2024-02-27", "--to", "2024-03-01"});
    assertEquals(
        List.of(
            LocalDate.of(2024, 2, 27),
            LocalDate.of(2024, 2, 28),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2024, 3, 1)),
        CommandLine.nightsOf(range.values(), today),
        "in date order");
  }

  @Test
  void nightlyDateMistakesAreUsageErrors() {
    assertTrue(
        failure("nightly", "--date", "1/3/2024").contains("--date takes a date as yyyy-MM-dd"));
    assertTrue(
        failure("nightly", "--date", "2024-03-01", "--from", "2024-02-01", "--to", "2024-02-02")
            .contains("not both"));
    assertTrue(failure("nightly", "--from", "2024-02-01").contains("--from needs --to"));
    assertTrue(
        failure("nightly", "--from", "2024-02-03", "--to", "2024-02-01")
            .contains("is before --from"));
    assertTrue(
        failure("nightly", "--stages", "terms").contains("Unknown option '--stages' for 'nightly'"),
        "a night runs every stage");
  }

  @Test
  void runKeepsModelsAndRefitNeedsNoInput() {
    assertTrue(CommandLine.parse(new String[] {"run", "--keep-models"}).has("--keep-models"));
    assertEquals(
        CommandLine.Command.REFIT,
        CommandLine.parse(new String[] {"refit", "--output", "o/"}).command());
    assertTrue(failure("refit", "--input", "x").contains("Unknown option '--input' for 'refit'"));
    assertTrue(failure("run", "--keep-models=yes").contains("takes no value"));
  }
}
