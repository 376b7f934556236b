package org.parley.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Turns one input file into records by its type: {@code .txt}, {@code .jsonl} (or
 * {@code .ndjson}), {@code .csv}, each optionally gzipped ({@code .gz}). Files of other types,
 * empty files and binary files become one rejected record each.
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
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
      try {
        bytes = gunzip(bytes, options.maxFileBytes());
      } catch (IOException e) {
        return single(IngestRecord.rejected(path, "file", 0, RejectReason.CORRUPT_COMPRESSION,
            "cannot gunzip: " + e.getMessage(), ArticleText.byteExcerpt(bytes, 64)));
      }
    }
    String type = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
    if (!READABLE_TYPES.contains(type)) {
      return single(IngestRecord.rejected(path, "file", 0, RejectReason.UNSUPPORTED_FILE_TYPE,
          "file type '" + type + "' is not one of " + READABLE_TYPES
              + " (ingest.path_glob selects which files are read)",
          ArticleText.byteExcerpt(bytes, 64)));
    }
    if (isBlank(bytes)) {
      return single(IngestRecord.rejected(path, "file", 0, RejectReason.EMPTY_FILE,
          bytes.length == 0 ? "the file is empty" : "the file holds only whitespace", null));
    }
    if (DecodedText.looksBinary(bytes)) {
      return single(IngestRecord.rejected(path, "file", 0, RejectReason.BINARY_FILE,
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

  private static Iterator<IngestRecord> single(IngestRecord record) {
    return List.of(record).iterator();
  }

  /** The record for a file too large to read whole. */
  public static IngestRecord tooLarge(String path, long length, long maxBytes) {
    return IngestRecord.rejected(path, "file", 0, RejectReason.FILE_TOO_LARGE,
        "file has " + length + " bytes, more than ingest.max_file_bytes=" + maxBytes
            + " and it cannot be read in parts (only uncompressed JSON Lines can): split it into smaller files", null);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
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
          throw new IOException("uncompressed size exceeds ingest.max_file_bytes=" + maxBytes);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
