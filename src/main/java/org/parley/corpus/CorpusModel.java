package org.parley.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What generated text is sampled from, measured on real articles (FA-KES and seeds/, built by
 * CorpusModelBuilder in src/test): word forms with their corpus counts, "themes" (each real
 * article's top content words and the actors it names), and article and sentence length
 * distributions. Immutable; loaded once per JVM from the jar.
 *
 * <p>Resource format, tab-separated, '#' lines are comments: {@code format}, {@code
 * source_articles}, {@code theme_share}, {@code rare_share}, {@code article_tokens} and {@code
 * sentence_tokens} (space-separated quantiles from 0 to 100%), then {@code units N} followed by N
 * lines {@code form count} (most frequent first; a unit is a word or a two-word collocation), then
 * {@code themes N} followed by N lines {@code unit:count ... <tab> actor_id:mentions ...}.
 */
final class CorpusModel {
  static final String RESOURCE = "/corpus/model.txt";
  static final int FORMAT = 1;

  /** One real article's subject: its words to draw from, and the actors it named. */
  record Theme(int[] units, AliasTable sampler, String[] actorIds, int[] actorMentions) {}

  final int sourceArticles;

  /** Share of an article's tokens that are its own theme's words (median over real articles). */
  final double themeShare;

  /**
   * Share of tokens that are words too rare to be units (seen once in the real corpus): drawn from
   * an open-ended tail so that vocabulary keeps growing with corpus size, as real text does.
   */
  final double rareShare;

  private final int[] articleTokens;
  private final int[] sentenceTokens;
  final String[] units;
  final int[] unitCounts;

  /** Mean sentence length in tokens. */
  final double meanSentenceLength;

  /** Words in each unit (a collocation has two). */
  final int[] unitWords;

  /** Units that are one lower-case word: what a near-duplicate's edits swap. */
  final boolean[] plainWord;

  final AliasTable unitSampler;
  final Theme[] themes;

  private CorpusModel(
      int sourceArticles,
      double themeShare,
      double rareShare,
      int[] articleTokens,
      int[] sentenceTokens,
      String[] units,
      int[] unitCounts,
      Theme[] themes) {
    this.sourceArticles = sourceArticles;
    this.themeShare = themeShare;
    this.rareShare = rareShare;
    this.articleTokens = articleTokens;
    this.sentenceTokens = sentenceTokens;
    this.units = units;
    this.unitCounts = unitCounts;
    this.themes = themes;
    this.unitSampler = AliasTable.of(unitCounts);
    double sum = 0;
    for (int q = 0; q + 1 < sentenceTokens.length; q++) {
      sum += (sentenceTokens[q] + sentenceTokens[q + 1]) / 2.0;
    }
    this.meanSentenceLength = sum / (sentenceTokens.length - 1);
    this.plainWord = new boolean[units.length];
    this.unitWords = new int[units.length];
    for (int i = 0; i < units.length; i++) {
      plainWord[i] = isPlainWord(units[i]);
      unitWords[i] = 1 + (int) units[i].chars().filter(c -> c == ' ').count();
    }
  }

  private static final class BuiltIn {
    static final CorpusModel MODEL = load();
  }

  static CorpusModel builtIn() {
    return BuiltIn.MODEL;
  }

  /** Tokens in an article, drawn from the real distribution (interpolated between quantiles). */
  int articleLength(SplittableRandom random) {
    return quantile(articleTokens, random.nextDouble());
  }

  int sentenceLength(SplittableRandom random) {
    return quantile(sentenceTokens, random.nextDouble());
  }

  private static int quantile(int[] q, double u) {
    double position = u * (q.length - 1);
    int lower = (int) position;
    if (lower >= q.length - 1) {
      return q[q.length - 1];
    }
    return (int) Math.round(q[lower] + (q[lower + 1] - q[lower]) * (position - lower));
  }

  private static boolean isPlainWord(String unit) {
    if (unit.length() < 3) {
      return false;
    }
    for (int i = 0; i < unit.length(); i++) {
      char c = unit.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private static CorpusModel load() {
    try (InputStream in = CorpusModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Corpus model missing from the jar: " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the corpus model " + RESOURCE, e);
    }
  }

  static CorpusModel parse(BufferedReader reader) throws IOException {
    int format = -1;
    int sourceArticles = 0;
    double themeShare = 0;
    double rareShare = 0;
    int[] articleTokens = null;
    int[] sentenceTokens = null;
    String[] units = null;
    int[] counts = null;
    List<Theme> themes = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] kv = line.split("\t", 2);
      switch (kv[0]) {
        case "format" -> format = Integer.parseInt(kv[1]);
        case "source_articles" -> sourceArticles = Integer.parseInt(kv[1]);
        case "theme_share" -> themeShare = Double.parseDouble(kv[1]);
        case "rare_share" -> rareShare = Double.parseDouble(kv[1]);
        case "article_tokens" -> articleTokens = numbers(kv[1]);
        case "sentence_tokens" -> sentenceTokens = numbers(kv[1]);
        case "units" -> {
          int n = Integer.parseInt(kv[1]);
          units = new String[n];
          counts = new int[n];
          for (int i = 0; i < n; i++) {
            String[] unit = reader.readLine().split("\t");
            units[i] = unit[0];
            counts[i] = Integer.parseInt(unit[1]);
          }
        }
        case "themes" -> {
          int n = Integer.parseInt(kv[1]);
          for (int i = 0; i < n; i++) {
            themes.add(theme(reader.readLine(), units.length));
          }
        }
        default -> throw new IllegalStateException("Corpus model: unknown line '" + kv[0] + "'");
      }
    }
    if (format != FORMAT
        || units == null
        || themes.isEmpty()
        || articleTokens == null
        || sentenceTokens == null) {
      throw new IllegalStateException(
          "Corpus model "
              + RESOURCE
              + " is incomplete or of format "
              + format
              + " (expected "
              + FORMAT
              + "); rebuild it with jobs/build-corpus-model");
    }
    return new CorpusModel(
        sourceArticles,
        themeShare,
        rareShare,
        articleTokens,
        sentenceTokens,
        units,
        counts,
        themes.toArray(Theme[]::new));
  }

  private static Theme theme(String line, int unitCount) {
    String[] parts = line.split("\t", -1);
    String[] words = parts[0].split(" ");
    int[] units = new int[words.length];
    int[] weights = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      int colon = words[i].indexOf(':');
      units[i] = Integer.parseInt(words[i], 0, colon, 10);
      weights[i] = Integer.parseInt(words[i], colon + 1, words[i].length(), 10);
      if (units[i] >= unitCount) {
        throw new IllegalStateException(
            "Corpus model: theme names unit " + units[i] + " of " + unitCount);
      }
    }
    String[] actors = parts.length < 2 || parts[1].isEmpty() ? new String[0] : parts[1].split(" ");
    String[] ids = new String[actors.length];
    int[] mentions = new int[actors.length];
    for (int i = 0; i < actors.length; i++) {
      int colon = actors[i].lastIndexOf(':');
      ids[i] = actors[i].substring(0, colon);
      mentions[i] = Integer.parseInt(actors[i], colon + 1, actors[i].length(), 10);
    }
    return new Theme(units, AliasTable.of(weights), ids, mentions);
  }

  private static int[] numbers(String s) {
    String[] parts = s.split(" ");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }
}
