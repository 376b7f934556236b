package org.parley.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

/** Arguments of `parley run`, and their place in the config precedence. */
class CommandLineTest {

  private static String failure(String... args) {
    return assertThrows(ConfigException.class, () -> CommandLine.parse(args)).getMessage();
  }

  @Test
  void allOptions() {
    CommandLine cli = CommandLine.parse(new String[] {
        "run", "--config", "c.yaml", "--input", "a/", "--input=b.csv", "--output", "out2/",
        "--stages", "terms", "--set", "terms.phrases.min_count=5", "--set=text.extra_stop_words=[x, y]"});
    assertEquals(CommandLine.Command.RUN, cli.command());
    assertEquals("c.yaml", cli.configFile());
    assertEquals(Map.of("terms.phrases.min_count", "5", "text.extra_stop_words", "[x, y]"), cli.settings());
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
    assertEquals(CommandLine.Command.RUN_HELP, CommandLine.parse(new String[] {"run", "--help"}).command());
    assertEquals(CommandLine.Command.RUN_HELP,
        CommandLine.parse(new String[] {"run", "--output", "x", "-h"}).command());
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
    Files.writeString(file, String.join("\n",
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
    CommandLine cli = CommandLine.parse(new String[] {"run", "--config", file.toString(),
        "--set", "output.path=set-out/", "--set", "run.stages=ingest", "--set", "terms.phrases.min_count=8",
        "--set", "input.paths=set-in/",
        "--input", "cli-in/", "--output", "cli-out/", "--stages", "terms,ingest"});
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
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, cli.settings(), cli.options()));
    assertTrue(e.getMessage().contains("'run.stages'") && e.getMessage().contains("command line"), e.getMessage());
  }

  @Test
  void runUsageListsEveryKeyWithItsDefault() {
    String usage = CommandLine.runUsage();
    for (var key : ConfigKeys.ALL.values()) {
      assertTrue(usage.contains("  " + key.name() + " [" + key.defaultValue() + "]"), key.name());
    }
  }
}
