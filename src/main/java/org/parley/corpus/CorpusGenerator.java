package org.parley.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.config.ConfigException;
import org.parley.config.ParleyVersion;
import org.parley.spark.HadoopConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley generate}: writes a synthetic news corpus as JSON Lines shards ({@code
 * articles-00000.jsonl}, …) in one distributed pass, one task per shard, each writing its own file
 * through Hadoop's FileSystem (file://, hdfs://, s3a:// alike). Shard s holds a contiguous range of
 * article ids and each article depends only on (seed, id), so the same seed gives byte-identical
 * files, the shard count only changes where the lines are cut, and a retried or speculative task
 * rewrites exactly the same bytes. A manifest {@value #MANIFEST} (skipped by ingest, as its name
 * starts with '_') records the options and what was generated.
 */
public final class CorpusGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusGenerator.class);

  public static final String SHARD_PREFIX = "articles-";
  public static final String SHARD_SUFFIX = ".jsonl";
  public static final String MANIFEST = "_GENERATOR.json";

  /** Bumped whenever the same options would give different bytes. */
  public static final int VERSION = 1;

  /** Lines are handed to the writer in blocks of about this many characters. */
  private static final int WRITE_BLOCK_CHARS = 1 << 20;

  private static final StructType SHARD_REPORT =
      new StructType()
          .add("shard", DataTypes.IntegerType, false)
          .add("articles", DataTypes.LongType, false)
          .add("bytes", DataTypes.LongType, false)
          .add("plain", DataTypes.LongType, false)
          .add("near_duplicates", DataTypes.LongType, false)
          .add("exact_duplicates", DataTypes.LongType, false)
          .add("malformed", DataTypes.LongType, false);

  private CorpusGenerator() {}

  /** What was written: counts by kind (what ingest should find), bytes and wall time. */
  public record Result(
      String output,
      long articles,
      int shards,
      long bytes,
      long plain,
      long nearDuplicates,
      long exactDuplicates,
      long malformed,
      double seconds) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "Generated %,d articles (%,d plain, %,d near-duplicates, %,d exact duplicates, %,d malformed)"
              + " in %d shards, %.1f MB, to %s in %.1f s",
          articles,
          plain,
          nearDuplicates,
          exactDuplicates,
          malformed,
          shards,
          bytes / 1e6,
          output,
          seconds);
    }
  }

  public static String shardName(int shard) {
    return String.format(Locale.ROOT, "%s%05d%s", SHARD_PREFIX, shard, SHARD_SUFFIX);
  }

  public static Result generate(SparkSession spark, GeneratorOptions options) {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path output;
    try {
      output = prepareOutput(new Path(options.output()), hadoop, options.overwrite());
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot prepare --output " + options.output() + ": " + e.getMessage());
    }
    String outputUri = output.toString();
    HadoopConf conf = new HadoopConf(hadoop);
    int shards = options.shards();
    LOG.info(
        "Generating {} articles (seed {}) in {} shards to {}",
        options.articles(),
        options.seed(),
        shards,
        outputUri);
    spark
        .sparkContext()
        .setJobDescription(
            "generate: " + options.articles() + " articles in " + shards + " shards");
    List<Row> reports;
    try {
      reports =
          spark
              .range(0, shards, 1, shards)
              .mapPartitions(
                  (MapPartitionsFunction<Long, Row>)
                      ids -> writeShards(ids, options, outputUri, conf),
                  Encoders.row(SHARD_REPORT))
              .collectAsList();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
    long[] totals = new long[SHARD_REPORT.size()];
    for (Row r : reports) {
      for (int c = 1; c < totals.length; c++) {
        totals[c] += r.getLong(c);
      }
    }
    Result result =
        new Result(
            outputUri,
            totals[1],
            shards,
            totals[2],
            totals[3],
            totals[4],
            totals[5],
            totals[6],
            (System.nanoTime() - started) / 1e9);
    writeManifest(output, hadoop, options, result);
    return result;
  }

  /**
   * Creates the output folder, or checks that it is empty. With {@code overwrite}, an earlier
   * generated corpus there is deleted, but a folder holding anything else is refused: a mistyped
   * path must not cost someone their data.
   */
  static Path prepareOutput(Path output, Configuration hadoop, boolean overwrite)
      throws IOException {
    FileSystem fs = output.getFileSystem(hadoop);
    Path qualified = fs.makeQualified(output);
    if (!fs.exists(qualified)) {
      fs.mkdirs(qualified);
      return qualified;
    }
    if (!fs.getFileStatus(qualified).isDirectory()) {
      throw new ConfigException("--output " + output + " is a file; give a folder for the shards.");
    }
    FileStatus[] children = fs.listStatus(qualified);
    if (children.length == 0) {
      return qualified;
    }
    if (!overwrite) {
      throw new ConfigException(
          "--output "
              + output
              + " is not empty ("
              + children.length
              + " entries). Choose an empty folder, or pass --overwrite to replace a corpus generated there.");
    }
    List<String> foreign = new ArrayList<>();
    for (FileStatus child : children) {
      if (!isGeneratorFile(child)) {
        foreign.add(child.getPath().getName());
      }
    }
    if (!foreign.isEmpty()) {
      throw new ConfigException(
          "--overwrite only replaces a generated corpus, but "
              + output
              + " also holds "
              + foreign.subList(0, Math.min(3, foreign.size()))
              + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "")
              + ". Choose another folder.");
    }
    for (FileStatus child : children) {
      fs.delete(child.getPath(), false);
    }
    return qualified;
  }

  /** A shard, the manifest, or the checksum file Hadoop's local file system writes beside them. */
  private static boolean isGeneratorFile(FileStatus status) {
    if (!status.isFile()) {
      return false;
    }
    String name = status.getPath().getName();
    if (name.startsWith(".") && name.endsWith(".crc")) {
      name = name.substring(1, name.length() - ".crc".length());
    }
    if (name.equals(MANIFEST)) {
      return true;
    }
    if (!name.startsWith(SHARD_PREFIX) || !name.endsWith(SHARD_SUFFIX)) {
      return false;
    }
    String number = name.substring(SHARD_PREFIX.length(), name.length() - SHARD_SUFFIX.length());
    return !number.isEmpty() && number.chars().allMatch(Character::isDigit);
  }

  /** One task: writes each of its shards and reports what it wrote. */
  private static Iterator<Row> writeShards(
      Iterator<Long> shardIds, GeneratorOptions options, String output, HadoopConf conf)
      throws IOException {
    ArticleGenerator generator =
        new ArticleGenerator(
            options, CorpusModel.builtIn(), ActorCast.builtIn(), Sources.builtIn());
    List<Row> reports = new ArrayList<>();
    while (shardIds.hasNext()) {
      int shard = shardIds.next().intValue();
      long first = options.firstArticle(shard);
      long end = options.firstArticle(shard + 1);
      long[] byKind = new long[ArticleGenerator.Kind.values().length];
      Path path = new Path(output, shardName(shard));
      FileSystem fs = path.getFileSystem(conf.get());
      long bytes;
      try (FSDataOutputStream stream = fs.create(path, true, 1 << 20);
          Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
        StringBuilder block = new StringBuilder(WRITE_BLOCK_CHARS + (1 << 16));
        for (long i = first; i < end; i++) {
          byKind[generator.appendLine(i, block).ordinal()]++;
          if (block.length() >= WRITE_BLOCK_CHARS) {
            writer.append(block);
            block.setLength(0);
          }
        }
        writer.append(block);
        writer.flush();
        bytes = stream.getPos();
      }
      reports.add(
          RowFactory.create(
              shard,
              end - first,
              bytes,
              byKind[ArticleGenerator.Kind.PLAIN.ordinal()],
              byKind[ArticleGenerator.Kind.NEAR_DUPLICATE.ordinal()],
              byKind[ArticleGenerator.Kind.EXACT_DUPLICATE.ordinal()],
              byKind[ArticleGenerator.Kind.MALFORMED.ordinal()]));
    }
    return reports.iterator();
  }

  private static void writeManifest(
      Path output, Configuration hadoop, GeneratorOptions options, Result result) {
    CorpusModel model = CorpusModel.builtIn();
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("generator", "parley generate");
    manifest.put("generator_version", VERSION);
    manifest.put("parley_version", ParleyVersion.get());
    manifest.put("articles", options.articles());
    manifest.put("seed", options.seed());
    manifest.put("shards", options.shards());
    manifest.put("near_duplicate_share", options.nearDuplicateShare());
    manifest.put("exact_duplicate_share", options.exactDuplicateShare());
    manifest.put("malformed_share", options.malformedShare());
    manifest.put("start_date", options.startDate().toString());
    manifest.put("end_date", options.endDate().toString());
    // What ingest should report: duplicates = exact duplicates, rejected = malformed.
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("plain", result.plain());
    counts.put("near_duplicates", result.nearDuplicates());
    counts.put("exact_duplicates", result.exactDuplicates());
    counts.put("malformed", result.malformed());
    manifest.put("counts", counts);
    manifest.put("bytes", result.bytes());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("resource", CorpusModel.RESOURCE);
    source.put("source_articles", model.sourceArticles);
    source.put("units", model.units.length);
    source.put("themes", model.themes.length);
    manifest.put("model", source);
    Path path = new Path(output, MANIFEST);
    try (FSDataOutputStream out = path.getFileSystem(hadoop).create(path, true)) {
      out.write(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsBytes(manifest));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }
}
