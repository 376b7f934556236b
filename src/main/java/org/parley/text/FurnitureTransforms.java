package org.parley.text;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.parley.tables.RowValues;
import org.parley.tables.Tables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Learns a corpus's page furniture ({@link Furniture}) in a few distributed passes over a sample of
 * each source's articles: what a site wraps around its articles is on most of them, so a few
 * thousand per source find it, and the learning costs the same at any corpus size.
 *
 * <ul>
 *   <li>a sentence is furniture when its source repeats it in {@code min_articles} articles, or
 *       when three or more sources repeat it (short ones only: share and follow lines; a long
 *       sentence shared across sources is syndicated news);
 *   <li>a sentence start or end of up to {@code max_affix_tokens} tokens is furniture when at least
 *       {@code min_share} of the source's articles have it (and twice {@code min_articles}), it is
 *       not all stop words, and it is anchored: found inside a sentence in at most a quarter as
 *       many articles as at the edge. Only the longest of nested starts or ends is kept ("sputnik
 *       news" is only the end of "… comment via facebook comment via sputnik news", and alone would
 *       cut "news" off prose). Prose repeats too ("the Syrian Coalition said" in the coalition's
 *       own site), but anywhere in a sentence; furniture sits where the page put it.
 * </ul>
 */
public final class FurnitureTransforms {
  private FurnitureTransforms() {}

  /** Sentences shared by this many sources are furniture everywhere (if short). */
  static final int CORPUS_SOURCES = 3;

  static final int CORPUS_MAX_TOKENS = 8;

  /**
   * A start or end needs this many times {@code min_articles}: a few words repeat by chance in a
   * small source ("… told reporters" ends 5 of a 7-article source's sentences), a sentence does
   * not.
   */
  static final int AFFIX_EVIDENCE = 2;

  /** An affix found inside sentences in more than this share of its edge articles is prose. */
  static final double MAX_INSIDE_SHARE = 0.25;

  /**
   * An affix is only part of a longer one when the longer one is on this share of its articles:
   * "sputnik news" is only the end of "comment via facebook comment via sputnik news".
   */
  static final double PART_SHARE = 0.9;

  /** A repeated one-token sentence is a sentence splitter's cut ("U.S.", "Gen."), not furniture. */
  static final int MIN_SENTENCE_TOKENS = 2;

  private static final String SAMPLE_RATE = "sample_rate";
  private static final String SAMPLED_SOURCE = "sampled_source";
  private static final String INSIDE_SOURCE = "inside_source";
  private static final String INSIDE_KIND = "inside_kind";
  private static final String INSIDE_TEXT = "inside_text";
  private static final String KEYS = "keys";
  private static final String CONTENT = "content";
  private static final String INSIDE = "inside";

  /** Per sampled article: its source and the furniture keys of each sentence's tokens. */
  private static final StructType ARTICLE_KEYS =
      new StructType()
          .add(ARTICLE_ID, DataTypes.StringType, false)
          .add(SOURCE, DataTypes.StringType, true)
          .add(KEYS, new ArrayType(new ArrayType(DataTypes.StringType, false), false), false);

  /** What one article shows: a sentence, start or end (distinct per article). */
  private static final StructType OBSERVED =
      new StructType()
          .add(SOURCE, DataTypes.StringType, true)
          .add(KIND, DataTypes.StringType, false)
          .add(TEXT, DataTypes.StringType, false)
          .add(N_TOKENS, DataTypes.IntegerType, false)
          .add(CONTENT, DataTypes.BooleanType, false);

  private static final StructType INSIDE_SEEN =
      new StructType()
          .add(SOURCE, DataTypes.StringType, true)
          .add(KIND, DataTypes.StringType, false)
          .add(TEXT, DataTypes.StringType, false);

  /**
   * The furniture of {@code articles} (needs article_id, source, text), in the {@code furniture}
   * table's shape without run_id.
   */
  public static Dataset<Row> learn(
      Dataset<Row> articles, TextOptions textOptions, FurnitureOptions options) {
    Dataset<Row> sample = sample(articles, options.samplePerSource());
    Dataset<Row> keys =
        sample
            .mapPartitions(sentenceKeys(textOptions), Encoders.row(ARTICLE_KEYS))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> sampled =
          keys.groupBy(col(SOURCE).as(SAMPLED_SOURCE)).agg(count(lit(1)).as(SAMPLED_ARTICLES));
      Dataset<Row> observed =
          keys.flatMap(observations(options.maxAffixTokens()), Encoders.row(OBSERVED));
      Dataset<Row> counted =
          observed
              .groupBy(col(SOURCE), col(KIND), col(TEXT), col(N_TOKENS), col(CONTENT))
              .agg(count(lit(1)).as(DOC_COUNT))
              .join(sampled, col(SOURCE).eqNullSafe(col(SAMPLED_SOURCE)), "inner")
              .drop(SAMPLED_SOURCE);
      Column isSentence = col(KIND).equalTo(Furniture.SENTENCE);
      Dataset<Row> sentences =
          counted.filter(
              isSentence
                  .and(col(DOC_COUNT).geq(options.minArticles()))
                  .and(col(N_TOKENS).geq(MIN_SENTENCE_TOKENS)));
      Dataset<Row> affixCandidates =
          counted.filter(
              not(isSentence)
                  .and(col(CONTENT))
                  .and(col(DOC_COUNT).geq(AFFIX_EVIDENCE * options.minArticles()))
                  .and(
                      col(DOC_COUNT)
                          .geq(ceil(col(SAMPLED_ARTICLES).multiply(options.minShare())))));
      Dataset<Row> affixes = anchored(keys, affixCandidates);
      Dataset<Row> corpusWide =
          observed
              .filter(isSentence.and(col(N_TOKENS).between(MIN_SENTENCE_TOKENS, CORPUS_MAX_TOKENS)))
              .groupBy(col(TEXT), col(N_TOKENS))
              .agg(count(lit(1)).as(DOC_COUNT), countDistinct(col(SOURCE)).as("sources"))
              .filter(
                  col("sources").geq(CORPUS_SOURCES).and(col(DOC_COUNT).geq(options.minArticles())))
              .crossJoin(sampled.agg(sum(col(SAMPLED_ARTICLES)).as(SAMPLED_ARTICLES)))
              .select(
                  lit(null).cast(DataTypes.StringType).as(SOURCE),
                  lit(Furniture.SENTENCE).as(KIND),
                  col(TEXT),
                  col(N_TOKENS),
                  col(DOC_COUNT),
                  col(SAMPLED_ARTICLES));
      List<Row> rows =
          select(sentences)
              .unionByName(select(affixes))
              .unionByName(corpusWide)
              .orderBy(col(SOURCE), col(KIND), col(TEXT))
              .collectAsList();
      // Collected and recreated: small, and the write then does not recompute the sample.
      return articles
          .sparkSession()
          .createDataFrame(rows, Tables.FURNITURE.contentSchema())
          .coalesce(1);
    } finally {
      keys.unpersist();
    }
  }

  /** The model in a {@code furniture} table. */
  public static Furniture model(Dataset<Row> furniture) {
    List<Furniture.Entry> entries = new ArrayList<>();
    for (Row r : furniture.select(SOURCE, KIND, TEXT).collectAsList()) {
      entries.add(new Furniture.Entry(r.getString(0), r.getString(1), r.getString(2)));
    }
    return new Furniture(entries);
  }

  private static Dataset<Row> select(Dataset<Row> rows) {
    return rows.select(
        col(SOURCE), col(KIND), col(TEXT), col(N_TOKENS), col(DOC_COUNT), col(SAMPLED_ARTICLES));
  }

  /**
   * About {@code perSource} articles of each source, chosen by a hash of the article id: the same
   * articles on every run, with no sort of the corpus.
   */
  private static Dataset<Row> sample(Dataset<Row> articles, int perSource) {
    Dataset<Row> ids = articles.select(col(ARTICLE_ID), col(SOURCE), col(TEXT));
    Dataset<Row> rates =
        ids.groupBy(col(SOURCE).as(SAMPLED_SOURCE))
            .agg(least(lit(1.0), lit((double) perSource).divide(count(lit(1)))).as(SAMPLE_RATE));
    Column bucket = pmod(xxhash64(col(ARTICLE_ID)), lit(1_000_000L)).divide(1_000_000.0);
    return ids.join(broadcast(rates), col(SOURCE).eqNullSafe(col(SAMPLED_SOURCE)), "inner")
        .filter(bucket.lt(col(SAMPLE_RATE)))
        .select(col(ARTICLE_ID), col(SOURCE), col(TEXT));
  }

  private static MapPartitionsFunction<Row, Row> sentenceKeys(TextOptions textOptions) {
    return rows -> {
      ArticleAnalyzer analyzer = new ArticleAnalyzer(textOptions);
      return RowValues.mapEach(
          rows,
          row -> {
            List<Object> sentences = new ArrayList<>();
            for (ArticleAnalyzer.Sentence s : analyzer.analyze(row.getString(2))) {
              if (!Furniture.isLinkLike(s.text()) && !s.tokens().isEmpty()) {
                sentences.add(RowValues.array(Furniture.keys(s.tokens())));
              }
            }
            return RowFactory.create(
                row.getString(0), row.getString(1), RowValues.array(sentences));
          });
    };
  }

  /** An article's distinct sentences, and sentence starts and ends shorter than the sentence. */
  private static FlatMapFunction<Row, Row> observations(int maxAffixTokens) {
    Set<String> stopWords = TermRules.builtInStopWords();
    return row -> {
      String source = row.getString(1);
      Set<Row> seen = new HashSet<>();
      for (List<String> keys : sentences(row)) {
        seen.add(observation(source, Furniture.SENTENCE, keys, stopWords));
        for (int n = 1; n <= Math.min(maxAffixTokens, keys.size() - 1); n++) {
          seen.add(observation(source, Furniture.PREFIX, keys.subList(0, n), stopWords));
          seen.add(
              observation(
                  source, Furniture.SUFFIX, keys.subList(keys.size() - n, keys.size()), stopWords));
        }
      }
      return seen.iterator();
    };
  }

  private static Row observation(
      String source, String kind, List<String> keys, Set<String> stopWords) {
    boolean content = false;
    for (String k : keys) {
      content |= !stopWords.contains(k);
    }
    return RowFactory.create(source, kind, String.join(" ", keys), keys.size(), content);
  }

  /**
   * The candidate starts and ends that are anchored: found inside a sentence (not at their edge) in
   * at most {@link #MAX_INSIDE_SHARE} as many sampled articles as at it.
   */
  private static Dataset<Row> anchored(Dataset<Row> keys, Dataset<Row> candidates) {
    List<Row> listed = longest(candidates.collectAsList());
    if (listed.isEmpty()) {
      return candidates;
    }
    Map<String, Map<String, Set<String>>> bySource = new HashMap<>();
    for (Row r : listed) {
      bySource
          .computeIfAbsent(r.<String>getAs(SOURCE), s -> new HashMap<>())
          .computeIfAbsent(r.<String>getAs(KIND), k -> new HashSet<>())
          .add(r.getAs(TEXT));
    }
    Broadcast<Map<String, Map<String, Set<String>>>> shared =
        JavaSparkContext.fromSparkContext(keys.sparkSession().sparkContext()).broadcast(bySource);
    Dataset<Row> inside =
        keys.flatMap(
                (FlatMapFunction<Row, Row>)
                    row -> insideOccurrences(row, shared.value()).iterator(),
                Encoders.row(INSIDE_SEEN))
            .groupBy(
                col(SOURCE).as(INSIDE_SOURCE), col(KIND).as(INSIDE_KIND), col(TEXT).as(INSIDE_TEXT))
            .agg(count(lit(1)).as(INSIDE));
    return keys.sparkSession()
        .createDataFrame(listed, candidates.schema())
        .join(
            inside,
            col(SOURCE)
                .eqNullSafe(col(INSIDE_SOURCE))
                .and(col(KIND).equalTo(col(INSIDE_KIND)))
                .and(col(TEXT).equalTo(col(INSIDE_TEXT))),
            "left")
        .filter(coalesce(col(INSIDE), lit(0L)).leq(col(DOC_COUNT).multiply(MAX_INSIDE_SHARE)))
        .drop(INSIDE_SOURCE, INSIDE_KIND, INSIDE_TEXT, INSIDE);
  }

  /**
   * The candidates that are not merely part of a longer one: a start (end) one token longer that
   * extends it and is on {@link #PART_SHARE} of its articles.
   */
  private static List<Row> longest(List<Row> candidates) {
    Map<String, Long> counts = new HashMap<>();
    for (Row r : candidates) {
      counts.put(affixId(r.getAs(SOURCE), r.getAs(KIND), r.getAs(TEXT)), r.getAs(DOC_COUNT));
    }
    Map<String, Long> longestExtension = new HashMap<>();
    for (Row r : candidates) {
      String text = r.getAs(TEXT);
      int cut = Furniture.PREFIX.equals(r.getAs(KIND)) ? text.lastIndexOf(' ') : text.indexOf(' ');
      if (cut < 0) {
        continue;
      }
      String shorter =
          Furniture.PREFIX.equals(r.getAs(KIND)) ? text.substring(0, cut) : text.substring(cut + 1);
      longestExtension.merge(
          affixId(r.getAs(SOURCE), r.getAs(KIND), shorter), r.getAs(DOC_COUNT), Math::max);
    }
    List<Row> kept = new ArrayList<>();
    for (Row r : candidates) {
      String id = affixId(r.getAs(SOURCE), r.getAs(KIND), r.getAs(TEXT));
      Long extended = longestExtension.get(id);
      if (extended == null || extended < PART_SHARE * counts.get(id)) {
        kept.add(r);
      }
    }
    return kept;
  }

  private static String affixId(String source, String kind, String text) {
    return source + '\u0000' + kind + '\u0000' + text;
  }

  /** Candidates of the article's source found away from their edge, once per article. */
  private static Set<Row> insideOccurrences(
      Row row, Map<String, Map<String, Set<String>>> candidates) {
    String source = row.getString(1);
    Map<String, Set<String>> own = candidates.get(source);
    Set<Row> seen = new HashSet<>();
    if (own == null) {
      return seen;
    }
    Set<Integer> lengths = new HashSet<>();
    for (Set<String> texts : own.values()) {
      for (String t : texts) {
        lengths.add(t.split(" ").length);
      }
    }
    for (List<String> keys : sentences(row)) {
      for (int n : lengths) {
        for (int i = 0; i + n <= keys.size(); i++) {
          String text = null;
          for (String kind : List.of(Furniture.PREFIX, Furniture.SUFFIX)) {
            boolean atEdge = Furniture.PREFIX.equals(kind) ? i == 0 : i + n == keys.size();
            Set<String> texts = own.get(kind);
            if (atEdge || texts == null) {
              continue;
            }
            if (text == null) {
              text = String.join(" ", keys.subList(i, i + n));
            }
            if (texts.contains(text)) {
              seen.add(RowFactory.create(source, kind, text));
            }
          }
        }
      }
    }
    return seen;
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> sentences(Row row) {
    List<List<String>> out = new ArrayList<>();
    for (Object s : row.getList(2)) {
      out.add(CollectionConverters.asJava((scala.collection.Seq<String>) s));
    }
    return out;
  }
}
