package org.parley.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A Delta table's current files: they give the table's version, its row count (from the files'
 * statistics) and its symlink manifest, {@code <table>/_symlink_format_manifest/manifest}, one
 * fully qualified Parquet path a line, as Delta's {@code GENERATE symlink_format_manifest} writes
 * it for an unpartitioned table. Readers without Delta support read exactly the current rows
 * through it.
 *
 * <p>The files are kept beside the manifest in a hidden state file ({@code .files}: the version,
 * the table's schema as the log states it, then a file's row count and its path as the log names
 * it, a line each). After a commit the state is brought forward by the {@code add} and {@code
 * remove} actions of the commits since its version (a few small JSON files; all of them from
 * version 0 when there is no state yet), not rebuilt from a snapshot: rebuilding costs a Spark job
 * per commit, and a night commits about twenty times. When the state is unreadable, from a later
 * version than the log's, or a commit it needs is gone (Delta removes old commit files after a
 * checkpoint), the files are read from the table's snapshot instead.
 *
 * <p>While the state is at the log's latest version, it also serves Parley's reads of the table
 * ({@link #current}): the files and schema it names are the current version's, read as plain
 * Parquet without Delta rebuilding a snapshot and listing its files in Spark jobs first.
 */
final class SymlinkManifest {
  static final String FOLDER = "_symlink_format_manifest";
  static final String FILE = "manifest";
  static final String STATE = ".files";
  private static final String STATE_HEADER = "parley-manifest-state 2 version ";
  private static final String SCHEMA_LINE = "schema ";

  /** The schema of a table Parquet readers cannot read alone (partition values are in the log). */
  private static final String NOT_PLAIN = "";

  private static final Pattern GLOB_CHARACTERS = Pattern.compile("[{}\\[\\]*?\\\\]");
  private static final String UNKNOWN_ROWS = "-1";

  private static final Logger LOG = LoggerFactory.getLogger(SymlinkManifest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The table's version and row count (-1 when a file lacks statistics). */
  record State(long version, long rows) {}

  /** The files of the table's latest version, qualified, and its schema. */
  record Current(StructType schema, List<String> files) {}

  /**
   * The files of one version: path as in the log, to row count (-1 when not in the stats); and the
   * schema, as the log's JSON ({@link #NOT_PLAIN} for a partitioned table).
   */
  private record Files(long version, String schema, Map<String, Long> rows) {}

  private SymlinkManifest() {}

  /** Writes the manifest of the table's latest version and returns that version's state. */
  static State refresh(SparkSession spark, String tablePath) {
    Path root = new Path(tablePath);
    Path folder = new Path(root, FOLDER);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long latest = CommitLog.latestVersion(fs, root);
      Files files = broughtForward(fs, root, readState(fs, folder), latest);
      if (files == null) {
        files = fromSnapshot(spark, tablePath);
      }
      write(fs, folder, FILE, manifest(fs, root, files));
      write(fs, folder, STATE, state(files)); // after the manifest: a stale state is only slower
      long rows = 0;
      for (long n : files.rows().values()) {
        rows = rows < 0 || n < 0 ? -1 : rows + n;
      }
      return new State(files.version(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the symlink manifest of " + tablePath, e);
    }
  }

  /**
   * The table's latest version as plain Parquet, when the state says what it is: null when the
   * state is missing, unreadable or behind the log (a commit Parley has not brought forward yet,
   * e.g. another tool's), or the table is partitioned.
   */
  static Current current(SparkSession spark, String tablePath) {
    Path root = new Path(tablePath);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Files files = readState(fs, new Path(root, FOLDER));
      if (files == null
          || files.schema().equals(NOT_PLAIN)
          || GLOB_CHARACTERS.matcher(tablePath).find() // Spark would expand them in a path
          || files.version() != CommitLog.latestVersion(fs, root)) {
        return null;
      }
      StructType schema = (StructType) DataType.fromJson(files.schema());
      return new Current(schema, manifest(fs, root, files).lines().toList());
    } catch (IOException | RuntimeException e) { // the table is then read through Delta
      LOG.warn("Reading {} through Delta: its file list is unusable ({})", tablePath, e.toString());
      return null;
    }
  }

  /** The files at {@code latest}, from the state and the commits after it; null if it cannot. */
  private static Files broughtForward(FileSystem fs, Path root, Files state, long latest)
      throws IOException {
    if (state == null) { // a table this Parley created, or one older: replay its log from 0
      state = new Files(-1, NOT_PLAIN, Map.of());
    }
    if (state.version() > latest || latest < 0) {
      return null;
    }
    Map<String, Long> rows = new LinkedHashMap<>(state.rows());
    String schema = state.schema();
    for (long v = state.version() + 1; v <= latest; v++) {
      Path commit = CommitLog.commitFile(root, v);
      try (BufferedReader in = reader(fs, commit)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            schema = apply(JSON.readTree(line), rows, schema);
          }
        }
      } catch (FileNotFoundException e) { // cleaned up after a checkpoint: rebuild
        LOG.info("Commit {} of {} is gone; reading the table's files from its snapshot", v, root);
        return null;
      }
    }
    return new Files(latest, schema, rows);
  }

  /** Applies a log action to the files; returns the schema after it. */
  private static String apply(JsonNode action, Map<String, Long> rows, String schema)
      throws IOException {
    JsonNode add = action.get("add");
    if (add != null) {
      long n = -1;
      JsonNode stats = add.get("stats");
      if (stats != null && stats.isTextual()) {
        JsonNode records = JSON.readTree(stats.asText()).get("numRecords");
        n = records != null && records.canConvertToLong() ? records.asLong() : -1;
      }
      rows.put(add.get("path").asText(), n);
    }
    JsonNode remove = action.get("remove");
    if (remove != null) {
      rows.remove(remove.get("path").asText());
    }
    JsonNode metaData = action.get("metaData");
    if (metaData != null) {
      JsonNode partitions = metaData.get("partitionColumns");
      JsonNode schemaString = metaData.get("schemaString");
      boolean plain = partitions == null || partitions.isEmpty();
      return plain && schemaString != null ? schemaString.asText() : NOT_PLAIN;
    }
    return schema;
  }

  private static Files fromSnapshot(SparkSession spark, String tablePath) {
    Snapshot snapshot =
        DeltaLog.forTable(spark, tablePath).update(false, Option.empty(), Option.empty());
    // One row per data file: a few hundred at most for Parley's tables, fine on the driver.
    List<Row> files =
        snapshot
            .allFiles()
            .toDF()
            .select(col("path"), get_json_object(col("stats"), "$.numRecords").cast("long"))
            .collectAsList();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Row f : files) {
      rows.put(f.getString(0), f.isNullAt(1) ? -1 : f.getLong(1));
    }
    boolean plain = snapshot.metadata().partitionColumns().isEmpty();
    return new Files(
        snapshot.version(), plain ? snapshot.metadata().schemaString() : NOT_PLAIN, rows);
  }

  private static String manifest(FileSystem fs, Path root, Files files) {
    Path qualifiedRoot = fs.makeQualified(root);
    StringBuilder manifest = new StringBuilder();
    for (String logged : files.rows().keySet()) {
      try {
        // Delta stores paths relative to the table and URL-encoded.
        Path file = new Path(new URI(logged));
        manifest.append(file.isAbsolute() ? file : new Path(qualifiedRoot, file)).append('\n');
      } catch (URISyntaxException e) {
        throw new IllegalStateException("A file path in " + root + "'s Delta log is not a URI", e);
      }
    }
    return manifest.toString();
  }

  private static String state(Files files) {
    StringBuilder out = new StringBuilder(STATE_HEADER).append(files.version()).append('\n');
    // Delta's schema string is compact JSON: one line.
    out.append(SCHEMA_LINE).append(files.schema()).append('\n');
    files.rows().forEach((path, n) -> out.append(n).append('\t').append(path).append('\n'));
    return out.toString();
  }

  /** The state file's files, or null when there is none or it is not one Parley wrote. */
  private static Files readState(FileSystem fs, Path folder) throws IOException {
    Path path = new Path(folder, STATE);
    if (!fs.exists(path)) {
      return null;
    }
    try (BufferedReader in = reader(fs, path)) {
      String header = in.readLine();
      if (header == null || !header.startsWith(STATE_HEADER)) {
        return null;
      }
      long version = Long.parseLong(header.substring(STATE_HEADER.length()).trim());
      String schema = in.readLine();
      if (schema == null || !schema.startsWith(SCHEMA_LINE)) {
        return null;
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
          return null;
        }
        String n = line.substring(0, tab);
        rows.put(line.substring(tab + 1), n.equals(UNKNOWN_ROWS) ? -1 : Long.parseLong(n));
      }
      return new Files(version, schema.substring(SCHEMA_LINE.length()), rows);
    } catch (IOException | NumberFormatException e) { // e.g. edited by hand: its checksum fails
      LOG.warn("Ignoring the unreadable manifest state {}: {}", path, e.getMessage());
      return null;
    }
  }

  private static BufferedReader reader(FileSystem fs, Path path) throws IOException {
    FSDataInputStream in = fs.open(path);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Replaces the file by writing a temporary one and renaming it. */
  private static void write(FileSystem fs, Path folder, String name, String text)
      throws IOException {
    Path tmp = new Path(folder, "." + name + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(folder, name);
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }
}
