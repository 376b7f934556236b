package org.parley;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The README's runs through {@code jobs/parley}, made once per test JVM and shared by the
 * integration tests that read them (Failsafe runs them all in one JVM): the job on {@code seeds/}
 * and on FA-KES. Outputs go under {@code target/it-outputs/} so a failed test's tables can be read.
 */
final class ItOutputs {
  private ItOutputs() {}

  /** A finished command: its exit code and what it printed. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** A job output and the run that made it. */
  record Output(Path path, Result run) {}

  private static final Path ROOT = Path.of("target", "it-outputs").toAbsolutePath();
  private static Output seeds;
  private static Output faKes;

  /** {@code jobs/parley run} on the default input, seeds/. */
  static synchronized Output seeds() throws IOException, InterruptedException {
    if (seeds == null) {
      Path out = fresh("seeds");
      seeds = new Output(out, launcher("run", "--output", out.toString()));
    }
    return seeds;
  }

  /** {@code jobs/parley run --config conf/fa-kes.yaml} on the project's copy of FA-KES. */
  static synchronized Output faKes() throws IOException, InterruptedException {
    if (faKes == null) {
      Path out = fresh("fa-kes");
      faKes =
          new Output(
              out,
              launcher(
                  "run",
                  "--config",
                  "conf/fa-kes.yaml",
                  "--input",
                  "src/test/resources/fa-kes",
                  "--output",
                  out.toString()));
    }
    return faKes;
  }

  static Result launcher(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("jobs/parley");
    command.addAll(List.of(args));
    return run(command, Map.of(), Path.of("."), 10);
  }

  /** Runs a command to its end (at most {@code minutes}), its output kept in temporary files. */
  static Result run(List<String> command, Map<String, String> env, Path dir, int minutes)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("parley-it", ".out");
    Path stderr = Files.createTempFile("parley-it", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in " + minutes + " minutes");
    }
    try {
      return new Result(
          p.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static Path fresh(String name) throws IOException {
    Path out = ROOT.resolve(name);
    if (Files.exists(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(ROOT);
    return out;
  }
}
