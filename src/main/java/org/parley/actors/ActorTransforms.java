package org.parley.actors;

import static org.apache.spark.sql.functions.*;
import static org.parley.tables.Columns.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.parley.tables.RowValues;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.Furniture;
import org.parley.text.TermRules;
import org.parley.text.TextOptions;
import org.parley.text.TextTransforms;

/** The actor stage as Dataset transforms. */
public final class ActorTransforms {
  private ActorTransforms() {}

  public static final String MENTIONS = "mentions";
  public static final String NAMES = "names";
  public static final String QUOTES = "quotes";

  /** In {@link #actorUnits}: how many of an article's units name the actor, or both actors. */
  private static final StructType MENTION =
      new StructType()
          .add(SENTENCE_INDEX, DataTypes.IntegerType, false)
          .add(ACTOR_ID, DataTypes.StringType, false)
          .add(SURFACE, DataTypes.StringType, false)
          .add(CHAR_START, DataTypes.IntegerType, false)
          .add(CHAR_END, DataTypes.IntegerType, false)
          .add(METHOD, DataTypes.StringType, false);

  private static final StructType NAME_SPAN =
      new StructType()
          .add(SENTENCE_INDEX, DataTypes.IntegerType, false)
          .add(SURFACE, DataTypes.StringType, false)
          .add(NORMALIZED, DataTypes.StringType, false)
          .add(GUESSED_TYPE, DataTypes.StringType, false)
          .add(CHAR_START, DataTypes.IntegerType, false)
          .add(CHAR_END, DataTypes.IntegerType, false);
  private static final StructType QUOTE =
      new StructType()
          .add(QUOTE_INDEX, DataTypes.IntegerType, false)
          .add(SPEAKER_ACTOR_ID, DataTypes.StringType, true)
          .add(SPEAKER_SURFACE, DataTypes.StringType, true)
          .add(ATTRIBUTION, DataTypes.StringType, false)
          .add(QUOTE_TEXT, DataTypes.StringType, false)
          .add(CHAR_START, DataTypes.IntegerType, false)
          .add(CHAR_END, DataTypes.IntegerType, false);
  private static final StructType FOUND =
      new StructType()
          .add(ARTICLE_ID, DataTypes.StringType, false)
          .add(PUBLISHED_DATE, DataTypes.DateType, true)
          .add(MENTIONS, new ArrayType(MENTION, false), false)
          .add(NAMES, new ArrayType(NAME_SPAN, false), false)
          .add(QUOTES, new ArrayType(QUOTE, false), false);

  private static final StructType WORD_USE =
      new StructType()
          .add("word", DataTypes.StringType, false)
          .add("lower_case", DataTypes.IntegerType, false)
          .add("capitalised", DataTypes.IntegerType, false);

  /** The corpus's ordinary words ({@link OrdinaryWords}): one column, {@code word}. */
  public static Dataset<Row> ordinaryWords(Dataset<Row> sentences) {
    FlatMapFunction<Row, Row> uses =
        sentence -> {
          List<Row> out = new ArrayList<>();
          for (OrdinaryWords.Use u : OrdinaryWords.uses(sentence.getList(0))) {
            out.add(
                RowFactory.create(u.word(), u.lowerCase() ? 1 : 0, u.capitalisedInside() ? 1 : 0));
          }
          return out.iterator();
        };
    // Only the surfaces: Parquet then reads one leaf of the token structs.
    Dataset<Row> totals =
        sentences
            .select(col(TOKENS).getField(SURFACE))
            .flatMap(uses, Encoders.row(WORD_USE))
            .groupBy("word")
            .agg(sum("lower_case").as("lower_case"), sum("capitalised").as("capitalised"));
    org.apache.spark.api.java.function.FilterFunction<Row> ordinary =
        r -> OrdinaryWords.isOrdinary(r.getLong(1), r.getLong(2));
    return totals.filter(ordinary).select("word");
  }

  /**
   * Mentions, unknown names and quotes of each article ({@code article_id}, {@code published_date},
   * {@code text}, {@code n_sentences}, {@code furniture_spans}). Each article's text is analysed
   * again into sentences, with the same options and furniture as ingest: that costs less than
   * regrouping the {@code sentences} table's every token by article, which is a shuffle of the
   * whole corpus. {@code n_sentences} checks that the sentences are the ones ingest wrote. The
   * alias trie and the ordinary-word list are broadcast once; each partition builds one analyzer
   * and one finder.
   */
  public static Dataset<Row> findActors(
      Dataset<Row> articles,
      TextOptions textOptions,
      Broadcast<AliasTrie> trie,
      Broadcast<Set<String>> ordinaryWords,
      boolean discovery) {
    MapPartitionsFunction<Row, Row> find =
        rows -> {
          ArticleAnalyzer analyzer = new ArticleAnalyzer(textOptions);
          NameFinder names = new NameFinder(TermRules.builtInStopWords(), ordinaryWords.value());
          ArticleActorFinder finder = new ArticleActorFinder(trie.value(), names);
          return RowValues.mapEach(
              rows,
              r -> {
                String articleId = r.getAs(ARTICLE_ID);
                String text = r.getAs(TEXT);
                List<ArticleActorFinder.SentenceTokens> sentences =
                    sentenceTokens(
                        Furniture.cut(
                            text,
                            analyzer.analyze(text),
                            TextTransforms.spans(r.getList(r.fieldIndex(FURNITURE_SPANS)))));
                int ingested = r.<Integer>getAs(N_SENTENCES);
                if (sentences.size() != ingested) {
                  throw new IllegalStateException(
                      "Article "
                          + articleId
                          + " has "
                          + ingested
                          + " sentences in the articles"
                          + " table but "
                          + sentences.size()
                          + " with this run's text options: text.* changed since ingest;"
                          + " run the ingest stage again");
                }
                Object date = r.getAs(PUBLISHED_DATE);
                LocalDate published =
                    date == null
                        ? null
                        : date instanceof LocalDate d ? d : ((java.sql.Date) date).toLocalDate();
                ActorText.ArticleActors found = finder.find(text, published, sentences);
                return RowFactory.create(
                    articleId,
                    date,
                    RowValues.array(mentionRows(found.mentions())),
                    RowValues.array(discovery ? nameRows(found.names()) : List.of()),
                    RowValues.array(quoteRows(found.quotes())));
              });
        };
    return articles
        .select(ARTICLE_ID, PUBLISHED_DATE, TEXT, N_SENTENCES, FURNITURE_SPANS)
        .mapPartitions(find, Encoders.row(FOUND));
  }

  /** The analyzer's sentences as the finder takes them. */
  static List<ArticleActorFinder.SentenceTokens> sentenceTokens(
      List<ArticleAnalyzer.Sentence> analyzed) {
    List<ArticleActorFinder.SentenceTokens> out = new ArrayList<>(analyzed.size());
    for (ArticleAnalyzer.Sentence s : analyzed) {
      List<NameFinder.Token> tokens = new ArrayList<>(s.tokens().size());
      for (ArticleAnalyzer.Token t : s.tokens()) {
        tokens.add(
            new NameFinder.Token(
                t.surface(), t.charStart(), t.charEnd(), t.afterPunctuation(), false));
      }
      out.add(new ArticleActorFinder.SentenceTokens(s.index(), s.charStart(), s.charEnd(), tokens));
    }
    return out;
  }

  private static List<Row> mentionRows(List<ActorText.Mention> mentions) {
    List<Row> out = new ArrayList<>(mentions.size());
    for (ActorText.Mention m : mentions) {
      out.add(
          RowFactory.create(
              m.sentenceIndex(), m.actorId(), m.surface(), m.charStart(), m.charEnd(), m.method()));
    }
    return out;
  }

  private static List<Row> nameRows(List<ActorText.Name> names) {
    List<Row> out = new ArrayList<>(names.size());
    for (ActorText.Name n : names) {
      out.add(
          RowFactory.create(
              n.sentenceIndex(),
              n.surface(),
              n.normalized(),
              n.guessedType(),
              n.charStart(),
              n.charEnd()));
    }
    return out;
  }

  private static List<Row> quoteRows(List<ActorText.Quote> quotes) {
    List<Row> out = new ArrayList<>(quotes.size());
    for (ActorText.Quote q : quotes) {
      out.add(
          RowFactory.create(
              q.quoteIndex(),
              q.speakerActorId(),
              q.speakerSurface(),
              q.attribution(),
              q.quoteText(),
              q.charStart(),
              q.charEnd()));
    }
    return out;
  }

  private static Dataset<Row> explodeField(Dataset<Row> found, String field, String... columns) {
    Column[] select = new Column[columns.length + 2];
    select[0] = col(ARTICLE_ID);
    select[1] = col(PUBLISHED_DATE);
    for (int i = 0; i < columns.length; i++) {
      select[i + 2] = col("x." + columns[i]).as(columns[i]);
    }
    return found
        .select(col(ARTICLE_ID), col(PUBLISHED_DATE), explode(col(field)).as("x"))
        .select(select);
  }

  /** The {@code actor_mentions} shape without run_id. */
  public static Dataset<Row> mentionRows(Dataset<Row> found) {
    return explodeField(
        found, MENTIONS, SENTENCE_INDEX, ACTOR_ID, SURFACE, CHAR_START, CHAR_END, METHOD);
  }

  /** The {@code candidate_mentions} shape without run_id. */
  public static Dataset<Row> candidateMentionRows(Dataset<Row> found) {
    return explodeField(
        found, NAMES, SENTENCE_INDEX, SURFACE, NORMALIZED, GUESSED_TYPE, CHAR_START, CHAR_END);
  }

  /** The {@code quotes} shape without run_id. */
  public static Dataset<Row> quoteRows(Dataset<Row> found) {
    return explodeField(
        found,
        QUOTES,
        QUOTE_INDEX,
        SPEAKER_ACTOR_ID,
        SPEAKER_SURFACE,
        ATTRIBUTION,
        QUOTE_TEXT,
        CHAR_START,
        CHAR_END);
  }

  private static final StructType UNIT_COUNT =
      new StructType()
          .add(UNIT, DataTypes.StringType, false)
          .add(ARTICLE_ID, DataTypes.StringType, false)
          .add(PUBLISHED_DATE, DataTypes.DateType, true)
          .add(ACTOR_A, DataTypes.StringType, false)
          .add(ACTOR_B, DataTypes.StringType, true)
          .add(UNITS, DataTypes.IntegerType, false);

  /**
   * How many of each article's units name each actor, and each unordered pair of actors: (unit,
   * article_id, published_date, actor_a, actor_b, units), with actor_b null for a single actor and
   * actor_a &lt; actor_b for a pair. A sentence's unit is the sentence, an article's the article;
   * repeats inside one unit count once. Units never span articles, so the pairs are made inside
   * each article's group of mentions: one small shuffle of the mentions, no self-join.
   */
  public static Dataset<Row> actorUnits(Dataset<Row> mentions, List<String> windows) {
    List<String> unitWindows = List.copyOf(windows);
    FlatMapFunction<Row, Row> countUnits =
        article -> {
          Map<Integer, TreeSet<String>> actorsBySentence = new TreeMap<>();
          for (Row m : article.<Row>getList(2)) {
            actorsBySentence.computeIfAbsent(m.getInt(0), i -> new TreeSet<>()).add(m.getString(1));
          }
          List<Row> out = new ArrayList<>();
          for (String window : unitWindows) {
            List<TreeSet<String>> units = new ArrayList<>(actorsBySentence.values());
            if (!"sentence".equals(window)) {
              TreeSet<String> all = new TreeSet<>();
              units.forEach(all::addAll);
              units = List.of(all);
            }
            Map<List<String>, Integer> counts = new HashMap<>();
            for (TreeSet<String> unit : units) {
              List<String> actors = List.copyOf(unit); // sorted, so a < b below
              for (int i = 0; i < actors.size(); i++) {
                counts.merge(Arrays.asList(actors.get(i), null), 1, Integer::sum);
                for (int j = i + 1; j < actors.size(); j++) {
                  counts.merge(List.of(actors.get(i), actors.get(j)), 1, Integer::sum);
                }
              }
            }
            counts.forEach(
                (key, n) ->
                    out.add(
                        RowFactory.create(
                            window, article.get(0), article.get(1), key.get(0), key.get(1), n)));
          }
          return out.iterator();
        };
    return mentions
        .groupBy(ARTICLE_ID, PUBLISHED_DATE)
        .agg(collect_list(struct(col(SENTENCE_INDEX), col(ACTOR_ID))).as(MENTIONS))
        .flatMap(countUnits, Encoders.row(UNIT_COUNT));
  }

  /**
   * Co-mention strength per window from {@link #actorUnits}: pair_count units name both actors,
   * article_count articles do; with N units in the window, PMI = ln(pair_count · N / (n_a · n_b))
   * and NPMI = PMI / −ln(pair_count / N), 1 for actors only ever named together, 0 for independent
   * ones, −1 for never together.
   *
   * @param unitsPerWindow the number of units of each window, in the order of {@code windows}
   */
  public static Dataset<Row> comentions(
      Dataset<Row> actorUnits, List<String> windows, List<Long> unitsPerWindow) {
    return Comentions.withPmi(
        Comentions.pairTotals(actorUnits),
        Comentions.actorCounts(actorUnits),
        windows,
        unitsPerWindow);
  }

  /**
   * Pair counts per period of dated units, from {@link #actorUnits}: the {@code
   * actor_comentions_by_period} shape without run_id.
   */
  public static Dataset<Row> comentionsByPeriod(Dataset<Row> actorUnits, List<String> periods) {
    return Comentions.byPeriod(actorUnits, periods);
  }
}
