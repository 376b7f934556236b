package org.parley.corpus;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.parley.config.ConfigException;

/**
 * What {@code parley generate} makes: how many articles from which seed, where, in how many shards,
 * with which shares of near-duplicates, exact duplicates and malformed lines, dated between two
 * days (inclusive). Validated on construction; every problem is named at once.
 */
public record GeneratorOptions(
    long articles,
    long seed,
    String output,
    int shards,
    double nearDuplicateShare,
    double exactDuplicateShare,
    double malformedShare,
    LocalDate startDate,
    LocalDate endDate,
    boolean overwrite)
    implements Serializable {

  public static final double DEFAULT_NEAR_DUPLICATE_SHARE = 0.05;
  public static final double DEFAULT_EXACT_DUPLICATE_SHARE = 0.01;
  public static final double DEFAULT_MALFORMED_SHARE = 0.001;
  public static final LocalDate DEFAULT_START_DATE = LocalDate.of(2014, 1, 1);
  public static final LocalDate DEFAULT_END_DATE = LocalDate.of(2020, 12, 31);

  /** About 25 MB of JSON Lines: big enough to stream efficiently, small enough to parallelise. */
  public static final long ARTICLES_PER_SHARD = 10_000;

  /** Copies need originals: at least this share of articles stays plain. */
  static final double MIN_PLAIN_SHARE = 0.1;

  public GeneratorOptions {
    List<String> problems = new ArrayList<>();
    if (articles < 1) {
      problems.add("--articles must be a positive number, got " + articles);
    }
    if (output == null || output.isBlank()) {
      problems.add("--output is required: the folder for the JSON Lines shards");
    }
    if (shards < 1) {
      problems.add("--shards must be a positive number, got " + shards);
    } else if (articles >= 1 && shards > articles) {
      problems.add(
          "--shards "
              + shards
              + " is more than --articles "
              + articles
              + "; a shard holds at least one article");
    }
    share("--near-duplicate-share", nearDuplicateShare, problems);
    share("--exact-duplicate-share", exactDuplicateShare, problems);
    share("--malformed-share", malformedShare, problems);
    if (nearDuplicateShare + exactDuplicateShare + malformedShare > 1 - MIN_PLAIN_SHARE) {
      problems.add(
          "the near-duplicate, exact-duplicate and malformed shares add up to "
              + (nearDuplicateShare + exactDuplicateShare + malformedShare)
              + "; at most "
              + (1 - MIN_PLAIN_SHARE)
              + " leaves originals to copy");
    }
    if (startDate == null || endDate == null) {
      problems.add("--start-date and --end-date are required");
    } else if (endDate.isBefore(startDate)) {
      problems.add("--end-date " + endDate + " is before --start-date " + startDate);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** The default shard count: one shard per {@link #ARTICLES_PER_SHARD} articles. */
  public static int defaultShards(long articles) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, articles / ARTICLES_PER_SHARD));
  }

  /**
   * First article (inclusive) of a shard. Shards are contiguous ranges in id order, the first
   * {@code articles % shards} one article longer, so concatenating them gives the same corpus
   * whatever the shard count.
   */
  long firstArticle(int shard) {
    return shard * (articles / shards) + Math.min(shard, articles % shards);
  }

  private static void share(String option, double value, List<String> problems) {
    if (!(value >= 0 && value <= 1)) {
      problems.add(option + " must be between 0 and 1, got " + value);
    }
  }
}
