package org.parley.terms;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.Periods;
import org.parley.text.TermRules;

/**
 * Term counting as Dataset transforms. Unigram terms are the tokens' lemmas; phrases are n-grams
 * of adjacent terms (no stop word or punctuation between them) whose words occur together far more
 * often than chance, scored by normalised PMI over the whole corpus.
 */
public final class TermTransforms {
  private TermTransforms() {}

  /** The words of a phrase, in order. */
  public static final String PARTS = "parts";
  public static final String NPMI = "npmi";
  /** An article's unigram term occurrences, numbers excluded: the denominator of tf. */
  public static final String N_TERMS = "n_terms";
  /** A unigram that is a number: counted for phrase statistics, not published as a term. */
  public static final String IS_NUMBER = "is_number";
  static final String ARTICLES_IN_PERIOD = "articles_in_period";

  /** A candidate term's 64-bit hash ({@link PhraseHash}). */
  public static final String HASH = "hash";

  private static final StructType ARTICLE_COUNTS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(ARTICLE_ID, DataTypes.StringType, false),
              DataTypes.createStructField(PUBLISHED_DATE, DataTypes.DateType, true),
              DataTypes.createStructField(TERM, DataTypes.StringType, false),
              DataTypes.createStructField(NGRAM, DataTypes.IntegerType, false),
              DataTypes.createStructField(COUNT, DataTypes.LongType, false),
              DataTypes.createStructField(IS_NUMBER, DataTypes.BooleanType, false),
              DataTypes.createStructField(N_TERMS, DataTypes.LongType, false)));

  /**
   * Every term of each article counted, and every candidate phrase in it: run of 2..maxN adjacent
   * terms inside a sentence with no stop word or punctuation between them; a number may end a
   * phrase ("resolution 2254") but not start or continue one. Returns one row per article and
   * distinct term or candidate: (article_id, published_date, term, ngram, count, is_number,
   * n_terms). Numbers are counted as unigrams (phrase statistics need them) but flagged, since
   * they are not published as terms; n_terms is the article's count of the other unigrams.
   */
  public static Dataset<Row> articleCounts(Dataset<Row> sentences, int maxN) {
    return articleCounts(sentences, maxN, null);
  }

  /**
   * The {@link #articleCounts} in which a candidate phrase counts only if its hash is in {@code
   * hashes}: the only ones whose string is made. With the hashes of {@link #frequentHashes} these
   * are all the candidates with at least min_count occurrences, plus any whose hash collides with
   * one (which the exact count in {@link #scorePhrases} then drops).
   */
  public static Dataset<Row> articleCounts(Dataset<Row> sentences, int maxN, Broadcast<LongHashSet> hashes) {
    // The article's sentences are brought together once, and its terms counted in a small map:
    // shuffling every occurrence to count it by key spilled gigabytes at a million articles, and
    // an article's unigram total (the denominator of tf) then needed a window over it all again.
    FlatMapGroupsFunction<String, Row, Row> count =
        (articleId, articleSentences) -> {
          LongHashSet keep = hashes == null ? null : hashes.value();
          Map<String, long[]> unigrams = new HashMap<>();
          Map<String, long[]> phrases = new HashMap<>();
          Object publishedDate = null;
          while (articleSentences.hasNext()) {
            Row sentence = articleSentences.next();
            publishedDate = sentence.get(1);
            List<String> terms = sentence.getList(2);
            for (String term : terms) {
              if (term != null) {
                unigrams.computeIfAbsent(term, t -> new long[1])[0]++;
              }
            }
            // Per phrase: {occurrences, words}.
            forEachCandidate(terms, sentence.getList(3), maxN, (start, n, hash) -> {
              if (keep == null || keep.contains(hash)) {
                phrases.computeIfAbsent(String.join(" ", terms.subList(start, start + n)), t -> new long[] {0, n})[0]++;
              }
            });
          }
          long nTerms = 0;
          for (Map.Entry<String, long[]> unigram : unigrams.entrySet()) {
            nTerms += TermRules.isNumeric(unigram.getKey()) ? 0 : unigram.getValue()[0];
          }
          List<Row> out = new ArrayList<>(unigrams.size() + phrases.size());
          for (Map.Entry<String, long[]> unigram : unigrams.entrySet()) {
            out.add(RowFactory.create(articleId, publishedDate, unigram.getKey(), 1, unigram.getValue()[0],
                TermRules.isNumeric(unigram.getKey()), nTerms));
          }
          for (Map.Entry<String, long[]> phrase : phrases.entrySet()) {
            out.add(RowFactory.create(articleId, publishedDate, phrase.getKey(), (int) phrase.getValue()[1],
                phrase.getValue()[0], false, nTerms));
          }
          return out.iterator();
        };
    return termsOfTokens(sentences)
        .groupByKey((MapFunction<Row, String>) sentence -> sentence.getString(0), Encoders.STRING())
        .flatMapGroups(count, Encoders.row(ARTICLE_COUNTS));
  }

  /**
   * The counts spread by term, in the session's number of shuffle partitions: every later step of
   * the stage (corpus statistics, the join with them, trends) groups or joins by term, and on
   * counts already spread this way Spark adds no shuffle of its own. A fixed number, so adaptive
   * execution does not coalesce the partitions and lose the layout.
   */
  public static Dataset<Row> spreadByTerm(Dataset<Row> counts) {
    int partitions = Integer.parseInt(counts.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return counts.repartition(partitions, col(TERM), col(NGRAM));
  }

  /** The hash of each candidate phrase of {@link #articleCounts}, one row per occurrence: (hash). No string is made. */
  public static Dataset<Row> candidateHashes(Dataset<Row> sentences, int maxN) {
    FlatMapFunction<Row, Long> hashes =
        sentence -> {
          List<Long> out = new ArrayList<>();
          forEachCandidate(sentence.getList(0), sentence.getList(1), maxN, (start, n, hash) -> out.add(hash));
          return out.iterator();
        };
    return termsOfTokens(sentences).select(TERM, AFTER_PUNCTUATION).flatMap(hashes, Encoders.LONG()).toDF(HASH);
  }

  /**
   * The hashes with at least {@code minCount} candidates: (hash). Equal terms have equal hashes, so
   * every candidate with {@code minCount} occurrences has its hash here; a collision only adds a
   * hash, whose candidates the exact count by term then drops. Grouping by a long rather than the
   * term string keeps the map small and its comparisons cheap over mostly unique candidates.
   */
  public static Dataset<Row> frequentHashes(Dataset<Row> candidateHashes, int minCount) {
    return candidateHashes.groupBy(HASH).agg(count(lit(1)).as(COUNT))
        .filter(col(COUNT).geq(minCount))
        .select(HASH);
  }

  /** Only the two token fields the candidates need, so the tokens' other fields are not read. */
  private static Dataset<Row> termsOfTokens(Dataset<Row> sentences) {
    return sentences.select(col(ARTICLE_ID), col(PUBLISHED_DATE), col(TOKENS + "." + TERM).as(TERM),
        col(TOKENS + "." + AFTER_PUNCTUATION).as(AFTER_PUNCTUATION));
  }

  /** Receives one candidate: its first term's index, its number of terms and its term's hash. */
  private interface CandidateSink {
    void accept(int start, int n, long hash);
  }

  /** The candidate rules of {@link #articleCounts} over one sentence's terms (null for a stop word). */
  private static void forEachCandidate(
      List<String> terms, List<Boolean> afterPunctuation, int maxN, CandidateSink sink) {
    int size = terms.size();
    boolean[] numeric = new boolean[size];
    for (int i = 0; i < size; i++) {
      String term = terms.get(i);
      numeric[i] = term != null && TermRules.isNumeric(term);
    }
    for (int i = 0; i < size; i++) {
      String first = terms.get(i);
      if (first == null || numeric[i]) {
        continue;
      }
      long state = PhraseHash.start(first);
      for (int j = i + 1; j < size && j - i < maxN; j++) {
        String term = terms.get(j);
        if (term == null || afterPunctuation.get(j)) {
          break;
        }
        state = PhraseHash.extend(state, term);
        sink.accept(i, j - i + 1, PhraseHash.finish(state));
        if (numeric[j]) {
          break;
        }
      }
    }
  }

  /**
   * Corpus totals of every term and candidate in {@link #articleCounts}: (term, ngram, is_number,
   * total_count, doc_freq, first_date, last_date). One aggregation serves both the phrase scores
   * and {@code term_stats}; on counts {@link #spreadByTerm} it needs no shuffle.
   */
  public static Dataset<Row> termTotals(Dataset<Row> articleCounts) {
    return articleCounts
        .groupBy(TERM, NGRAM, IS_NUMBER)
        .agg(
            sum(col(COUNT)).as(TOTAL_COUNT),
            count(lit(1)).as(DOC_FREQ),
            min(col(PUBLISHED_DATE)).as(FIRST_DATE),
            max(col(PUBLISHED_DATE)).as(LAST_DATE));
  }

  /**
   * Phrases among the candidates of {@link #termTotals}: at least {@code minCount} occurrences and
   * normalised PMI of at least {@code minNpmi}. For n words, NPMI = ln(P(g) / ∏P(w)) / ((n-1)·(-ln
   * P(g))), which is 1 when the words only ever occur together and 0 when they are independent.
   * Probabilities are counts over all unigram occurrences, numbers included. Returns (term, ngram,
   * count, npmi). The candidates may be all of them or only those with a frequent hash: a
   * candidate left out has fewer than {@code minCount} occurrences, and one let in by a hash
   * collision is counted exactly here and dropped.
   */
  public static Dataset<Row> scorePhrases(Dataset<Row> termTotals, int minCount, double minNpmi) {
    // Only the frequent candidates have their words split back out and looked up.
    Dataset<Row> frequent =
        termTotals.filter(col(NGRAM).gt(1).and(col(TOTAL_COUNT).geq(minCount)))
            .select(col(TERM), col(NGRAM), col(TOTAL_COUNT).as(COUNT), split(col(TERM), " ").as(PARTS));
    Dataset<Row> unigrams = termTotals.filter(col(NGRAM).equalTo(1));
    Dataset<Row> wordCounts = unigrams.select(col(TERM).as("word"), col(TOTAL_COUNT).as("word_count"));
    Dataset<Row> total = unigrams.agg(sum(col(TOTAL_COUNT)).as("n_total"));
    Column lnTotal = log(col("n_total"));
    Column lnCount = log(col(COUNT));
    Column pmi = lnCount.minus(lnTotal).minus(col("sum_ln_words").minus(col(NGRAM).multiply(lnTotal)));
    Column denominator = col(NGRAM).minus(1).multiply(lnTotal.minus(lnCount));
    return frequent
        .select(col(TERM), col(NGRAM), col(COUNT), explode(col(PARTS)).as("word"))
        .join(wordCounts, "word")
        .groupBy(TERM, NGRAM, COUNT)
        .agg(sum(log(col("word_count"))).as("sum_ln_words"))
        .crossJoin(total)
        .withColumn(NPMI, when(denominator.leq(0), lit(1.0)).otherwise(pmi.divide(denominator)))
        .filter(col(NPMI).geq(minNpmi))
        .select(TERM, NGRAM, COUNT, NPMI);
  }

  /**
   * The rows of {@link #articleCounts} or {@link #termTotals} that are published terms: unigrams
   * that are not numbers, and candidates that are {@code phrases} (term, ngram). Drops is_number;
   * keeps the other columns and the partitioning.
   */
  public static Dataset<Row> publishedTerms(Dataset<Row> counted, Dataset<Row> phrases) {
    // The accepted phrases are few (they passed min_count and min_npmi): broadcast, so the counts
    // are filtered where they lie instead of being shuffled to meet them.
    Column[] kept = Arrays.stream(counted.columns()).filter(c -> !c.equals(IS_NUMBER)).map(functions::col)
        .toArray(Column[]::new);
    return counted
        .join(broadcast(phrases.select(col(TERM), col(NGRAM), lit(true).as("is_phrase"))),
            new String[] {TERM, NGRAM}, "left_outer")
        .filter(col(NGRAM).equalTo(1).and(not(col(IS_NUMBER))).or(col("is_phrase").isNotNull()))
        .select(kept);
  }

  /** {@link #publishedTerms} when phrases are off: the unigrams that are not numbers. */
  public static Dataset<Row> publishedUnigrams(Dataset<Row> counted) {
    return counted.filter(col(NGRAM).equalTo(1).and(not(col(IS_NUMBER)))).drop(IS_NUMBER);
  }

  /** Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1, never zero or negative. */
  public static Column idf(Column docFreq, long articleCount) {
    return log(lit(1.0 + articleCount).divide(docFreq.plus(1.0))).plus(1.0);
  }

  /**
   * Corpus statistics per term, the {@code term_stats} shape without run_id: the published rows
   * of {@link #termTotals} with their idf.
   */
  public static Dataset<Row> termStats(Dataset<Row> publishedTotals, long articleCount) {
    return publishedTotals
        .withColumn(IDF, idf(col(DOC_FREQ), articleCount))
        .select(TERM, NGRAM, TOTAL_COUNT, DOC_FREQ, FIRST_DATE, LAST_DATE, IDF);
  }

  /**
   * Per-article term weights from the published {@link #articleCounts}, the {@code article_terms} shape without
   * run_id. tf is the term's count over the article's unigram term count n_terms (so unigram tf
   * sums to 1); tfidf = tf · idf.
   */
  public static Dataset<Row> articleTerms(Dataset<Row> counts, Dataset<Row> termStats) {
    return counts
        .join(termStats.select(TERM, NGRAM, IDF), new String[] {TERM, NGRAM})
        .withColumns(java.util.Map.of(
            TF, col(COUNT).divide(col(N_TERMS)),
            TFIDF, col(COUNT).divide(col(N_TERMS)).multiply(col(IDF))))
        .select(ARTICLE_ID, PUBLISHED_DATE, TERM, NGRAM, COUNT, TF, TFIDF);
  }

  /**
   * Term counts per period, the {@code term_trends} shape without run_id: for each period kind, the
   * term's occurrences and articles, and its share of that period's dated articles. Undated
   * articles have no period and are left out; terms in fewer than {@code minDocFreq} articles too.
   * {@code counts} has one row per article and term (article_id, published_date, term, ngram, count).
   */
  public static Dataset<Row> termTrends(Dataset<Row> counts, Dataset<Row> termStats,
      Dataset<Row> articles, List<String> periods, int minDocFreq) {
    if (periods.isEmpty()) {
      return counts.sparkSession().createDataFrame(List.of(),
          new StructType().add(PERIOD, DataTypes.StringType).add(PERIOD_START, DataTypes.DateType)
              .add(TERM, DataTypes.StringType).add(NGRAM, DataTypes.IntegerType)
              .add(COUNT, DataTypes.LongType).add(DOC_COUNT, DataTypes.LongType)
              .add(SHARE, DataTypes.DoubleType));
    }
    Dataset<Row> trendTerms = termStats.filter(col(DOC_FREQ).geq(minDocFreq)).select(TERM, NGRAM);
    Dataset<Row> articlesPerPeriod =
        articles
            .filter(col(PUBLISHED_DATE).isNotNull())
            .select(Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
            .groupBy(col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START))
            .agg(count(lit(1)).as(ARTICLES_IN_PERIOD));
    // Summed per day first: an article has one date, so its term counts and its one document count
    // add up exactly from days to weeks and months, and a day's row stands for all its articles.
    // The day sums, the semi-join and the period sums are all keyed by term: on counts already
    // spread by term (spreadByTerm) none of them shuffles the counts.
    Dataset<Row> perDay = counts
        .filter(col(PUBLISHED_DATE).isNotNull())
        .groupBy(TERM, NGRAM, PUBLISHED_DATE)
        .agg(sum(col(COUNT)).as(COUNT), count(lit(1)).as(DOC_COUNT))
        .join(trendTerms, new String[] {TERM, NGRAM}, "left_semi");
    return perDay
        .select(col(TERM), col(NGRAM), col(COUNT), col(DOC_COUNT),
            Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
        .groupBy(col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START), col(TERM), col(NGRAM))
        .agg(sum(col(COUNT)).as(COUNT), sum(col(DOC_COUNT)).as(DOC_COUNT))
        .join(articlesPerPeriod, new String[] {PERIOD, PERIOD_START})
        .withColumn(SHARE, col(DOC_COUNT).divide(col(ARTICLES_IN_PERIOD)))
        .select(PERIOD, PERIOD_START, TERM, NGRAM, COUNT, DOC_COUNT, SHARE);
  }
}
