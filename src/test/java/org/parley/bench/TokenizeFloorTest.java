package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeFloorTest {
  @TempDir java.nio.file.Path work;

  private final Configuration conf = new Configuration();

  private Path root() {
    return new Path(work.toUri());
  }

  private void write(Path path, String text, boolean gzip) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try (OutputStream raw = fs.create(path, true);
        OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void countsArticlesAndTokensOfJsonLinesGzipAndText() throws IOException {
    Path in = new Path(root(), "corpus");
    // 4 + 4 + 2 tokens; the title, a nested "text" and the blank line are not counted;
    // the line without text and the broken line are malformed, and the broken line's text is not
    // counted.
    write(
        new Path(in, "a/one.jsonl"),
        String.join(
            "\n",
            "{\"id\":\"1\",\"text\":\"The talks, the TALKS.\"}",
            "{\"text\":\"Al-Assad's 2254\",\"title\":\"not these words\"}",
            "",
            "{\"id\":\"3\"}",
            "{\"text\":\"counted then dropped\",\"id\":",
            "{\"nested\":{\"text\":\"not me\"},\"text\":\"ok then\"}"),
        false);
    // 3 + 3 tokens: an escaped newline in JSON separates words like any other non-letter.
    write(
        new Path(in, "b/two.jsonl.gz"),
        "{\"text\":\"one two three\"}\n{\"text\":\"x\\ny Genève\"}\n",
        true);
    write(
        new Path(in, "c/article.txt"),
        "Title line\n\nSome body text, 12 words.\n",
        false); // 7 tokens
    write(new Path(in, "c/empty.txt"), "", false); // read, but no article
    write(new Path(in, "c/data.csv"), "id,text\n1,not read\n", false); // skipped
    write(new Path(in, "c/_SUCCESS"), "", false); // hidden: not even skipped
    write(new Path(in, "c/.notes.txt"), "hidden words", false);

    TokenizeFloor.Result r = TokenizeFloor.run(conf, List.of(in.toString()));

    assertEquals(4, r.files());
    assertEquals(1, r.skippedFiles());
    assertEquals(6, r.articles());
    assertEquals(4 + 4 + 2 + 3 + 3 + 7, r.tokens());
    assertEquals(2, r.malformedLines());
    FileSystem fs = in.getFileSystem(conf);
    long bytes = 0;
    for (String f : List.of("a/one.jsonl", "b/two.jsonl.gz", "c/article.txt", "c/empty.txt")) {
      bytes += fs.getFileStatus(new Path(in, f)).getLen();
    }
    assertEquals(bytes, r.bytes());
    long chars =
        "The talks, the TALKS.".length()
            + "Al-Assad's 2254".length()
            + "ok then".length()
            + "one two three".length()
            + "x\ny Genève".length()
            + "Title line\n\nSome body text, 12 words.\n".length();
    assertEquals(chars, r.chars());
    assertTrue(r.seconds() > 0 && r.tokensPerSecond() > 0);
    assertEquals(23L, r.toMap().get("tokens"));
  }

  @Test
  void aTokenAcrossTheReadBufferCountsOnceAndFilesDoNotRunTogether() throws IOException {
    Path in = new Path(root(), "long");
    // 6-character units: the 64 Ki-char read buffer ends inside a word.
    write(new Path(in, "long.txt"), "abcde ".repeat(15_000) + "end", false);
    write(new Path(in, "next.txt"), "start", false); // would merge with "end" if state leaked
    TokenizeFloor.Result r =
        TokenizeFloor.run(conf, List.of(new Path(in, "long.txt").toString(), in.toString()));
    assertEquals(3, r.files()); // a file given by name is read, and again within its folder
    assertEquals(3, r.articles());
    assertEquals(2 * 15_001 + 1, r.tokens());
  }

  @Test
  void counterSeesWordsSplitAcrossPieces() {
    TokenizeFloor.TokenCounter c = new TokenizeFloor.TokenCounter();
    char[] text = "cease-fire talks".toCharArray();
    c.feed(text, 0, 3);
    c.feed(text, 3, 5);
    c.feed(text, 8, text.length - 8);
    assertEquals(3, c.tokens);
    assertEquals(text.length, c.chars);
  }
}
