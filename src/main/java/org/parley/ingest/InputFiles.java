package org.parley.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Turns one input file into records by its type: {@code .txt}, {@code .jsonl} (or {@code .ndjson}),
 * {@code .csv}, each optionally gzipped ({@code .gz}). Files of other types, empty files and binary
 * files become one rejected record each.
 */
public final class InputFiles {
  private InputFiles() {}

  public static final List<String> READABLE_TYPES = List.of(".txt", ".jsonl", ".ndjson", ".csv");

  public static List<IngestRecord> parse(String path, byte[] bytes, IngestOptions options) {
    List<IngestRecord> out = new ArrayList<>();
    records(path, bytes, options).forEachRemaining(out::add);
    return out;
  }

  /** The file's records; JSON Lines are parsed lazily, as the iterator is read. */
  public static Iterator<IngestRecord> records(String path, byte[] bytes, IngestOptions options) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (streamable(path)) {
      return streamedRecords(path, new ByteArrayInputStream(bytes), options);
    }
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
      try {
        bytes = gunzip(bytes, options.maxFileBytes());
      } catch (TooLargeException e) {
        return single(
            IngestRecord.rejected(
                path,
                "file",
                0,
                RejectReason.FILE_TOO_LARGE,
                e.getMessage()
                    + "; only gzipped JSON Lines is read as a stream, other types whole: split it into smaller files",
                null));
      } catch (IOException e) {
        return single(
            IngestRecord.rejected(
                path,
                "file",
                0,
                RejectReason.CORRUPT_COMPRESSION,
                "cannot gunzip: " + e.getMessage(),
                ArticleText.byteExcerpt(bytes, 64)));
      }
    }
    String type = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
    if (!READABLE_TYPES.contains(type)) {
      return single(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.UNSUPPORTED_FILE_TYPE,
              "file type '"
                  + type
                  + "' is not one of "
                  + READABLE_TYPES
                  + " (ingest.path_glob selects which files are read)",
              ArticleText.byteExcerpt(bytes, 64)));
    }
    if (isBlank(bytes)) {
      return single(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.EMPTY_FILE,
              bytes.length == 0 ? "the file is empty" : "the file holds only whitespace",
              null));
    }
    if (DecodedText.looksBinary(bytes)) {
      return single(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.BINARY_FILE,
              "the file holds binary data (NUL or control bytes), not text",
              ArticleText.byteExcerpt(bytes, 64)));
    }
    return switch (type) {
      case ".txt" -> PlainTextArticles.parse(path, bytes, options).iterator();
      case ".jsonl", ".ndjson" -> JsonLinesArticles.records(path, bytes, options);
      case ".csv" -> CsvArticles.parse(path, bytes, options).iterator();
      default -> throw new IllegalStateException("unhandled type " + type);
    };
  }

  /**
   * Whether a file is gzipped JSON Lines, which is decompressed and parsed as a stream: a line at a
   * time, so that its size, compressed or not, is bounded by nothing but a line's.
   */
  static boolean streamable(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl.gz") || name.endsWith(".ndjson.gz");
  }

  /** The records of a gzipped JSON Lines file, from its compressed bytes as a stream. */
  static Iterator<IngestRecord> streamedRecords(
      String path, InputStream compressed, IngestOptions options) {
    InputStream text;
    byte[] head;
    try {
      InputStream inflated = new GZIPInputStream(compressed, 64 * 1024);
      head = probe(inflated, DecodedText.BINARY_PROBE_BYTES);
      // Not a BufferedInputStream: its read drops the bytes it holds when a later read fails.
      text = new SequenceInputStream(new ByteArrayInputStream(head), inflated);
    } catch (IOException e) {
      return single(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.CORRUPT_COMPRESSION,
              "cannot gunzip: " + e.getMessage(),
              null));
    }
    if (DecodedText.looksBinary(head)) {
      return single(
          IngestRecord.rejected(
              path,
              "file",
              0,
              RejectReason.BINARY_FILE,
              "the file holds binary data (NUL or control bytes), not text",
              ArticleText.byteExcerpt(head, 64)));
    }
    return JsonLinesArticles.records(path, text, options, RejectReason.CORRUPT_COMPRESSION);
  }

  /**
   * Up to n bytes from the start of the stream. A read error only shortens the probe: the lines
   * before it are still to be read, and the error is met again, and reported, where it lies.
   */
  private static byte[] probe(InputStream in, int n) {
    byte[] head = new byte[n];
    int got = 0;
    try {
      while (got < n) {
        int r = in.read(head, got, n - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (IOException e) {
      // Reported by the line reader, after the records before it.
    }
    return Arrays.copyOf(head, got);
  }

  private static Iterator<IngestRecord> single(IngestRecord record) {
    return List.of(record).iterator();
  }

  /** The record for a file too large to read whole. */
  public static IngestRecord tooLarge(String path, long length, long maxBytes) {
    return IngestRecord.rejected(
        path,
        "file",
        0,
        RejectReason.FILE_TOO_LARGE,
        "file has "
            + length
            + " bytes, more than ingest.max_file_bytes="
            + maxBytes
            + " and it cannot be read in parts (only uncompressed JSON Lines can): split it into smaller files",
        null);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** A gzipped file whose content is over the size limit: not corrupt, too large to hold. */
  private static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private static byte[] gunzip(byte[] bytes, long maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException(
              "uncompressed, the file has more than ingest.max_file_bytes=" + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
