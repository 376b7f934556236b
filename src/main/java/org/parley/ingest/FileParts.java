package org.parley.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Large JSON Lines files read in byte ranges by separate tasks, as Hadoop's line reader does: a
 * part holds the lines that start inside its range, the last one read to its end even past the
 * range. So no task holds more than a part (plus one line), and a file's size is not bounded by one
 * task's heap. Lines keep the numbers they have when the file is read whole: a first pass counts
 * the lines starting in each part, and each part then numbers its lines from the total of the parts
 * before it.
 */
final class FileParts {
  private FileParts() {}

  private static final int BUFFER_BYTES = 1 << 20;

  /**
   * Bytes [start, end) of a file of fileLength bytes; firstLine is the number of its first line. A
   * whole part is a file too large for Spark's binaryFile partitions but not splittable, read by
   * its own task: as a stream if it is gzipped JSON Lines, else whole, like any other file. blank:
   * the file holds only whitespace, so, as when it is read whole, it is one empty_file.
   */
  record Part(
      String path,
      long fileLength,
      long start,
      long end,
      long firstLine,
      boolean whole,
      boolean blank)
      implements Serializable {
    static Part whole(String path, long fileLength) {
      return new Part(path, fileLength, 0, fileLength, 1, true, false);
    }

    Part numbered(long line, boolean blankFile) {
      return new Part(path, fileLength, start, end, line, whole, blankFile);
    }

    String locator() {
      return "bytes " + start + "-" + end;
    }
  }

  /**
   * Whether a file of this name can be read in parts: uncompressed JSON Lines, in a charset that
   * writes a line feed as the single byte 0x0A (not UTF-16 or UTF-32).
   */
  static boolean splittable(String path, Charset charset) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return (name.endsWith(".jsonl") || name.endsWith(".ndjson"))
        && Arrays.equals("\n".getBytes(charset), new byte[] {'\n'})
        && "{".getBytes(charset).length == 1;
  }

  /** The file cut into parts of partBytes (the last may be shorter); line numbers still unknown. */
  static List<Part> plan(String path, long fileLength, long partBytes) {
    List<Part> parts = new ArrayList<>();
    for (long start = 0; start < fileLength; start += partBytes) {
      parts.add(
          new Part(
              path, fileLength, start, Math.min(fileLength, start + partBytes), 0, false, false));
    }
    return parts;
  }

  /**
   * What the numbering pass finds in a part: how many lines start in it, and whether it holds text.
   */
  record Scan(long lineStarts, boolean hasText) implements Serializable {}

  /**
   * The parts with their first line numbers, from the lines starting in each (in file order, as
   * {@link #plan} makes them): 1 for a file's first part, then the running total. A file none of
   * whose parts holds text is marked blank.
   */
  static List<Part> numbered(List<Part> parts, List<Scan> scans) {
    java.util.Set<String> withText = new java.util.HashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      if (scans.get(i).hasText()) {
        withText.add(parts.get(i).path());
      }
    }
    List<Part> out = new ArrayList<>(parts.size());
    String file = null;
    long next = 1;
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (!p.path().equals(file)) {
        file = p.path();
        next = 1;
      }
      out.add(p.numbered(next, !withText.contains(p.path())));
      next += scans.get(i).lineStarts();
    }
    return out;
  }

  /**
   * Scans the part. A line starts at byte 0 and after every line feed, and not at the end of the
   * file: the lines starting in [start, end) are the line feeds in [start - 1, end - 1), plus the
   * file's first line for the first part. Text is any byte in [start, end) that a whole-file read
   * would not call blank (space, tab, CR, LF).
   */
  static Scan scan(Part part, Configuration hadoop) throws IOException {
    long from = Math.max(part.start(), 1) - 1;
    long lineStarts = part.start() == 0 ? 1 : 0;
    boolean hasText = false;
    Path path = new Path(part.path());
    try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
      in.seek(from);
      byte[] buffer = new byte[BUFFER_BYTES];
      long position = from;
      while (position < part.end()) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, part.end() - position));
        if (n < 0) {
          throw new IOException(
              part.path()
                  + " ended at byte "
                  + position
                  + ", before its listed length "
                  + part.fileLength()
                  + ": did it change while it was read?");
        }
        for (int i = 0; i < n; i++, position++) {
          byte b = buffer[i];
          if (b == '\n' && position < part.end() - 1) {
            lineStarts++;
          }
          if (!hasText
              && position >= part.start()
              && b != ' '
              && b != '\n'
              && b != '\r'
              && b != '\t') {
            hasText = true;
          }
        }
      }
    }
    return new Scan(lineStarts, hasText);
  }

  /**
   * The part's records: its lines parsed as JSON Lines, numbered from its first line. A part that
   * looks binary is one binary_file rejection; a line longer than maxLineBytes is a too_large
   * rejection, read past but not held.
   */
  static Iterator<IngestRecord> records(Part part, Configuration hadoop, IngestOptions options)
      throws IOException {
    if (part.whole() && InputFiles.streamable(part.path())) {
      Path path = new Path(part.path());
      FSDataInputStream in = path.getFileSystem(hadoop).open(path);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener(
            (TaskCompletionListener) context -> closeQuietly(in)); // if the task fails mid-file
      }
      return InputFiles.streamedRecords(part.path(), in, options);
    }
    if (part.whole()) {
      return InputFiles.records(part.path(), readWhole(part, hadoop), options);
    }
    if (part.blank()) {
      return part.start() > 0
          ? java.util.Collections.emptyIterator()
          : List.of(
                  IngestRecord.rejected(
                      part.path(),
                      "file",
                      0,
                      RejectReason.EMPTY_FILE,
                      "the file holds only whitespace",
                      null))
              .iterator();
    }
    Lines lines = read(part, hadoop, options.maxFileBytes());
    if (DecodedText.looksBinary(lines.bytes())) {
      return List.of(
              IngestRecord.rejected(
                  part.path(),
                  part.locator(),
                  part.firstLine(),
                  RejectReason.BINARY_FILE,
                  "this part of the file holds binary data (NUL or control bytes), not text",
                  ArticleText.byteExcerpt(lines.bytes(), 64)))
          .iterator();
    }
    Iterator<IngestRecord> parsed =
        JsonLinesArticles.records(part.path(), lines.bytes(), options, part.firstLine());
    if (!lines.lastLineCut()) {
      return parsed;
    }
    long cutLine = part.firstLine() + lineFeeds(lines.bytes());
    IngestRecord cut =
        IngestRecord.rejected(
            part.path(),
            "line " + cutLine,
            cutLine,
            RejectReason.TOO_LARGE,
            "the line has more than ingest.max_file_bytes=" + options.maxFileBytes() + " bytes",
            null);
    return new Iterator<>() {
      private boolean cutGiven = false;

      @Override
      public boolean hasNext() {
        return parsed.hasNext() || !cutGiven;
      }

      @Override
      public IngestRecord next() {
        if (parsed.hasNext()) {
          return parsed.next();
        }
        if (cutGiven) {
          throw new java.util.NoSuchElementException();
        }
        cutGiven = true;
        return cut;
      }
    };
  }

  /**
   * The bytes of the lines that start in the part, each ending in its line feed (the file's last
   * may not). lastLineCut: the last line was longer than maxLineBytes; its bytes are left out.
   */
  record Lines(byte[] bytes, boolean lastLineCut) {}

  static Lines read(Part part, Configuration hadoop, long maxLineBytes) throws IOException {
    Path path = new Path(part.path());
    try (FSDataInputStream raw = path.getFileSystem(hadoop).open(path)) {
      long position = part.start();
      if (part.start() > 0) {
        raw.seek(part.start() - 1);
      }
      InputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
      if (part.start() > 0 && in.read() != '\n') {
        // The part starts inside a line, which belongs to the part before: skip to the next line.
        int b;
        do {
          b = in.read();
          position++;
        } while (b >= 0 && b != '\n');
      }
      byte[] bytes = new byte[(int) Math.max(0, part.end() - position) + 1024];
      int size = 0;
      while (position < part.end()) {
        int n = in.read(bytes, size, (int) (part.end() - position));
        if (n < 0) {
          return new Lines(Arrays.copyOf(bytes, size), false);
        }
        size += n;
        position += n;
      }
      if (size == 0 || bytes[size - 1] == '\n') {
        return new Lines(Arrays.copyOf(bytes, size), false);
      }
      // The last line started in the part: read it to its end, however far past the part.
      int lastLineStart = size;
      while (lastLineStart > 0 && bytes[lastLineStart - 1] != '\n') {
        lastLineStart--;
      }
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n' && size - lastLineStart >= maxLineBytes) {
          return new Lines(Arrays.copyOf(bytes, lastLineStart), true);
        }
        if (size == bytes.length) {
          bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * bytes.length));
        }
        bytes[size++] = (byte) b;
        if (b == '\n') {
          break;
        }
      }
      return new Lines(Arrays.copyOf(bytes, size), false);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Closed already, or the task is over: nothing is left to read from it.
    }
  }

  private static byte[] readWhole(Part part, Configuration hadoop) throws IOException {
    Path path = new Path(part.path());
    byte[] bytes = new byte[(int) part.fileLength()];
    try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
      in.readFully(0, bytes);
    }
    return bytes;
  }

  private static long lineFeeds(byte[] bytes) {
    long n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }
}
