package org.parley.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.job.Maintenance;
import org.parley.job.ParleyJob;

/**
 * What a command prints when it ends, for people: one aligned column of tables with their rows, one
 * of stages with their seconds (to 0.1 s), then the warnings, so the last lines say what to look
 * at.
 */
public final class Summaries {
  private Summaries() {}

  public static String run(ParleyJob.RunResult r) {
    StringBuilder s =
        new StringBuilder(
            "Parley "
                + r.command()
                + " "
                + r.runId()
                + " succeeded in "
                + duration(r.seconds())
                + "; stages "
                + String.join(", ", r.stages())
                + "\n");
    for (String recovered : r.recoveredRuns()) {
      s.append("recovered run ")
          .append(recovered)
          .append(
              ", which did not finish: its tables were restored and it is recorded as failed\n");
    }
    if (r.ingestTotals() != null) {
      var t = r.ingestTotals();
      s.append(
          String.format(
              Locale.ROOT,
              "records read %d = accepted %d + duplicates %d + rejected %d%n",
              t.recordsRead(),
              t.accepted(),
              t.duplicates(),
              t.rejected()));
    }
    s.append(table("table", "rows", r.tableRows(), n -> String.format(Locale.ROOT, "%,d", n)));
    s.append(table("stage", "seconds", r.stageSeconds(), Summaries::seconds));
    for (String w : r.warnings()) {
      s.append("warning: ").append(w).append('\n');
    }
    s.append("tables in ").append(r.outputPath());
    return s.toString();
  }

  public static String maintain(Maintenance.Result r) {
    return "Parley maintain "
        + r.runId()
        + " succeeded: "
        + r.tableVersions().size()
        + " tables compacted and vacuumed\n"
        + table("stage", "seconds", r.stageSeconds(), Summaries::seconds).stripTrailing();
  }

  /** Seconds as people read them: one decimal. */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }

  private static String duration(double seconds) {
    return seconds < 60
        ? seconds(seconds) + " s"
        : String.format(Locale.ROOT, "%d min %s s", (long) (seconds / 60), seconds(seconds % 60));
  }

  /** Two columns: names left-aligned, values right-aligned under their heading. */
  private static <V> String table(
      String nameHeading,
      String valueHeading,
      Map<String, V> rows,
      java.util.function.Function<V, String> format) {
    if (rows.isEmpty()) {
      return "";
    }
    List<String> values = new ArrayList<>();
    int nameWidth = nameHeading.length();
    int valueWidth = valueHeading.length();
    for (Map.Entry<String, V> e : rows.entrySet()) {
      String v = format.apply(e.getValue());
      values.add(v);
      nameWidth = Math.max(nameWidth, e.getKey().length());
      valueWidth = Math.max(valueWidth, v.length());
    }
    String line = "  %-" + nameWidth + "s  %" + valueWidth + "s%n";
    StringBuilder s =
        new StringBuilder(String.format(Locale.ROOT, line, nameHeading, valueHeading));
    int i = 0;
    for (String name : rows.keySet()) {
      s.append(String.format(Locale.ROOT, line, name, values.get(i++)));
    }
    return s.toString();
  }
}
