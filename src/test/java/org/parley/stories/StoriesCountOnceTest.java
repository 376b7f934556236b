package org.parley.stories;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;
import org.parley.job.ParleyJob;

/**
 * A re-posted copy is its own article, but with stories.count_once it no longer doubles
 * co-mentions.
 */
class StoriesCountOnceTest {
  private final SparkSession spark = SparkTestSupport.spark();

  private Path corpus() throws IOException {
    Path in = SparkTestSupport.tempDir("parley-repost");
    String original = Files.readString(Path.of("seeds/000_8803aa1c32c61def.txt"));
    Files.writeString(in.resolve("original.txt"), original);
    // The same report re-posted with a few words changed: a different text, so not an exact
    // duplicate.
    Files.writeString(
        in.resolve("repost.txt"),
        original
            .replace("said on Friday", "told reporters on Friday")
            .replace("significant olive branch", "major olive branch"));
    Files.copy(Path.of("seeds/004_512574ea3ef1e7ee.txt"), in.resolve("other.txt"));
    return in;
  }

  private Path run(Path in, boolean countOnce) {
    Path out = SparkTestSupport.tempDir("parley-count-once");
    new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                Map.of("stories.count_once", Boolean.toString(countOnce)),
                Map.of(
                    "input.paths",
                    List.of(in.toString()),
                    "output.path",
                    out.toString(),
                    "run.stages",
                    List.of("ingest", "stories", "terms", "actors"))))
        .run();
    return out;
  }

  private long articlePairCount(Path out, String a, String b) {
    Dataset<Row> c =
        spark
            .read()
            .format("delta")
            .load(out.resolve("actor_comentions").toString())
            .filter("unit = 'article' and actor_a = '" + a + "' and actor_b = '" + b + "'");
    return c.isEmpty() ? 0 : c.first().<Long>getAs("pair_count");
  }

  @Test
  void aRepostCountsOnceWhenAsked() throws IOException {
    Path in = corpus();
    Path raw = run(in, false);
    Path once = run(in, true);
    Dataset<Row> stories = spark.read().format("delta").load(raw.resolve("stories").toString());
    assertEquals(3, stories.count());
    assertEquals(
        2, stories.select("story_id").distinct().count(), "the re-post joins the original's story");
    assertEquals(2, articlePairCount(raw, "arab_league", "badr_jamous"), "counted in both copies");
    assertEquals(1, articlePairCount(once, "arab_league", "badr_jamous"), "counted once per story");
    assertEquals(
        3,
        spark.read().format("delta").load(once.resolve("articles").toString()).count(),
        "articles keep every copy");
  }
}
