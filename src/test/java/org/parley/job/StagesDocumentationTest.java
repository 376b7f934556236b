package org.parley.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.pipeline.Step;
import org.parley.tables.Table;

/**
 * README.md's stage table is the one {@link Stages} declares: each stage's name, and the tables it
 * reads and writes, in pipeline order. On a mismatch the failure prints the block to paste.
 */
class StagesDocumentationTest {
  private static final Path README = Path.of("README.md");
  private static final String BEGIN = "<!-- stages:begin -->";
  private static final String END = "<!-- stages:end -->";

  /** The block as README.md must hold it, markers included. */
  static String expectedBlock() {
    StringBuilder s = new StringBuilder(BEGIN).append('\n');
    s.append("| stage | reads | writes |\n");
    s.append("|---|---|---|\n");
    for (Step step : Stages.ALL) {
      s.append("| `")
          .append(step.name())
          .append("` | ")
          .append(step.reads().isEmpty() ? "input files" : names(step.reads()))
          .append(" | ")
          .append(names(step.writes()))
          .append(" |\n");
    }
    return s.append(END).toString();
  }

  private static String names(List<Table> tables) {
    return tables.stream().map(t -> "`" + t.name() + "`").collect(Collectors.joining(", "));
  }

  @Test
  void readmeStageTableIsTheStagesReadsAndWrites() throws IOException {
    String readme = Files.readString(README);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    String expected = expectedBlock();
    assertTrue(
        begin >= 0 && end > begin,
        README + " must hold the stage table between " + BEGIN + " and " + END + ":\n" + expected);
    String actual = readme.substring(begin, end + END.length()).replace("\r\n", "\n");
    assertEquals(
        expected,
        actual,
        README
            + "'s stage table differs from the stages; the block should read:\n"
            + expected
            + "\n");
  }

  @Test
  void theExpectedBlockListsEveryStageWithItsTables() {
    String block = expectedBlock();
    List<String> rows = block.lines().filter(l -> l.startsWith("| `")).toList();
    assertEquals(
        List.of("ingest", "stories", "terms", "actors", "topics"),
        rows.stream().map(r -> r.substring(3, r.indexOf('`', 3))).toList());
    assertEquals("| `stories` | `articles` | `stories`, `story_bands` |", rows.get(1));
    assertTrue(
        rows.get(0)
            .startsWith(
                "| `ingest` | input files | `articles`, `rejected_records`, `furniture`, `sentences`"),
        rows.get(0));
  }
}
