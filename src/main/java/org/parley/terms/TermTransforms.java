package org.parley.terms;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.text.TermRules;

/**
 * Term counting as Dataset transforms. Unigram terms are the tokens' lemmas; phrases are n-grams of
 * adjacent terms (no stop word or punctuation between them) whose words occur together far more
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

  /** A candidate's key: its words' hashes combined in order ({@link PhraseHash}). */
  public static final String KEY = "key";

  /**
   * The least and greatest String.hashCode of the words counted under one word hash: unequal only
   * when two words share the 64-bit hash, whose count is then no word's own.
   */
  public static final String CHECK_MIN = "check_min";

  public static final String CHECK_MAX = "check_max";
  private static final String CHECK = "check";
  private static final String PHRASE = "phrase";
  private static final String PHRASE_NGRAM = "phrase_ngram";
  private static final String WORD_HASH = "word_hash";
  private static final String WORD_COUNT = "word_count";
  private static final String N_TOTAL = "n_total";
  private static final String SUM_LN_WORDS = "sum_ln_words";

  /**
   * Slack on min_npmi when pre-scoring candidates: the estimate and the exact score are the same
   * formula summed in another order, and a phrase exactly at the threshold must not be lost.
   */
  private static final double PRESCORE_SLACK = 1e-9;

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
   * n_terms). Numbers are counted as unigrams (phrase statistics need them) but flagged, since they
   * are not published as terms; n_terms is the article's count of the other unigrams.
   */
  public static Dataset<Row> articleCounts(Dataset<Row> sentences, int maxN) {
    return articleCounts(sentences, maxN, null);
  }

  /**
   * The {@link #articleCounts} in which a candidate phrase counts only if its key (its words'
   * hashes combined, {@link PhraseHash}) is in {@code keys}: the only ones whose string is made.
   * With the keys of {@link #possiblePhrases} these are every candidate that can pass min_count and
   * min_npmi, plus any whose key collides with one (which the exact scores of {@link #scorePhrases}
   * then drop).
   */
  public static Dataset<Row> articleCounts(
      Dataset<Row> sentences, int maxN, Broadcast<LongHashSet> keys) {
    // The article's sentences are brought together once, and its terms counted in a small map:
    // shuffling every occurrence to count it by key spilled gigabytes at a million articles, and
    // an article's unigram total (the denominator of tf) then needed a window over it all again.
    FlatMapGroupsFunction<String, Row, Row> count =
        (articleId, articleSentences) -> {
          LongHashSet keep = keys == null ? null : keys.value();
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
            long[] wordHashes = keep == null ? null : PhraseHash.words(terms);
            forEachCandidate(
                terms,
                sentence.getList(3),
                maxN,
                wordHashes,
                (start, n, key) -> {
                  if (keep == null || keep.contains(key)) {
                    phrases
                        .computeIfAbsent(
                            String.join(" ", terms.subList(start, start + n)),
                            t -> new long[] {0, n})[0]++;
                  }
                });
          }
          long nTerms = 0;
          for (Map.Entry<String, long[]> unigram : unigrams.entrySet()) {
            nTerms += TermRules.isNumeric(unigram.getKey()) ? 0 : unigram.getValue()[0];
          }
          List<Row> out = new ArrayList<>(unigrams.size() + phrases.size());
          for (Map.Entry<String, long[]> unigram : unigrams.entrySet()) {
            out.add(
                RowFactory.create(
                    articleId,
                    publishedDate,
                    unigram.getKey(),
                    1,
                    unigram.getValue()[0],
                    TermRules.isNumeric(unigram.getKey()),
                    nTerms));
          }
          for (Map.Entry<String, long[]> phrase : phrases.entrySet()) {
            out.add(
                RowFactory.create(
                    articleId,
                    publishedDate,
                    phrase.getKey(),
                    (int) phrase.getValue()[1],
                    phrase.getValue()[0],
                    false,
                    nTerms));
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
    int partitions =
        Integer.parseInt(counts.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return counts.repartition(partitions, col(TERM), col(NGRAM));
  }

  /** The word-hash column of a candidate's i-th word (1-based); 0 past its last word. */
  public static String wordHashColumn(int i) {
    return "w" + i;
  }

  private static Column[] wordHashColumns(int maxN) {
    Column[] columns = new Column[maxN];
    for (int i = 0; i < maxN; i++) {
      columns[i] = col(wordHashColumn(i + 1));
    }
    return columns;
  }

  /**
   * Every unigram and every candidate of {@link #articleCounts} counted by hash, in one pass over
   * the sentences that makes no string: (ngram, w1..w{maxN}, count, check_min, check_max). A
   * unigram row is one word hash (w1) with its occurrences, numbers included; a candidate row is
   * the hashes of its words, kept only with at least {@code minCount} occurrences. Equal words have
   * equal hashes, so every candidate with minCount occurrences is here, and a word's count is exact
   * unless check_min differs from check_max (two words sharing a hash).
   */
  public static Dataset<Row> candidateCounts(Dataset<Row> sentences, int maxN, int minCount) {
    StructType schema = new StructType().add(NGRAM, DataTypes.IntegerType, false);
    for (int i = 1; i <= maxN; i++) {
      schema = schema.add(wordHashColumn(i), DataTypes.LongType, false);
    }
    schema = schema.add(COUNT, DataTypes.LongType, false).add(CHECK, DataTypes.LongType, false);
    Column[] groupBy = new Column[maxN + 1];
    groupBy[0] = col(NGRAM);
    System.arraycopy(wordHashColumns(maxN), 0, groupBy, 1, maxN);
    return termsOfTokens(sentences)
        .select(TERM, AFTER_PUNCTUATION)
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) part -> new HashedCandidates(part, maxN),
            Encoders.row(schema))
        .groupBy(groupBy)
        .agg(
            sum(col(COUNT)).as(COUNT), min(col(CHECK)).as(CHECK_MIN), max(col(CHECK)).as(CHECK_MAX))
        .filter(col(NGRAM).equalTo(1).or(col(COUNT).geq(minCount)));
  }

  /**
   * A partition's candidates as they come, one row each, then its unigrams counted in a map: words
   * repeat within a partition, candidates mostly do not, so only the words are worth counting here.
   */
  private static final class HashedCandidates implements Iterator<Row> {
    private final Iterator<Row> sentences;
    private final int maxN;
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private final Map<String, long[]> words = new HashMap<>();
    private Iterator<Map.Entry<String, long[]>> wordsOut;

    HashedCandidates(Iterator<Row> sentences, int maxN) {
      this.sentences = sentences;
      this.maxN = maxN;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && sentences.hasNext()) {
        Row sentence = sentences.next();
        List<String> terms = sentence.getList(0);
        for (String term : terms) {
          if (term != null) {
            words.computeIfAbsent(term, t -> new long[1])[0]++;
          }
        }
        long[] wordHashes = PhraseHash.words(terms);
        forEachCandidate(
            terms,
            sentence.getList(1),
            maxN,
            wordHashes,
            (start, n, key) -> {
              Object[] values = new Object[maxN + 3];
              values[0] = n;
              for (int i = 0; i < maxN; i++) {
                values[1 + i] = i < n ? wordHashes[start + i] : 0L;
              }
              values[maxN + 1] = 1L;
              values[maxN + 2] = 0L;
              pending.add(RowFactory.create(values));
            });
      }
      if (!pending.isEmpty()) {
        return true;
      }
      if (wordsOut == null) {
        wordsOut = words.entrySet().iterator();
      }
      return wordsOut.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (!pending.isEmpty()) {
        return pending.poll();
      }
      Map.Entry<String, long[]> word = wordsOut.next();
      Object[] values = new Object[maxN + 3];
      values[0] = 1;
      values[1] = PhraseHash.word(word.getKey());
      for (int i = 1; i < maxN; i++) {
        values[1 + i] = 0L;
      }
      values[maxN + 1] = word.getValue()[0];
      values[maxN + 2] = (long) word.getKey().hashCode();
      return RowFactory.create(values);
    }
  }

  /**
   * The candidates of {@link #candidateCounts} that may be phrases: (ngram, w1..w{maxN}). All of
   * them when {@code minNpmi} is not above 0; otherwise those whose NPMI estimated from the hash
   * counts is at least minNpmi. Since the hash counts are never below a candidate's true count, and
   * a word's count is taken as 1 where two words share its hash, the estimate is never below the
   * exact score of a phrase that passes (NPMI above 0 grows with the phrase's count and falls with
   * its words'). So every phrase {@link #scorePhrases} accepts is here. At 100k generated articles
   * this keeps about a thousand of a million frequent candidates.
   */
  public static Dataset<Row> possiblePhrases(
      Dataset<Row> candidateCounts, int maxN, double minNpmi) {
    Column[] words = wordHashColumns(maxN);
    Column[] key = new Column[maxN + 1];
    key[0] = col(NGRAM);
    System.arraycopy(words, 0, key, 1, maxN);
    Dataset<Row> frequent = candidateCounts.filter(col(NGRAM).gt(1));
    if (minNpmi <= 0) {
      // Below 0 the score no longer grows with the count: only the exact scores can decide.
      return frequent.select(key);
    }
    Dataset<Row> unigrams = candidateCounts.filter(col(NGRAM).equalTo(1));
    Dataset<Row> wordCounts =
        unigrams.select(
            col(wordHashColumn(1)).as(WORD_HASH),
            when(col(CHECK_MIN).equalTo(col(CHECK_MAX)), col(COUNT))
                .otherwise(lit(1L))
                .as(WORD_COUNT));
    Dataset<Row> total = unigrams.agg(sum(col(COUNT)).as(N_TOTAL));
    Column[] withCount = Arrays.copyOf(key, maxN + 2);
    withCount[maxN + 1] = col(COUNT);
    Column[] exploded = Arrays.copyOf(withCount, maxN + 3);
    exploded[maxN + 2] = posexplode(array(words)).as(new String[] {"position", WORD_HASH});
    return frequent
        .select(exploded)
        .filter(col("position").lt(col(NGRAM)))
        .join(wordCounts, WORD_HASH)
        .groupBy(withCount)
        // A plain sum in any order, where the exact scores need a fixed one: the slack covers it.
        .agg(sum(log(col(WORD_COUNT))).as(SUM_LN_WORDS))
        .crossJoin(total)
        .filter(
            npmi(col(COUNT), col(NGRAM), col(SUM_LN_WORDS), col(N_TOTAL))
                .geq(minNpmi - PRESCORE_SLACK))
        .select(key);
  }

  /**
   * The key of each row of {@link #possiblePhrases}, as {@link #articleCounts} computes it from the
   * words: (key).
   */
  public static Dataset<Row> candidateKeys(Dataset<Row> candidates) {
    MapFunction<Row, Long> key =
        candidate -> {
          int n = candidate.getInt(0);
          long[] wordHashes = new long[n];
          for (int i = 0; i < n; i++) {
            wordHashes[i] = candidate.getLong(1 + i);
          }
          return PhraseHash.key(wordHashes, n);
        };
    return candidates.map(key, Encoders.LONG()).toDF(KEY);
  }

  /** Only the two token fields the candidates need, so the tokens' other fields are not read. */
  private static Dataset<Row> termsOfTokens(Dataset<Row> sentences) {
    return sentences.select(
        col(ARTICLE_ID),
        col(PUBLISHED_DATE),
        col(TOKENS + "." + TERM).as(TERM),
        col(TOKENS + "." + AFTER_PUNCTUATION).as(AFTER_PUNCTUATION));
  }

  /**
   * Receives one candidate: its first term's index, its number of terms and its key (0 without word
   * hashes).
   */
  private interface CandidateSink {
    void accept(int start, int n, long key);
  }

  /**
   * The candidate rules of {@link #articleCounts} over one sentence's terms (null for a stop word).
   * With the terms' {@code wordHashes}, each candidate's key is built as it grows; without, it is
   * 0.
   */
  private static void forEachCandidate(
      List<String> terms,
      List<Boolean> afterPunctuation,
      int maxN,
      long[] wordHashes,
      CandidateSink sink) {
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
      long state = wordHashes == null ? 0 : PhraseHash.start(wordHashes[i]);
      for (int j = i + 1; j < size && j - i < maxN; j++) {
        String term = terms.get(j);
        if (term == null || afterPunctuation.get(j)) {
          break;
        }
        state = wordHashes == null ? 0 : PhraseHash.extend(state, wordHashes[j]);
        sink.accept(i, j - i + 1, wordHashes == null ? 0 : PhraseHash.finish(state));
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
   * count, npmi). The candidates may be all of them or only those of {@link #possiblePhrases}: a
   * candidate left out cannot pass, and one let in by a hash collision or an estimate above its
   * exact score is scored exactly here and dropped.
   */
  public static Dataset<Row> scorePhrases(Dataset<Row> termTotals, int minCount, double minNpmi) {
    // Only the frequent candidates have their words split back out and looked up.
    Dataset<Row> frequent =
        termTotals
            .filter(col(NGRAM).gt(1).and(col(TOTAL_COUNT).geq(minCount)))
            .select(
                col(TERM), col(NGRAM), col(TOTAL_COUNT).as(COUNT), split(col(TERM), " ").as(PARTS));
    Dataset<Row> unigrams = termTotals.filter(col(NGRAM).equalTo(1));
    Dataset<Row> wordCounts =
        unigrams.select(col(TERM).as("word"), col(TOTAL_COUNT).as(WORD_COUNT));
    Dataset<Row> total = unigrams.agg(sum(col(TOTAL_COUNT)).as(N_TOTAL));
    return frequent
        .select(col(TERM), col(NGRAM), col(COUNT), explode(col(PARTS)).as("word"))
        .join(wordCounts, "word")
        .groupBy(TERM, NGRAM, COUNT)
        .agg(sumOfLogs(col(WORD_COUNT)).as(SUM_LN_WORDS))
        .crossJoin(total)
        .withColumn(NPMI, npmi(col(COUNT), col(NGRAM), col(SUM_LN_WORDS), col(N_TOTAL)))
        .filter(col(NPMI).geq(minNpmi))
        .select(TERM, NGRAM, COUNT, NPMI);
  }

  /**
   * The sum of the logs of a group's values, added in ascending order. A plain sum adds them in the
   * order the shuffle delivers them, and three doubles summed in another order can differ in the
   * last bit: enough to move a phrase scored exactly at min_npmi across it from one run to the
   * next.
   */
  private static Column sumOfLogs(Column values) {
    return aggregate(
        array_sort(collect_list(log(values))), lit(0.0), (total, value) -> total.plus(value));
  }

  /**
   * NPMI of n words seen together {@code count} times, from the sum of the logs of their own counts
   * and the total of unigram occurrences; 1 where the phrase is every occurrence.
   */
  private static Column npmi(Column count, Column ngram, Column sumLnWords, Column nTotal) {
    Column lnTotal = log(nTotal);
    Column lnCount = log(count);
    Column pmi = lnCount.minus(lnTotal).minus(sumLnWords.minus(ngram.multiply(lnTotal)));
    Column denominator = ngram.minus(1).multiply(lnTotal.minus(lnCount));
    return when(denominator.leq(0), lit(1.0)).otherwise(pmi.divide(denominator));
  }

  /**
   * The rows of {@link #articleCounts} or {@link #termTotals} that are published terms: unigrams
   * that are not numbers, and candidates that are {@code phrases} (term, ngram). Drops is_number;
   * keeps the other columns and the partitioning.
   */
  public static Dataset<Row> publishedTerms(Dataset<Row> counted, Dataset<Row> phrases) {
    // The accepted phrases are few (they passed min_count and min_npmi): broadcast, so the counts
    // are filtered where they lie instead of being shuffled to meet them. Only candidates can be
    // phrases: a unigram's key is null, which the join passes over without hashing its term (the
    // unigrams are nearly all of the rows).
    Column[] kept =
        Arrays.stream(counted.columns())
            .filter(c -> !c.equals(IS_NUMBER))
            .map(functions::col)
            .toArray(Column[]::new);
    Dataset<Row> accepted = phrases.select(col(TERM).as(PHRASE), col(NGRAM).as(PHRASE_NGRAM));
    Column candidateTerm = when(col(NGRAM).gt(1), col(TERM));
    return counted
        .join(
            broadcast(accepted),
            candidateTerm
                .equalTo(accepted.col(PHRASE))
                .and(col(NGRAM).equalTo(accepted.col(PHRASE_NGRAM))),
            "left_outer")
        .filter(col(NGRAM).equalTo(1).and(not(col(IS_NUMBER))).or(col(PHRASE).isNotNull()))
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
   * Corpus statistics per term, the {@code term_stats} shape without run_id: the published rows of
   * {@link #termTotals} with their idf.
   */
  public static Dataset<Row> termStats(Dataset<Row> publishedTotals, long articleCount) {
    return publishedTotals
        .withColumn(IDF, idf(col(DOC_FREQ), articleCount))
        .select(TERM, NGRAM, TOTAL_COUNT, DOC_FREQ, FIRST_DATE, LAST_DATE, IDF);
  }

  /**
   * Per-article term weights from the published {@link #articleCounts}, the {@code article_terms}
   * shape without run_id. tf is the term's count over the article's unigram term count n_terms (so
   * unigram tf sums to 1). tf·idf is not stored: idf changes with every article added, and is
   * joined from {@code term_stats} where it is wanted.
   */
  public static Dataset<Row> articleTerms(Dataset<Row> counts) {
    return counts
        .withColumn(TF, col(COUNT).divide(col(N_TERMS)))
        .select(ARTICLE_ID, PUBLISHED_DATE, TERM, NGRAM, COUNT, TF);
  }

  /**
   * Corpus totals per term ({@code term_stats} rows or {@link #termTotals}) plus more totals of the
   * same kind, e.g. a night's: counts and document frequencies added, first and last dates widened.
   * Returns (term, ngram, total_count, doc_freq, first_date, last_date).
   */
  public static Dataset<Row> addTotals(Dataset<Row> corpus, Dataset<Row> added) {
    String[] columns = {TERM, NGRAM, TOTAL_COUNT, DOC_FREQ, FIRST_DATE, LAST_DATE};
    return corpus
        .selectExpr(columns)
        .unionByName(added.selectExpr(columns))
        .groupBy(TERM, NGRAM)
        .agg(
            sum(col(TOTAL_COUNT)).as(TOTAL_COUNT),
            sum(col(DOC_FREQ)).as(DOC_FREQ),
            min(col(FIRST_DATE)).as(FIRST_DATE),
            max(col(LAST_DATE)).as(LAST_DATE));
  }

  /**
   * The {@link PhraseHash} keys of phrases (words joined by spaces), for {@link #articleCounts}.
   */
  public static LongHashSet phraseKeys(List<String> phrases) {
    long[] keys = new long[phrases.size()];
    for (int i = 0; i < keys.length; i++) {
      String[] words = phrases.get(i).split(" ");
      keys[i] = PhraseHash.key(PhraseHash.words(Arrays.asList(words)), words.length);
    }
    return LongHashSet.of(keys);
  }
}
