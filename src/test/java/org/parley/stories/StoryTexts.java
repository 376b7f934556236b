package org.parley.stories;

import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Texts the story tests are made of: the seed articles, synthetic word runs, as articles. */
final class StoryTexts {
  private StoryTexts() {}

  private static final StructType ARTICLES =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("text", DataTypes.StringType, true);

  /** The five seed articles' texts, in file-name order. */
  static List<String> seeds() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("seeds"))) {
      List<Path> seeds = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      List<String> texts = new java.util.ArrayList<>();
      for (Path seed : seeds) {
        texts.add(Files.readString(seed));
      }
      return texts;
    }
  }

  /** "word{from} … word{to-1}". */
  static String words(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
  }

  /** (article_id, text) rows of the map's entries. */
  static Dataset<Row> articlesOf(Map<String, String> texts) {
    return frame(
        ARTICLES, texts.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList());
  }
}
