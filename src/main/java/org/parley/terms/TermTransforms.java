package org.parley.terms;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.Periods;
import org.parley.tables.RowValues;
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

  private static final StructType CANDIDATE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(ARTICLE_ID, DataTypes.StringType, false),
              DataTypes.createStructField(PUBLISHED_DATE, DataTypes.DateType, true),
              DataTypes.createStructField(TERM, DataTypes.StringType, false),
              DataTypes.createStructField(NGRAM, DataTypes.IntegerType, false),
              DataTypes.createStructField(PARTS, new ArrayType(DataTypes.StringType, false), false)));

  /** Every term occurrence in the sentences, numbers included: (article_id, published_date, term). */
  public static Dataset<Row> tokenTerms(Dataset<Row> sentences) {
    return sentences
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), explode(col(TOKENS)).as("t"))
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), col("t." + TERM).as(TERM))
        .filter(col(TERM).isNotNull());
  }

  /**
   * Every run of 2..maxN adjacent terms inside a sentence with no stop word or punctuation between
   * them; a number may end a phrase ("resolution 2254") but not start or continue one.
   */
  public static Dataset<Row> ngramCandidates(Dataset<Row> sentences, int maxN) {
    Dataset<Row> input = sentences.select(ARTICLE_ID, PUBLISHED_DATE, TOKENS);
    FlatMapFunction<Row, Row> ngrams =
        sentence -> {
          List<Row> tokens = sentence.getList(2);
          List<Row> out = new ArrayList<>();
          for (int i = 0; i < tokens.size(); i++) {
            String first = tokens.get(i).getAs(TERM);
            if (first == null || TermRules.isNumeric(first)) {
              continue;
            }
            List<String> parts = new ArrayList<>(maxN);
            parts.add(first);
            for (int j = i + 1; j < tokens.size() && parts.size() < maxN; j++) {
              Row next = tokens.get(j);
              String term = next.getAs(TERM);
              if (term == null || next.<Boolean>getAs(AFTER_PUNCTUATION)) {
                break;
              }
              parts.add(term);
              out.add(RowFactory.create(sentence.get(0), sentence.get(1), String.join(" ", parts),
                  parts.size(), RowValues.array(List.copyOf(parts))));
              if (TermRules.isNumeric(term)) {
                break;
              }
            }
          }
          return out.iterator();
        };
    return input.flatMap(ngrams, Encoders.row(CANDIDATE));
  }

  /**
   * Phrases among the candidates: at least {@code minCount} occurrences and normalised PMI of at
   * least {@code minNpmi}. For n words, NPMI = ln(P(g) / ∏P(w)) / ((n-1)·(-ln P(g))), which is 1 when
   * the words only ever occur together and 0 when they are independent. Probabilities are counts
   * over all term occurrences. Returns (term, ngram, count, npmi).
   */
  public static Dataset<Row> scorePhrases(
      Dataset<Row> candidates, Dataset<Row> tokenTerms, int minCount, double minNpmi) {
    // Grouped by the term string alone (its words are split back out of the few frequent ones):
    // most candidates occur once, and an array in the grouping key costs on every one of them.
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
    return articleTerms
        .filter(col(PUBLISHED_DATE).isNotNull())
        .join(trendTerms, new String[] {TERM, NGRAM}, "left_semi")
        .select(col(TERM), col(NGRAM), col(COUNT), Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
        .groupBy(col("p." + PERIOD).as(PERIOD), col("p." + PERIOD_START).as(PERIOD_START), col(TERM), col(NGRAM))
        .agg(sum(col(COUNT)).as(COUNT), count(lit(1)).as(DOC_COUNT))
        .join(articlesPerPeriod, new String[] {PERIOD, PERIOD_START})
        .withColumn(SHARE, col(DOC_COUNT).divide(col(ARTICLES_IN_PERIOD)))
        .select(PERIOD, PERIOD_START, TERM, NGRAM, COUNT, DOC_COUNT, SHARE);
  }
}
