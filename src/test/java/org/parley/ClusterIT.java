package org.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parley on a two-worker Spark standalone cluster on loopback ({@code jobs/cluster.sh}): the same
 * tables as local mode for a full run (during whose text stages a worker and its executor are
 * killed) and a nightly run, and for a Gibbs fit during which a worker is killed. Cluster runs are
 * given local mode's parallelism (default parallelism = the machine's cores, its shuffle
 * partitions), so the data is cut the same way and only the place of each task differs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final Path STATE = Path.of("target", "cluster-it").toAbsolutePath();
  private static final Path WORK = Path.of("target", "it-outputs").toAbsolutePath();
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final List<String> LOCAL_PARALLELISM =
      List.of(
          "--conf", "spark.default.parallelism=" + CORES,
          "--conf", "spark.sql.shuffle.partitions=" + Math.max(4, 2 * CORES));
  private static Map<String, String> env;

  @BeforeAll
  static void startCluster() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    env =
        Map.of(
            "PARLEY_CLUSTER_DIR",
            STATE.toString(),
            "PARLEY_CLUSTER_PORT",
            String.valueOf(port),
            "PARLEY_WORKER_MEMORY",
            "3g",
            "PARLEY_EXECUTOR_MEMORY",
            "2g");
    cluster("stop"); // a cluster left by an interrupted earlier run of this test
    ItOutputs.Result started = cluster("start");
    assertEquals(0, started.exitCode(), started.stderr());
    ItOutputs.Result again = cluster("start");
    assertEquals(1, again.exitCode(), "a second start over a running cluster is refused");
    assertTrue(again.stderr().contains("already running"), again.stderr());
    List<String> roles = pids().stream().map(l -> l.split(" ")[0]).toList();
    assertTrue(roles.containsAll(List.of("master", "worker-1", "worker-2")), "pids: " + roles);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    ItOutputs.Result stopped = cluster("stop");
    assertEquals(0, stopped.exitCode(), stopped.stderr());
    List<String> left =
        ProcessHandle.allProcesses()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(
                c ->
                    c.contains(STATE.toString())
                        || c.contains("127.0.0.1:" + env.get("PARLEY_CLUSTER_PORT")))
            .filter(c -> c.contains("org.apache.spark"))
            .toList();
    assertEquals(List.of(), left, "no master, worker or executor is left");
  }

  /**
   * The full job on the cluster, with worker-2 and its executor killed when the text stages begin:
   * the run goes on with worker-1 and writes local mode's tables. One run shows both that a cluster
   * run equals a local one and that it survives a lost machine (two runs took 8 min of CI).
   */
  @Test
  @Order(1)
  void fullRunOnTheClusterEqualsLocalModeThoughAWorkerIsLost() throws Exception {
    ItOutputs.Output local = ItOutputs.faKes();
    assertEquals(0, local.run().exitCode(), local.run().stderr());
    Path out = fresh("fa-kes-cluster");
    try {
      ItOutputs.Result run = submitKillingWorker(faKesRun(out), "Stage terms starts");
      assertEquals(0, run.exitCode(), run.stderr());
      try (Stream<Path> apps = Files.list(STATE.resolve("worker-1"))) {
        assertTrue(
            apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
            "executors ran on worker-1");
      }
      TableSnapshots.assertEqual(snapshot(local.path()), snapshot(out));
    } finally {
      restartCluster();
    }
  }

  @Test
  @Order(2)
  void nightlyOnTheClusterEqualsLocalMode() throws Exception {
    Path base = ItOutputs.faKes().path();
    Path landing = fresh("cluster-landing");
    writeSeedsNight(landing.resolve("date=2024-03-02"));
    Path local = fresh("nightly-local");
    Path onCluster = fresh("nightly-cluster");
    TestFiles.copyTree(base, local);
    TestFiles.copyTree(base, onCluster);
    List<String> nightly =
        List.of(
            "nightly",
            "--config",
            "conf/fa-kes.yaml",
            "--date",
            "2024-03-02",
            "--input",
            landing.toString(),
            "--output");
    List<String> localArgs = new ArrayList<>(nightly);
    localArgs.add(local.toString());
    ItOutputs.Result l = ItOutputs.launcher(localArgs.toArray(String[]::new));
    assertEquals(0, l.exitCode(), l.stderr());
    List<String> clusterArgs = new ArrayList<>(LOCAL_PARALLELISM);
    clusterArgs.addAll(nightly);
    clusterArgs.add(onCluster.toString());
    ItOutputs.Result c = submit(clusterArgs);
    assertEquals(0, c.exitCode(), c.stderr());
    var localTables = snapshot(local);
    assertTrue(
        localTables.get("articles").size() > snapshot(base).get("articles").size(),
        "the night added articles");
    TableSnapshots.assertEqual(localTables, snapshot(onCluster));
  }

  @Test
  @Order(3)
  void workerLostDuringAGibbsFit() throws Exception {
    Path corpus = fresh("gibbs-corpus");
    ItOutputs.Result generated =
        ItOutputs.launcher(
            "generate", "--articles", "2000", "--seed", "5", "--output", corpus.toString());
    assertEquals(0, generated.exitCode(), generated.stderr());
    Path local = fresh("gibbs-local");
    Path onCluster = fresh("gibbs-cluster-worker-lost");
    List<String> gibbs =
        List.of(
            "run",
            "--input",
            corpus.toString(),
            "--stages",
            "ingest,terms,topics",
            "--set",
            "topics.lda.optimizer=gibbs",
            "--set",
            "topics.max_iterations=60",
            "--set",
            "topics.k=6");
    List<String> localArgs = new ArrayList<>(LOCAL_PARALLELISM);
    localArgs.addAll(gibbs);
    localArgs.addAll(List.of("--output", local.toString()));
    ItOutputs.Result l = ItOutputs.launcher(localArgs.toArray(String[]::new));
    assertEquals(0, l.exitCode(), l.stderr());
    List<String> clusterArgs = new ArrayList<>(LOCAL_PARALLELISM);
    clusterArgs.addAll(gibbs);
    clusterArgs.addAll(List.of("--output", onCluster.toString()));
    try {
      ItOutputs.Result c = submitKillingWorker(clusterArgs, "sweep 10/60 done");
      assertEquals(0, c.exitCode(), c.stderr());
      assertTrue(c.stderr().contains("sweep 60/60 done"), "the fit went on after the loss");
      var expected = snapshot(local);
      assertTrue(expected.containsKey("topic_terms"), "the topics were written");
      TableSnapshots.assertEqual(expected, snapshot(onCluster));
    } finally {
      restartCluster();
    }
  }

  // ---- helpers ----

  private static List<String> faKesRun(Path out) {
    List<String> args = new ArrayList<>(LOCAL_PARALLELISM);
    args.addAll(
        List.of(
            "run",
            "--config",
            "conf/fa-kes.yaml",
            "--input",
            "src/test/resources/fa-kes",
            "--output",
            out.toString()));
    return args;
  }

  private static Map<String, List<String>> snapshot(Path output) {
    return TableSnapshots.of(SparkTestSupport.spark(), output, 6);
  }

  private static ItOutputs.Result cluster(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("jobs/cluster.sh");
    command.addAll(List.of(args));
    return ItOutputs.run(command, env, Path.of("."), 3);
  }

  private static ItOutputs.Result submit(List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("jobs/cluster.sh", "submit"));
    command.addAll(args);
    return ItOutputs.run(command, env, Path.of("."), 15);
  }

  /**
   * Submits a run, and when its log first shows {@code cue} kills worker-2 and its executor JVM
   * with SIGKILL, as a machine lost would. Returns the finished run.
   */
  private static ItOutputs.Result submitKillingWorker(List<String> args, String cue)
      throws Exception {
    Path stdout = Files.createTempFile("parley-cluster", ".out");
    Path stderr = Files.createTempFile("parley-cluster", ".err");
    List<String> command = new ArrayList<>(List.of("jobs/cluster.sh", "submit"));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!Files.readString(stderr, StandardCharsets.UTF_8).contains(cue)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          fail(
              "the run never logged '"
                  + cue
                  + "': "
                  + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        Thread.sleep(200);
      }
      List<Long> victims =
          pids().stream()
              .filter(l -> l.startsWith("worker-2"))
              .map(l -> Long.parseLong(l.split(" ")[1]))
              .toList();
      assertEquals(2, victims.size(), "worker-2 and its executor: " + pids());
      for (long pid : victims) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("the run did not finish after the worker was lost");
      }
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertTrue(
          err.contains("Lost executor") || err.contains("lost executor") || err.contains("removed"),
          "the driver saw the executor go");
      return new ItOutputs.Result(
          p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), err);
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static List<String> pids() throws IOException, InterruptedException {
    ItOutputs.Result r = cluster("pids");
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  private static void restartCluster() throws IOException, InterruptedException {
    cluster("stop");
    ItOutputs.Result started = cluster("start");
    assertEquals(0, started.exitCode(), started.stderr());
  }

  /** The five seed articles as one night of the FA-KES layout (its CSV columns and charset). */
  private static void writeSeedsNight(Path folder) throws IOException {
    Files.createDirectories(folder);
    StringBuilder csv =
        new StringBuilder("unit_id,article_title,article_content,source,date,location,labels\n");
    try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
      for (Path seed : seeds.sorted().toList()) {
        String text = Files.readString(seed, StandardCharsets.UTF_8).strip();
        String name = seed.getFileName().toString().replace(".txt", "");
        csv.append(name)
            .append(",\"")
            .append(name)
            .append("\",\"")
            .append(text.replace("\"", "\"\""))
            .append("\",seeds,3/2/2024,,\n");
      }
    }
    Files.write(
        folder.resolve("night.csv"), csv.toString().getBytes(Charset.forName("windows-1252")));
  }

  private static Path fresh(String name) throws IOException {
    Path p = WORK.resolve(name);
    deleteTree(p);
    Files.createDirectories(WORK);
    return p;
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    }
  }
}
