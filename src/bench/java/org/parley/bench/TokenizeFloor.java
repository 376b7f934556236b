package org.parley.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The floor for any stage that must look at every token: one thread reads the input files through
 * Hadoop FileSystem streams and counts tokens (runs of letters or digits) with a plain char loop.
 * Nothing is kept, split into strings or written, so no real stage on one core can be faster.
 *
 * <p>Reads what Parley reads as articles: {@code .txt} (one article per file) and {@code .jsonl} /
 * {@code .ndjson} (one per line, its string {@code text} field), each optionally {@code .gz},
 * folders recursively, skipping names that start with {@code .} or {@code _} as Parley does. Other
 * files ({@code .csv} among them) are counted as skipped and not read.
 */
public final class TokenizeFloor {
  private TokenizeFloor() {}

  private static final JsonFactory JSON = new JsonFactory();
  private static final int BUFFER_CHARS = 64 * 1024;

  /**
   * Figures of one pass. {@code bytes} are the files' sizes as stored (compressed for .gz); {@code
   * chars} the decoded characters that were tokenised (article texts only); {@code malformedLines}
   * JSON lines that did not parse or had no string text.
   */
  public record Result(
      long files,
      long skippedFiles,
      long bytes,
      long chars,
      long articles,
      long tokens,
      long malformedLines,
      double seconds) {
    public double tokensPerSecond() {
      return seconds > 0 ? tokens / seconds : 0;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("files", files);
      m.put("skipped_files", skippedFiles);
      m.put("bytes", bytes);
      m.put("chars", chars);
      m.put("articles", articles);
      m.put("tokens", tokens);
      m.put("malformed_lines", malformedLines);
      m.put("seconds", seconds);
      m.put("tokens_per_second", tokensPerSecond());
      return m;
    }
  }

  /** Counts tokens as chars arrive in pieces; a token may span two pieces. */
  static final class TokenCounter {
    long tokens;
    long chars;
    private boolean inToken;

    void feed(char[] c, int offset, int length) {
      chars += length;
      boolean in = inToken;
      long n = tokens;
      for (int i = offset, end = offset + length; i < end; i++) {
        if (Character.isLetterOrDigit(c[i])) {
          if (!in) {
            n++;
            in = true;
          }
        } else {
          in = false;
        }
      }
      tokens = n;
      inToken = in;
    }

    /** Ends the current text, so the next one starts a new token. */
    void endText() {
      inToken = false;
    }
  }

  /**
   * One single-threaded pass over {@code inputPaths} (files or folders on any Hadoop file system).
   */
  public static Result run(Configuration conf, List<String> inputPaths) throws IOException {
    long start = System.nanoTime();
    TokenCounter counter = new TokenCounter();
    long files = 0;
    long skipped = 0;
    long bytes = 0;
    long articles = 0;
    long malformed = 0;
    for (String input : inputPaths) {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(conf);
      for (FileStatus file : listFiles(fs, root)) {
        String name = file.getPath().getName().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String type = gzip ? name.substring(0, name.length() - 3) : name;
        boolean txt = type.endsWith(".txt");
        if (!txt && !type.endsWith(".jsonl") && !type.endsWith(".ndjson")) {
          skipped++;
          continue;
        }
        files++;
        bytes += file.getLen();
        try (InputStream raw = fs.open(file.getPath());
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER_CHARS) : raw;
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          if (txt) {
            articles += readText(reader, counter) ? 1 : 0;
          } else {
            long[] lines = readJsonLines(reader, counter);
            articles += lines[0];
            malformed += lines[1];
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        files, skipped, bytes, counter.chars, articles, counter.tokens, malformed, seconds);
  }

  /** The files under {@code root} (or root itself), in path order, hidden names left out. */
  private static List<FileStatus> listFiles(FileSystem fs, Path root) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    FileStatus status = fs.getFileStatus(root);
    if (status.isFile()) {
      out.add(status);
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String name = f.getPath().getName();
      if (!name.startsWith(".") && !name.startsWith("_")) {
        out.add(f);
      }
    }
    out.sort((a, b) -> a.getPath().compareTo(b.getPath()));
    return out;
  }

  /** A whole .txt file is one article; an empty one is none. */
  private static boolean readText(Reader reader, TokenCounter counter) throws IOException {
    char[] buffer = new char[BUFFER_CHARS];
    long before = counter.chars;
    int n;
    while ((n = reader.read(buffer)) > 0) {
      counter.feed(buffer, 0, n);
    }
    counter.endText();
    return counter.chars > before;
  }

  /**
   * Each non-blank line is one JSON object; only its top-level string {@code text} is tokenised,
   * straight from the parser's buffer. Returns {articles, malformed lines}. One parser per line, so
   * a broken line costs that line only, as in Parley.
   */
  private static long[] readJsonLines(Reader reader, TokenCounter counter) throws IOException {
    BufferedReader lines = new BufferedReader(reader, BUFFER_CHARS);
    long articles = 0;
    long malformed = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      boolean found = false;
      long tokensBefore = counter.tokens;
      long charsBefore = counter.chars;
      try (JsonParser p = JSON.createParser(line)) {
        if (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean isText = "text".equals(p.currentName());
            JsonToken value = p.nextToken();
            if (isText && value == JsonToken.VALUE_STRING && !found) {
              counter.feed(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
              counter.endText();
              found = true;
            } else {
              p.skipChildren();
            }
          }
        }
      } catch (JsonProcessingException e) {
        found = false;
      }
      if (found) {
        articles++;
      } else {
        // Parley rejects the whole line, so a text read before the line broke off is not counted.
        counter.tokens = tokensBefore;
        counter.chars = charsBefore;
        counter.endText();
        malformed++;
      }
    }
    return new long[] {articles, malformed};
  }
}
