package org.parley.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;

/**
 * A Delta table's current files, read from its snapshot: they give the table's version, its row
 * count (from the files' statistics) and its symlink manifest, {@code
 * <table>/_symlink_format_manifest/manifest}, one fully qualified Parquet path a line, as Delta's
 * {@code GENERATE symlink_format_manifest} writes it for an unpartitioned table. Readers without
 * Delta support read exactly the current rows through it.
 */
final class SymlinkManifest {
  static final String FOLDER = "_symlink_format_manifest";
  static final String FILE = "manifest";

  /** The table's version and row count (-1 when a file lacks statistics). */
  record State(long version, long rows) {}

  private SymlinkManifest() {}

  /** Writes the manifest of the table's latest version and returns that version's state. */
  static State refresh(SparkSession spark, String tablePath) {
    Snapshot snapshot =
        DeltaLog.forTable(spark, tablePath).update(false, Option.empty(), Option.empty());
    // One row per data file: a few hundred at most for Parley's tables, fine on the driver.
    List<Row> files =
        snapshot
            .allFiles()
            .toDF()
            .select(col("path"), get_json_object(col("stats"), "$.numRecords").cast("long"))
            .collectAsList();
    Path root = new Path(tablePath);
    StringBuilder manifest = new StringBuilder();
    long rows = 0;
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path qualifiedRoot = fs.makeQualified(root);
      for (Row f : files) {
        // Delta stores paths relative to the table and URL-encoded.
        Path file = new Path(new URI(f.getString(0)));
        Path absolute = file.isAbsolute() ? file : new Path(qualifiedRoot, file);
        manifest.append(absolute).append('\n');
        rows = rows < 0 || f.isNullAt(1) ? -1 : rows + f.getLong(1);
      }
      Path folder = new Path(root, FOLDER);
      Path tmp = new Path(folder, "." + FILE + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      }
      Path target = new Path(folder, FILE);
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the symlink manifest of " + tablePath, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "A file path in " + tablePath + "'s Delta log is not a URI", e);
    }
    return new State(snapshot.version(), rows);
  }
}
