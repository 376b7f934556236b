package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports run one way: entry point → job → stages → pipeline contracts → tables/config. Reads the
 * main sources (source code, not data) and builds the package graph from {@code org.parley}
 * references: imports, static imports and fully qualified names.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java");

  /** The package of org/parley/*.java, the entry point. */
  private static final String ROOT = "(root)";

  private static final Set<String> STAGES =
      Set.of("ingest", "stories", "terms", "actors", "topics");
  private static final Set<String> ABOVE_STAGES = Set.of(ROOT, "job", "cli");

  /** A reference to a class under org.parley: the package segment, then an upper-case name. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\borg\\.parley\\.(?:([a-z]\\w*)\\.)?[A-Z]");

  private static Map<String, Set<String>> graph;

  @BeforeAll
  static void readSources() {
    graph = dependencies(SOURCES.resolve("org/parley"));
  }

  /** Package → the org.parley packages its classes refer to (itself excluded). */
  static Map<String, Set<String>> dependencies(Path root) {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path dir = root.relativize(file).getParent();
        String from = dir == null ? ROOT : dir.toString().replace('/', '.');
        Set<String> to = out.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(withoutComments(Files.readString(file)));
        while (m.find()) {
          String target = m.group(1) == null ? ROOT : m.group(1);
          if (!target.equals(from)) {
            to.add(target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Comments may name any class ({@code @link}s): only code counts. */
  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }

  /** Every cycle, each as its packages from its smallest member around and back. */
  static List<String> cycles(Map<String, Set<String>> graph) {
    Set<String> found = new TreeSet<>();
    for (String start : graph.keySet()) {
      walk(graph, start, new ArrayList<>(List.of(start)), found);
    }
    return List.copyOf(found);
  }

  private static void walk(
      Map<String, Set<String>> graph, String start, List<String> path, Set<String> found) {
    for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
      if (next.equals(start)) {
        found.add(String.join(" -> ", path) + " -> " + start);
      } else if (next.compareTo(start) > 0 && !path.contains(next)) {
        // Only cycles whose smallest package is start: each cycle is reported once.
        path.add(next);
        walk(graph, start, path, found);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The edges from packages in {@code from} to packages in {@code forbidden}. */
  private static List<String> edges(Set<String> from, Set<String> forbidden) {
    List<String> out = new ArrayList<>();
    graph.forEach(
        (p, targets) -> {
          if (from.contains(p)) {
            targets.stream().filter(forbidden::contains).forEach(t -> out.add(p + " -> " + t));
          }
        });
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void theSourcesAreRead() {
    assertTrue(
        graph
            .keySet()
            .containsAll(union(STAGES, Set.of(ROOT, "job", "pipeline", "tables", "config"))),
        "packages found: " + graph.keySet());
    assertTrue(
        graph.get("job").contains("pipeline"),
        "job runs the pipeline's steps: " + graph.get("job"));
  }

  @Test
  void noPackageCycles() {
    assertEquals(List.of(), cycles(graph), "package cycles in " + SOURCES);
  }

  @Test
  void aStageImportsNoOtherStageNorTheJob() {
    List<String> bad = new ArrayList<>();
    for (String stage : STAGES) {
      Set<String> others = new TreeSet<>(STAGES);
      others.remove(stage);
      bad.addAll(edges(Set.of(stage), union(others, ABOVE_STAGES)));
    }
    assertEquals(List.of(), bad, "stages depend only on pipeline, text, spark, tables and config");
  }

  @Test
  void pipelineImportsNoStageNorTheJob() {
    assertEquals(
        List.of(),
        edges(Set.of("pipeline"), union(STAGES, ABOVE_STAGES)),
        "the pipeline's contracts sit below the stages");
  }

  @Test
  void tablesAndConfigImportNothingAbove() {
    assertEquals(
        List.of(),
        edges(Set.of("tables", "config"), union(union(STAGES, ABOVE_STAGES), Set.of("pipeline"))),
        "tables and config are the bottom layer");
  }

  @Test
  void onlyTheEntryPointAndTheJobUseTheCorpusGenerator() {
    // corpus is a tool beside the job (it uses the actor dictionary to cast its articles), not a
    // layer
    Set<String> below = new TreeSet<>(graph.keySet());
    below.removeAll(union(ABOVE_STAGES, Set.of("corpus")));
    assertEquals(
        List.of(), edges(below, Set.of("corpus")), "the pipeline does not depend on the generator");
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> withCycle =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
    assertEquals(List.of("a -> b -> c -> a"), cycles(withCycle));
    assertEquals(List.of(), cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())));
  }
}
