package org.parley.topics;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.Periods;
import org.parley.tables.Tables;

/** Topic modelling as Dataset transforms around an MLlib pipeline. */
public final class TopicTransforms {
  private TopicTransforms() {}

  /** The documents' term column fed to CountVectorizer. */
  public static final String TOKENS = "topic_tokens";

  public static final String FEATURES = "features";
  public static final String DISTRIBUTION = "topic_distribution";
  public static final String PREDICTION = "prediction";
  static final String INDEX = "term_index";

  private static Dataset<Row> usableTerms(Dataset<Row> articleTerms, boolean includePhrases) {
    return includePhrases ? articleTerms : articleTerms.filter(col(NGRAM).equalTo(1));
  }

  /**
   * The vocabulary from {@code term_stats}: terms in at least {@code minDf} and at most {@code
   * maxDfShare} of the articles (but never fewer than {@code minDf}, so a corpus of a handful of
   * articles keeps a vocabulary), the {@code vocabSize} most frequent by document frequency, ties
   * broken by the term itself so the same corpus always gives the same vocabulary. Returns (term,
   * doc_freq) in vocabulary order. The terms stage has counted each term's articles already:
   * counting them again from article_terms took two aggregations of every article's terms.
   */
  public static Dataset<Row> vocabulary(
      Dataset<Row> termStats,
      boolean includePhrases,
      int minDf,
      double maxDfShare,
      long articleCount,
      int vocabSize) {
    return (includePhrases ? termStats : termStats.filter(col(NGRAM).equalTo(1)))
        .select(TERM, DOC_FREQ)
        .filter(
            col(DOC_FREQ)
                .geq(minDf)
                .and(col(DOC_FREQ).leq(Math.max(maxDfShare * articleCount, minDf))))
        .orderBy(col(DOC_FREQ).desc(), col(TERM).asc())
        .limit(vocabSize);
  }

  /**
   * One document per article: (article_id, published_date, topic_tokens), each term repeated as
   * often as it occurs, in term order (so the input, not only the model, is deterministic).
   */
  public static Dataset<Row> documents(Dataset<Row> articleTerms, boolean includePhrases) {
    return usableTerms(articleTerms, includePhrases)
        .groupBy(ARTICLE_ID, PUBLISHED_DATE)
        .agg(
            array_sort(flatten(collect_list(array_repeat(col(TERM), col(COUNT).cast("int")))))
                .as(TOKENS));
  }

  /**
   * One count vector per article straight from article_terms: (article_id, published_date,
   * features), features[i] the article's count of {@code vocabulary[i]}, an article with none of
   * the vocabulary's terms an empty vector. The same vectors as a {@link
   * org.apache.spark.ml.feature.CountVectorizerModel} of that vocabulary gives on {@link
   * #documents}, without spelling every occurrence of every term out as a string and sorting them:
   * a broadcast lookup of each (article, term) row's index, and one aggregation.
   */
  public static Dataset<Row> countVectors(
      Dataset<Row> articleTerms, boolean includePhrases, String[] vocabulary) {
    List<Row> indexRows = new ArrayList<>(vocabulary.length);
    for (int i = 0; i < vocabulary.length; i++) {
      indexRows.add(RowFactory.create(vocabulary[i], i));
    }
    Dataset<Row> index =
        broadcast(
            articleTerms
                .sparkSession()
                .createDataFrame(
                    indexRows,
                    new StructType()
                        .add(TERM, DataTypes.StringType, false)
                        .add(INDEX, DataTypes.IntegerType, false)));
    int size = vocabulary.length;
    UserDefinedFunction toVector =
        udf(
            (UDF1<scala.collection.Seq<Row>, Vector>) entries -> sparseCounts(size, entries),
            new VectorUDT());
    Metadata attributes = new AttributeGroup(FEATURES, size).toMetadata();
    return usableTerms(articleTerms, includePhrases)
        .select(ARTICLE_ID, PUBLISHED_DATE, TERM, COUNT)
        .join(index, new String[] {TERM}, "left")
        .groupBy(ARTICLE_ID, PUBLISHED_DATE)
        // collect_list skips the nulls of terms outside the vocabulary; structs sort by index
        .agg(
            array_sort(collect_list(when(col(INDEX).isNotNull(), struct(col(INDEX), col(COUNT)))))
                .as("entries"))
        .select(
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            toVector.apply(col("entries")).as(FEATURES, attributes));
  }

  /**
   * (index, count) entries sorted by index, as a sparse vector of {@code size}; repeated indices
   * are summed.
   */
  static Vector sparseCounts(int size, scala.collection.Seq<Row> entries) {
    int[] indices = new int[entries.size()];
    double[] values = new double[entries.size()];
    int n = 0;
    for (int e = 0; e < entries.size(); e++) {
      Row entry = entries.apply(e);
      int i = entry.getInt(0);
      if (n > 0 && indices[n - 1] == i) {
        values[n - 1] += entry.getLong(1);
      } else {
        indices[n] = i;
        values[n++] = entry.getLong(1);
      }
    }
    return Vectors.sparse(size, Arrays.copyOf(indices, n), Arrays.copyOf(values, n));
  }

  /**
   * Topic weights per article from an LDA-transformed frame: weights of an article sum to 1, and
   * its heaviest topic (ties: the lowest id) is dominant. An article with none of the model's terms
   * has weight 0 everywhere and no dominant topic, rather than counting for topic 0.
   */
  public static Dataset<Row> articleTopicsFromDistribution(
      Dataset<Row> transformed, String modelId) {
    Dataset<Row> weights =
        transformed.select(
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            posexplode(org.apache.spark.ml.functions.vector_to_array(col(DISTRIBUTION), "float64"))
                .as(new String[] {TOPIC_ID, WEIGHT}));
    Column best =
        row_number()
            .over(Window.partitionBy(ARTICLE_ID).orderBy(col(WEIGHT).desc(), col(TOPIC_ID).asc()));
    return weights
        .withColumn(IS_DOMINANT, best.equalTo(1).and(col(WEIGHT).gt(0)))
        .select(
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            lit(modelId).as(MODEL_ID),
            col(TOPIC_ID).cast("int").as(TOPIC_ID),
            col(WEIGHT),
            col(IS_DOMINANT));
  }

  /** One row per article, weight 1, from a clustering's prediction. */
  public static Dataset<Row> articleTopicsFromClusters(Dataset<Row> transformed, String modelId) {
    return transformed.select(
        col(ARTICLE_ID),
        col(PUBLISHED_DATE),
        lit(modelId).as(MODEL_ID),
        col(PREDICTION).cast("int").as(TOPIC_ID),
        lit(1.0).as(WEIGHT),
        lit(true).as(IS_DOMINANT));
  }

  /**
   * The top {@code n} terms of each topic from per-topic term weights (topic_id, term_index,
   * weight, and optionally relevance), with the vocabulary as (term_index, term): by relevance
   * where given (LDA), else by weight (k-means centres); ties to the lower term index.
   */
  public static Dataset<Row> topTerms(
      Dataset<Row> topicWeights, Dataset<Row> vocabulary, String modelId, int n) {
    Dataset<Row> weights =
        Arrays.asList(topicWeights.columns()).contains(RELEVANCE)
            ? topicWeights
            : topicWeights.withColumn(RELEVANCE, lit(null).cast("double"));
    Column rank =
        row_number()
            .over(
                Window.partitionBy(TOPIC_ID)
                    .orderBy(
                        col(RELEVANCE).desc_nulls_last(), col(WEIGHT).desc(), col(INDEX).asc()));
    return weights
        .withColumn(RANK, rank)
        .filter(col(RANK).leq(n))
        .join(vocabulary, INDEX)
        .select(
            lit(modelId).as(MODEL_ID),
            col(TOPIC_ID).cast("int").as(TOPIC_ID),
            col(RANK).cast("int").as(RANK),
            col(TERM),
            col(WEIGHT),
            col(RELEVANCE));
  }

  /**
   * Per topic: its label (top 3 terms), articles whose dominant topic it is, share of all weight.
   */
  public static Dataset<Row> topics(
      Dataset<Row> topicTerms,
      Dataset<Row> articleTopics,
      Dataset<Row> coherence,
      List<Integer> topicIds,
      String modelId) {
    Dataset<Row> all =
        articleTopics
            .sparkSession()
            .createDataset(topicIds, org.apache.spark.sql.Encoders.INT())
            .toDF(TOPIC_ID);
    Dataset<Row> labels =
        topicTerms
            .filter(col(RANK).leq(3))
            .groupBy(TOPIC_ID)
            .agg(array_sort(collect_list(struct(col(RANK), col(TERM)))).as("top"))
            .select(
                col(TOPIC_ID),
                concat_ws(" · ", transform(col("top"), t -> t.getField(TERM))).as(LABEL));
    Dataset<Row> usage =
        articleTopics
            .groupBy(TOPIC_ID)
            .agg(
                count(when(col(IS_DOMINANT), lit(1))).as(ARTICLE_COUNT),
                sum(col(WEIGHT)).as(WEIGHT_SUM));
    // One row of k topics' total; a window over all rows would do, but Spark warns on every plan.
    Dataset<Row> total = usage.agg(sum(col(WEIGHT_SUM)).as("total_weight"));
    return all.join(labels, new String[] {TOPIC_ID}, "left")
        .join(usage, new String[] {TOPIC_ID}, "left")
        .join(coherence.select(TOPIC_ID, NPMI_COHERENCE), new String[] {TOPIC_ID}, "left")
        .na()
        .fill(0L, new String[] {ARTICLE_COUNT})
        .na()
        .fill(0.0, new String[] {WEIGHT_SUM})
        .na()
        .fill("", new String[] {LABEL})
        .crossJoin(total)
        .select(
            lit(modelId).as(MODEL_ID),
            col(TOPIC_ID),
            col(LABEL),
            col(NPMI_COHERENCE),
            col(ARTICLE_COUNT),
            coalesce(col(WEIGHT_SUM).divide(col("total_weight")), lit(0.0)).as(WEIGHT_SHARE));
  }

  /**
   * Topics per period over dated articles: articles whose dominant topic it is, the summed weight,
   * and that weight's share of the period's articles.
   */
  public static Dataset<Row> topicTrends(Dataset<Row> articleTopics, List<String> periods) {
    if (periods.isEmpty()) {
      return Tables.empty(articleTopics.sparkSession(), Tables.TOPIC_TRENDS);
    }
    Dataset<Row> byPeriod =
        articleTopics
            .filter(col(PUBLISHED_DATE).isNotNull())
            .select(
                col(MODEL_ID),
                col(ARTICLE_ID),
                col(TOPIC_ID),
                col(WEIGHT),
                col(IS_DOMINANT),
                Periods.explodeAll(periods, col(PUBLISHED_DATE)).as("p"))
            .select(
                col(MODEL_ID),
                col(ARTICLE_ID),
                col(TOPIC_ID),
                col(WEIGHT),
                col(IS_DOMINANT),
                col("p." + PERIOD).as(PERIOD),
                col("p." + PERIOD_START).as(PERIOD_START));
    Dataset<Row> articlesPerPeriod =
        byPeriod
            .groupBy(MODEL_ID, PERIOD, PERIOD_START)
            .agg(count_distinct(col(ARTICLE_ID)).as("articles_in_period"));
    return byPeriod
        .groupBy(MODEL_ID, PERIOD, PERIOD_START, TOPIC_ID)
        .agg(
            count(when(col(IS_DOMINANT), lit(1))).as(ARTICLE_COUNT),
            sum(col(WEIGHT)).as(WEIGHT_SUM))
        .join(articlesPerPeriod, new String[] {MODEL_ID, PERIOD, PERIOD_START})
        .withColumn(SHARE, col(WEIGHT_SUM).divide(col("articles_in_period")))
        .select(MODEL_ID, PERIOD, PERIOD_START, TOPIC_ID, ARTICLE_COUNT, WEIGHT_SUM, SHARE);
  }
}
