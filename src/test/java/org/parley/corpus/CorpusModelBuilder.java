package org.parley.corpus;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.job.ParleyJob;
import org.parley.tables.Columns;
import org.parley.tables.Tables;

/**
 * Builds the corpus generator's model ({@value CorpusModel#RESOURCE} under src/main/resources) from
 * real text: FA-KES and seeds/ go through Parley's own ingest and actors stages, so the words are
 * the tokens Parley itself sees and the actors are the ones its dictionary resolves. Run it with
 * {@code jobs/build-corpus-model}; the same inputs give the same file.
 *
 * <p>What it keeps (the format is documented in {@link CorpusModel}):
 *
 * <ul>
 *   <li>units: word forms, and the strongest two-word collocations as single units so that sampled
 *       text keeps real phrases, with their corpus counts (count ≥ {@link #MIN_COUNT}); a
 *       sentence-initial capital is folded into the lower-case form where the corpus also writes
 *       the word in lower case, so proper nouns stay capitalised and "The" becomes "the";
 *   <li>themes: per real article, its top {@link #THEME_UNITS} content units by tf-idf with their
 *       counts in that article, and the dictionary actors it mentions;
 *   <li>article and sentence lengths in tokens as quantiles, and the share of an article's tokens
 *       its theme covers.
 * </ul>
 */
public final class CorpusModelBuilder {
  private static final String FA_KES_CSV = "src/test/resources/fa-kes/FA-KES-Dataset.csv";
  private static final String SEEDS = "seeds/";
  private static final Path DEFAULT_OUTPUT =
      Path.of("src/main/resources").resolve(CorpusModel.RESOURCE.substring(1));

  /** Hapaxes carry little beyond noise and would double the file. */
  static final int MIN_COUNT = 2;

  static final int THEME_UNITS = 40;
  static final int THEME_ACTORS = 8;

  /** A collocation needs this many occurrences and this NPMI to become one unit. */
  static final int PHRASE_MIN_COUNT = 8;

  static final double PHRASE_MIN_NPMI = 0.6;
  static final int QUANTILES = 40;

  /** Longer "words" are URLs and run-together boilerplate. */
  static final int MAX_FORM_CHARS = 30;

  /**
   * Sentences outside these lengths are the sentence detector's failures on page boilerplate
   * (menus, "Tags", run-on link lists), not sentences a writer would produce.
   */
  static final int MIN_SENTENCE_TOKENS = 3;

  static final int MAX_SENTENCE_TOKENS = 80;

  private CorpusModelBuilder() {}

  /** One token as the builder needs it: its form after case folding, and whether it is content. */
  private record Token(String form, boolean content, boolean afterPunctuation) {}

  public static void main(String[] args) throws IOException {
    Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
    SparkSession spark = SparkTestSupport.spark();
    Path work = SparkTestSupport.tempDir("parley-corpus-model");
    new ParleyJob(
            spark,
            ConfigLoader.load(
                "conf/fa-kes.yaml",
                Map.of("ingest.path_glob", "*.{csv,txt}", "actors.discovery.enabled", "false"),
                Map.of(
                    "input.paths",
                    List.of(FA_KES_CSV, SEEDS),
                    "output.path",
                    work.toString(),
                    "run.stages",
                    List.of("ingest", "actors"))))
        .run();

    // Small (800 articles): collected to the driver on purpose.
    List<Row> sentences =
        spark
            .read()
            .format("delta")
            .load(work.resolve(Tables.SENTENCES.name()).toString())
            .orderBy(Columns.ARTICLE_ID, Columns.SENTENCE_INDEX)
            .select(Columns.ARTICLE_ID, Columns.TOKENS)
            .collectAsList();
    List<Row> mentions =
        spark
            .read()
            .format("delta")
            .load(work.resolve(Tables.ACTOR_MENTIONS.name()).toString())
            .groupBy(Columns.ARTICLE_ID, Columns.ACTOR_ID)
            .count()
            .orderBy(col(Columns.ARTICLE_ID), col("count").desc(), col(Columns.ACTOR_ID))
            .collectAsList();
    int[] articleTokens =
        spark
            .read()
            .format("delta")
            .load(work.resolve(Tables.ARTICLES.name()).toString())
            .select(Columns.N_TOKENS)
            .collectAsList()
            .stream()
            .mapToInt(r -> r.getInt(0))
            .sorted()
            .toArray();

    Map<String, List<List<Token>>> articles = articles(sentences);
    int[] sentenceTokens =
        sentences.stream()
            .mapToInt(r -> r.getList(1).size())
            .filter(n -> n >= MIN_SENTENCE_TOKENS && n <= MAX_SENTENCE_TOKENS)
            .sorted()
            .toArray();
    Map<String, List<String>> actors = new LinkedHashMap<>();
    for (Row r : mentions) {
      List<String> list = actors.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
      if (list.size() < THEME_ACTORS) {
        list.add(r.getString(1) + ":" + r.getLong(2));
      }
    }
    String model = model(articles, actors, articleTokens, sentenceTokens);
    FileSystem.getLocal(spark.sparkContext().hadoopConfiguration())
        .delete(new org.apache.hadoop.fs.Path(work.toString()), true);
    Files.createDirectories(output.getParent());
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      w.write(model);
    }
    System.out.printf(
        "Wrote %s: %,d bytes from %d articles%n", output, Files.size(output), articles.size());
  }

  /** Sentences grouped by article, tokens case-folded at sentence starts. */
  private static Map<String, List<List<Token>>> articles(List<Row> sentences) {
    Set<String> writtenInside = new HashSet<>();
    for (Row s : sentences) {
      List<Row> tokens = s.getList(1);
      for (int t = 1; t < tokens.size(); t++) {
        writtenInside.add(tokens.get(t).getAs(Columns.SURFACE));
      }
    }
    Map<String, List<List<Token>>> byArticle = new TreeMap<>();
    for (Row s : sentences) {
      List<Row> tokens = s.getList(1);
      List<Token> out = new ArrayList<>(tokens.size());
      for (int t = 0; t < tokens.size(); t++) {
        Row token = tokens.get(t);
        String surface = token.getAs(Columns.SURFACE);
        if (t == 0 && surface.length() > 1) {
          String folded = Character.toLowerCase(surface.charAt(0)) + surface.substring(1);
          if (!folded.equals(surface) && writtenInside.contains(folded)) {
            surface = folded;
          }
        }
        boolean content =
            token.getAs(Columns.TERM) != null && surface.chars().anyMatch(Character::isLetter);
        out.add(new Token(surface, content, token.<Boolean>getAs(Columns.AFTER_PUNCTUATION)));
      }
      byArticle.computeIfAbsent(s.getString(0), k -> new ArrayList<>()).add(out);
    }
    return byArticle;
  }

  static String model(
      Map<String, List<List<Token>>> articles,
      Map<String, List<String>> actors,
      int[] articleTokens,
      int[] sentenceTokens) {
    Set<String> phrases = phrases(articles);
    // Each article as a list of units: a phrase's two tokens become one unit.
    Map<String, List<String>> unitsByArticle = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    Set<String> content = new HashSet<>();
    for (var article : articles.entrySet()) {
      List<String> units = new ArrayList<>();
      for (List<Token> sentence : article.getValue()) {
        for (int t = 0; t < sentence.size(); t++) {
          Token token = sentence.get(t);
          String unit = token.form();
          boolean isContent = token.content();
          if (t + 1 < sentence.size() && phrases.contains(pair(token, sentence.get(t + 1)))) {
            unit = pair(token, sentence.get(t + 1));
            t++;
          }
          if (unit.length() > MAX_FORM_CHARS) {
            continue;
          }
          units.add(unit);
          counts.merge(unit, 1, Integer::sum);
          if (isContent) {
            content.add(unit);
          }
        }
      }
      unitsByArticle.put(article.getKey(), units);
    }
    List<String> vocabulary =
        counts.entrySet().stream()
            .filter(e -> e.getValue() >= MIN_COUNT)
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      index.put(vocabulary.get(i), i);
    }

    Map<String, Integer> df = new HashMap<>();
    for (List<String> units : unitsByArticle.values()) {
      new HashSet<>(units).forEach(u -> df.merge(u, 1, Integer::sum));
    }
    int n = unitsByArticle.size();
    List<String> themes = new ArrayList<>();
    List<Double> themeShares = new ArrayList<>();
    for (var article : unitsByArticle.entrySet()) {
      Map<String, Integer> tf = new HashMap<>();
      for (String u : article.getValue()) {
        if (content.contains(u) && index.containsKey(u) && df.get(u) >= 2) {
          tf.merge(u, 1, Integer::sum);
        }
      }
      List<String> top =
          tf.keySet().stream()
              .sorted(
                  Comparator.comparingDouble(
                          (String u) -> -tf.get(u) * Math.log((double) n / df.get(u)))
                      .thenComparing(Comparator.naturalOrder()))
              .limit(THEME_UNITS)
              .toList();
      if (top.size() < 10) {
        continue; // a page of boilerplate, not an article with a subject
      }
      StringBuilder line = new StringBuilder();
      int covered = 0;
      for (String u : top) {
        line.append(line.length() == 0 ? "" : " ")
            .append(index.get(u))
            .append(':')
            .append(tf.get(u));
        covered += tf.get(u);
      }
      line.append('\t').append(String.join(" ", actors.getOrDefault(article.getKey(), List.of())));
      themes.add(line.toString());
      themeShares.add((double) covered / article.getValue().size());
    }
    double themeShare = themeShares.stream().sorted().toList().get(themeShares.size() / 2);
    long allUnits = counts.values().stream().mapToLong(Integer::longValue).sum();
    long rareUnits =
        counts.values().stream().filter(c -> c < MIN_COUNT).mapToLong(Integer::longValue).sum();

    StringBuilder out = new StringBuilder();
    out.append(
        String.join(
            "\n",
            "# Parley corpus model: what the corpus generator (org.parley.corpus) samples from.",
            "# Built by org.parley.corpus.CorpusModelBuilder (src/test/java) with jobs/build-corpus-model;",
            "# the same inputs give the same file. Do not edit by hand.",
            "#",
            "# Derived from the text of FA-KES: \"FA-KES: A Fake News Dataset around the Syrian War\",",
            "# Fatima K. Abu Salem, Roaa Al Feel, Shady Elbassuoni, Mohamad Jaber, May Farah, ICWSM 2019,",
            "# Zenodo record 2607278, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/);",
            "# changes: reduced to word counts, per-article top words, actor counts and length quantiles.",
            "# Also from the five sample articles in seeds/.",
            "#",
            "# Sections (tab-separated): parameters (theme_share: median share of an article's tokens that are",
            "# its theme's; rare_share: share of tokens seen only once); article_tokens and sentence_tokens",
            "# ("
                + (QUANTILES + 1)
                + " quantiles, 0 to 100%; sentences of "
                + MIN_SENTENCE_TOKENS
                + " to "
                + MAX_SENTENCE_TOKENS
                + " tokens, longer or shorter ones are boilerplate);",
            "# units (form, count; most frequent first; a unit's number is its position, from 0);",
            "# themes (one real article each: unit:count pairs, a tab, actor_id:mentions pairs).",
            ""));
    out.append("format\t").append(CorpusModel.FORMAT).append('\n');
    out.append("source_articles\t").append(n).append('\n');
    out.append("theme_share\t").append(String.format(Locale.ROOT, "%.4f", themeShare)).append('\n');
    out.append("rare_share\t")
        .append(String.format(Locale.ROOT, "%.4f", (double) rareUnits / allUnits))
        .append('\n');
    out.append("article_tokens\t").append(quantiles(articleTokens)).append('\n');
    out.append("sentence_tokens\t").append(quantiles(sentenceTokens)).append('\n');
    out.append("units\t").append(vocabulary.size()).append('\n');
    for (String u : vocabulary) {
      out.append(u).append('\t').append(counts.get(u)).append('\n');
    }
    out.append("themes\t").append(themes.size()).append('\n');
    themes.forEach(t -> out.append(t).append('\n'));
    return out.toString();
  }

  /** Adjacent content tokens that occur together far more than chance: "human rights". */
  private static Set<String> phrases(Map<String, List<List<Token>>> articles) {
    Map<String, Integer> unigrams = new HashMap<>();
    Map<String, Integer> bigrams = new HashMap<>();
    long total = 0;
    for (List<List<Token>> article : articles.values()) {
      for (List<Token> sentence : article) {
        for (int t = 0; t < sentence.size(); t++) {
          unigrams.merge(sentence.get(t).form(), 1, Integer::sum);
          total++;
          if (t + 1 < sentence.size()
              && sentence.get(t).content()
              && sentence.get(t + 1).content()
              && !sentence.get(t + 1).afterPunctuation()) {
            bigrams.merge(pair(sentence.get(t), sentence.get(t + 1)), 1, Integer::sum);
          }
        }
      }
    }
    Set<String> phrases = new HashSet<>();
    for (var e : bigrams.entrySet()) {
      if (e.getValue() < PHRASE_MIN_COUNT) {
        continue;
      }
      String[] words = e.getKey().split(" ");
      double pPair = (double) e.getValue() / total;
      double pmi =
          Math.log(
              pPair / ((double) unigrams.get(words[0]) / total * unigrams.get(words[1]) / total));
      if (pmi / -Math.log(pPair) >= PHRASE_MIN_NPMI) {
        phrases.add(e.getKey());
      }
    }
    return phrases;
  }

  private static String pair(Token a, Token b) {
    return a.form() + " " + b.form();
  }

  private static String quantiles(int[] sorted) {
    int[] q = new int[QUANTILES + 1];
    for (int i = 0; i <= QUANTILES; i++) {
      q[i] = sorted[(int) Math.round((double) i / QUANTILES * (sorted.length - 1))];
    }
    return String.join(" ", Arrays.stream(q).mapToObj(Integer::toString).toList());
  }
}
