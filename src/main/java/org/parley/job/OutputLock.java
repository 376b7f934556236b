package org.parley.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time on an output: a file {@code _parley/lock} naming its holder (host, pid, run
 * id, start time), created only if absent. A lock whose holder is verifiably gone (this host, its
 * process no longer running) is taken over; any other held lock refuses the run.
 */
public final class OutputLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FOLDER = "_parley";
  static final String FILE = "lock";

  /** Who holds a lock. */
  public record Holder(String host, long pid, String runId, Instant startedAt) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", host);
      m.put("pid", pid);
      m.put("run_id", runId);
      m.put("started_at", startedAt.toString());
      return m;
    }

    static Holder of(Map<?, ?> m) {
      return new Holder(
          String.valueOf(m.get("host")),
          ((Number) m.get("pid")).longValue(),
          String.valueOf(m.get("run_id")),
          Instant.parse(String.valueOf(m.get("started_at"))));
    }

    @Override
    public String toString() {
      return "run " + runId + " (host " + host + ", pid " + pid + ", started " + startedAt + ")";
    }
  }

  /** The output is held by a live run, or by one that cannot be checked from here. */
  public static final class LockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LockedException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Holder holder;
  private final Holder takenFrom;

  private OutputLock(FileSystem fs, Path file, Holder holder, Holder takenFrom) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
    this.takenFrom = takenFrom;
  }

  /** The lock file of an output. */
  public static Path lockFile(String outputPath) {
    return new Path(new Path(outputPath, FOLDER), FILE);
  }

  /**
   * Takes the output's lock for a run, or throws {@link LockedException} naming the holder. A lock
   * left by a dead process on this host is taken over (see {@link #takenFrom}); a lock from another
   * host older than {@code staleAfter} is reported as stale, with how to clear it.
   */
  public static OutputLock acquire(
      String outputPath, Configuration conf, String runId, Duration staleAfter) {
    Path file = lockFile(outputPath);
    Holder me = new Holder(hostName(), ProcessHandle.current().pid(), runId, Instant.now());
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (tryCreate(fs, file, me)) {
        return new OutputLock(fs, file, me, null);
      }
      Holder other = read(fs, file);
      if (other == null) {
        throw new LockedException(
            "Output "
                + outputPath
                + " is locked by an unreadable lock file "
                + file
                + ". If no Parley run is writing there, remove it: jobs/parley unlock --output "
                + outputPath);
      }
      if (other.host().equals(me.host())
          && !ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false)) {
        LOG.warn("Taking over the lock of {}: its process is no longer running", other);
        fs.delete(file, false);
        if (tryCreate(fs, file, me)) {
          return new OutputLock(fs, file, me, other);
        }
        other = read(fs, file);
      }
      String message = "Output " + outputPath + " is locked by " + other + ".";
      if (other != null
          && !other.host().equals(me.host())
          && Duration.between(other.startedAt(), Instant.now()).compareTo(staleAfter) > 0) {
        message +=
            " The lock is older than run.lock_stale_hours ("
                + staleAfter.toHours()
                + " h), so it may be stale;"
                + " if that run is no longer running, clear it with: jobs/parley unlock --output "
                + outputPath;
      } else {
        message += " Wait for it to finish.";
      }
      throw new LockedException(message);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the lock " + file, e);
    }
  }

  /** Removes an output's lock whoever holds it (the command an operator runs for a stale lock). */
  public static Holder clear(String outputPath, Configuration conf) {
    Path file = lockFile(outputPath);
    try {
      FileSystem fs = file.getFileSystem(conf);
      Holder held = fs.exists(file) ? read(fs, file) : null;
      fs.delete(file, false);
      return held;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the lock " + file, e);
    }
  }

  /** The holder of a lock this one took over (its process had died), or null. */
  public Holder takenFrom() {
    return takenFrom;
  }

  public Holder holder() {
    return holder;
  }

  @Override
  public void close() {
    try {
      Holder now = read(fs, file);
      if (now != null && now.equals(holder)) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      LOG.warn("Could not release the lock {}: {}", file, e.getMessage());
    }
  }

  private static boolean tryCreate(FileSystem fs, Path file, Holder holder) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(JSON.writeValueAsBytes(holder.toMap()));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // some file systems say "exists" with a plain IOException
      }
      throw e;
    }
  }

  private static Holder read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Holder.of(JSON.readValue(in, Map.class));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (RuntimeException | com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
