package org.parley.actors;

import static org.parley.actors.TextCursor.isSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the quotations of a text from its quote marks alone: text between straight ("…"), curly
 * (“…”) or guillemet («…») double marks, paired within one paragraph (paragraphs end at '\n').
 * Single quotes are never quotation marks: they double as apostrophes. A quotation's inside is
 * trimmed of surrounding whitespace; an empty pair yields nothing. Marks of another style inside a
 * quotation are a nested quotation and stay part of its text. Unbalanced marks:
 *
 * <ul>
 *   <li>an opening mark not closed in its paragraph is dropped, unless the next paragraph starts
 *       with an opening mark: that is how a quotation running over several paragraphs is written,
 *       so the quotation runs to its paragraph's end;
 *   <li>a second “ (or «) before the first is closed means the first was never closed: the
 *       quotation starts again at the second;
 *   <li>a closing mark with nothing open is ignored.
 * </ul>
 */
final class QuoteMarks {
  private QuoteMarks() {}

  /**
   * One quotation: marks at {@code open} and {@code close} (-1 when it runs to its paragraph's
   * end), trimmed inside text [start, end), its paragraph [paraStart, paraEnd), and a block id
   * shared by the paragraphs one quotation runs across.
   */
  record Quotation(int open, int start, int end, int close, int paraStart, int paraEnd, int block) {
    boolean closed() {
      return close >= 0;
    }

    /** Where the inside ends: the closing mark, or the paragraph's end. */
    int insideEnd() {
      return close < 0 ? paraEnd : close;
    }

    /** Just past the quotation: after its closing mark, or the paragraph's end. */
    int after() {
      return close < 0 ? paraEnd : close + 1;
    }
  }

  private static final int NO_KIND = -1;
  private static final int STRAIGHT = 0;
  private static final int CURLY = 1;
  private static final int GUILLEMET = 2;

  static boolean isDoubleMark(char c) {
    return c == '"' || c == '“' || c == '”' || c == '«' || c == '»';
  }

  /** The quotations of {@code text}, in order. */
  static List<Quotation> scan(String text) {
    List<Quotation> out = new ArrayList<>();
    int block = 0;
    boolean carried = false;
    int ps = 0;
    while (ps <= text.length()) {
      int pe = text.indexOf('\n', ps);
      if (pe < 0) {
        pe = text.length();
      }
      if (!isBlank(text, ps, pe)) {
        if (!carried) {
          block++;
        }
        carried = scanParagraph(text, ps, pe, block, out);
      }
      ps = pe + 1;
    }
    return out;
  }

  private static boolean closes(int kind, char c) {
    return kind == STRAIGHT ? c == '"' : kind == CURLY ? c == '”' : c == '»';
  }

  /** The kind a mark opens, if it can open one ("»" never does). */
  private static int openerKind(char c) {
    return c == '"' ? STRAIGHT : c == '“' || c == '”' ? CURLY : c == '«' ? GUILLEMET : NO_KIND;
  }

  /** Adds the paragraph's quotations; true when the last one runs on into the next paragraph. */
  private static boolean scanParagraph(
      String text, int ps, int pe, int block, List<Quotation> out) {
    int outer = NO_KIND;
    int nested = NO_KIND;
    int open = -1;
    for (int i = ps; i < pe; i++) {
      char c = text.charAt(i);
      if (!isDoubleMark(c)) {
        continue;
      }
      if (outer == NO_KIND) {
        // Straight marks and a reversed ” open only where a quotation can start: ”a joke”.
        if (c == '“' || c == '«' || (c == '"' || c == '”') && looksLikeOpener(text, i, ps, pe)) {
          outer = openerKind(c);
          open = i;
        }
      } else if (nested != NO_KIND) {
        if (closes(nested, c)) {
          nested = NO_KIND;
        } else if (closes(outer, c)) {
          emit(text, open, i, ps, pe, block, out);
          outer = NO_KIND;
          nested = NO_KIND;
        }
      } else if (closes(outer, c)) {
        emit(text, open, i, ps, pe, block, out);
        outer = NO_KIND;
      } else if (c == '“' && outer == CURLY || c == '«' && outer == GUILLEMET) {
        open = i;
      } else if (c != '»' && looksLikeOpener(text, i, ps, pe)) {
        nested = openerKind(c);
      } else if (c != '“' && c != '«') {
        // Mixed typography, “…," : a closing mark of another style still ends the quotation.
        emit(text, open, i, ps, pe, block, out);
        outer = NO_KIND;
      }
    }
    if (outer == NO_KIND || pe >= text.length()) {
      return false;
    }
    int j = pe;
    while (j < text.length() && isSpace(text.charAt(j))) {
      j++;
    }
    boolean nextOpens =
        j < text.length()
            && (text.charAt(j) == '“'
                || text.charAt(j) == '«'
                || text.charAt(j) == '"' && j + 1 < text.length() && !isSpace(text.charAt(j + 1)));
    if (nextOpens) {
      emit(text, open, -1, ps, pe, block, out);
    }
    return nextOpens;
  }

  private static boolean looksLikeOpener(String text, int i, int ps, int pe) {
    if (i + 1 >= pe || isSpace(text.charAt(i + 1))) {
      return false;
    }
    if (i == ps) {
      return true;
    }
    char prev = text.charAt(i - 1);
    return isSpace(prev) || "([{—–-/:;,".indexOf(prev) >= 0;
  }

  private static void emit(
      String text, int open, int close, int ps, int pe, int block, List<Quotation> out) {
    int start = open + 1;
    int end = close < 0 ? pe : close;
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      out.add(new Quotation(open, start, end, close, ps, pe, block));
    }
  }

  private static boolean isBlank(String text, int a, int b) {
    for (int i = a; i < b; i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
