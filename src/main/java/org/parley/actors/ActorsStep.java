package org.parley.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.parley.config.ConfigKeys;
import org.parley.config.ParleyConfig;
import org.parley.pipeline.RunContext;
import org.parley.pipeline.Step;
import org.parley.pipeline.StepReport;
import org.parley.pipeline.StoryScope;
import org.parley.tables.Columns;
import org.parley.tables.Periods;
import org.parley.tables.Table;
import org.parley.tables.Tables;
import org.parley.text.TextOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code actors}: sentences and articles → {@code actors}, {@code actor_mentions}, {@code
 * candidate_mentions}, {@code quotes}, {@code actor_comentions}, {@code
 * actor_comentions_by_period}, {@code actor_candidates}.
 */
public final class ActorsStep implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(ActorsStep.class);
  public static final String NAME = "actors";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Table> reads() {
    // stories only with stories.count_once
    return List.of(Tables.SENTENCES, Tables.ARTICLES, Tables.STORIES);
  }

  @Override
  public List<Table> reads(ParleyConfig config) {
    return StoryScope.reads(reads(), config);
  }

  @Override
  public List<Table> writes() {
    return List.of(
        Tables.ACTORS,
        Tables.ORDINARY_WORDS,
        Tables.ACTOR_MENTIONS,
        Tables.CANDIDATE_MENTIONS,
        Tables.QUOTES,
        Tables.ACTOR_COMENTIONS,
        Tables.ACTOR_COUNTS,
        Tables.ACTOR_COMENTIONS_BY_PERIOD,
        Tables.ACTOR_CANDIDATES);
  }

  @Override
  public StepReport run(RunContext ctx) {
    ActorDictionary dictionary =
        ActorDictionary.load(ctx.config().get(ConfigKeys.ACTORS_DICTIONARY));
    LOG.info("Actor dictionary: {} actors", dictionary.actors().size());
    ctx.describe("actors: write actors");
    writeActors(ctx, dictionaryRows(ctx, dictionary));

    Dataset<Row> sentences = ctx.tables().read(Tables.SENTENCES);
    Dataset<Row> articles = ctx.tables().read(Tables.ARTICLES);
    List<String> warnings = new ArrayList<>();
    Set<String> ordinary = ordinaryWords(ctx, sentences, warnings);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Broadcast<AliasTrie> trie =
        jsc.broadcast(AliasTrie.of(dictionary, ctx.config().get(ConfigKeys.DEMONYMS_ENABLED)));
    Broadcast<Set<String>> words = jsc.broadcast(Set.copyOf(ordinary));

    ctx.describe("actors: find mentions, names and quotes");
    // Cached on disk (the OS page cache still holds it when memory is free): at 1M articles, 1.5 GB
    // of it in a 4g local driver's heap left too little room for reading the articles' text, and
    // the run failed with OutOfMemoryError.
    Dataset<Row> found =
        ActorTransforms.findActors(
                ctx.inScope(articles),
                TextOptions.from(ctx.config()),
                trie,
                words,
                ctx.config().get(ConfigKeys.DISCOVERY_ENABLED))
            .persist(StorageLevel.DISK_ONLY());
    try {
      ctx.writeArticleRows(Tables.ACTOR_MENTIONS, ActorTransforms.mentionRows(found));
      ctx.writeArticleRows(Tables.CANDIDATE_MENTIONS, ActorTransforms.candidateMentionRows(found));
      ctx.writeArticleRows(Tables.QUOTES, ActorTransforms.quoteRows(found));
    } finally {
      found.unpersist();
    }

    ctx.describe("actors: co-mentions and candidates");
    List<String> windows = ctx.config().get(ConfigKeys.COMENTION_WINDOWS);
    List<String> periods = ctx.config().get(ConfigKeys.COMENTION_PERIODS);
    List<Long> unitCounts = new ArrayList<>();
    for (String w : windows) {
      // Units in the window (from the Delta log's statistics, or one per story when counting
      // stories once).
      unitCounts.add(
          "sentence".equals(w)
              ? StoryScope.countingOnce(ctx, sentences).count()
              : StoryScope.countingOnce(ctx, articles).count());
    }
    if (addsToCorpusTables(ctx)) {
      addNight(ctx, sentences, windows, periods, unitCounts);
    } else {
      sumCorpus(ctx, sentences, windows, periods, unitCounts);
    }
    trie.destroy();
    words.destroy();
    return new StepReport(null, warnings);
  }

  /**
   * A nightly run adds the night's counts to the corpus's co-mention and candidate tables, unless
   * stories count once: a night can change which article represents a story, and so which earlier
   * articles count.
   */
  private static boolean addsToCorpusTables(RunContext ctx) {
    return ctx.mode().incremental()
        && !ctx.config().get(ConfigKeys.STORIES_COUNT_ONCE)
        && List.of(
                Tables.ACTOR_COUNTS,
                Tables.ACTOR_COMENTIONS,
                Tables.ACTOR_COMENTIONS_BY_PERIOD,
                Tables.ACTOR_CANDIDATES)
            .stream()
            .allMatch(ctx.tables()::exists);
  }

  /** Co-mentions and candidates summed over every article's mentions. */
  private static void sumCorpus(
      RunContext ctx,
      Dataset<Row> sentences,
      List<String> windows,
      List<String> periods,
      List<Long> unitCounts) {
    Dataset<Row> mentions = StoryScope.countingOnce(ctx, ctx.tables().read(Tables.ACTOR_MENTIONS));
    Dataset<Row> units =
        ActorTransforms.actorUnits(mentions, windows).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ctx.tables().write(Tables.ACTOR_COUNTS, ctx.stamped(Comentions.actorCounts(units)));
      ctx.tables()
          .write(
              Tables.ACTOR_COMENTIONS,
              ctx.stamped(
                  Comentions.withPmi(
                      Comentions.pairTotals(units),
                      ctx.tables().read(Tables.ACTOR_COUNTS),
                      windows,
                      unitCounts)));
      ctx.tables()
          .write(
              Tables.ACTOR_COMENTIONS_BY_PERIOD, ctx.stamped(Comentions.byPeriod(units, periods)));
    } finally {
      units.unpersist();
    }
    ctx.tables()
        .write(
            Tables.ACTOR_CANDIDATES,
            ctx.stamped(
                Candidates.summary(ctx.tables().read(Tables.CANDIDATE_MENTIONS), sentences)));
  }

  /**
   * The night's counts added to the corpus's (units never span articles, and the night's articles
   * are new): per-actor and per-pair sums, the night's per-period counts added to the stored ones
   * (in the periods it touches), the candidate names it uses combined with the stored rows. PMI is
   * computed again over the pairs.
   */
  private static void addNight(
      RunContext ctx,
      Dataset<Row> sentences,
      List<String> windows,
      List<String> periods,
      List<Long> unitCounts) {
    Dataset<Row> nightUnits =
        ActorTransforms.actorUnits(ctx.inScope(ctx.tables().read(Tables.ACTOR_MENTIONS)), windows)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ctx.tables()
          .write(
              Tables.ACTOR_COUNTS,
              ctx.stamped(
                  Comentions.addActorCounts(
                      ctx.tables().read(Tables.ACTOR_COUNTS), Comentions.actorCounts(nightUnits))));
      Dataset<Row> pairs =
          Comentions.addPairTotals(
              ctx.tables().read(Tables.ACTOR_COMENTIONS), Comentions.pairTotals(nightUnits));
      ctx.tables()
          .write(
              Tables.ACTOR_COMENTIONS,
              ctx.stamped(
                  Comentions.withPmi(
                      pairs, ctx.tables().read(Tables.ACTOR_COUNTS), windows, unitCounts)));
      List<Row> touched = Periods.touched(nightUnits, periods).collectAsList();
      ctx.tables()
          .addCounts(
              Tables.ACTOR_COMENTIONS_BY_PERIOD,
              ctx.stamped(Comentions.byPeriod(nightUnits, periods)),
              Comentions.PERIOD_KEY,
              Columns.PAIR_COUNT,
              Periods.inPeriods(touched));
    } finally {
      nightUnits.unpersist();
    }
    Dataset<Row> stored = ctx.tables().read(Tables.ACTOR_CANDIDATES);
    Dataset<Row> candidates;
    if (Candidates.addsUp(stored)) {
      candidates =
          Candidates.afterNight(
              stored,
              ctx.inScope(ctx.tables().read(Tables.CANDIDATE_MENTIONS)),
              ctx.inScope(sentences));
    } else {
      LOG.info("actor_candidates has no spellings and types (an older output): summed again");
      candidates = Candidates.summary(ctx.tables().read(Tables.CANDIDATE_MENTIONS), sentences);
    }
    ctx.tables().write(Tables.ACTOR_CANDIDATES, ctx.stamped(candidates));
  }

  /**
   * The corpus's ordinary words: learned from every sentence and stored by a learning run (run,
   * refit); read back by the others, so a night's names are judged by the corpus's usage, not the
   * night's. Bounded by the language, not the corpus: small enough to collect and broadcast.
   */
  private static Set<String> ordinaryWords(
      RunContext ctx, Dataset<Row> sentences, List<String> warnings) {
    if (ctx.mode().learnsModels()) {
      ctx.describe("actors: learn the corpus's ordinary words");
      ctx.tables()
          .write(Tables.ORDINARY_WORDS, ctx.stamped(ActorTransforms.ordinaryWords(sentences)));
    } else if (!ctx.tables().exists(Tables.ORDINARY_WORDS)) {
      warnings.add(
          "no stored ordinary words in the output: name discovery keeps capitalised common words"
              + " (a full 'run' or 'refit' learns them)");
      return Set.of();
    }
    Set<String> ordinary = new HashSet<>();
    for (Row r : ctx.tables().read(Tables.ORDINARY_WORDS).select(Columns.WORD).collectAsList()) {
      ordinary.add(r.getString(0));
    }
    return ordinary;
  }

  /**
   * Writes the dictionary's actors, unless the table already holds exactly them: a nightly run with
   * an unchanged dictionary then spends no commit on it (the rows keep the run that wrote them).
   */
  private static void writeActors(RunContext ctx, Dataset<Row> actors) {
    if (ctx.mode().incremental() && ctx.tables().exists(Tables.ACTORS)) {
      Column[] columns =
          Arrays.stream(Tables.ACTORS.contentSchema().fieldNames())
              .map(functions::col)
              .toArray(Column[]::new);
      Set<String> stored =
          new HashSet<>(ctx.tables().read(Tables.ACTORS).select(columns).toJSON().collectAsList());
      List<String> wanted = actors.select(columns).toJSON().collectAsList();
      if (stored.size() == wanted.size() && stored.containsAll(wanted)) {
        LOG.info("Actor dictionary unchanged: table actors left as it is");
        return;
      }
    }
    ctx.tables().write(Tables.ACTORS, ctx.stamped(actors));
  }

  private static Dataset<Row> dictionaryRows(RunContext ctx, ActorDictionary dictionary) {
    List<Row> rows = new ArrayList<>();
    for (ActorDictionary.Actor a : dictionary.actors()) {
      rows.add(
          RowFactory.create(
              a.id(), a.name(), a.type().name(), a.roles(), a.aliases(), a.metonyms()));
    }
    return ctx.spark().createDataFrame(rows, Tables.ACTORS.contentSchema());
  }
}
