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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigException;
import org.parley.config.ConfigKeys;
import org.parley.pipeline.IngestTotals;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.RunMode;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.spark.Checkpoints;
import org.parley.spark.HadoopConf;
import org.parley.spark.SideBySide;
import org.parley.tables.Columns;
import org.parley.tables.Table;
import org.parley.tables.Tables;
import org.parley.text.Furniture;
import org.parley.text.FurnitureOptions;
import org.parley.text.FurnitureTransforms;
import org.parley.text.TextOptions;
import org.parley.text.TextTransforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code ingest}: input files → {@code articles}, {@code rejected_records} and {@code
 * sentences} (the text analysis every later stage reads).
 */
public final class IngestStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);
  public static final String NAME = "ingest";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Table> reads() {
    return List.of();
  }

  @Override
  public List<Table> writes() {
    return List.of(Tables.ARTICLES, Tables.REJECTED_RECORDS, Tables.FURNITURE, Tables.SENTENCES);
  }

  @Override
  public StepReport run(RunContext ctx) {
    if (ctx.mode() == RunMode.REFIT) {
      // No input: the furniture is learned again from the articles the tables hold, for the
      // runs after this one (the stored sentences stay as their runs cleaned them).
      ctx.describe("ingest: learn page furniture from the stored articles");
      learnFurniture(ctx, ctx.tables().read(Tables.ARTICLES));
      return StepReport.NONE;
    }
    IngestOptions options = IngestOptions.from(ctx.config());
    List<String> warnings = new ArrayList<>();
    String[] paths = existingInputs(ctx, warnings);
    ctx.describe("ingest: read and parse input files");
    // On disk, not in memory: a task here holds a whole input file (or part), read as one byte
    // array (up to ingest.max_file_bytes) and copied as it is parsed. Cached records in the heap
    // left too little room for those copies: the 1M benchmark's 154 MB files ran a 4g local driver
    // out of memory.
    Dataset<Row> records =
        (paths.length == 0
                ? ctx.spark().createDataFrame(List.of(), IngestTransforms.RECORDS)
                : parsedRecords(ctx, paths, options))
            .persist(StorageLevel.DISK_ONLY());
    try {
      Row totals = IngestTransforms.outcomeTotals(records).first();
      long read = totals.getAs(IngestTransforms.RECORDS_READ);
      long acceptedRecords = totals.getAs(IngestTransforms.ACCEPTED_RECORDS);
      long unique = totals.getAs(IngestTransforms.UNIQUE_ARTICLES);

      // The rejections are committed while the text is analysed: both are mostly driver work on a
      // night's input, and neither reads what the other writes.
      long[] added = new long[1];
      long[] rejected = new long[1];
      SideBySide.run(
          ctx.spark().sparkContext(),
          () -> added[0] = analyse(ctx, records, warnings),
          () -> rejected[0] = writeRejections(ctx, records));
      // Duplicates: copies within the input, and (nightly) articles the tables already held.
      IngestTotals result =
          new IngestTotals(read, added[0], acceptedRecords - added[0], rejected[0]);
      if (!result.reconciles()
          || added[0] > unique
          || (!ctx.mode().incremental() && added[0] != unique)) {
        throw new IllegalStateException(
            "Ingest counts do not reconcile: "
                + result
                + " (unique articles parsed: "
                + unique
                + ")");
      }
      LOG.info(
          "Ingested {} records: {} new articles, {} duplicates, {} rejected",
          read,
          added[0],
          result.duplicates(),
          rejected[0]);
      if (unique == 0 && !ctx.mode().incremental()) {
        warnings.add(nothingUsable(read, ctx.tables().read(Tables.REJECTED_RECORDS)));
      }
      return new StepReport(result, warnings);
    } finally {
      records.unpersist();
    }
  }

  /**
   * Writes the run's rejections; returns how many. A night's replace those an earlier run of the
   * same night recorded; a night with none, after no earlier run of it recorded any, commits
   * nothing.
   */
  private static long writeRejections(RunContext ctx, Dataset<Row> records) {
    ctx.describe("ingest: write rejected_records");
    Dataset<Row> rejections = ctx.stamped(IngestTransforms.rejections(records));
    long rejected = rejections.count();
    if (!ctx.mode().incremental() || !ctx.tables().exists(Tables.REJECTED_RECORDS)) {
      ctx.tables().write(Tables.REJECTED_RECORDS, rejections);
    } else if (ctx.night() != null) {
      String ofTheNight = Columns.INGEST_DATE + " = DATE'" + ctx.night() + "'";
      if (rejected > 0
          || !ctx.tables().read(Tables.REJECTED_RECORDS).filter(ofTheNight).isEmpty()) {
        ctx.tables().replaceWhere(Tables.REJECTED_RECORDS, rejections, ofTheNight);
      } else {
        LOG.info("No rejected records this night: table rejected_records left as it is");
      }
    } else if (rejected > 0) {
      ctx.tables().append(Tables.REJECTED_RECORDS, rejections);
    }
    return rejected;
  }

  /**
   * Deduplicates, analyses and writes the new articles and their sentences; returns how many
   * articles it added.
   */
  private static long analyse(RunContext ctx, Dataset<Row> records, List<String> warnings) {
    ctx.describe("ingest: analyse text, write articles and sentences");
    Dataset<Row> newArticles = IngestTransforms.uniqueArticles(records);
    if (ctx.mode().incremental() && ctx.tables().exists(Tables.ARTICLES)) {
      // Checkpointed: the anti-join reads articles, which this step then appends to, and a write
      // to a table makes Spark recompute (not reuse) what was cached from it, by which time the
      // night's articles would be in the table and none of them new.
      newArticles =
          Checkpoints.truncate(
              IngestTransforms.notIn(newArticles, ctx.tables().read(Tables.ARTICLES)));
    }
    if (ctx.mode().learnsModels()) {
      // Learning the furniture reads the articles twice (per-source counts, then the sample)
      // before the analysis reads them: stored once, the deduplication runs once, not thrice.
      newArticles = newArticles.persist(StorageLevel.DISK_ONLY());
    }
    // Read twice (articles, then sentences), and on disk for the same reason as the records: a
    // partition holds every token of its articles, about 450 MB at a million articles, which
    // MEMORY_AND_DISK builds in the heap first only to find it does not fit.
    Furniture furniture = furniture(ctx, newArticles, warnings);
    ctx.describe("ingest: analyse text, write articles and sentences");
    Dataset<Row> analyzed =
        TextTransforms.analyze(newArticles, TextOptions.from(ctx.config()), furniture)
            .persist(StorageLevel.DISK_ONLY());
    try {
      long added = analyzed.count();
      // Two commits side by side, for the same reason as the rejections beside the analysis.
      SideBySide.run(
          ctx.spark().sparkContext(),
          () ->
              ctx.writeArticleRows(
                  Tables.ARTICLES,
                  TextTransforms.withTextCounts(analyzed).drop(TextTransforms.SENTENCES)),
          () -> ctx.writeArticleRows(Tables.SENTENCES, TextTransforms.sentenceRows(analyzed)));
      return added;
    } finally {
      analyzed.unpersist();
      if (ctx.mode().learnsModels()) {
        newArticles.unpersist();
      }
    }
  }

  /**
   * The page furniture to remove: learned from this run's articles and stored by a full run, the
   * stored one otherwise (a night's few articles could not tell furniture from news).
   */
  private static Furniture furniture(RunContext ctx, Dataset<Row> articles, List<String> warnings) {
    if (ctx.mode().learnsModels()) {
      ctx.describe("ingest: learn page furniture");
      return learnFurniture(ctx, articles);
    }
    if (!FurnitureOptions.from(ctx.config()).enabled()) {
      return Furniture.none();
    }
    if (!ctx.tables().exists(Tables.FURNITURE)) {
      warnings.add(
          "no stored page furniture in the output: text analysed without furniture removal"
              + " (a full 'run' or 'refit' learns it)");
      return Furniture.none();
    }
    return FurnitureTransforms.model(ctx.tables().read(Tables.FURNITURE));
  }

  /** Learns and stores the furniture (none, stored as such, when furniture removal is off). */
  private static Furniture learnFurniture(RunContext ctx, Dataset<Row> articles) {
    FurnitureOptions options = FurnitureOptions.from(ctx.config());
    Dataset<Row> learned =
        options.enabled()
            ? FurnitureTransforms.learn(articles, TextOptions.from(ctx.config()), options)
            : Tables.empty(ctx.spark(), Tables.FURNITURE);
    ctx.tables().write(Tables.FURNITURE, ctx.stamped(learned));
    return FurnitureTransforms.model(ctx.tables().read(Tables.FURNITURE));
  }

  /**
   * Why a run has no article to analyse, from what rejected_records holds: e.g. "no usable article
   * in the input: 1 record read, rejected as empty_file". The run goes on (its tables end empty,
   * the topic model is skipped) and succeeds with this warning.
   */
  private static String nothingUsable(long read, Dataset<Row> rejected) {
    if (read == 0) {
      return "no usable article in the input: no file read (is ingest.path_glob right for its files?)";
    }
    List<String> reasons = new ArrayList<>();
    for (Row r :
        rejected
            .groupBy(Columns.REASON)
            .count()
            .orderBy(col("count").desc(), col(Columns.REASON))
            .collectAsList()) {
      reasons.add(
          (reasons.isEmpty() ? "rejected as " : "")
              + r.getString(0)
              + (read == 1 ? "" : " (" + r.getLong(1) + ")"));
    }
    return "no usable article in the input: "
        + read
        + (read == 1 ? " record" : " records")
        + " read, "
        + String.join(", ", reasons)
        + "; rejected_records says why for each";
  }

  /**
   * The input paths that exist. A missing one is a usage error, except in a nightly run, where a
   * night without a landing folder is an empty night: said, and not an error.
   */
  private static String[] existingInputs(RunContext ctx, List<String> warnings) {
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    List<String> found = new ArrayList<>();
    for (String p : ctx.inputPaths()) {
      Path path = new Path(p);
      try {
        if (path.getFileSystem(hadoop).exists(path)) {
          found.add(p);
        } else if (ctx.mode().incremental()) {
          warnings.add("no landing folder " + p + ": nothing arrived for this night");
        } else {
          throw new ConfigException("Input path not found: " + p + " (--input or input.paths)");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot check input path " + p, e);
      }
    }
    return found.toArray(String[]::new);
  }

  /**
   * One row per input record. Files of up to one part's size are read by Spark's binaryFile source,
   * which packs many into a task. Larger ones are listed here and each part (or file, when it
   * cannot be split) gets its own task; files too large to read whole become one rejection.
   */
  private static Dataset<Row> parsedRecords(RunContext ctx, String[] paths, IngestOptions options) {
    String glob = ctx.config().get(ConfigKeys.INGEST_PATH_GLOB);
    DataFrameReader reader =
        ctx.spark().read().format("binaryFile").option("recursiveFileLookup", "true");
    if (glob != null) {
      reader = reader.option("pathGlobFilter", glob);
    }
    // The length filter is pushed into the source, which then never reads the larger files' bytes.
    Dataset<Row> smallFiles =
        reader
            .load(paths)
            .filter(col(IngestTransforms.FILE_LENGTH).leq(options.partBytes()))
            .select(
                IngestTransforms.FILE_PATH,
                IngestTransforms.FILE_LENGTH,
                IngestTransforms.FILE_CONTENT);
    Listing listing = listOthers(ctx, paths, glob, options);
    StructType fileSchema =
        new StructType()
            .add(IngestTransforms.FILE_PATH, DataTypes.StringType)
            .add(IngestTransforms.FILE_LENGTH, DataTypes.LongType)
            .add(IngestTransforms.FILE_CONTENT, DataTypes.BinaryType);
    Dataset<Row> records =
        IngestTransforms.parseFiles(
            smallFiles.unionByName(ctx.spark().createDataFrame(listing.files(), fileSchema)),
            options);
    return listing.parts().isEmpty()
        ? records
        : records.unionByName(partRecords(ctx, listing.parts(), options));
  }

  /**
   * Records of the large files, one task per part. The parts of JSON Lines files are numbered
   * first, by a pass that counts the lines starting in each, so that their lines keep the numbers
   * they have when a file is read whole.
   */
  private static Dataset<Row> partRecords(
      RunContext ctx, List<FileParts.Part> parts, IngestOptions options) {
    LOG.info(
        "Large input files: {}, read in {} tasks (parts, or whole files)",
        parts.stream().map(FileParts.Part::path).distinct().count(),
        parts.size());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    HadoopConf conf = new HadoopConf(ctx.spark().sparkContext().hadoopConfiguration());
    List<FileParts.Part> split = parts.stream().filter(p -> !p.whole()).toList();
    List<FileParts.Part> numbered =
        new ArrayList<>(parts.stream().filter(FileParts.Part::whole).toList());
    if (!split.isEmpty()) {
      ctx.describe("ingest: number the lines of large JSON Lines files");
      List<FileParts.Scan> scans =
          jsc.parallelize(split, split.size())
              .map(part -> FileParts.scan(part, conf.get()))
              .collect();
      numbered.addAll(FileParts.numbered(split, scans));
      ctx.describe("ingest: read and parse input files");
    }
    JavaRDD<Row> rows =
        jsc.parallelize(numbered, numbered.size())
            .flatMap(part -> IngestTransforms.rows(FileParts.records(part, conf.get(), options)));
    return ctx.spark().createDataFrame(rows, IngestTransforms.RECORDS);
  }

  /** Files as binaryFile rows (path, length, content), and parts of files for their own tasks. */
  private record Listing(List<Row> files, List<FileParts.Part> parts) {}

  /**
   * What the binaryFile source does not read: empty files as (path, 0, empty content), which
   * Spark's file sources leave out of their listing (an empty file must still become an empty_file
   * rejection); files too large to read whole and not gzipped JSON Lines (which is streamed) as
   * (path, length, null); and the parts of the other large files. Same rules as Spark's listing:
   * recursive, names starting with '.' or '_' skipped, the glob matched against the file name.
   */
  private static Listing listOthers(
      RunContext ctx, String[] paths, String glob, IngestOptions options) {
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    List<Row> files = new ArrayList<>();
    List<FileParts.Part> parts = new ArrayList<>();
    try {
      GlobFilter filter = glob == null ? null : new GlobFilter(glob);
      for (String p : paths) {
        Path root = new Path(p);
        FileSystem fs = root.getFileSystem(hadoop);
        root = fs.makeQualified(root);
        RemoteIterator<LocatedFileStatus> listed = fs.listFiles(root, true);
        while (listed.hasNext()) {
          LocatedFileStatus file = listed.next();
          long length = file.getLen();
          if ((length > 0 && length <= options.partBytes())
              || isHidden(file.getPath(), root)
              || (filter != null && !filter.accept(file.getPath()))) {
            continue;
          }
          String path = file.getPath().toString();
          if (length == 0) {
            files.add(RowFactory.create(path, 0L, new byte[0]));
          } else if (FileParts.splittable(path, options.textCharset())) {
            parts.addAll(FileParts.plan(path, length, options.partBytes()));
          } else if (length > options.maxFileBytes() && !InputFiles.streamable(path)) {
            files.add(RowFactory.create(path, length, null));
          } else {
            parts.add(FileParts.Part.whole(path, length));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list input files", e);
    }
    return new Listing(files, parts);
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
