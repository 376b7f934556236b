package org.parley.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The unfinished run's journal, {@code _parley/journal.json}: written before a run's first commit
 * with every table's version before the run, removed when the run is recorded. A journal found by
 * the next run means its writer was killed: the tables it names go back to those versions.
 */
public final class RunJournal {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FILE = "journal.json";

  /** What a run wrote down before its first commit. */
  public record Entry(
      String runId,
      String command,
      Instant startedAt,
      List<String> stages,
      List<String> inputPaths,
      String configDigest,
      String configJson,
      Map<String, Long> versionsBefore) {}

  private final FileSystem fs;
  private final Path file;

  public RunJournal(String outputPath, Configuration conf) {
    this.file = new Path(new Path(outputPath, OutputLock.FOLDER), FILE);
    try {
      this.fs = file.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the journal (replacing any), through a temporary file so it is never half written. */
  public void write(Entry entry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", entry.runId());
    m.put("command", entry.command());
    m.put("started_at", entry.startedAt().toString());
    m.put("stages", entry.stages());
    m.put("input_paths", entry.inputPaths());
    m.put("config_digest", entry.configDigest());
    m.put("config_json", entry.configJson());
    m.put("versions_before", entry.versionsBefore());
    Path tmp = new Path(file.getParent(), "." + FILE + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("cannot rename " + tmp + " to " + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run journal " + file, e);
    }
  }

  /** The journal an unfinished run left, or null. */
  @SuppressWarnings("unchecked")
  public Entry read() {
    try {
      if (!fs.exists(file)) {
        return null;
      }
      Map<String, Object> m;
      try (InputStream in = fs.open(file)) {
        m = JSON.readValue(in, Map.class);
      }
      Map<String, Long> versions = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("versions_before"))
          .forEach((k, v) -> versions.put(k, ((Number) v).longValue()));
      return new Entry(
          (String) m.get("run_id"),
          (String) m.get("command"),
          Instant.parse((String) m.get("started_at")),
          (List<String>) m.get("stages"),
          (List<String>) m.get("input_paths"),
          (String) m.get("config_digest"),
          (String) m.get("config_json"),
          versions);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the run journal "
              + file
              + "; if no run is writing to this output, remove it and check the tables' versions",
          e);
    }
  }

  public void remove() {
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the run journal " + file, e);
    }
  }
}
