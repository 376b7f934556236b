package org.parley.tables;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Delta table's commit files, {@code _delta_log/<20-digit version>.json}, read by name: a listing
 * tells the latest version without loading a snapshot.
 */
final class CommitLog {
  private CommitLog() {}

  static Path commitFile(Path table, long version) {
    return new Path(new Path(table, TableStore.DELTA_LOG), String.format("%020d.json", version));
  }

  /** The latest commit's version, from the log's file names; -1 when there is no log. */
  static long latestVersion(FileSystem fs, Path table) throws IOException {
    Path log = new Path(table, TableStore.DELTA_LOG);
    if (!fs.exists(log)) {
      return -1;
    }
    long latest = -1;
    for (FileStatus f : fs.listStatus(log)) {
      String name = f.getPath().getName();
      if (name.matches("\\d{20}\\.json")) {
        latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
      }
    }
    return latest;
  }
}
