package org.parley.cli;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;

/**
 * The paths a command names, checked before Spark starts, so that a wrong path is a one-line usage
 * error (exit 2) and not a stack trace a minute into the run: the output must be a folder or not
 * exist yet (under a folder), and every input of a {@code run} must exist.
 */
public final class PathChecks {
  private PathChecks() {}

  /** Throws a {@link ConfigException} naming the path and the option when a path is unusable. */
  public static void check(CommandLine.Command command, ParleyConfig config, Configuration hadoop) {
    if (command == CommandLine.Command.GENERATE) {
      return;
    }
    outputIsAFolder(config.get(ConfigKeys.OUTPUT_PATH), hadoop);
    if (command == CommandLine.Command.RUN) {
      for (String input : config.<List<String>>get(ConfigKeys.INPUT_PATHS)) {
        if (!exists(new Path(input), hadoop)) {
          throw new ConfigException("Input path not found: " + input + " (--input or input.paths)");
        }
      }
    }
  }

  /** A nightly run's landing root: the one input path, which must exist. */
  public static String landingRoot(ParleyConfig config, Configuration hadoop) {
    List<String> inputs = config.get(ConfigKeys.INPUT_PATHS);
    if (inputs.size() != 1) {
      throw new ConfigException(
          "nightly reads one landing folder (--input LANDING, holding date=YYYY-MM-DD/"
              + " folders); got "
              + inputs.size()
              + " input paths");
    }
    Path root = new Path(inputs.get(0));
    if (!exists(root, hadoop)) {
      throw new ConfigException("Landing folder not found: " + root + " (--input LANDING)");
    }
    return root.toString();
  }

  /** The output, or the nearest of its parents that exists, must be a folder. */
  private static void outputIsAFolder(String output, Configuration hadoop) {
    Path path = new Path(output);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      for (Path p = path; p != null; p = p.getParent()) {
        FileStatus status = status(fs, p);
        if (status == null) {
          continue;
        }
        if (!status.isDirectory()) {
          throw new ConfigException(
              "Output path "
                  + output
                  + (p.equals(path) ? " is a file" : " is under a file, " + p)
                  + ", not a folder (--output or output.path): give a folder for the tables.");
        }
        return;
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot check the output path " + output + ": " + e.getMessage());
    }
  }

  private static FileStatus status(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static boolean exists(Path path, Configuration hadoop) {
    try {
      return path.getFileSystem(hadoop).exists(path);
    } catch (IOException e) {
      throw new ConfigException("Cannot check the path " + path + ": " + e.getMessage());
    }
  }
}
