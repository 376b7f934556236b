package org.parley.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;
import org.parley.job.ParleyJob;
import org.parley.pipeline.RunMode;
import org.parley.tables.Tables;

/**
 * A night's rejections belong to that night: re-running it after its bad records were mended
 * removes them and keeps other nights'.
 */
class NightRejectionsReRunTest {
  private static final LocalDate D1 = LocalDate.of(2017, 6, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final String GOOD_1 =
      "{\"id\": \"a1\", \"title\": \"Talks resume\", \"date\": \"2017-06-01\","
          + " \"text\": \"Delegations met in Astana on Thursday to discuss the ceasefire.\"}";
  private static final String GOOD_2 =
      "{\"id\": \"a2\", \"title\": \"Envoy speaks\", \"date\": \"2017-06-02\","
          + " \"text\": \"The envoy said the next round would open in Geneva.\"}";
  private static final String BAD = "{\"id\": \"broken\", \"text\": \"unterminated";

  @Test
  void reRunningAMendedNightRemovesItsRejectionsOnly() throws IOException {
    SparkSession spark = SparkTestSupport.spark();
    Path work = SparkTestSupport.tempDir("parley-night-rejections");
    Path landing = work.resolve("landing");
    Path out = work.resolve("out");
    land(landing, D1, GOOD_1, BAD);
    land(landing, D2, GOOD_2, BAD, "{\"id\": \"empty\"}");

    assertEquals(1, nightly(spark, landing, out, D1).ingestTotals().rejected());
    assertEquals(2, nightly(spark, landing, out, D2).ingestTotals().rejected());
    assertEquals(1, rejectedOn(spark, out, D1));
    assertEquals(2, rejectedOn(spark, out, D2));

    // The first night's feed is delivered again, mended.
    land(landing, D1, GOOD_1);
    ParleyJob.RunResult mended = nightly(spark, landing, out, D1);
    assertEquals(0, mended.ingestTotals().rejected());
    assertEquals(1, mended.ingestTotals().duplicates(), "a1 is already in the tables");
    assertEquals(0, rejectedOn(spark, out, D1), "the mended night's old rejections are gone");
    assertEquals(2, rejectedOn(spark, out, D2), "the other night's stay");
  }

  private static ParleyJob.RunResult nightly(
      SparkSession spark, Path landing, Path out, LocalDate night) {
    return new ParleyJob(
            spark,
            SparkTestSupport.config(
                null,
                Map.of(),
                Map.of(
                    "input.paths",
                    List.of(landing.resolve("date=" + night).toString()),
                    "output.path",
                    out.toString(),
                    "run.stages",
                    List.of("ingest"))),
            RunMode.NIGHTLY,
            night)
        .run();
  }

  private static void land(Path landing, LocalDate night, String... lines) throws IOException {
    Path folder = landing.resolve("date=" + night).resolve("feed");
    Files.createDirectories(folder);
    Files.write(folder.resolve("articles.jsonl"), List.of(lines));
  }

  private static long rejectedOn(SparkSession spark, Path out, LocalDate night) {
    Dataset<Row> rejected = spark.read().format("delta").load(path(out));
    return rejected.filter(col("ingest_date").equalTo(lit(night.toString()).cast("date"))).count();
  }

  private static String path(Path out) {
    return out.resolve(Tables.REJECTED_RECORDS.name()).toString();
  }
}
