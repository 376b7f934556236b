package org.parley.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@code .jsonl} file holds one article per line as a JSON object with the fields {@code id},
 * {@code url}, {@code source}, {@code title}, {@code published}, {@code text}, {@code language};
 * other fields are ignored. Blank lines are not records.
 */
final class JsonLinesArticles {
  private JsonLinesArticles() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DATE_FROM_FIELD = "field";

  static List<IngestRecord> parse(String path, byte[] bytes, IngestOptions options) {
    List<IngestRecord> out = new ArrayList<>();
    records(path, bytes, options).forEachRemaining(out::add);
    return out;
  }

  /**
   * The file's records, parsed one line at a time as the iterator is read: a file of a few hundred
   * MB then costs its bytes and one record, not every record at once (the 1M benchmark's 154 MB
   * shards ran a 4g driver out of memory when each file's records were built as a list).
   */
  static Iterator<IngestRecord> records(String path, byte[] bytes, IngestOptions options) {
    return records(path, bytes, options, 1);
  }

  /**
   * As above, for bytes whose first line is line firstLine of its file (a part of a large file).
   */
  static Iterator<IngestRecord> records(
      String path, byte[] bytes, IngestOptions options, long firstLine) {
    return records(path, new ArrayLines(bytes), options, firstLine, null);
  }

  /**
   * The records of a decompressed stream, read a line at a time, so that neither the file nor its
   * decompressed text is ever held: a gzipped feed of any size fits one task. A line longer than
   * ingest.max_file_bytes is rejected as too_large, read past but not held. A read error (a corrupt
   * or truncated archive) keeps the records before it and ends with one rejection of the given
   * reason; a stream with no line that is not blank is one empty_file rejection.
   */
  static Iterator<IngestRecord> records(
      String path, InputStream in, IngestOptions options, RejectReason onReadError) {
    return records(path, new StreamLines(in, options.maxFileBytes()), options, 1, onReadError);
  }

  private static Iterator<IngestRecord> records(
      String path,
      LineSource lines,
      IngestOptions options,
      long firstLine,
      RejectReason onReadError) {
    List<DateTimeFormatter> formats = options.dateFormatters();
    return new Iterator<>() {
      private long lineNumber = firstLine - 1;
      private long given = 0;
      private boolean ended = false;
      private IngestRecord next = advance();

      private IngestRecord advance() {
        while (!ended) {
          boolean more;
          try {
            more = lines.next();
          } catch (IOException e) {
            ended = true;
            lines.close();
            long failed = lineNumber + 1;
            return counted(
                IngestRecord.rejected(
                    path,
                    "line " + failed,
                    failed,
                    onReadError,
                    "cannot read past line " + lineNumber + ": " + e.getMessage(),
                    null));
          }
          if (!more) {
            ended = true;
            lines.close();
            if (onReadError != null && given == 0) {
              // A stream is a whole file. An array is a blank part, or a file InputFiles checked
              // already.
              return counted(
                  IngestRecord.rejected(
                      path,
                      "file",
                      0,
                      RejectReason.EMPTY_FILE,
                      lines.bytesRead() == 0
                          ? "the file is empty"
                          : "the file holds only whitespace",
                      null));
            }
            return null;
          }
          lineNumber++;
          if (lines.tooLong) {
            return counted(
                IngestRecord.rejected(
                    path,
                    "line " + lineNumber,
                    lineNumber,
                    RejectReason.TOO_LARGE,
                    "the line has more than ingest.max_file_bytes="
                        + options.maxFileBytes()
                        + " bytes",
                    null));
          }
          DecodedText decoded =
              DecodedText.decode(lines.buffer, lines.offset, lines.length, options.textCharset());
          if (!decoded.text().isBlank()) {
            return counted(parseLine(path, lineNumber, decoded, formats, options));
          }
        }
        return null;
      }

      private IngestRecord counted(IngestRecord record) {
        given++;
        return record;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public IngestRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        IngestRecord current = next;
        next = advance();
        return current;
      }
    };
  }

  /**
   * Lines without their line feeds, as (buffer, offset, length); a file's final line feed ends no
   * line.
   */
  private abstract static class LineSource {
    byte[] buffer;
    int offset;
    int length;

    /** The line was longer than the limit: its bytes were skipped, not kept. */
    boolean tooLong;

    abstract boolean next() throws IOException;

    abstract long bytesRead();

    /** Releases what the source holds (a stream's inflater) once its lines are read. */
    void close() {}
  }

  /** The lines of a byte array, in place. */
  private static final class ArrayLines extends LineSource {
    private int start = 0;

    ArrayLines(byte[] bytes) {
      buffer = bytes;
    }

    @Override
    boolean next() {
      if (start >= buffer.length) {
        return false;
      }
      int end = start;
      while (end < buffer.length && buffer[end] != '\n') {
        end++;
      }
      offset = start;
      length = end - start;
      start = end + 1;
      return true;
    }

    @Override
    long bytesRead() {
      return Math.min(start, buffer.length);
    }
  }

  /** The lines of a stream, each copied into a buffer that grows up to the limit. */
  private static final class StreamLines extends LineSource {
    private final InputStream in;
    private final long maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int position = 0;
    private int limit = 0;
    private long read = 0;

    StreamLines(InputStream in, long maxLineBytes) {
      this.in = in;
      this.maxLineBytes = maxLineBytes;
      buffer = new byte[8192];
    }

    @Override
    boolean next() throws IOException {
      length = 0;
      tooLong = false;
      boolean any = false;
      while (true) {
        if (position == limit) {
          int n = in.read(chunk, 0, chunk.length);
          if (n < 0) {
            return any;
          }
          position = 0;
          limit = n;
          read += n;
        }
        any = true;
        int end = position;
        while (end < limit && chunk[end] != '\n') {
          end++;
        }
        keep(end - position);
        boolean lineEnds = end < limit;
        position = lineEnds ? end + 1 : limit;
        if (lineEnds) {
          return true;
        }
      }
    }

    /** Appends chunk[position, position + n) to the line, unless the line is already too long. */
    private void keep(int n) {
      if (tooLong || n == 0) {
        return;
      }
      if ((long) length + n > maxLineBytes) {
        tooLong = true;
        length = 0;
        return;
      }
      if (length + n > buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer,
                (int) Math.min(maxLineBytes, Math.max(2L * buffer.length, (long) length + n)));
      }
      System.arraycopy(chunk, position, buffer, length, n);
      length += n;
    }

    @Override
    long bytesRead() {
      return read;
    }

    @Override
    void close() {
      try {
        in.close();
      } catch (IOException e) {
        // Every line was read or the read already failed; nothing is lost by a failed close.
      }
    }
  }

  private static IngestRecord parseLine(
      String path,
      long lineNumber,
      DecodedText decoded,
      List<DateTimeFormatter> formats,
      IngestOptions options) {
    String locator = "line " + lineNumber;
    String line = decoded.text();
    String excerpt = ArticleText.excerpt(line, IngestOptions.EXCERPT_CHARS);
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return IngestRecord.rejected(
          path, locator, lineNumber, RejectReason.MALFORMED_JSON, e.getOriginalMessage(), excerpt);
    }
    if (node == null || !node.isObject()) {
      return IngestRecord.rejected(
          path,
          locator,
          lineNumber,
          RejectReason.MALFORMED_JSON,
          "the line is not a JSON object",
          excerpt);
    }
    JsonNode text = node.get("text");
    if (text != null && !text.isNull() && !text.isTextual()) {
      return IngestRecord.rejected(
          path,
          locator,
          lineNumber,
          RejectReason.MISSING_TEXT,
          "field 'text' is not a string",
          excerpt);
    }
    String published = field(node, "published");
    LocalDate date = PublishedDates.fromField(published, formats);
    return RecordChecks.article(
        path,
        locator,
        lineNumber,
        decoded,
        line,
        options,
        field(node, "id"),
        field(node, "source"),
        field(node, "url"),
        field(node, "title"),
        date,
        DATE_FROM_FIELD,
        field(node, "language"),
        text == null ? null : text.asText(null));
  }

  /** A scalar field as text; objects, arrays and nulls read as absent. */
  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }
}
