package org.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.tables.DeltaSession;

/** One local SparkSession shared by every test class in the JVM (starting one costs seconds). */
public final class SparkTestSupport {
  private static SparkSession spark;

  private SparkTestSupport() {}

  public static synchronized SparkSession spark() {
    if (spark == null) {
      spark =
          DeltaSession.configure(SparkSession.builder())
              .master("local[2]")
              .appName("parley-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.session.timeZone", "UTC")
              // Delta's own test settings: a small snapshot state is read in 2 tasks, not 50.
              .config("spark.databricks.delta.snapshotPartitions", "2")
              // One JVM runs every test: after hundreds of runs its heap holds many tables' Delta
              // state and is fragmented, and Spark's default 64 MB memory pages failed to allocate
              // in CI ("Failed to allocate a page", then UNABLE_TO_ACQUIRE_MEMORY in a tiny
              // aggregation). Small pages always fit; fewer tables' logs are kept cached.
              .config("spark.buffer.pageSize", "4m")
              .config("spark.databricks.delta.delta.log.cacheSize", "200")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  /** A config from defaults plus the given --set style overrides and typed options. */
  public static ParleyConfig config(
      String file, Map<String, String> sets, Map<String, Object> options) {
    return ConfigLoader.load(file, sets, options);
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Row> rows(Dataset<Row> df) {
    return df.collectAsList();
  }
}
