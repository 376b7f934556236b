package org.parley.topics;

import static org.apache.spark.sql.functions.col;
import static org.parley.tables.Columns.MODEL_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.sql.Row;
import org.parley.tables.TableStore;
import org.parley.tables.Tables;

/**
 * Fitted topic models under {@code <output>/models/<model_id>}: the Spark pipeline, the params it
 * was fitted with ({@value #FIT_PARAMS_FILE}) and its published topic ids ({@link TopicLineage}),
 * and which model the last learning run selected, for later apply and nightly runs.
 */
public final class TopicModelStore {
  public static final String MODELS_FOLDER = "models";

  /** In a saved model's folder: the params it was fitted with, as in its topic_models row. */
  public static final String FIT_PARAMS_FILE = "parley-params.json";

  private final Path models;
  private final Configuration hadoop;
  private final TableStore tables;

  TopicModelStore(String outputPath, Configuration hadoop, TableStore tables) {
    this.models = new Path(outputPath, MODELS_FOLDER);
    this.hadoop = hadoop;
    this.tables = tables;
  }

  String path(String modelId) {
    return new Path(models, modelId).toString();
  }

  /**
   * Saves a fit's pipeline with its params (the pipeline keeps only its stages' own) and topic ids.
   */
  void save(TopicFit fit, int[] ids) {
    String path = path(fit.modelId());
    try {
      fit.model().write().overwrite().save(path);
      Path file = new Path(path, FIT_PARAMS_FILE);
      try (FSDataOutputStream out = file.getFileSystem(hadoop).create(file, true)) {
        out.write(fit.params().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save topic model to " + path, e);
    }
    TopicLineage.writeIds(hadoop, path, ids);
  }

  /** The saved pipeline; a RuntimeException when it is missing or unreadable. */
  PipelineModel load(String modelId) {
    return PipelineModel.load(path(modelId));
  }

  /** The params a saved model was fitted with; null for models saved before fits recorded them. */
  JsonNode fitParams(String modelId) {
    Path file = new Path(path(modelId), FIT_PARAMS_FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (!fs.exists(file)) {
        return null;
      }
      try (FSDataInputStream in = fs.open(file)) {
        return new ObjectMapper().readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** A saved model's published topic ids, in model order. */
  int[] topicIds(String modelId, int k) {
    return TopicLineage.readIds(hadoop, path(modelId), k);
  }

  /** The model the last learning run selected, if its tables are there. */
  String storedModelId() {
    for (var t :
        List.of(Tables.TOPIC_MODELS, Tables.TOPICS, Tables.TOPIC_TERMS, Tables.ARTICLE_TOPICS)) {
      if (!tables.exists(t)) {
        return null;
      }
    }
    List<Row> selected =
        tables
            .read(Tables.TOPIC_MODELS)
            .filter(col("selected"))
            .orderBy(col("fitted_at").desc(), col(MODEL_ID))
            .select(MODEL_ID)
            .limit(1)
            .collectAsList();
    return selected.isEmpty() ? null : selected.get(0).getString(0);
  }

  /**
   * A model's number of topics. An LDA model made by toLocal() keeps no params: k is its topics
   * matrix's width.
   */
  static int topicCount(PipelineModel model) {
    Transformer last = lastStage(model);
    return last instanceof LDAModel lda
        ? lda.topicsMatrix().numCols()
        : last instanceof KMeansModel km
            ? km.clusterCenters().length
            : ((BisectingKMeansModel) last).clusterCenters().length;
  }

  /** The family of a saved model, from its last stage. */
  static TopicOptions.Algorithm algorithm(PipelineModel model) {
    Transformer last = lastStage(model);
    return last instanceof LDAModel
        ? TopicOptions.Algorithm.LDA
        : last instanceof KMeansModel
            ? TopicOptions.Algorithm.KMEANS
            : TopicOptions.Algorithm.BISECTING_KMEANS;
  }

  static Transformer lastStage(PipelineModel model) {
    return model.stages()[model.stages().length - 1];
  }
}
