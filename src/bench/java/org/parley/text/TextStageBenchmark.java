package org.parley.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.ingest.IngestOptions;
import org.parley.ingest.IngestRecord;
import org.parley.ingest.InputFiles;

/**
 * Speed of the text stage on one core with a warm JVM: each component alone and the whole analyzer,
 * in tokens per second, on the FA-KES texts. Run with {@code jobs/bench-text}; figures are medians
 * of several timed passes after warm-up passes (machines here are noisy).
 */
public final class TextStageBenchmark {
  private static final int WARMUP_PASSES = 3;
  private static final int TIMED_PASSES = 5;

  public static void main(String[] args) throws IOException {
    String csv = args.length > 0 ? args[0] : "src/test/resources/fa-kes/FA-KES-Dataset.csv";
    ParleyConfig config = ConfigLoader.load("conf/fa-kes.yaml", Map.of(), Map.of());
    List<String> texts = new ArrayList<>();
    for (IngestRecord r :
        InputFiles.parse(csv, Files.readAllBytes(Path.of(csv)), IngestOptions.from(config))) {
      if (r.isAccepted()) {
        texts.add(r.article().text());
      }
    }
    ArticleAnalyzer analyzer = new ArticleAnalyzer(TextOptions.from(config));
    long tokens = 0;
    long chars = 0;
    for (String t : texts) {
      chars += t.length();
      for (ArticleAnalyzer.Sentence s : analyzer.analyze(t)) {
        tokens += s.tokens().size();
      }
    }
    System.out.printf(
        "corpus: %d articles, %,d chars, %,d tokens (%s)%n", texts.size(), chars, tokens, csv);
    System.out.printf("%-46s %14s %10s%n", "component (1 thread)", "tokens/s", "MB/s");

    TermRules rules = new TermRules(List.of());
    report("plain split on whitespace (floor)", texts, tokens, chars, t -> t.split("\\s+").length);
    report("OpenNLP sentence detector", texts, tokens, chars, analyzer::sentenceCount);
    report(
        "Lucene StandardTokenizer (UAX#29)",
        texts,
        tokens,
        chars,
        t -> analyzer.tokens(t, 0).size());
    List<String> words = new ArrayList<>();
    for (String t : texts) {
      for (String w : t.split("[^\\p{L}]+")) {
        if (!w.isEmpty()) {
          words.add(w.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    report(
        "term rules + lemmas, cache warm",
        texts,
        tokens,
        chars,
        t -> {
          long n = 0;
          for (String w : t.split("\\s+")) {
            n += rules.term(w, false) == null ? 0 : 1;
          }
          return n;
        });
    long start = System.nanoTime();
    for (String w : words) {
      Lemmas.lemmaUncached(w);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%-46s %,14.0f %10s%n", "KStem lemma, no cache (per word form)", words.size() / secs, "-");
    report(
        "whole analyzer (sentences+tokens+terms)",
        texts,
        tokens,
        chars,
        t -> {
          long n = 0;
          for (ArticleAnalyzer.Sentence s : analyzer.analyze(t)) {
            n += s.tokens().size();
          }
          return n;
        });
  }

  private static void report(
      String name, List<String> texts, long tokens, long chars, ToLongFunction<String> work) {
    long sink = 0;
    for (int i = 0; i < WARMUP_PASSES; i++) {
      for (String t : texts) {
        sink += work.applyAsLong(t);
      }
    }
    double[] seconds = new double[TIMED_PASSES];
    for (int i = 0; i < TIMED_PASSES; i++) {
      long start = System.nanoTime();
      for (String t : texts) {
        sink += work.applyAsLong(t);
      }
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    double median = seconds[TIMED_PASSES / 2];
    System.out.printf(
        "%-46s %,14.0f %10.1f%s%n",
        name, tokens / median, chars / median / 1e6, sink == 42 ? " " : "");
  }
}
