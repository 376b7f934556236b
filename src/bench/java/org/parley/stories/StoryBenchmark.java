package org.parley.stories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.SparkTestSupport;
import org.parley.config.ConfigLoader;
import org.parley.ingest.ArticleText;
import org.parley.ingest.IngestOptions;
import org.parley.ingest.IngestRecord;
import org.parley.ingest.InputFiles;

/**
 * Time of {@link StoryTransforms#stories} on the FA-KES texts (exact duplicates by article id
 * dropped, as ingest does) on the shared local[2] test session, and the multi-article stories it
 * finds. Arguments: minSimilarity shingleWords numHashTables (default 0.8 5 5). Prints wall times
 * of a warm-up and three runs (the stories() call, which runs the LSH join and the propagation
 * rounds, then collecting its output), the LSH / components split, the pairs an exact all-pairs
 * Jaccard finds against those LSH found, and each story's articles with their titles. Run it like
 * jobs/bench-text runs TextStageBenchmark, with the JVM options of jobs/jvm-options.
 */
public final class StoryBenchmark {
  private static final String CSV = "src/test/resources/fa-kes/FA-KES-Dataset.csv";
  private static final int RUNS = 3;

  public static void main(String[] args) throws IOException {
    double minSimilarity = args.length > 0 ? Double.parseDouble(args[0]) : 0.8;
    int shingleWords = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int numHashTables = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long seed = 42;

    IngestOptions options =
        IngestOptions.from(ConfigLoader.load("conf/fa-kes.yaml", Map.of(), Map.of()));
    Map<String, Row> byId = new LinkedHashMap<>();
    int records = 0;
    for (IngestRecord r : InputFiles.parse(CSV, Files.readAllBytes(Path.of(CSV)), options)) {
      if (r.isAccepted()) {
        records++;
        String text = r.article().text();
        byId.putIfAbsent(
            ArticleText.articleId(text),
            RowFactory.create(ArticleText.articleId(text), text, r.article().title()));
      }
    }
    SparkSession spark = SparkTestSupport.spark();
    StructType schema =
        new StructType()
            .add("article_id", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("title", DataTypes.StringType, true);
    Dataset<Row> articles =
        spark.createDataFrame(new ArrayList<>(byId.values()), schema).localCheckpoint();
    System.out.printf(
        "FA-KES: %d accepted records, %d distinct article ids; minSimilarity %.2f, %d-word shingles, %d hash tables%n",
        records, byId.size(), minSimilarity, shingleWords, numHashTables);

    List<Row> stories = null;
    for (int run = 0; run <= RUNS; run++) {
      long start = System.nanoTime();
      Dataset<Row> df =
          StoryTransforms.stories(
              articles.select("article_id", "text"),
              shingleWords,
              minSimilarity,
              numHashTables,
              seed);
      long called = System.nanoTime();
      stories = df.collectAsList();
      long done = System.nanoTime();
      System.out.printf(
          "%s: stories() %.2f s, collect %.2f s, total %.2f s%n",
          run == 0 ? "warm-up" : "run " + run,
          (called - start) / 1e9,
          (done - called) / 1e9,
          (done - start) / 1e9);
    }

    long start = System.nanoTime();
    Dataset<Row> pairs =
        StoryTransforms.nearDuplicatePairs(
                StoryTransforms.shingleHashes(articles.select("article_id", "text"), shingleWords),
                minSimilarity,
                numHashTables,
                seed)
            .localCheckpoint();
    long paired = System.nanoTime();
    long linked = StoryTransforms.components(pairs).count();
    long done = System.nanoTime();
    System.out.printf(
        "breakdown: LSH pairs %.2f s (%d pairs), components %.2f s (%d articles)%n",
        (paired - start) / 1e9, pairs.count(), (done - paired) / 1e9, linked);
    exactPairs(byId, shingleWords, minSimilarity, pairs.count());

    Map<String, List<Row>> byStory = new TreeMap<>();
    for (Row r : stories) {
      byStory.computeIfAbsent(r.getAs("story_id"), k -> new ArrayList<>()).add(r);
    }
    List<List<Row>> multi =
        byStory.values().stream()
            .filter(members -> members.size() > 1)
            .sorted(
                Comparator.comparing((List<Row> m) -> -m.size())
                    .thenComparing(m -> m.get(0).<String>getAs("story_id")))
            .toList();
    Map<Integer, Integer> sizes = new TreeMap<>();
    int[] tenths = new int[11];
    for (List<Row> members : multi) {
      sizes.merge(members.size(), 1, Integer::sum);
    }
    System.out.printf(
        "%d stories for %d articles; %d with more than one article (%d articles); stories by size %s%n",
        byStory.size(),
        stories.size(),
        multi.size(),
        multi.stream().mapToInt(List::size).sum(),
        sizes);
    for (List<Row> members : multi) {
      members.stream()
          .sorted(
              Comparator.comparing((Row r) -> !r.<Boolean>getAs("is_representative"))
                  .thenComparing(r -> r.<String>getAs("article_id")))
          .forEach(
              r -> {
                Row article = byId.get(r.<String>getAs("article_id"));
                String text = article.getString(1).replace('\n', ' ');
                double similarity = r.getAs("similarity_to_representative");
                if (!r.<Boolean>getAs("is_representative")) {
                  tenths[(int) Math.floor(similarity * 10)]++;
                }
                System.out.printf(
                    "%-22s %s %.3f  %s | %s%n",
                    r.<String>getAs("story_id"),
                    r.<Boolean>getAs("is_representative") ? "R" : " ",
                    similarity,
                    article.getString(2),
                    text.substring(0, Math.min(80, text.length())));
              });
    }
    System.out.println(
        "non-representatives by similarity tenth (0.0-0.1 ... 1.0): " + Arrays.toString(tenths));
  }

  /** All pairs at or above the threshold by exact shingle Jaccard, to see what LSH missed. */
  private static void exactPairs(
      Map<String, Row> byId, int shingleWords, double minSimilarity, long lshPairs) {
    List<Set<String>> sets = new ArrayList<>();
    for (Row r : byId.values()) {
      List<String> words =
          Arrays.stream(r.getString(1).toLowerCase(Locale.ROOT).split("(?U)\\W+"))
              .filter(w -> !w.isEmpty())
              .toList();
      Set<String> shingles = new HashSet<>();
      for (int i = 0; i + shingleWords <= words.size(); i++) {
        shingles.add(String.join(" ", words.subList(i, i + shingleWords)));
      }
      sets.add(shingles);
    }
    long start = System.nanoTime();
    int found = 0;
    for (int i = 0; i < sets.size(); i++) {
      for (int j = i + 1; j < sets.size(); j++) {
        Set<String> a = sets.get(i);
        Set<String> b = sets.get(j);
        if (a.isEmpty() || b.isEmpty()) {
          continue;
        }
        int both = 0;
        for (String x : a.size() < b.size() ? a : b) {
          if ((a.size() < b.size() ? b : a).contains(x)) {
            both++;
          }
        }
        if ((double) both / (a.size() + b.size() - both) >= minSimilarity) {
          found++;
        }
      }
    }
    System.out.printf(
        "exact all-pairs Jaccard (one thread, %.2f s): %d pairs >= %.2f; LSH found %d%n",
        (System.nanoTime() - start) / 1e9, found, minSimilarity, lshPairs);
  }
}
