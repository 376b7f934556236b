package org.parley.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A corpus's page furniture, and its removal from an article's sentences. Furniture is what a site
 * wraps around every article (share and subscribe lines, menus, "Read more", tag-list headings,
 * credits), recognised as web-corpus pipelines do: whole sentences a source repeats across many of
 * its articles (or short ones the corpus repeats across sources), the repeated starts and ends of
 * sentences where flattened pages ran furniture into the text ("Get short URL …", "… Comment via
 * Facebook"), and link-like sentences (URLs, menus of "|"-separated items). What is furniture is
 * learned by {@link FurnitureTransforms#learn}; this class only applies it.
 *
 * <p>Sentences and tokens keep their offsets into the original text: furniture sentences are
 * dropped and furniture starts and ends trimmed, nothing is rewritten.
 */
public final class Furniture implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String SENTENCE = "sentence";
  public static final String PREFIX = "prefix";
  public static final String SUFFIX = "suffix";

  /** The furniture of one source (or of every source, for the corpus-wide sentences). */
  private static final class Entries implements Serializable {
    private static final long serialVersionUID = 1L;
    final Set<String> sentences = new HashSet<>();
    final Set<String> prefixes = new HashSet<>();
    final Set<String> suffixes = new HashSet<>();
    int longestAffix;
  }

  /** A learned piece of furniture: a normalised token sequence and where it counts. */
  public record Entry(String source, String kind, String key) {}

  /** A character range of an article's text that was furniture: [charStart, charEnd). */
  public record Span(int charStart, int charEnd) implements Serializable {}

  private static final Furniture NONE = new Furniture(List.of());
  private static final String ANY_SOURCE = "\u0000any";

  private final Map<String, Entries> bySource = new HashMap<>();

  public Furniture(List<Entry> entries) {
    for (Entry e : entries) {
      Entries to =
          bySource.computeIfAbsent(
              e.source() == null ? ANY_SOURCE : e.source(), s -> new Entries());
      switch (e.kind()) {
        case SENTENCE -> to.sentences.add(e.key());
        case PREFIX -> to.prefixes.add(e.key());
        case SUFFIX -> to.suffixes.add(e.key());
        default -> throw new IllegalArgumentException("Unknown furniture kind: " + e.kind());
      }
      if (!SENTENCE.equals(e.kind())) {
        to.longestAffix = Math.max(to.longestAffix, tokenCount(e.key()));
      }
    }
  }

  /** No furniture: text analysed as it is. */
  public static Furniture none() {
    return NONE;
  }

  public boolean isEmpty() {
    return bySource.isEmpty();
  }

  /**
   * The furniture in an article's sentences, in text order. {@code source} is the article's source
   * (null for none: then only the corpus-wide furniture applies).
   */
  public List<Span> find(String source, List<ArticleAnalyzer.Sentence> sentences) {
    Entries own = source == null ? null : bySource.get(source);
    Entries any = bySource.get(ANY_SOURCE);
    List<Span> spans = new ArrayList<>();
    for (ArticleAnalyzer.Sentence s : sentences) {
      List<ArticleAnalyzer.Token> tokens = s.tokens();
      List<String> keys = keys(tokens);
      String whole = String.join(" ", keys);
      int from = Math.max(affixLength(own, keys, true), affixLength(any, keys, true));
      int to =
          tokens.size() - Math.max(affixLength(own, keys, false), affixLength(any, keys, false));
      if (isLinkLike(s.text())
          || (own != null && own.sentences.contains(whole))
          || (any != null && any.sentences.contains(whole))
          || from >= to // starts and ends that cover it all: as good as a furniture sentence
          || (to < tokens.size() && !endsProse(s, tokens.get(to).charStart()))) {
        spans.add(new Span(s.charStart(), s.charEnd()));
        continue;
      }
      if (from > 0) {
        spans.add(new Span(s.charStart(), tokens.get(from).charStart()));
      }
      if (to < tokens.size()) {
        spans.add(new Span(tokens.get(to - 1).charEnd(), s.charEnd()));
      }
    }
    return spans;
  }

  /**
   * The sentences without the furniture {@code spans} (as {@link #find} gave them, perhaps on an
   * earlier run with another model): tokens inside a span go, a sentence left without tokens goes,
   * and the rest are renumbered. Whoever analyses an article's text again cuts it by its stored
   * spans and gets the sentences ingest stored.
   */
  public static List<ArticleAnalyzer.Sentence> cut(
      String text, List<ArticleAnalyzer.Sentence> sentences, List<Span> spans) {
    if (spans.isEmpty()) {
      return sentences;
    }
    List<ArticleAnalyzer.Sentence> kept = new ArrayList<>(sentences.size());
    for (ArticleAnalyzer.Sentence s : sentences) {
      List<ArticleAnalyzer.Token> tokens = new ArrayList<>(s.tokens().size());
      for (ArticleAnalyzer.Token t : s.tokens()) {
        if (!inside(spans, t.charStart(), t.charEnd())) {
          tokens.add(t);
        }
      }
      if (tokens.isEmpty()) {
        continue;
      }
      int start =
          inside(spans, s.charStart(), s.charStart() + 1)
              ? tokens.get(0).charStart()
              : s.charStart();
      int end =
          inside(spans, s.charEnd() - 1, s.charEnd())
              ? tokens.get(tokens.size() - 1).charEnd()
              : s.charEnd();
      kept.add(
          new ArticleAnalyzer.Sentence(
              kept.size(),
              start,
              end,
              start == s.charStart() && end == s.charEnd() ? s.text() : text.substring(start, end),
              tokens.size() == s.tokens().size() ? s.tokens() : List.copyOf(tokens)));
    }
    return kept;
  }

  /** Characters the spans cover. */
  public static int chars(List<Span> spans) {
    int n = 0;
    for (Span s : spans) {
      n += s.charEnd() - s.charStart();
    }
    return n;
  }

  private static boolean inside(List<Span> spans, int start, int end) {
    for (Span s : spans) {
      if (start >= s.charStart() && end <= s.charEnd()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the sentence holds prose before its furniture end: a sentence stop (". ", "? ", "! ")
   * after its first token. Without one, the furniture end closes a block of more furniture, as
   * flattened pages run a related-articles list and a tag list into the comment widget: "… 11 Tags
   * Bashar al-Assad chemical weapons Damascus Community standards Comment via Facebook".
   */
  private static boolean endsProse(ArticleAnalyzer.Sentence s, int suffixStart) {
    String before =
        s.text()
            .substring(s.tokens().get(0).charStart() - s.charStart(), suffixStart - s.charStart());
    for (int i = 0; i < before.length(); i++) {
      char c = before.charAt(i);
      if ((c == '.' || c == '?' || c == '!')
          && (i + 1 == before.length() || Character.isWhitespace(before.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tokens of the longest furniture start (or end) of a sentence, shorter than the sentence: a
   * sentence that is all furniture is matched whole.
   */
  private static int affixLength(Entries entries, List<String> keys, boolean start) {
    if (entries == null) {
      return 0;
    }
    Set<String> affixes = start ? entries.prefixes : entries.suffixes;
    for (int n = Math.min(entries.longestAffix, keys.size() - 1); n > 0; n--) {
      List<String> part = start ? keys.subList(0, n) : keys.subList(keys.size() - n, keys.size());
      if (affixes.contains(String.join(" ", part))) {
        return n;
      }
    }
    return 0;
  }

  /** Each token's furniture key: lower case, every digit a 0 (dates and counters vary). */
  public static List<String> keys(List<ArticleAnalyzer.Token> tokens) {
    List<String> keys = new ArrayList<>(tokens.size());
    for (ArticleAnalyzer.Token t : tokens) {
      keys.add(key(t.surface()));
    }
    return keys;
  }

  static String key(String surface) {
    String lower = surface.toLowerCase(Locale.ROOT);
    int letters = lower.length();
    while (letters > 0 && Character.isLetter(lower.charAt(letters - 1))) {
      letters--;
    }
    if (letters > 0 && letters < lower.length() && Character.isDigit(lower.charAt(0))) {
      return lower.substring(letters); // a date run into a word: "01.10.2017Get" is "get"
    }
    StringBuilder b = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c != '0' && Character.isDigit(c)) {
        if (b == null) {
          b = new StringBuilder(lower);
        }
        b.setCharAt(i, '0');
      }
    }
    return b == null ? lower : b.toString();
  }

  /**
   * A link rather than prose: a sentence that is mostly a URL or e-mail address, or a menu of three
   * or more items separated by "|".
   */
  static boolean isLinkLike(String sentence) {
    int pipes = 0;
    for (int i = 0; i < sentence.length(); i++) {
      if (sentence.charAt(i) == '|') {
        pipes++;
      }
    }
    if (pipes >= 2) {
      return true;
    }
    int linkChars = 0;
    for (String word : sentence.split("\\s+")) {
      String w = word.toLowerCase(Locale.ROOT);
      if (w.startsWith("http://")
          || w.startsWith("https://")
          || w.startsWith("www.")
          || (w.indexOf('@') > 0 && w.indexOf('.', w.indexOf('@')) > 0)) {
        linkChars += word.length();
      }
    }
    return linkChars > 0 && 2 * linkChars >= sentence.strip().length();
  }

  private static int tokenCount(String key) {
    return key.isEmpty() ? 0 : key.split(" ").length;
  }
}
