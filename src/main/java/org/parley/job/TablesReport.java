package org.parley.job;

import java.util.Map;
import org.parley.tables.Table;
import org.parley.tables.TableStore;

/**
 * {@code parley tables [--as-of RUN_ID]}: each table's Delta version as a successful run left it
 * (the latest by default), and how to read exactly that version.
 */
public final class TablesReport {
  private TablesReport() {}

  public static String describe(TableStore tables, String asOf) {
    Map<Table, RunHistory.TableVersion> versions = RunHistory.asOf(tables, asOf);
    StringBuilder s =
        new StringBuilder(
            asOf == null
                ? "Tables of the latest successful run in " + tables.outputPath() + ":\n"
                : "Tables as of run " + asOf + " in " + tables.outputPath() + ":\n");
    s.append(String.format("  %-26s %8s  %s%n", "table", "version", "committed by run"));
    versions
        .values()
        .forEach(
            v ->
                s.append(
                    String.format(
                        "  %-26s %8d  %s%n", v.table().name(), v.version(), v.committedBy())));
    RunHistory.TableVersion example = versions.values().iterator().next();
    s.append("Read a table at its version:\n")
        .append("  Spark SQL:  SELECT * FROM delta.`")
        .append(tables.path(example.table()))
        .append("` VERSION AS OF ")
        .append(example.version())
        .append('\n')
        .append("  Spark:      spark.read.format(\"delta\").option(\"versionAsOf\", ")
        .append(example.version())
        .append(").load(\"")
        .append(tables.path(example.table()))
        .append("\")\n")
        .append("  Python:     deltalake.DeltaTable(\"")
        .append(tables.path(example.table()))
        .append("\", version=")
        .append(example.version())
        .append(")");
    return s.toString();
  }
}
