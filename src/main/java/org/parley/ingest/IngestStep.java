package org.parley.ingest;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.job.RunContext;
import org.parley.job.Step;
import org.parley.job.StepReport;
import org.parley.tables.Tables;
import org.parley.text.TextOptions;
import org.parley.text.TextTransforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code ingest}: input files → {@code articles}, {@code rejected_records} and
 * {@code sentences} (the text analysis every later stage reads).
 */
public final class IngestStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);
  public static final String NAME = "ingest";

  /** Records read = accepted + duplicates + rejected. */
  public record Totals(long recordsRead, long accepted, long duplicates, long rejected) {
    public boolean reconciles() {
      return recordsRead == accepted + duplicates + rejected;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepReport run(RunContext ctx) {
    IngestOptions options = IngestOptions.from(ctx.config());
    ctx.describe("ingest: read and parse input files");
    // On disk, not in memory: a partition here is a whole input file, read as one byte array (up to
    // ingest.max_file_bytes) and copied as it is parsed. Cached records in the heap left too little
    // room for those copies: the 1M benchmark's 154 MB files ran a 4g local driver out of memory.
    Dataset<Row> records =
        IngestTransforms.parseFiles(inputFiles(ctx, options.maxFileBytes()), options)
            .persist(StorageLevel.DISK_ONLY());
    try {
      Row totals = IngestTransforms.outcomeTotals(records).first();
      long read = totals.getAs(IngestTransforms.RECORDS_READ);
      long acceptedRecords = totals.getAs(IngestTransforms.ACCEPTED_RECORDS);
      long unique = totals.getAs(IngestTransforms.UNIQUE_ARTICLES);

      ctx.describe("ingest: write rejected_records");
      long rejected = ctx.tables().write(Tables.REJECTED_RECORDS,
          ctx.stamped(IngestTransforms.rejections(records)));

      ctx.describe("ingest: analyse text, write articles and sentences");
      // Read twice (articles, then sentences), and on disk for the same reason as the records: a
      // partition holds every token of its articles, about 450 MB at a million articles, which
      // MEMORY_AND_DISK builds in the heap first only to find it does not fit.
      Dataset<Row> analyzed =
          TextTransforms.analyze(IngestTransforms.uniqueArticles(records), TextOptions.from(ctx.config()))
              .persist(StorageLevel.DISK_ONLY());
      try {
        long accepted = ctx.tables().write(Tables.ARTICLES,
            ctx.stamped(TextTransforms.withTextCounts(analyzed).drop(TextTransforms.SENTENCES)));
        ctx.tables().write(Tables.SENTENCES, ctx.stamped(TextTransforms.sentenceRows(analyzed)));
        Totals result = new Totals(read, accepted, acceptedRecords - unique, rejected);
        if (!result.reconciles() || accepted != unique) {
          throw new IllegalStateException("Ingest counts do not reconcile: " + result
              + " (unique articles parsed: " + unique + ")");
        }
        LOG.info("Ingested {} records: {} articles, {} duplicates, {} rejected",
            read, accepted, result.duplicates(), rejected);
        return new StepReport(result);
      } finally {
        analyzed.unpersist();
      }
    } finally {
      records.unpersist();
    }
  }

  /**
   * Input files as (path, length, content), content null for files over the size limit (listed,
   * not read). Hidden files (names starting with '.' or '_') are skipped, as Hadoop does.
   */
  private static Dataset<Row> inputFiles(RunContext ctx, long maxFileBytes) {
    String[] paths = ctx.inputPaths().toArray(String[]::new);
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    for (String p : paths) {
      Path path = new Path(p);
      try {
        if (!path.getFileSystem(hadoop).exists(path)) {
          throw new ConfigException("Input path not found: " + p + " (--input or input.paths)");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot check input path " + p, e);
      }
    }
    DataFrameReader reader = ctx.spark().read().format("binaryFile").option("recursiveFileLookup", "true");
    String glob = ctx.config().get(ConfigKeys.INGEST_PATH_GLOB);
    if (glob != null) {
      reader = reader.option("pathGlobFilter", glob);
    }
    Dataset<Row> files = reader.load(paths);
    Dataset<Row> readable = files
        .filter(col(IngestTransforms.FILE_LENGTH).leq(maxFileBytes))
        .select(IngestTransforms.FILE_PATH, IngestTransforms.FILE_LENGTH, IngestTransforms.FILE_CONTENT);
    Dataset<Row> oversized = files
        .filter(col(IngestTransforms.FILE_LENGTH).gt(maxFileBytes))
        .select(col(IngestTransforms.FILE_PATH), col(IngestTransforms.FILE_LENGTH),
            lit(null).cast(DataTypes.BinaryType).as(IngestTransforms.FILE_CONTENT));
    return readable.unionByName(oversized).unionByName(emptyFiles(ctx, paths, glob));
  }

  /**
   * Empty files as (path, 0, empty content). Spark's file sources leave zero-length files out of
   * their listing, so without this an empty input file would vanish from the counts instead of
   * becoming an empty_file rejection. Same rules as Spark's listing: recursive, names starting
   * with '.' or '_' skipped, the glob matched against the file name.
   */
  private static Dataset<Row> emptyFiles(RunContext ctx, String[] paths, String glob) {
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    List<Row> rows = new ArrayList<>();
    try {
      GlobFilter filter = glob == null ? null : new GlobFilter(glob);
      for (String p : paths) {
        Path root = new Path(p);
        FileSystem fs = root.getFileSystem(hadoop);
        root = fs.makeQualified(root);
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
          LocatedFileStatus file = files.next();
          if (file.getLen() == 0 && !isHidden(file.getPath(), root)
              && (filter == null || filter.accept(file.getPath()))) {
            rows.add(RowFactory.create(file.getPath().toString(), 0L, new byte[0]));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list input files", e);
    }
    StructType schema = new StructType()
        .add(IngestTransforms.FILE_PATH, DataTypes.StringType)
        .add(IngestTransforms.FILE_LENGTH, DataTypes.LongType)
        .add(IngestTransforms.FILE_CONTENT, DataTypes.BinaryType);
    return ctx.spark().createDataFrame(rows, schema);
  }

  /** Whether a file, or a folder between it and the input root, is hidden ('.' or '_'). */
  private static boolean isHidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
