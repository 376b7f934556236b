package org.parley.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings Parley's Delta tables need. Extensions and the catalog must be set before the
 * session starts (the entry point and the tests' sessions call {@link #configure}); the table
 * defaults are SQL settings, applied to a running session by {@link #applyTableDefaults}.
 */
public final class DeltaSession {
  private DeltaSession() {}

  static final String EXTENSIONS_KEY = "spark.sql.extensions";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String CATALOG_KEY = "spark.sql.catalog.spark_catalog";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /**
   * Properties every new table gets. Parley writes each table's symlink manifest itself after every
   * commit ({@link SymlinkManifest}): Delta's own hook for it ({@code
   * delta.compatibility.symlinkFormatManifest.enabled}) costs 2 to 3 s a commit in local mode;
   * Parley brings its list of files forward from the commit's own log entries instead. Deletion
   * vectors and column mapping stay off: plain Parquet readers of the manifest's files would not
   * see deleted rows or mapped names.
   */
  public static final Map<String, String> TABLE_DEFAULTS =
      Map.of(
          "spark.databricks.delta.properties.defaults.enableDeletionVectors", "false",
          "spark.databricks.delta.properties.defaults.columnMapping.mode", "none");

  /**
   * Adds Delta's extension (after any the user set) and catalog to a session about to start, and
   * runs it in UTC unless a session time zone was given ({@link #sessionSettings}).
   */
  public static SparkSession.Builder configure(SparkSession.Builder builder) {
    // spark-submit's --conf values arrive as system properties
    Map<String, String> settings = sessionSettings(new SparkConf());
    settings.forEach(builder::config);
    if (UTC.equals(settings.get(TIME_ZONE_KEY))) {
      TimeZone.setDefault(TimeZone.getTimeZone(UTC));
      System.setProperty("user.timezone", UTC);
    }
    return builder;
  }

  static final String TIME_ZONE_KEY = "spark.sql.session.timeZone";
  static final String UTC = "UTC";

  /**
   * The settings {@link #configure} adds, given those the user set. The session time zone is UTC
   * unless given, and then the JVM's default zone too: Delta 4.1 checks every commit's list of
   * files by rebuilding the table's state from its log whenever the session's, the JVM's or {@code
   * user.timezone}'s zone is not UTC (a guard against its own serialisation of old timestamps). A
   * 100k nightly in Europe/Berlin took 70.9 s and 123 s of CPU, in UTC 62.4 s and 107 s, with the
   * same tables (BENCHMARKS.md#nightly). Parley's dates do not depend on the zone.
   */
  static Map<String, String> sessionSettings(SparkConf given) {
    Map<String, String> settings = new LinkedHashMap<>();
    String extensions = given.get(EXTENSIONS_KEY, "");
    if (!extensions.contains(DELTA_EXTENSION)) {
      extensions = extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION;
    }
    settings.put(EXTENSIONS_KEY, extensions);
    if (!given.contains(CATALOG_KEY)) {
      settings.put(CATALOG_KEY, DELTA_CATALOG);
    }
    if (!given.contains(TIME_ZONE_KEY)) {
      settings.put(TIME_ZONE_KEY, UTC);
    }
    return settings;
  }

  /**
   * Partitions Delta rebuilds a table's state in, each time it reads a snapshot. Delta's default of
   * 50 is sized for clusters; on one machine Parley's small tables spend most of a commit or a
   * VACUUM on those empty tasks (maintain of the seeds' tables took 3 min with 50, 1.5 min with 2).
   * Parley uses the session's shuffle partitions, capped at Delta's default, unless set.
   */
  static final String SNAPSHOT_PARTITIONS_KEY = "spark.databricks.delta.snapshotPartitions";

  /** Sets the new-table defaults on a running session; true when Delta's extension is active. */
  public static boolean applyTableDefaults(SparkSession spark) {
    TABLE_DEFAULTS.forEach((k, v) -> spark.conf().set(k, v));
    if (!spark.conf().contains(SNAPSHOT_PARTITIONS_KEY)) {
      int shuffle = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions", "200"));
      spark.conf().set(SNAPSHOT_PARTITIONS_KEY, String.valueOf(Math.max(1, Math.min(50, shuffle))));
    }
    return spark.conf().get(EXTENSIONS_KEY, "").contains(DELTA_EXTENSION);
  }
}
