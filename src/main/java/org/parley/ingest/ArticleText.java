package org.parley.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text clean-up shared by every input format, and the article id derived from the text. */
public final class ArticleText {
  private ArticleText() {}

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
  private static final Pattern LINE_END = Pattern.compile("\\r\\n?|\\u2028|\\u2029|\\u0085");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * Canonical stored text: Unicode NFC, line ends as \n, control characters removed, no surrounding
   * whitespace. Offsets in later tables index into this string.
   */
  public static String clean(String raw) {
    String s = LINE_END.matcher(raw).replaceAll("\n");
    s = CONTROL.matcher(s).replaceAll("");
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    return s.strip();
  }

  /**
   * Stable id of an article: the first 16 hex digits of SHA-256 over the text with compatibility
   * normalisation, case folded and whitespace collapsed, so the same article from two files (or
   * re-wrapped, re-encoded) gets one id.
   */
  public static String articleId(String text) {
    String key = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    key = SPACES.matcher(key).replaceAll(" ").strip();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short, single-line, printable excerpt of a record for rejected_records. */
  public static String excerpt(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
    for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        out.append(' ');
      } else if (Character.isISOControl(c) || c == '\uFFFD') {
        out.append('·');
      } else {
        out.append(c);
      }
    }
    if (text.length() > maxChars) {
      out.append('…');
    }
    return out.toString();
  }

  /** An excerpt of raw bytes, printable ASCII kept and everything else shown as a dot. */
  public static String byteExcerpt(byte[] bytes, int maxBytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, maxBytes); i++) {
      int b = bytes[i] & 0xff;
      out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return out.toString();
  }
}
