package org.parley.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Bytes decoded with a charset, dropping (and counting) the bytes the charset cannot decode, so one
 * stray byte (e.g. 0x81, which Windows-1252 leaves undefined) never costs an article.
 */
public record DecodedText(String text, int undecodableBytes, int totalBytes) {

  public double undecodableShare() {
    return totalBytes == 0 ? 0.0 : (double) undecodableBytes / totalBytes;
  }

  public static DecodedText decode(byte[] bytes, int offset, int length, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out =
        CharBuffer.allocate(
            (int)
                Math.min(
                    Integer.MAX_VALUE - 8L,
                    (long) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 16));
    int dropped = 0;
    while (true) {
      // Always decode at least once: flush() below is illegal on a decoder that never decoded.
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        dropped += result.length();
        in.position(in.position() + result.length());
        continue;
      }
      if (result.isOverflow()) {
        throw new IllegalStateException("decode buffer too small");
      }
      if (!in.hasRemaining() || result.isUnderflow()) {
        break;
      }
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // byte-order mark
    }
    return new DecodedText(text, dropped, length);
  }

  public static DecodedText decode(byte[] bytes, Charset charset) {
    return decode(bytes, 0, bytes.length, charset);
  }

  /** How many leading bytes {@link #looksBinary} looks at. */
  static final int BINARY_PROBE_BYTES = 8192;

  /**
   * True when the bytes are not text: a NUL byte, or more than 5% control bytes other than tab,
   * line feed, carriage return, form feed and escape, in the first 8 KiB.
   */
  public static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, BINARY_PROBE_BYTES);
    if (n == 0) {
      return false;
    }
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
        control++;
      }
    }
    return control > n * 0.05;
  }
}
