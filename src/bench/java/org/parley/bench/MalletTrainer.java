package org.parley.bench;

import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.parley.topics.TermRelevance;

/**
 * The child JVM of {@link MalletBaseline}: reads token documents ({@code article_id<TAB>tok tok …}
 * text files under one folder) through Hadoop FileSystem, trains MALLET's ParallelTopicModel and
 * writes the figures as JSON. It runs in its own JVM so that MALLET's heap and time are its own,
 * not the Spark driver's. Arguments are {@code --name value} pairs; see {@link
 * MalletBaseline#train}.
 */
public final class MalletTrainer {
  private MalletTrainer() {}

  /** Tokens are already Parley terms: whitespace is the only separator. */
  private static final Pattern TOKEN = Pattern.compile("\\S+");

  /**
   * java.util.logging configuration for the child, named by -Djava.util.logging.config.class: only
   * warnings, so MALLET's per-iteration INFO lines stay out of the output. It also keeps
   * MalletLogger from looking for its logging.properties, which the 2.0.8 jar does not ship.
   */
  public static final class QuietLogging {
    public QuietLogging() {
      Logger root = Logger.getLogger("");
      for (var h : root.getHandlers()) {
        root.removeHandler(h);
      }
      ConsoleHandler console = new ConsoleHandler(); // stderr, which the parent captures
      console.setLevel(Level.WARNING);
      root.addHandler(console);
      root.setLevel(Level.WARNING);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Expected --name value pairs, got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    Configuration conf = new Configuration();

    long loadStart = System.nanoTime();
    List<String[]> docs = readDocuments(conf, new Path(required(a, "documents")));
    // Files come back in any order; sorting by article id makes the instance (and alphabet) order,
    // and so a seeded run, reproducible.
    docs.sort(Comparator.comparing((String[] d) -> d[0]));
    Pipe pipe =
        new SerialPipes(
            new Pipe[] {
              new CharSequence2TokenSequence(TOKEN), new TokenSequence2FeatureSequence()
            });
    InstanceList instances = new InstanceList(pipe);
    Iterator<Instance> source =
        docs.stream().map(d -> new Instance(d[1], null, d[0], null)).iterator();
    instances.addThruPipe(source);
    docs = null; // the instances hold everything from here on
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    int k = Integer.parseInt(required(a, "k"));
    ParallelTopicModel model =
        new ParallelTopicModel(
            k,
            Double.parseDouble(required(a, "alpha-sum")),
            Double.parseDouble(required(a, "beta")));
    model.setNumIterations(Integer.parseInt(required(a, "iterations")));
    model.setNumThreads(Integer.parseInt(required(a, "threads")));
    model.setRandomSeed(Integer.parseInt(required(a, "seed")));
    model.setOptimizeInterval(Integer.parseInt(required(a, "optimize-interval")));
    model.setBurninPeriod(Integer.parseInt(required(a, "optimize-burn-in")));
    model.setTopicDisplay(0, 0); // no top-word dumps during training
    long trainStart = System.nanoTime();
    model.addInstances(instances); // random initial assignments and counts: part of training
    model.estimate();
    double trainSeconds = (System.nanoTime() - trainStart) / 1e9;

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("load_seconds", loadSeconds);
    result.put("train_seconds", trainSeconds);
    result.put("documents", instances.size());
    long tokens = 0;
    for (int t : model.getTokensPerTopic()) {
      tokens += t;
    }
    result.put("tokens", tokens);
    result.put("vocabulary_size", instances.getDataAlphabet().size());
    result.put(
        "topics",
        topics(
            model,
            Integer.parseInt(required(a, "top-words")),
            Double.parseDouble(required(a, "relevance-lambda"))));
    Path out = new Path(required(a, "result"));
    try (OutputStream os = out.getFileSystem(conf).create(out, true)) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(os, result);
    }
  }

  /**
   * Per topic: its documents by argmax of the document-topic distribution, its top words by count
   * (MALLET's topic keys) and its top words ranked as Parley ranks its own (TermRelevance at {@code
   * relevanceLambda}, on the counts plus beta, as Parley's Gibbs model holds them).
   */
  private static List<Map<String, Object>> topics(
      ParallelTopicModel model, int topWords, double relevanceLambda) {
    int k = model.getNumTopics();
    long[] dominant = new long[k];
    double[][] docTopics = model.getDocumentTopics(true, true);
    for (double[] d : docTopics) {
      int best = 0;
      for (int t = 1; t < k; t++) {
        if (d[t] > d[best]) { // ties go to the lower topic id, as in Parley's is_dominant
          best = t;
        }
      }
      dominant[best]++;
    }
    Alphabet alphabet = model.getAlphabet();
    List<TreeSet<IDSorter>> sorted = model.getSortedWords(); // count descending, then type id
    List<List<Map<String, Object>>> byRelevance =
        wordsByRelevance(model, topWords, relevanceLambda);
    List<Map<String, Object>> topics = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      List<Map<String, Object>> words = new ArrayList<>();
      int rank = 0;
      for (IDSorter w : sorted.get(t)) {
        if (++rank > topWords) {
          break;
        }
        Map<String, Object> word = new LinkedHashMap<>();
        word.put("rank", rank);
        word.put("word", alphabet.lookupObject(w.getID()));
        word.put("count", (long) w.getWeight());
        words.add(word);
      }
      Map<String, Object> topic = new LinkedHashMap<>();
      topic.put("topic_id", t);
      topic.put("documents", dominant[t]);
      topic.put(
          "document_share", docTopics.length == 0 ? 0.0 : (double) dominant[t] / docTopics.length);
      topic.put("top_words", words);
      topic.put("top_words_by_relevance", byRelevance.get(t));
      topics.add(topic);
    }
    return topics;
  }

  private static List<List<Map<String, Object>>> wordsByRelevance(
      ParallelTopicModel model, int topWords, double lambda) {
    double[][] smoothed = model.getTopicWords(false, true); // [topic][type]: count + beta
    int k = smoothed.length;
    int types = k == 0 ? 0 : smoothed[0].length;
    double[] columnMajor = new double[types * k]; // types × k, one column per topic
    for (int t = 0; t < k; t++) {
      System.arraycopy(smoothed[t], 0, columnMajor, t * types, types);
    }
    List<List<Map<String, Object>>> topics = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      topics.add(new ArrayList<>());
    }
    Alphabet alphabet = model.getAlphabet();
    for (TermRelevance.RankedTerm r :
        TermRelevance.topTerms(new DenseMatrix(types, k, columnMajor), lambda, topWords)) {
      Map<String, Object> word = new LinkedHashMap<>();
      word.put("rank", r.rank());
      word.put("word", alphabet.lookupObject(r.termIndex()));
      word.put("count", Math.round(smoothed[r.topic()][r.termIndex()] - model.beta));
      topics.get(r.topic()).add(word);
    }
    return topics;
  }

  /** (article_id, tokens) of every non-empty line of the folder's visible files. */
  private static List<String[]> readDocuments(Configuration conf, Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem(conf);
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    List<String[]> docs = new ArrayList<>();
    for (FileStatus f : fs.listStatus(folder)) {
      String name = f.getPath().getName();
      if (!f.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      CompressionCodec codec = codecs.getCodec(f.getPath());
      try (InputStream raw = fs.open(f.getPath());
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          int tab = line.indexOf('\t');
          if (tab > 0 && tab < line.length() - 1) {
            docs.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
          }
        }
      }
    }
    return docs;
  }

  private static String required(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Missing --" + name);
    }
    return v;
  }
}
