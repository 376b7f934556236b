package org.parley.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns benchmark results (the harness's JSON files) into the tables and the chart of
 * BENCHMARKS.md: for each corpus size the latest result, seconds per stage and per baseline, the
 * targets, and the growth from 100k to 1M articles; and into the generated history of every run
 * ({@link BenchHistory}). Reads local files: results are small reports, not data. Arguments: {@code
 * RESULTS_DIR [SVG_FILE] [MARKDOWN_FILE] [HISTORY_FILE]}; jobs/bench-report runs it.
 */
public final class BenchReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final double MAX_GROWTH_100K_TO_1M = 11.0;

  /** Added to each loaded result: the file its figures come from, so every table can cite it. */
  static final String RESULT_FILE = "result_file";

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "jobs/bench-results");
    Path svg = Path.of(args.length > 1 ? args[1] : dir.resolve("stages.svg").toString());
    Path markdown = Path.of(args.length > 2 ? args[2] : dir.resolve("latest.md").toString());
    Path history = Path.of(args.length > 3 ? args[3] : "docs/benchmark-history.md");
    List<Map<String, Object>> all = load(dir);
    List<Map<String, Object>> latest = latestPerSize(all);
    if (latest.isEmpty()) {
      System.err.println("bench-report: no results in " + dir);
      System.exit(2);
    }
    String tables = markdown(latest, all);
    Files.writeString(svg, chart(latest), StandardCharsets.UTF_8);
    Files.writeString(markdown, tables, StandardCharsets.UTF_8);
    Files.writeString(
        history, BenchHistory.markdown(all, BenchHistory.loadNightly(dir)), StandardCharsets.UTF_8);
    System.out.println(tables);
    System.out.println("bench-report: wrote " + svg + ", " + markdown + " and " + history);
  }

  /**
   * Every harness result in the folder, each with the name of its file under {@link #RESULT_FILE}.
   */
  static List<Map<String, Object>> load(Path dir) throws IOException {
    List<Map<String, Object>> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().matches("bench-.*\\.json"))
              .sorted()
              .toList()) {
        Map<String, Object> r =
            JSON.readValue(f.toFile(), new TypeReference<Map<String, Object>>() {});
        r.put(RESULT_FILE, f.getFileName().toString());
        results.add(r);
      }
    }
    return results;
  }

  /** The most recent result for each corpus size (records read), smallest corpus first. */
  static List<Map<String, Object>> latestPerSize(List<Map<String, Object>> results) {
    Map<Long, Map<String, Object>> bySize = new TreeMap<>();
    results.stream()
        .sorted(Comparator.comparing(r -> (String) r.get("started_at")))
        .forEach(r -> bySize.put(records(r), r));
    return new ArrayList<>(bySize.values());
  }

  @SuppressWarnings("unchecked")
  static long records(Map<String, Object> r) {
    return ((Number) ((Map<String, Object>) r.get("corpus")).get("records")).longValue();
  }

  /** Seconds by series name: each Parley stage, the whole run, and each baseline that ran. */
  @SuppressWarnings("unchecked")
  static Map<String, Double> series(Map<String, Object> r) {
    Map<String, Double> s = new LinkedHashMap<>();
    for (Map<String, Object> stage : (List<Map<String, Object>>) r.get("stages")) {
      s.put((String) stage.get("stage"), ((Number) stage.get("seconds")).doubleValue());
    }
    s.put("parley total", ((Number) r.get("total_seconds")).doubleValue());
    Map<String, Object> baselines = (Map<String, Object>) r.get("baselines");
    baselines.forEach(
        (name, b) -> {
          Object seconds = ((Map<String, Object>) b).get("seconds");
          if (seconds instanceof Number n) {
            s.put("baseline " + name, n.doubleValue());
          }
        });
    return s;
  }

  static String markdown(List<Map<String, Object>> latest) {
    return markdown(latest, latest);
  }

  /** The tables of the latest results; {@code all} results, for the growth between sizes. */
  @SuppressWarnings("unchecked")
  static String markdown(List<Map<String, Object>> latest, List<Map<String, Object>> all) {
    StringBuilder md = new StringBuilder();
    List<String> names = new ArrayList<>();
    latest.forEach(
        r ->
            series(r)
                .keySet()
                .forEach(
                    n -> {
                      if (!names.contains(n)) {
                        names.add(n);
                      }
                    }));
    md.append("| seconds | ");
    latest.forEach(r -> md.append(String.format(Locale.ROOT, "%,d articles | ", records(r))));
    md.append("\n|---|").append("---:|".repeat(latest.size())).append('\n');
    for (String n : names) {
      md.append("| ").append(n).append(" | ");
      for (Map<String, Object> r : latest) {
        Double v = series(r).get(n);
        md.append(v == null ? "–" : String.format(Locale.ROOT, "%,.1f", v)).append(" | ");
      }
      md.append('\n');
    }
    md.append("\n| figure | ");
    latest.forEach(r -> md.append(String.format(Locale.ROOT, "%,d articles | ", records(r))));
    md.append("\n|---|").append("---:|".repeat(latest.size())).append('\n');
    row(md, "accepted articles", latest, r -> fmt(corpus(r).get("articles"), "%,d"));
    row(md, "tokens", latest, r -> fmt(corpus(r).get("tokens"), "%,d"));
    row(
        md,
        "input MB",
        latest,
        r -> fmt(((Number) corpus(r).get("bytes")).doubleValue() / 1e6, "%,.0f"));
    row(
        md,
        "articles/s end to end",
        latest,
        r -> fmt(records(r) / ((Number) r.get("total_seconds")).doubleValue(), "%,.0f"));
    row(
        md,
        "driver heap peak live (GB)",
        latest,
        r ->
            fmt(
                ((Number) mem(r).get("peak_heap_live_after_gc_bytes")).doubleValue() / (1L << 30),
                "%.2f"));
    row(
        md,
        "driver -Xmx (GB)",
        latest,
        r -> fmt(((Number) mem(r).get("max_heap_bytes")).doubleValue() / (1L << 30), "%.1f"));
    row(
        md,
        "Parley topics mean NPMI",
        latest,
        r -> fmt(((Map<String, Object>) r.get("parley_topics")).get("mean_npmi"), "%.3f"));
    row(
        md,
        "MALLET mean NPMI",
        latest,
        r -> {
          Map<String, Object> m =
              (Map<String, Object>) ((Map<String, Object>) r.get("baselines")).get("mallet");
          return m == null ? "–" : fmt(m.get("mean_npmi"), "%.3f");
        });
    row(
        md,
        "MALLET mean NPMI, terms ranked as Parley's",
        latest,
        r -> {
          Map<String, Object> m =
              (Map<String, Object>) ((Map<String, Object>) r.get("baselines")).get("mallet");
          return m == null || m.get("mean_npmi_parley_ranking") == null
              ? "–"
              : fmt(m.get("mean_npmi_parley_ranking"), "%.3f");
        });
    row(
        md,
        "terms/SQL, SQL counts alone (no trends table)",
        latest,
        r ->
            targets(r).stream()
                .filter(t -> "terms_vs_sql".equals(t.get("target")))
                .findFirst()
                .map(t -> fmt(t.get("share_counts_only"), "%.2f"))
                .orElse("–"));
    row(md, "git commit", latest, r -> String.valueOf(r.get("git_commit")).substring(0, 8));
    row(
        md,
        "result file",
        latest,
        r -> r.containsKey(RESULT_FILE) ? "`" + r.get(RESULT_FILE) + "`" : "–");

    md.append("\n| target | ");
    latest.forEach(r -> md.append(String.format(Locale.ROOT, "%,d articles | ", records(r))));
    md.append("\n|---|").append("---|".repeat(latest.size())).append('\n');
    List<String> targetNames = new ArrayList<>();
    latest.forEach(
        r ->
            targets(r)
                .forEach(
                    t -> {
                      if (!targetNames.contains((String) t.get("target"))) {
                        targetNames.add((String) t.get("target"));
                      }
                    }));
    for (String t : targetNames) {
      row(
          md,
          t,
          latest,
          r ->
              targets(r).stream()
                  .filter(x -> t.equals(x.get("target")))
                  .findFirst()
                  .map(BenchReport::verdict)
                  .orElse("–"));
    }
    growth(all)
        .ifPresent(
            g -> {
              md.append("| growth 100k → 1M (at most ")
                  .append(MAX_GROWTH_100K_TO_1M)
                  .append("×) | ");
              latest.forEach(
                  r ->
                      md.append(Math.abs(records(r) - 1_000_000) <= 100_000 ? g : "–")
                          .append(" | "));
              md.append('\n');
            });
    return md.toString();
  }

  /**
   * The latest 1M run's total over that of the latest 100k run of the same commit: only the same
   * code at both sizes says how the cost grows. Without such a run the ratio to the latest 100k run
   * is shown but not judged. Empty when either size is missing.
   */
  static java.util.Optional<String> growth(List<Map<String, Object>> results) {
    List<Map<String, Object>> byTime =
        results.stream().sorted(Comparator.comparing(r -> (String) r.get("started_at"))).toList();
    Map<String, Object> large = null;
    for (Map<String, Object> r : byTime) {
      if (Math.abs(records(r) - 1_000_000) <= 100_000) {
        large = r;
      }
    }
    if (large == null) {
      return java.util.Optional.empty();
    }
    Map<String, Object> sameCode = null;
    Map<String, Object> latestSmall = null;
    for (Map<String, Object> r : byTime) {
      if (Math.abs(records(r) - 100_000) <= 10_000) {
        latestSmall = r;
        if (String.valueOf(r.get("git_commit")).equals(String.valueOf(large.get("git_commit")))) {
          sameCode = r;
        }
      }
    }
    if (latestSmall == null) {
      return java.util.Optional.empty();
    }
    if (sameCode != null) {
      double ratio = totalSeconds(large) / totalSeconds(sameCode);
      return java.util.Optional.of(
          String.format(
              Locale.ROOT, "%.1f× — %s", ratio, ratio <= MAX_GROWTH_100K_TO_1M ? "met" : "missed"));
    }
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "n/a: no 100k run at %s (%.1f× the 100k run at %s, other code)",
            shortCommit(large),
            totalSeconds(large) / totalSeconds(latestSmall),
            shortCommit(latestSmall)));
  }

  private static double totalSeconds(Map<String, Object> r) {
    return ((Number) r.get("total_seconds")).doubleValue();
  }

  private static String shortCommit(Map<String, Object> r) {
    String commit = String.valueOf(r.get("git_commit"));
    return commit.substring(0, Math.min(8, commit.length()));
  }

  private static String verdict(Map<String, Object> t) {
    Object met = t.get("met");
    String figures =
        String.format(
            Locale.ROOT,
            "%.3g / %.3g",
            ((Number) t.get("actual")).doubleValue(),
            ((Number) t.get("limit")).doubleValue());
    return (met == null ? "n/a" : (Boolean) met ? "met" : "**missed**") + " (" + figures + ")";
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> targets(Map<String, Object> r) {
    return (List<Map<String, Object>>) r.get("targets");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> corpus(Map<String, Object> r) {
    return (Map<String, Object>) r.get("corpus");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mem(Map<String, Object> r) {
    return (Map<String, Object>) r.get("driver_memory");
  }

  private static String fmt(Object value, String format) {
    return value == null ? "–" : String.format(Locale.ROOT, format, value);
  }

  private static void row(
      StringBuilder md,
      String name,
      List<Map<String, Object>> latest,
      java.util.function.Function<Map<String, Object>, String> cell) {
    md.append("| ").append(name).append(" | ");
    latest.forEach(r -> md.append(cell.apply(r)).append(" | "));
    md.append('\n');
  }

  // ---- the chart: seconds against articles, both on log scales, one line per series ----

  private static final int WIDTH = 760;
  private static final int HEIGHT = 460;
  private static final int LEFT = 70;
  private static final int RIGHT = 200;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939"
  };

  static String chart(List<Map<String, Object>> latest) {
    Map<String, List<double[]>> lines = new LinkedHashMap<>();
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (Map<String, Object> r : latest) {
      double x = records(r);
      for (Map.Entry<String, Double> e : series(r).entrySet()) {
        double y = Math.max(e.getValue(), 0.01);
        lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {x, y});
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    double x0 = Math.floor(Math.log10(minX));
    double x1 = Math.max(Math.ceil(Math.log10(maxX)), x0 + 1);
    double y0 = Math.floor(Math.log10(minY));
    double y1 = Math.max(Math.ceil(Math.log10(maxY)), y0 + 1);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"14\">Seconds per stage against corpus size (log–log; 2 cores, local mode)</text>%n",
            LEFT));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (int d = (int) x0; d <= x1; d++) {
      double px = LEFT + (d - x0) / (x1 - x0) * plotW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
              px,
              TOP,
              px,
              TOP + plotH));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              px,
              TOP + plotH + 18,
              humanCount(Math.pow(10, d))));
    }
    for (int d = (int) y0; d <= y1; d++) {
      double py = TOP + plotH - (d - y0) / (y1 - y0) * plotH;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
              LEFT,
              py,
              LEFT + plotW,
              py));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s s</text>%n",
              LEFT - 6,
              py + 4,
              humanCount(Math.pow(10, d))));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">articles</text>%n",
            LEFT + plotW / 2,
            HEIGHT - 12));
    int i = 0;
    for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
      String colour = COLOURS[i % COLOURS.length];
      boolean baseline = line.getKey().startsWith("baseline");
      StringBuilder points = new StringBuilder();
      for (double[] p : line.getValue()) {
        double px = LEFT + (Math.log10(p[0]) - x0) / (x1 - x0) * plotW;
        double py = TOP + plotH - (Math.log10(p[1]) - y0) / (y1 - y0) * plotH;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                px,
                py,
                colour));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
              points.toString().strip(),
              colour,
              line.getKey().equals("parley total") ? "3" : "1.5",
              baseline ? " stroke-dasharray=\"5,4\"" : ""));
      int ly = TOP + 10 + i * 18;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
              LEFT + plotW + 12,
              ly,
              LEFT + plotW + 36,
              ly,
              colour,
              baseline ? " stroke-dasharray=\"5,4\"" : ""));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s</text>%n",
              LEFT + plotW + 42,
              ly + 4,
              line.getKey()));
      i++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String humanCount(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.0fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
  }
}
