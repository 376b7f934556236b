package org.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.parley.corpus.CorpusGenerator;
import org.parley.corpus.GeneratorOptions;

/** The harness's --generate: a fresh corpus from the project's generator, with its figures. */
final class CorpusGeneration {
  private CorpusGeneration() {}

  static Map<String, Object> generate(SparkSession spark, long articles, long seed, String output) {
    CorpusGenerator.Result r =
        CorpusGenerator.generate(
            spark,
            new GeneratorOptions(
                articles,
                seed,
                output,
                GeneratorOptions.defaultShards(articles),
                GeneratorOptions.DEFAULT_NEAR_DUPLICATE_SHARE,
                GeneratorOptions.DEFAULT_EXACT_DUPLICATE_SHARE,
                GeneratorOptions.DEFAULT_MALFORMED_SHARE,
                GeneratorOptions.DEFAULT_START_DATE,
                GeneratorOptions.DEFAULT_END_DATE,
                true));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("articles", r.articles());
    m.put("seed", seed);
    m.put("shards", r.shards());
    m.put("bytes", r.bytes());
    m.put("near_duplicates", r.nearDuplicates());
    m.put("exact_duplicates", r.exactDuplicates());
    m.put("malformed", r.malformed());
    m.put("seconds", r.seconds());
    return m;
  }
}
