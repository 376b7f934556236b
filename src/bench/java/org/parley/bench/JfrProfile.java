package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a stage spends its time, from a JFR recording of a benchmark run (jobs/bench.sh with
 * PARLEY_BENCH_PROFILE): the CPU samples between two times of day (UTC, as the run log prints stage
 * starts), summarised as the hottest methods by self time, the Parley methods by inclusive time,
 * and a flame graph (SVG) of the whole stacks. Arguments: {@code FILE.jfr FROM TO OUT_PREFIX},
 * times as HH:mm:ss.
 */
public final class JfrProfile {
  private static final int MAX_DEPTH = 64;

  private JfrProfile() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println(
          "Usage: JfrProfile FILE.jfr FROM TO OUT_PREFIX   (FROM/TO as HH:mm:ss UTC)");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    List<List<String>> stacks = new ArrayList<>();
    Instant from = null;
    Instant to = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null) {
        continue;
      }
      if (from == null) {
        // The recording's own day: the log prints times of day only.
        LocalDate day = e.getStartTime().atZone(ZoneOffset.UTC).toLocalDate();
        from = LocalTime.parse(args[1]).atDate(day).toInstant(ZoneOffset.UTC);
        to = LocalTime.parse(args[2]).atDate(day).toInstant(ZoneOffset.UTC);
      }
      if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
        continue;
      }
      stacks.add(frames(e.getStackTrace()));
    }
    String report = report(stacks, args[1], args[2]);
    System.out.println(report);
    Files.writeString(Path.of(args[3] + ".md"), report, StandardCharsets.UTF_8);
    Files.writeString(
        Path.of(args[3] + ".svg"),
        FlameGraph.svg(
            stacks,
            "CPU samples " + args[1] + "–" + args[2] + " UTC (" + stacks.size() + " samples)"),
        StandardCharsets.UTF_8);
  }

  /** Root first, at most MAX_DEPTH frames (the root end kept: it says which stage is running). */
  private static List<String> frames(RecordedStackTrace trace) {
    List<RecordedFrame> fs = trace.getFrames();
    List<String> out = new ArrayList<>();
    for (int i = fs.size() - 1; i >= 0 && out.size() < MAX_DEPTH; i--) {
      RecordedFrame f = fs.get(i);
      out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
    }
    return out;
  }

  static String report(List<List<String>> stacks, String from, String to) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> parleyInclusive = new HashMap<>();
    for (List<String> stack : stacks) {
      if (stack.isEmpty()) {
        continue;
      }
      self.merge(stack.get(stack.size() - 1), 1, Integer::sum);
      stack.stream()
          .filter(m -> m.startsWith("org.parley."))
          .distinct()
          .forEach(m -> parleyInclusive.merge(m, 1, Integer::sum));
    }
    StringBuilder md =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "CPU samples from %s to %s UTC: %,d%n%n| self %% | method |%n|---:|---|%n",
                from,
                to,
                stacks.size()));
    top(self, 20)
        .forEach(
            (n, m) ->
                md.append(
                    String.format(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * n / stacks.size(), m)));
    md.append("\n| inclusive % | Parley method |\n|---:|---|\n");
    top(parleyInclusive, 20)
        .forEach(
            (n, m) ->
                md.append(
                    String.format(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * n / stacks.size(), m)));
    return md.toString();
  }

  /** The n largest counts, largest first (ties in name order). */
  private static Map<Integer, String> top(Map<String, Integer> counts, int n) {
    Map<Integer, String> out = new TreeMap<>((a, b) -> Integer.compare(b, a));
    counts.entrySet().stream()
        .sorted(
            (a, b) ->
                a.getValue().equals(b.getValue())
                    ? a.getKey().compareTo(b.getKey())
                    : b.getValue() - a.getValue())
        .limit(n)
        .forEach(e -> out.merge(e.getValue(), e.getKey(), (x, y) -> x + "`, `" + y));
    return out;
  }
}
