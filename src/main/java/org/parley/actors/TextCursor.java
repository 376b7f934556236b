package org.parley.actors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.parley.actors.ActorText.SentenceSpan;
import org.parley.actors.QuoteMarks.Quotation;

/**
 * Moves over an article's text around its quotations: the words of a stretch (jumping over the
 * inside of quotations), the word ending or starting at an offset, sentence bounds (rejoined across
 * a split after "Mr." or "O."), and the punctuation that closes a clause. It knows characters,
 * words, sentences and quotation marks, not who speaks.
 */
final class TextCursor {
  /** A word of the text, [start, end), and its lower-case form. */
  record Word(int start, int end, String lower) {}

  private final String text;
  private final List<Quotation> quotations;
  private final SentenceSpan[] sentences;

  /**
   * @param quotations the text's quotations, in order ({@link QuoteMarks#scan})
   * @param sentences the text's sentences in any order, or null when unknown
   */
  TextCursor(String text, List<Quotation> quotations, List<SentenceSpan> sentences) {
    this.text = text;
    this.quotations = quotations;
    this.sentences =
        sentences == null
            ? new SentenceSpan[0]
            : sentences.stream()
                .sorted(Comparator.comparingInt(SentenceSpan::charStart))
                .toArray(SentenceSpan[]::new);
  }

  String text() {
    return text;
  }

  char charAt(int i) {
    return text.charAt(i);
  }

  // ---------------------------------------------------------------- characters

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** Joins a word across it when letters follow: al-Hariri, It’s, U.N. */
  private static boolean isConnector(char c) {
    return c == '-' || c == '\u2010' || c == '\u2011' || c == '\'' || c == '’' || c == '.';
  }

  // ---------------------------------------------------------------- quotations

  /** The index of the quotation whose inside holds {@code pos}, or -1. */
  int quotationContaining(int pos) {
    int k = lastAtOrBefore(quotations, Quotation::open, pos);
    if (k < 0) {
      return -1;
    }
    Quotation q = quotations.get(k);
    return pos > q.open() && pos < q.insideEnd() ? k : -1;
  }

  /** Whether a double quote mark closes just before {@code p}, past spaces, commas and dashes. */
  boolean followsQuote(int p) {
    while (p > 0 && (isSpace(text.charAt(p - 1)) || ",—–".indexOf(text.charAt(p - 1)) >= 0)) {
      p--;
    }
    return p > 0 && QuoteMarks.isDoubleMark(text.charAt(p - 1));
  }

  // ---------------------------------------------------------------- sentences

  private int sentenceAtOrBefore(int pos) {
    int lo = 0;
    int hi = sentences.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (sentences[mid].charStart() <= pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Start of the sentence holding {@code pos}, rejoined across a split after "Mr." or "O.". */
  int sentenceStart(int pos, Quotation q) {
    int k = sentenceAtOrBefore(pos);
    int start;
    if (k >= 0 && pos < sentences[k].charEnd()) {
      for (int n = 0; n < 3 && k > 0 && endsWithAbbreviation(sentences[k - 1].charEnd()); n++) {
        k--;
      }
      start = sentences[k].charStart();
    } else {
      start = k >= 0 ? sentences[k].charEnd() : q.paraStart();
    }
    return Math.max(start, q.paraStart());
  }

  /**
   * End of the sentence holding {@code pos}, rejoined as {@link #sentenceStart}, within q's
   * paragraph.
   */
  int sentenceEnd(int pos, Quotation q) {
    int k = sentenceAtOrBefore(pos);
    int end;
    if (k >= 0 && pos < sentences[k].charEnd()) {
      for (int n = 0;
          n < 3 && k + 1 < sentences.length && endsWithAbbreviation(sentences[k].charEnd());
          n++) {
        k++;
      }
      end = sentences[k].charEnd();
    } else {
      end = k + 1 < sentences.length ? sentences[k + 1].charStart() : q.paraEnd();
    }
    return Math.min(end, q.paraEnd());
  }

  private boolean endsWithAbbreviation(int end) {
    if (end < 2 || end > text.length() || text.charAt(end - 1) != '.') {
      return false;
    }
    Word w = wordEndingAt(end - 1, Math.max(0, end - 12));
    // Acronyms (U.N.) end sentences too often to rejoin across them.
    return w != null
        && w.lower().indexOf('.') < 0
        && isAbbreviationDot(end - 1, Math.max(0, end - 12));
  }

  /** Whether only spaces and list bullets stand between q's sentence start and its opening mark. */
  boolean opensSentence(Quotation q) {
    int s = sentenceStart(q.open(), q);
    for (int i = s; i < q.open(); i++) {
      char c = text.charAt(i);
      if (!isSpace(c) && "•-—–*".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A full stop that ends an abbreviation (Mr., O., U.N.), not a sentence. */
  boolean isAbbreviationDot(int i, int lo) {
    if (text.charAt(i) != '.') {
      return false;
    }
    Word w = wordEndingAt(i, lo);
    return w != null
        && (Lexicon.ABBREVIATIONS.contains(w.lower())
            || w.lower().indexOf('.') >= 0
            || w.end() - w.start() == 1 && Character.isUpperCase(text.charAt(w.start())));
  }

  // ---------------------------------------------------------------- words

  /** Words of [a, b), jumping over the inside of quotations. */
  List<Word> words(int a, int b) {
    List<Word> out = new ArrayList<>();
    int i = a;
    while (i < b) {
      char c = text.charAt(i);
      if (isWordChar(c)) {
        Word w = wordAt(i, b);
        out.add(w);
        i = w.end();
      } else if (QuoteMarks.isDoubleMark(c)) {
        int k = lastAtOrBefore(quotations, Quotation::open, i);
        Quotation q = k >= 0 ? quotations.get(k) : null;
        i = q != null && q.open() == i ? (q.closed() ? q.close() + 1 : b) : i + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The word starting at {@code i}, ending by {@code hi}. */
  Word wordAt(int i, int hi) {
    int e = i;
    while (e < hi) {
      char c = text.charAt(e);
      if (isWordChar(c)
          || e > i && isConnector(c) && e + 1 < hi && isWordChar(text.charAt(e + 1))) {
        e++;
      } else {
        break;
      }
    }
    return new Word(i, e, text.substring(i, e).toLowerCase(Locale.ROOT));
  }

  /** The word ending exactly at {@code p}, not starting before {@code lo}. */
  Word wordEndingAt(int p, int lo) {
    if (p <= lo || !isWordChar(text.charAt(p - 1))) {
      return null;
    }
    int s = p - 1;
    while (s > lo) {
      char c = text.charAt(s - 1);
      if (isWordChar(c) || isConnector(c) && s - 2 >= lo && isWordChar(text.charAt(s - 2))) {
        s--;
      } else {
        break;
      }
    }
    return new Word(s, p, text.substring(s, p).toLowerCase(Locale.ROOT));
  }

  int backOverSpaces(int p, int lo) {
    while (p > lo && isSpace(text.charAt(p - 1))) {
      p--;
    }
    return p;
  }

  /** Past whitespace, commas and dashes after a closing mark: ”, said X. */
  int skipSeparators(int a, int b) {
    while (a < b && (isSpace(text.charAt(a)) || ",—–-".indexOf(text.charAt(a)) >= 0)) {
      a++;
    }
    return a;
  }

  /** Just after the last comma, dash, semicolon or parenthesis in [a, y), or -1. */
  int lastClauseBreak(int a, int y) {
    for (int i = y - 1; i >= a; i--) {
      if (",;—–(".indexOf(text.charAt(i)) >= 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Whether a clause ending at {@code p} ends there: punctuation or {@code limit} follows. */
  boolean clauseEndsAt(int p, int limit) {
    while (p < limit && isSpace(text.charAt(p))) {
      p++;
    }
    return p >= limit || ".,;:!?".indexOf(text.charAt(p)) >= 0;
  }

  /** Index of the last element whose key is at most {@code pos} in a list sorted by key, or -1. */
  static <T> int lastAtOrBefore(List<T> sorted, ToIntFunction<T> key, int pos) {
    int lo = 0;
    int hi = sorted.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (key.applyAsInt(sorted.get(mid)) <= pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
