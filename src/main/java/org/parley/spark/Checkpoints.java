package org.parley.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

/**
 * Cuts the lineage of iterative computations (propagation rounds, Gibbs sweeps) so their plans do
 * not grow with the rounds. Where the context has a checkpoint directory, which a run on a cluster
 * sets ({@link #forRun}), the data is written there: it survives the loss of the executor that
 * computed it, so a lost worker costs a retry, not the job. In local mode, where an executor cannot
 * be lost without the driver, local checkpoints in the block manager are cheaper.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** A run's checkpoint directory: closing it deletes it. */
  public interface RunCheckpoints extends AutoCloseable {
    @Override
    void close();
  }

  /** True when checkpoints go to a reliable directory (a cluster run, or spark.checkpoint.dir). */
  public static boolean reliable(SparkContext sc) {
    return sc.getCheckpointDir().isDefined();
  }

  /** The dataset, computed now and stored with its lineage cut. */
  public static <T> Dataset<T> truncate(Dataset<T> dataset) {
    return reliable(dataset.sparkSession().sparkContext())
        ? dataset.checkpoint(true)
        : dataset.localCheckpoint(true);
  }

  /**
   * Marks the RDD to be stored with its lineage cut by the first job that computes it. A reliable
   * checkpoint is written by a second job after that one, from the persisted blocks.
   */
  public static <T> JavaRDD<T> truncateOnNextJob(JavaRDD<T> rdd) {
    if (reliable(rdd.context())) {
      rdd.persist(StorageLevel.MEMORY_AND_DISK());
      rdd.checkpoint();
    } else {
      rdd.rdd().localCheckpoint();
    }
    return rdd;
  }

  /**
   * Frees an RDD no longer needed: its blocks, and its checkpoint files (an iterative fit would
   * otherwise keep every round's state on disk until the run ends).
   */
  public static void release(JavaRDD<?> rdd) {
    rdd.unpersist(false);
    Option<String> file = rdd.rdd().getCheckpointFile();
    if (file.isDefined()) {
      Path path = new Path(file.get());
      try {
        path.getFileSystem(rdd.context().hadoopConfiguration()).delete(path, true);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete the checkpoint " + path, e);
      }
    }
  }

  /**
   * Gives a run on a cluster a checkpoint directory of its own, {@code spark.checkpoint.dir} (or
   * {@code OUTPUT/_checkpoints}) plus the run id, and deletes it when the run ends. Local mode gets
   * none unless {@code spark.checkpoint.dir} is set.
   */
  public static RunCheckpoints forRun(SparkContext sc, String outputPath, String runId) {
    String configured = sc.getConf().get("spark.checkpoint.dir", "");
    if (configured.isEmpty() && sc.isLocal()) {
      return () -> {};
    }
    Path parent =
        configured.isEmpty() ? new Path(outputPath, "_checkpoints") : new Path(configured);
    Path dir = new Path(parent, runId);
    sc.setCheckpointDir(dir.toString());
    return () -> {
      try {
        FileSystem fs = dir.getFileSystem(sc.hadoopConfiguration());
        fs.delete(dir, true);
        if (configured.isEmpty() && fs.listStatus(parent).length == 0) {
          fs.delete(parent, false); // no other run's checkpoints in it
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete the run's checkpoints " + dir, e);
      }
    };
  }
}
