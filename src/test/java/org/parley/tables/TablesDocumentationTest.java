package org.parley.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md documents every table of {@link Tables#ALL} in a section of its own ({@code ##
 * `name`}) with one row per column ({@code | `column` | type | meaning |}), in the schema's order;
 * the document and the schemas must not drift apart.
 */
class TablesDocumentationTest {
  private static final Path DOC = Path.of("docs/tables.md");
  private static final Pattern SECTION = Pattern.compile("^## `([a-z_]+)`\\s*$");
  private static final Pattern COLUMN_ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");

  /** Table name → the columns its section lists, in document order. */
  private static Map<String, List<String>> documented() throws IOException {
    assertTrue(Files.isRegularFile(DOC), DOC + " must exist: it documents every table");
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        current = new ArrayList<>();
        List<String> previous = sections.put(section.group(1), current);
        assertEquals(null, previous, DOC + " has two sections for table " + section.group(1));
      } else if (line.startsWith("## ")) {
        current = null; // a section that is not a table's (e.g. how to read them)
      } else if (current != null) {
        Matcher column = COLUMN_ROW.matcher(line);
        if (column.find()) {
          current.add(column.group(1));
        }
      }
    }
    return sections;
  }

  private static Map<String, List<String>> declared() {
    Map<String, List<String>> tables = new TreeMap<>();
    for (Table t : Tables.ALL) {
      List<String> columns = new ArrayList<>();
      for (StructField f : t.schema().fields()) {
        columns.add(f.name());
      }
      tables.put(t.name(), columns);
    }
    return tables;
  }

  @Test
  void everyTableHasASectionAndNoOtherTableDoes() throws IOException {
    Set<String> documented = documented().keySet();
    Set<String> missing = new TreeSet<>(declared().keySet());
    missing.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(declared().keySet());
    assertTrue(missing.isEmpty(), "tables without a section in " + DOC + ": " + missing);
    assertTrue(
        unknown.isEmpty(),
        "sections in " + DOC + " for tables Tables does not declare: " + unknown);
    assertTrue(
        documented.contains("articles") && documented.contains("actor_comentions"),
        documented.toString());
  }

  @Test
  void everyColumnIsDocumentedOnceInSchemaOrderAndNoOtherColumnIs() throws IOException {
    Map<String, List<String>> documented = documented();
    List<String> problems = new ArrayList<>();
    declared()
        .forEach(
            (table, columns) -> {
              List<String> rows = documented.getOrDefault(table, List.of());
              Set<String> missing = new TreeSet<>(columns);
              missing.removeAll(rows);
              Set<String> unknown = new TreeSet<>(rows);
              unknown.removeAll(columns);
              if (!missing.isEmpty()) {
                problems.add(table + ": undocumented " + missing);
              }
              if (!unknown.isEmpty()) {
                problems.add(table + ": documented but not in the schema " + unknown);
              }
              if (new TreeSet<>(rows).size() != rows.size()) {
                problems.add(table + ": a column documented twice " + rows);
              } else if (missing.isEmpty() && unknown.isEmpty() && !rows.equals(columns)) {
                problems.add(table + ": columns not in the schema's order " + columns);
              }
            });
    assertTrue(problems.isEmpty(), DOC + " and Tables disagree:\n" + String.join("\n", problems));
    assertEquals(
        List.of("unit", "actor_a", "actor_b"),
        documented.get("actor_comentions").subList(0, 3),
        "actor_comentions is keyed by unit and pair");
  }
}
