package org.parley.text;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.RowValues;
import org.parley.tables.Tables;

/** Text analysis as Dataset transforms: articles in, sentences with tokens out. */
public final class TextTransforms {
  private TextTransforms() {}

  /** The column {@link #analyze} adds: the article's sentences, each with its tokens. */
  public static final String SENTENCES = "sentences";

  public static final StructType SENTENCE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(SENTENCE_INDEX, DataTypes.IntegerType, false),
              DataTypes.createStructField(CHAR_START, DataTypes.IntegerType, false),
              DataTypes.createStructField(CHAR_END, DataTypes.IntegerType, false),
              DataTypes.createStructField(TEXT, DataTypes.StringType, false),
              DataTypes.createStructField(TOKENS, new ArrayType(Tables.TOKEN, false), false)));

  /**
   * Adds {@link #SENTENCES} to each article (needs {@code text}), {@code furniture_spans}: the
   * ranges of the text that were page furniture, left out of the sentences (needs {@code source}
   * when {@code furniture} has any), and {@code furniture_chars}, their length. One analyzer per
   * partition; its model is loaded once per executor.
   */
  public static Dataset<Row> analyze(
      Dataset<Row> articles, TextOptions options, Furniture furniture) {
    StructType out =
        articles
            .schema()
            .add(SENTENCES, new ArrayType(SENTENCE, false), false)
            .add(FURNITURE_CHARS, DataTypes.IntegerType, false)
            .add(FURNITURE_SPANS, new ArrayType(Tables.SPAN, false), false);
    int textIndex = articles.schema().fieldIndex(TEXT);
    int sourceIndex = furniture.isEmpty() ? -1 : articles.schema().fieldIndex(SOURCE);
    MapPartitionsFunction<Row, Row> analyzePartition =
        rows -> {
          ArticleAnalyzer analyzer = new ArticleAnalyzer(options);
          return RowValues.mapEach(
              rows,
              row -> {
                String text = row.getString(textIndex);
                List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(text);
                List<Furniture.Span> spans =
                    sourceIndex < 0
                        ? List.of()
                        : furniture.find(row.getString(sourceIndex), sentences);
                sentences = Furniture.cut(text, sentences, spans);
                Object[] values = new Object[row.length() + 3];
                for (int i = 0; i < row.length(); i++) {
                  values[i] = row.get(i);
                }
                values[row.length()] = RowValues.array(toRows(sentences));
                values[row.length() + 1] = Furniture.chars(spans);
                values[row.length() + 2] = RowValues.array(spanRows(spans));
                return RowFactory.create(values);
              });
        };
    return articles.mapPartitions(analyzePartition, Encoders.row(out));
  }

  /** {@link #analyze} without furniture removal. */
  public static Dataset<Row> analyze(Dataset<Row> articles, TextOptions options) {
    return analyze(articles, options, Furniture.none());
  }

  private static List<Row> spanRows(List<Furniture.Span> spans) {
    List<Row> rows = new ArrayList<>(spans.size());
    for (Furniture.Span s : spans) {
      rows.add(RowFactory.create(s.charStart(), s.charEnd()));
    }
    return rows;
  }

  /** The furniture spans of an {@code articles} row's {@code furniture_spans} value. */
  public static List<Furniture.Span> spans(List<Row> rows) {
    List<Furniture.Span> spans = new ArrayList<>(rows.size());
    for (Row r : rows) {
      spans.add(new Furniture.Span(r.getInt(0), r.getInt(1)));
    }
    return spans;
  }

  private static List<Row> toRows(List<ArticleAnalyzer.Sentence> sentences) {
    List<Row> rows = new ArrayList<>(sentences.size());
    for (ArticleAnalyzer.Sentence s : sentences) {
      List<Row> tokens = new ArrayList<>(s.tokens().size());
      for (ArticleAnalyzer.Token t : s.tokens()) {
        tokens.add(
            RowFactory.create(
                t.surface(), t.term(), t.charStart(), t.charEnd(), t.afterPunctuation()));
      }
      rows.add(
          RowFactory.create(
              s.index(), s.charStart(), s.charEnd(), s.text(), RowValues.array(tokens)));
    }
    return rows;
  }

  /** Sentence and token counts of each analyzed article. */
  public static Dataset<Row> withTextCounts(Dataset<Row> analyzed) {
    Column sentences = col(SENTENCES);
    return analyzed.withColumns(
        Map.of(
            N_SENTENCES, size(sentences),
            N_TOKENS,
                aggregate(sentences, lit(0), (acc, s) -> acc.plus(size(s.getField(TOKENS))))));
  }

  /** One row per sentence, in the {@code sentences} table's shape (without run_id). */
  public static Dataset<Row> sentenceRows(Dataset<Row> analyzed) {
    return analyzed
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), explode(col(SENTENCES)).as("s"))
        .select(
            col(ARTICLE_ID),
            col(PUBLISHED_DATE),
            col("s." + SENTENCE_INDEX).as(SENTENCE_INDEX),
            col("s." + CHAR_START).as(CHAR_START),
            col("s." + CHAR_END).as(CHAR_END),
            col("s." + TEXT).as(TEXT),
            col("s." + TOKENS).as(TOKENS));
  }
}
