package org.parley.terms;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
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
  static final String N_TERMS = "n_terms";
  static final String ARTICLES_IN_PERIOD = "articles_in_period";

  /** A candidate term's 64-bit hash ({@link PhraseHash}). */
  public static final String HASH = "hash";

  private static final StructType CANDIDATE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(ARTICLE_ID, DataTypes.StringType, false),
              DataTypes.createStructField(PUBLISHED_DATE, DataTypes.DateType, true),
              DataTypes.createStructField(TERM, DataTypes.StringType, false),
              DataTypes.createStructField(NGRAM, DataTypes.IntegerType, false)));

  /** Every term occurrence in the sentences, numbers included: (article_id, published_date, term). */
  public static Dataset<Row> tokenTerms(Dataset<Row> sentences) {
    return sentences
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), explode(col(TOKENS)).as("t"))
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), col("t." + TERM).as(TERM))
        .filter(col(TERM).isNotNull());
  }

  /**
   * Every run of 2..maxN adjacent terms inside a sentence with no stop word or punctuation between
   * them; a number may end a phrase ("resolution 2254") but not start or continue one:
   * (article_id, published_date, term, ngram).
   */
  public static Dataset<Row> ngramCandidates(Dataset<Row> sentences, int maxN) {
    return candidates(sentences, maxN, null);
  }

  /**
   * The {@link #ngramCandidates} whose term's hash is in {@code hashes}: the only ones whose
   * string is made. With the hashes of {@link #frequentHashes} these are all occurrences of
   * every candidate with at least min_count occurrences, plus any whose hash collides with one.
   */
  public static Dataset<Row> ngramCandidates(Dataset<Row> sentences, int maxN, Broadcast<LongHashSet> hashes) {
    return candidates(sentences, maxN, hashes);
  }

  /** The hash of each {@link #ngramCandidates} row, one row each: (hash). No string is made. */
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

  private static Dataset<Row> candidates(Dataset<Row> sentences, int maxN, Broadcast<LongHashSet> only) {
    FlatMapFunction<Row, Row> ngrams =
        sentence -> {
          LongHashSet keep = only == null ? null : only.value();
          List<String> terms = sentence.getList(2);
          List<Row> out = new ArrayList<>();
          forEachCandidate(terms, sentence.getList(3), maxN, (start, n, hash) -> {
            if (keep == null || keep.contains(hash)) {
              out.add(RowFactory.create(sentence.get(0), sentence.get(1),
                  String.join(" ", terms.subList(start, start + n)), n));
            }
          });
          return out.iterator();
        };
    return termsOfTokens(sentences).flatMap(ngrams, Encoders.row(CANDIDATE));
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

  /** The rules of {@link #ngramCandidates} over one sentence's terms (null for a stop word). */
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
   * Phrases among the candidates: at least {@code minCount} occurrences and normalised PMI of at
   * least {@code minNpmi}. For n words, NPMI = ln(P(g) / ∏P(w)) / ((n-1)·(-ln P(g))), which is 1 when
   * the words only ever occur together and 0 when they are independent. Probabilities are counts
   * over all term occurrences. Returns (term, ngram, count, npmi). The candidates may be all of
   * them or only those with a frequent hash: a candidate left out has fewer than {@code minCount}
   * occurrences, and one let in by a hash collision is counted exactly here and dropped.
   */
  public static Dataset<Row> scorePhrases(
      Dataset<Row> candidates, Dataset<Row> tokenTerms, int minCount, double minNpmi) {
    // Grouped by the term alone: its words are split back out of the few frequent ones.
    Dataset<Row> frequent =
        candidates.groupBy(TERM, NGRAM).agg(count(lit(1)).as(COUNT))
            .filter(col(COUNT).geq(minCount))
            .withColumn(PARTS, split(col(TERM), " "));
    Dataset<Row> wordCounts = tokenTerms.groupBy(col(TERM).as("word")).agg(count(lit(1)).as("word_count"));
    Dataset<Row> total = tokenTerms.agg(count(lit(1)).as("n_total"));
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

  /** Unigram occurrences (numbers excluded): (article_id, published_date, term, ngram = 1). */
  public static Dataset<Row> unigramOccurrences(Dataset<Row> tokenTerms) {
    return tokenTerms
        .filter(not(col(TERM).rlike(TermRules.NUMERIC_TERM_REGEX)))
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), col(TERM), lit(1).as(NGRAM));
  }

  /** The candidates that are accepted phrases: (article_id, published_date, term, ngram). */
  public static Dataset<Row> phraseOccurrences(Dataset<Row> candidates, Dataset<Row> phrases) {
    // The accepted phrases are few (they passed min_count and min_npmi): broadcast, so the
    // candidates are filtered where they are made instead of all being shuffled.
    return candidates
        .join(broadcast(phrases.select(TERM, NGRAM)), new String[] {TERM, NGRAM}, "left_semi")
        .select(ARTICLE_ID, PUBLISHED_DATE, TERM, NGRAM);
  }

  /** Occurrences counted per article and term: (article_id, published_date, term, ngram, count). */
  public static Dataset<Row> countPerArticle(Dataset<Row> occurrences) {
    return occurrences
        .groupBy(ARTICLE_ID, PUBLISHED_DATE, TERM, NGRAM)
        .agg(count(lit(1)).as(COUNT));
  }

  /** Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1, never zero or negative. */
  public static Column idf(Column docFreq, long articleCount) {
    return log(lit(1.0 + articleCount).divide(docFreq.plus(1.0))).plus(1.0);
  }

  /** Corpus statistics per term, the {@code term_stats} shape without run_id. */
  public static Dataset<Row> termStats(Dataset<Row> counts, long articleCount) {
    return counts
        .groupBy(TERM, NGRAM)
        .agg(
            sum(col(COUNT)).as(TOTAL_COUNT),
            count(lit(1)).as(DOC_FREQ),
            min(col(PUBLISHED_DATE)).as(FIRST_DATE),
            max(col(PUBLISHED_DATE)).as(LAST_DATE))
        .withColumn(IDF, idf(col(DOC_FREQ), articleCount));
  }

  /**
   * Per-article term weights, the {@code article_terms} shape without run_id. tf is the term's
   * count over the article's unigram term count (so unigram tf sums to 1); tfidf = tf · idf.
   */
  public static Dataset<Row> articleTerms(Dataset<Row> counts, Dataset<Row> termStats) {
    Column unigramCount = when(col(NGRAM).equalTo(1), col(COUNT)).otherwise(lit(0L));
    return counts
        .withColumn(N_TERMS, sum(unigramCount).over(Window.partitionBy(ARTICLE_ID)))
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
   */
  public static Dataset<Row> termTrends(Dataset<Row> articleTerms, Dataset<Row> termStats,
      Dataset<Row> articles, List<String> periods, int minDocFreq) {
    if (periods.isEmpty()) {
      return articleTerms.sparkSession().createDataFrame(List.of(),
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
    // One shuffle of article_terms, by term: the day sums, the semi-join and the period sums that
    // follow are all keyed by term, so Spark keeps that partitioning instead of shuffling each again.
    // Summed per day first: an article has one date, so its term counts and its one document count
    // add up exactly from days to weeks and months, and a day's row stands for all its articles.
    Dataset<Row> perDay = articleTerms
        .filter(col(PUBLISHED_DATE).isNotNull())
        .select(TERM, NGRAM, PUBLISHED_DATE, COUNT)
        .repartition(col(TERM), col(NGRAM))
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
