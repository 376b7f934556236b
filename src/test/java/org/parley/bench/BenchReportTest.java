package org.parley.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static Map<String, Object> result(
      String startedAt, long records, double ingest, double total, Double npmi) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("started_at", startedAt);
    r.put("git_commit", "0123456789abcdef");
    r.put(
        "corpus",
        new LinkedHashMap<>(
            Map.of(
                "records",
                records,
                "articles",
                records - 1,
                "tokens",
                records * 300,
                "bytes",
                records * 2000)));
    List<Map<String, Object>> stages = new ArrayList<>();
    stages.add(Map.of("stage", "ingest", "seconds", ingest));
    stages.add(Map.of("stage", "terms", "seconds", total - ingest));
    r.put("stages", stages);
    r.put("total_seconds", total);
    r.put(
        "driver_memory",
        Map.of("max_heap_bytes", 4L << 30, "peak_heap_live_after_gc_bytes", 1L << 30));
    Map<String, Object> topics = new LinkedHashMap<>();
    topics.put("mean_npmi", npmi);
    r.put("parley_topics", topics);
    r.put("baselines", Map.of("sql_terms", Map.of("seconds", total / 4)));
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("target", "end_to_end_100k");
    target.put("actual", total);
    target.put("limit", 600.0);
    target.put("met", records == 100_000 ? total <= 600 : null);
    r.put("targets", List.of(target));
    return r;
  }

  @Test
  void keepsTheLatestResultPerCorpusSizeAndJudgesGrowth() {
    List<Map<String, Object>> all =
        List.of(
            result("2026-11-23T08:00:00Z", 100_000, 60, 400, 0.3),
            result(
                "2026-11-23T07:00:00Z", 100_000, 90, 900, 0.3), // older: replaced by the 08:00 run
            result("2026-11-23T09:00:00Z", 1_000_000, 700, 4800, null),
            result("2026-11-23T06:00:00Z", 10_000, 8, 50, 0.25));
    List<Map<String, Object>> latest = BenchReport.latestPerSize(all);
    assertEquals(
        List.of(10_000L, 100_000L, 1_000_000L), latest.stream().map(BenchReport::records).toList());
    assertEquals(400.0, latest.get(1).get("total_seconds"));
    assertEquals("12.0× — missed", BenchReport.growth(latest).orElseThrow());

    String md = BenchReport.markdown(latest);
    assertTrue(md.contains("| ingest | 8.0 | 60.0 | 700.0 |"), md);
    assertTrue(md.contains("| baseline sql_terms | 12.5 | 100.0 | 1,200.0 |"), md);
    assertTrue(
        md.contains(
            "| end_to_end_100k | n/a (50.0 / 600) | met (400 / 600) | n/a (4.80e+03 / 600) |"),
        md);
    assertTrue(md.contains("| growth 100k → 1M (at most 11.0×) | – | – | 12.0× — missed |"), md);

    String svg = BenchReport.chart(latest);
    assertTrue(svg.startsWith("<svg"), svg);
    assertEquals(
        4,
        svg.split("<polyline", -1).length - 1,
        "ingest, terms, parley total, baseline sql_terms");
    assertTrue(svg.contains(">1M</text>") && svg.contains(">10k</text>"), "log axis labels");
  }

  @Test
  void growthComparesOnlyRunsOfTheSameCommit() {
    Map<String, Object> oldSmall = result("2026-11-23T07:00:00Z", 100_000, 90, 900, 0.3);
    Map<String, Object> large = result("2026-11-23T09:00:00Z", 1_000_000, 700, 7200, null);
    Map<String, Object> newSmall = result("2026-11-23T10:00:00Z", 100_000, 40, 450, 0.3);
    newSmall.put("git_commit", "fedcba9876543210");
    // The newer 100k run is other code: the 1M run is judged against the older one of its commit.
    assertEquals(
        "8.0× — met", BenchReport.growth(List.of(oldSmall, large, newSmall)).orElseThrow());
    // With no 100k run of the 1M run's commit, the ratio is shown but not judged.
    assertEquals(
        "n/a: no 100k run at 01234567 (16.0× the 100k run at fedcba98, other code)",
        BenchReport.growth(List.of(large, newSmall)).orElseThrow());
    assertTrue(BenchReport.growth(List.of(newSmall)).isEmpty());
  }

  @Test
  void historyIsATablePerCorpusSizeCitingEachResultFile() {
    Map<String, Object> older = result("2026-11-23T07:00:00Z", 100_000, 90, 900, 0.3);
    older.put(BenchReport.RESULT_FILE, "bench-a-100k.json");
    Map<String, Object> newer = result("2026-11-23T08:00:00Z", 100_000, 60, 400, 0.25);
    newer.put(BenchReport.RESULT_FILE, "bench-b-100k.json");
    newer.put("git_commit", "fedcba9876543210-dirty");
    Map<String, Object> small = result("2026-11-23T06:00:00Z", 10_000, 8, 50, null);
    Map<String, Object> night =
        new LinkedHashMap<>(
            Map.of(
                "commit",
                "6611ecdc5dcf (before Delta)",
                "run",
                "nightly",
                "history",
                10_000,
                "night",
                1000,
                "wall_seconds",
                106.2,
                "stage_seconds",
                "ingest 23.8, terms 21.7"));
    night.put(BenchReport.RESULT_FILE, "nightly-x.jsonl");

    String md = BenchHistory.markdown(List.of(newer, small, older), List.of(night));
    assertTrue(md.contains("run `" + BenchHistory.COMMAND + "` to regenerate"), md);
    assertTrue(md.indexOf("## 10,000 articles") < md.indexOf("## 100,000 articles"), md);
    assertTrue(
        md.contains(
            "| started (UTC) | commit | ingest | terms | parley total | sql_terms | "
                + "NPMI Parley / MALLET | targets missed | result file |"),
        md);
    // Oldest run first; the 900 s run misses the 600 s target; the dirty tree stays visible.
    String oldRow =
        "| 2026-11-23 07:00 | `01234567` | 90.0 | 810.0 | 900.0 | 225.0 | 0.300 / – | end_to_end_100k | "
            + "[`bench-a-100k.json`](../jobs/bench-results/bench-a-100k.json) |";
    String newRow =
        "| 2026-11-23 08:00 | `fedcba98-dirty` | 60.0 | 340.0 | 400.0 | 100.0 | 0.250 / – | none | ";
    assertTrue(md.contains(oldRow), md);
    assertTrue(md.indexOf(oldRow) < md.indexOf(newRow), md);
    assertTrue(
        md.contains(
            "| 2026-11-23 06:00 | `01234567` | 8.0 | 42.0 | 50.0 | 12.5 | – / – | none | – |"),
        md);
    assertTrue(md.contains("## Nightly over a 10,000-article history"), md);
    assertTrue(
        md.contains(
            "| nightly | 1,000 | 106.2 | ingest 23.8, terms 21.7 | `6611ecdc (before Delta)` | "
                + "[`nightly-x.jsonl`](../jobs/bench-results/nightly-x.jsonl) |"),
        md);
    // The figures table of BENCHMARKS.md cites its files too.
    assertTrue(
        BenchReport.markdown(List.of(older)).contains("| result file | `bench-a-100k.json` |"));
  }

  @Test
  void badOptionsSayWhatToFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {}));
    assertTrue(
        e.getMessage().contains("exactly one of --corpus PATH and --generate N"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BenchOptions.parse(new String[] {"--generate", "0"}));
    assertTrue(e.getMessage().contains("--generate must be positive"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BenchOptions.parse(new String[] {"--corpus", "x", "--skip", "mallet,lda"}));
    assertTrue(e.getMessage().contains("--skip takes"), e.getMessage());
    BenchOptions ok =
        BenchOptions.parse(
            new String[] {"--corpus", "in/", "--set", "topics.k=12", "--skip", "mallet"});
    assertEquals(Map.of("topics.k", "12"), ok.settings());
    assertFalse(ok.runs("mallet"));
    assertTrue(ok.runs("sql"));
  }
}
