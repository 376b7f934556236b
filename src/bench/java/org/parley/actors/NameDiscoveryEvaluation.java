package org.parley.actors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.ingest.IngestOptions;
import org.parley.ingest.IngestRecord;
import org.parley.ingest.InputFiles;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TermRules;
import org.parley.text.TextOptions;

/**
 * Name discovery against hand-made gold spans (src/test/resources/names/gold.tsv: the five seeds
 * and 25 FA-KES articles): exact-span precision, recall and F1, untyped, of Parley's {@link
 * NameFinder} with no dictionary (nothing covered, so discovery alone is measured) and of the plain
 * capitalisation baseline of ANCHORS.md. Prints the scores overall and per part, then Parley's most
 * frequent false positives and false negatives. Run with {@code jobs/bench-names}; {@code
 * --dump-texts DIR} writes the texts as Parley stores them (input of make_gold.py).
 *
 * <p>The lower-case word list both systems use is built, as in production ({@link
 * ActorTransforms#lowercaseWords}), from every text of the corpus: all seeds and all FA-KES
 * articles, not only the annotated ones.
 */
public final class NameDiscoveryEvaluation {
  static final String GOLD = "src/test/resources/names/gold.tsv";
  static final String SEEDS_DIR = "seeds";
  static final String FAKES_CSV = "src/test/resources/fa-kes/FA-KES-Dataset.csv";
  static final String FAKES_PREFIX = "fakes:";
  static final String SEEDS = "seeds";
  static final String FAKES = "fa-kes";
  static final String ALL = "all";

  /** An annotated document: its text as Parley stores it, cut into sentences of tokens. */
  record Doc(String id, String part, String text, List<List<NameFinder.Token>> sentences) {}

  /** A name span in a document. */
  record Span(String doc, int start, int end, String surface) {}

  /** Exact-span counts. */
  record Score(int gold, int predicted, int correct) {
    double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    double recall() {
      return gold == 0 ? 0 : (double) correct / gold;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "P %.3f R %.3f F1 %.3f (%d/%d predicted, %d gold)",
          precision(),
          recall(),
          f1(),
          correct,
          predicted,
          gold);
    }
  }

  /** The annotated documents, their gold spans and the corpus's lower-case words. */
  record Corpus(Map<String, Doc> docs, List<Span> gold, Set<String> lowercaseWords) {}

  private NameDiscoveryEvaluation() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--dump-texts")) {
      dumpTexts(Path.of(args[1]));
      return;
    }
    Corpus corpus = load();
    Map<String, List<Span>> predictions = new LinkedHashMap<>();
    predictions.put("baseline", baseline(corpus));
    predictions.put("parley", parley(corpus));
    System.out.print(report(corpus, predictions));
  }

  // ------------------------------------------------------------------ loading

  static Corpus load() {
    Map<String, String> texts = allTexts();
    ArticleAnalyzer analyzer = new ArticleAnalyzer(new TextOptions(2000, List.of()));
    List<Span> gold = readGold(Path.of(GOLD));
    Set<String> goldDocs = new LinkedHashSet<>();
    for (Span s : gold) {
      goldDocs.add(s.doc());
    }
    List<List<String>> allSentences = new ArrayList<>();
    Map<String, Doc> docs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      List<List<NameFinder.Token>> sentences = new ArrayList<>();
      for (ArticleAnalyzer.Sentence s : analyzer.analyze(e.getValue())) {
        List<NameFinder.Token> tokens = new ArrayList<>();
        for (ArticleAnalyzer.Token t : s.tokens()) {
          tokens.add(
              new NameFinder.Token(
                  t.surface(), t.charStart(), t.charEnd(), t.afterPunctuation(), false));
        }
        sentences.add(tokens);
        allSentences.add(tokens.stream().map(NameFinder.Token::surface).toList());
      }
      if (goldDocs.contains(e.getKey())) {
        docs.put(e.getKey(), new Doc(e.getKey(), partOf(e.getKey()), e.getValue(), sentences));
      }
    }
    for (Span s : gold) {
      Doc d = docs.get(s.doc());
      if (d == null) {
        throw new IllegalStateException("gold names an unknown document " + s.doc());
      }
      if (!d.text().substring(s.start(), s.end()).equals(s.surface())) {
        throw new IllegalStateException("gold span does not match its text: " + s);
      }
    }
    return new Corpus(
        docs, gold, Set.copyOf(OrdinaryWords.of(allSentences))); // as ActorTransforms.ordinaryWords
  }

  /**
   * Every seed (by file name) and every FA-KES article (fakes:source_id), as Parley stores them.
   */
  static Map<String, String> allTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    try {
      IngestOptions seedOptions = IngestOptions.from(ParleyConfig.defaults());
      List<Path> seeds;
      try (Stream<Path> s = Files.list(Path.of(SEEDS_DIR))) {
        seeds = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
      for (Path p : seeds) {
        for (IngestRecord r : InputFiles.parse(p.toString(), Files.readAllBytes(p), seedOptions)) {
          if (r.isAccepted()) {
            texts.put(p.getFileName().toString(), r.article().text());
          }
        }
      }
      ParleyConfig fakes = ConfigLoader.load("conf/fa-kes.yaml", Map.of(), Map.of());
      for (IngestRecord r :
          InputFiles.parse(
              FAKES_CSV, Files.readAllBytes(Path.of(FAKES_CSV)), IngestOptions.from(fakes))) {
        if (r.isAccepted()) {
          texts.put(FAKES_PREFIX + r.article().sourceId(), r.article().text());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  static List<Span> readGold(Path path) {
    List<Span> spans = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("doc\t")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        spans.add(new Span(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spans;
  }

  static String partOf(String doc) {
    return doc.startsWith(FAKES_PREFIX) ? FAKES : SEEDS;
  }

  /** As production's lower-case word list: lower case without dots and apostrophes. */
  static String fold(String surface) {
    return surface.toLowerCase(Locale.ROOT).replaceAll("[.'’]", "");
  }

  private static void dumpTexts(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : allTexts().entrySet()) {
      String name =
          e.getKey().startsWith(FAKES_PREFIX)
              ? "fakes_" + e.getKey().substring(FAKES_PREFIX.length()) + ".txt"
              : e.getKey();
      Files.writeString(dir.resolve(name), e.getValue());
    }
  }

  // ------------------------------------------------------------------ systems

  /** Parley's discovery as ArticleActorFinder feeds it, with an empty dictionary. */
  static List<Span> parley(Corpus corpus) {
    NameFinder finder = new NameFinder(TermRules.builtInStopWords(), corpus.lowercaseWords());
    List<Span> out = new ArrayList<>();
    for (Doc d : corpus.docs().values()) {
      Set<Span> spans = new LinkedHashSet<>();
      for (int i = 0; i < d.sentences().size(); i++) {
        for (ActorText.Name n : finder.find(d.text(), i, d.sentences().get(i))) {
          spans.add(
              new Span(
                  d.id(),
                  n.charStart(),
                  n.charEnd(),
                  d.text().substring(n.charStart(), n.charEnd())));
        }
      }
      out.addAll(spans);
    }
    return out;
  }

  /**
   * ANCHORS.md's plain capitalisation heuristic: maximal runs of capitalised tokens with no
   * punctuation between them, the sentence's first word dropped when it is common (a stop word or a
   * word the corpus writes in lower case). A trailing possessive is cut off, since the benchmark
   * behind ANCHORS' figures tokenises it apart.
   */
  static List<Span> baseline(Corpus corpus) {
    Set<String> stop = TermRules.builtInStopWords();
    List<Span> out = new ArrayList<>();
    for (Doc d : corpus.docs().values()) {
      for (List<NameFinder.Token> tokens : d.sentences()) {
        int i = 0;
        while (i < tokens.size()) {
          if (!capitalised(tokens.get(i))) {
            i++;
            continue;
          }
          int end = i + 1;
          while (end < tokens.size()
              && capitalised(tokens.get(end))
              && !tokens.get(end).afterPunctuation()) {
            end++;
          }
          int start = i;
          String first = fold(tokens.get(start).surface());
          if (start == 0 && (stop.contains(first) || corpus.lowercaseWords().contains(first))) {
            start++;
          }
          if (start < end) {
            int s = tokens.get(start).charStart();
            int e = tokens.get(end - 1).charEnd();
            String surface = d.text().substring(s, e);
            if (surface.endsWith("'s") || surface.endsWith("’s")) {
              e -= 2;
            }
            out.add(new Span(d.id(), s, e, d.text().substring(s, e)));
          }
          i = end;
        }
      }
    }
    return out;
  }

  private static boolean capitalised(NameFinder.Token t) {
    return !t.surface().isEmpty() && Character.isUpperCase(t.surface().codePointAt(0));
  }

  // ------------------------------------------------------------------ scoring

  private static String key(Span s) {
    return s.doc() + "\t" + s.start() + "\t" + s.end();
  }

  /** Exact-span score over the documents of one part (or ALL). */
  static Score score(List<Span> gold, List<Span> predicted, String part) {
    Set<String> goldKeys = new HashSet<>();
    for (Span s : gold) {
      if (part.equals(ALL) || partOf(s.doc()).equals(part)) {
        goldKeys.add(key(s));
      }
    }
    Set<String> predictedKeys = new HashSet<>();
    for (Span s : predicted) {
      if (part.equals(ALL) || partOf(s.doc()).equals(part)) {
        predictedKeys.add(key(s));
      }
    }
    int correct = 0;
    for (String k : predictedKeys) {
      if (goldKeys.contains(k)) {
        correct++;
      }
    }
    return new Score(goldKeys.size(), predictedKeys.size(), correct);
  }

  static String report(Corpus corpus, Map<String, List<Span>> predictions) {
    StringBuilder out = new StringBuilder();
    long seedDocs = corpus.docs().values().stream().filter(d -> d.part().equals(SEEDS)).count();
    out.append(
        String.format(
            Locale.ROOT,
            "gold: %d spans in %d documents (seeds: %d in %d, fa-kes: %d in %d); "
                + "lower-case words: %d%n",
            corpus.gold().size(),
            corpus.docs().size(),
            score(corpus.gold(), List.of(), SEEDS).gold(),
            seedDocs,
            score(corpus.gold(), List.of(), FAKES).gold(),
            corpus.docs().size() - seedDocs,
            corpus.lowercaseWords().size()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-9s %-7s %6s %6s %6s %7s %7s %7s%n",
            "system",
            "part",
            "gold",
            "pred",
            "exact",
            "P",
            "R",
            "F1"));
    for (Map.Entry<String, List<Span>> e : predictions.entrySet()) {
      for (String part : List.of(ALL, SEEDS, FAKES)) {
        Score s = score(corpus.gold(), e.getValue(), part);
        out.append(
            String.format(
                Locale.ROOT,
                "%-9s %-7s %6d %6d %6d %7.3f %7.3f %7.3f%n",
                e.getKey(),
                part,
                s.gold(),
                s.predicted(),
                s.correct(),
                s.precision(),
                s.recall(),
                s.f1()));
      }
    }
    for (Map.Entry<String, List<Span>> e : predictions.entrySet()) {
      out.append(errors(corpus, e.getKey(), e.getValue(), e.getKey().equals("parley") ? 30 : 12));
    }
    return out.toString();
  }

  /**
   * False positives and negatives by surface, most frequent first. A false positive that overlaps a
   * gold span is a boundary error (shown with the gold it overlaps); a false negative that a
   * prediction overlaps is one too (shown with that prediction).
   */
  static String errors(Corpus corpus, String system, List<Span> predicted, int top) {
    Map<String, List<Span>> goldByDoc = byDoc(corpus.gold());
    Map<String, List<Span>> predictedByDoc = byDoc(predicted);
    Set<String> goldKeys = new HashSet<>();
    corpus.gold().forEach(s -> goldKeys.add(key(s)));
    Set<String> predictedKeys = new HashSet<>();
    predicted.forEach(s -> predictedKeys.add(key(s)));
    Map<String, Integer> fp = new TreeMap<>();
    Map<String, Integer> fn = new TreeMap<>();
    int fpBoundary = 0;
    int fpSpurious = 0;
    int fnBoundary = 0;
    int fnMissed = 0;
    for (Span s : predicted) {
      if (goldKeys.contains(key(s))) {
        continue;
      }
      Span g = overlapping(s, goldByDoc.get(s.doc()));
      if (g == null) {
        fpSpurious++;
      } else {
        fpBoundary++;
      }
      fp.merge(
          quoted(s.surface()) + (g == null ? "" : " (gold " + quoted(g.surface()) + ")"),
          1,
          Integer::sum);
    }
    for (Span s : corpus.gold()) {
      if (predictedKeys.contains(key(s))) {
        continue;
      }
      Span p = overlapping(s, predictedByDoc.get(s.doc()));
      if (p == null) {
        fnMissed++;
      } else {
        fnBoundary++;
      }
      fn.merge(
          quoted(s.surface()) + (p == null ? "" : " (found " + quoted(p.surface()) + ")"),
          1,
          Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%s false positives: %d (%d overlap a gold span, %d spurious)%n",
            system,
            fpBoundary + fpSpurious,
            fpBoundary,
            fpSpurious));
    appendTop(out, fp, top);
    out.append(
        String.format(
            Locale.ROOT,
            "%s false negatives: %d (%d overlapped by a wrong span, %d missed)%n",
            system,
            fnBoundary + fnMissed,
            fnBoundary,
            fnMissed));
    appendTop(out, fn, top);
    return out.toString();
  }

  private static void appendTop(StringBuilder out, Map<String, Integer> counts, int top) {
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(
            e -> out.append(String.format(Locale.ROOT, "  %3d  %s%n", e.getValue(), e.getKey())));
  }

  private static String quoted(String s) {
    return "\"" + s.replace('\n', ' ') + "\"";
  }

  private static Map<String, List<Span>> byDoc(List<Span> spans) {
    Map<String, List<Span>> out = new LinkedHashMap<>();
    for (Span s : spans) {
      out.computeIfAbsent(s.doc(), k -> new ArrayList<>()).add(s);
    }
    out.values().forEach(l -> l.sort(Comparator.comparingInt(Span::start)));
    return out;
  }

  private static Span overlapping(Span s, List<Span> others) {
    if (others != null) {
      for (Span o : others) {
        if (o.start() < s.end() && s.start() < o.end()) {
          return o;
        }
      }
    }
    return null;
  }
}
