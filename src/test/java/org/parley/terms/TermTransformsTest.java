package org.parley.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.Frames.assertApproximatelySameRows;
import static org.parley.Frames.assertSameRows;
import static org.parley.Frames.frame;
import static org.parley.Frames.row;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.parley.SparkTestSupport;
import org.parley.tables.Tables;

/** Term transforms on explicit frames, each checked against counts worked out by hand. */
class TermTransformsTest {
  private static final Date MAR_1 = Date.valueOf("2024-03-01"); // a Friday
  private static final Date MAR_2 = Date.valueOf("2024-03-02"); // Saturday
  private static final Date MAR_3 = Date.valueOf("2024-03-03"); // Sunday
  private static final Date MAR_4 = Date.valueOf("2024-03-04"); // Monday

  private static final StructType SENTENCES =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("published_date", DataTypes.DateType, true)
          .add("tokens", new ArrayType(Tables.TOKEN, false), false);

  private static final StructType COUNTS =
      new StructType()
          .add("article_id", DataTypes.StringType, false)
          .add("published_date", DataTypes.DateType, true)
          .add("term", DataTypes.StringType, false)
          .add("ngram", DataTypes.IntegerType, false)
          .add("count", DataTypes.LongType, false);

  /** {@link TermTransforms#articleCounts}' shape. */
  private static final StructType ARTICLE_COUNTS =
      COUNTS
          .add("is_number", DataTypes.BooleanType, false)
          .add("n_terms", DataTypes.LongType, false);

  /**
   * A sentence's tokens from "surface/term" words; a word starting with '|' follows punctuation
   * (the first token always does). A surface without "/term" is a stop word (term null).
   */
  private static List<Row> tokens(String words) {
    List<Row> out = new ArrayList<>();
    int pos = 0;
    for (String w : words.split(" ")) {
      boolean afterPunctuation = out.isEmpty() || w.startsWith("|");
      String word = w.startsWith("|") ? w.substring(1) : w;
      int slash = word.indexOf('/');
      String surface = slash < 0 ? word : word.substring(0, slash);
      String term = slash < 0 ? null : word.substring(slash + 1);
      out.add(row(surface, term, pos, pos + surface.length(), afterPunctuation));
      pos += surface.length() + 1;
    }
    return out;
  }

  /**
   * a1 (dated): "Resolution 2254, Arab League council, the peace talks process" a2 (undated): "2254
   * resolutions and 3 talks"
   */
  private static Dataset<Row> sentences() {
    return frame(
        SENTENCES,
        row(
            "a1",
            MAR_1,
            tokens(
                "Resolution/resolution 2254/2254 |Arab/arab League/league |council/council "
                    + "meeting/meeting the peace/peace talks/talk process/process")),
        row("a2", null, tokens("2254/2254 resolutions/resolution and 3/3 talks/talk")));
  }

  private static List<String> sorted(List<Row> rows, String column) {
    return rows.stream().map(r -> r.<String>getAs(column)).sorted().collect(Collectors.toList());
  }

  @Test
  void articleCountsCountEveryTermOnceFlaggingNumbers() {
    Dataset<Row> counts = TermTransforms.articleCounts(sentences(), 1);
    assertEquals(
        List.of("article_id", "published_date", "term", "ngram", "count", "is_number", "n_terms"),
        List.of(counts.schema().fieldNames()));
    // a1 has 8 terms that are not numbers, a2 two ("resolution", "talk").
    assertSameRows(
        counts,
        row("a1", MAR_1, "resolution", 1, 1L, false, 8L),
        row("a1", MAR_1, "2254", 1, 1L, true, 8L),
        row("a1", MAR_1, "arab", 1, 1L, false, 8L),
        row("a1", MAR_1, "league", 1, 1L, false, 8L),
        row("a1", MAR_1, "council", 1, 1L, false, 8L),
        row("a1", MAR_1, "meeting", 1, 1L, false, 8L),
        row("a1", MAR_1, "peace", 1, 1L, false, 8L),
        row("a1", MAR_1, "talk", 1, 1L, false, 8L),
        row("a1", MAR_1, "process", 1, 1L, false, 8L),
        row("a2", null, "2254", 1, 1L, true, 2L),
        row("a2", null, "resolution", 1, 1L, false, 2L),
        row("a2", null, "3", 1, 1L, true, 2L),
        row("a2", null, "talk", 1, 1L, false, 2L));
  }

  @Test
  void articleCountsSumAnArticleAcrossItsSentencesWhereverTheyLie() {
    // a1's three sentences are spread over three partitions; a2 has one.
    Dataset<Row> input =
        frame(
                SENTENCES,
                row("a1", MAR_1, tokens("The regime/regime talks/talk")),
                row("a2", MAR_2, tokens("regime/regime")),
                row("a1", MAR_1, tokens("regime/regime |Arab/arab League/league")),
                row("a1", MAR_1, tokens("Arab/arab League/league talks/talk")))
            .repartition(3);
    assertSameRows(
        TermTransforms.articleCounts(input, 3),
        row("a1", MAR_1, "regime", 1, 2L, false, 8L),
        row("a1", MAR_1, "talk", 1, 2L, false, 8L),
        row("a1", MAR_1, "arab", 1, 2L, false, 8L),
        row("a1", MAR_1, "league", 1, 2L, false, 8L),
        row("a1", MAR_1, "regime talk", 2, 1L, false, 8L),
        row("a1", MAR_1, "arab league", 2, 2L, false, 8L),
        row("a1", MAR_1, "arab league talk", 3, 1L, false, 8L),
        row("a1", MAR_1, "league talk", 2, 1L, false, 8L),
        row("a2", MAR_2, "regime", 1, 1L, false, 1L));
  }

  @Test
  void phraseCandidatesStopAtPunctuationAndStopWordsAndNumbersOnlyEndThem() {
    Dataset<Row> candidates = TermTransforms.articleCounts(sentences(), 3).filter("ngram > 1");
    // a1: "resolution 2254" (a number ends a phrase); "arab league" but no "league council"
    // (comma);
    // "council meeting" but nothing across "the"; "peace talk", "peace talk process" and
    // "talk process" (max 3 words). a2: nothing starts at "2254" or "3", and "and" breaks
    // "resolution ... 3"; "3 talk" would start with a number.
    assertSameRows(
        candidates,
        row("a1", MAR_1, "resolution 2254", 2, 1L, false, 8L),
        row("a1", MAR_1, "arab league", 2, 1L, false, 8L),
        row("a1", MAR_1, "council meeting", 2, 1L, false, 8L),
        row("a1", MAR_1, "peace talk", 2, 1L, false, 8L),
        row("a1", MAR_1, "peace talk process", 3, 1L, false, 8L),
        row("a1", MAR_1, "talk process", 2, 1L, false, 8L));
  }

  @Test
  void phraseCandidatesRespectMaxN() {
    List<Row> rows =
        TermTransforms.articleCounts(sentences(), 2).filter("ngram > 1").collectAsList();
    assertEquals(5, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.<Integer>getAs("ngram") == 2));
  }

  /** A row of {@link TermTransforms#articleCounts} for the term (its words), n_terms left at 0. */
  private static Row counted(String article, long count, String... words) {
    String term = String.join(" ", words);
    return row(article, null, term, words.length, count, false, 0L);
  }

  @Test
  void scorePhrasesComputesNormalisedPmi() {
    // Term occurrences over two articles, N = 10: arab 2, league 2, peace 3, talk 3. Candidates:
    // "arab league" x2, "peace talk" x2, "arab league peace" x2, "league peace" x1.
    Dataset<Row> counts =
        frame(
            ARTICLE_COUNTS,
            counted("a", 1, "arab"),
            counted("b", 1, "arab"),
            counted("a", 2, "league"),
            counted("a", 1, "peace"),
            counted("b", 2, "peace"),
            counted("a", 3, "talk"),
            counted("a", 1, "arab", "league"),
            counted("b", 1, "arab", "league"),
            counted("a", 2, "peace", "talk"),
            counted("a", 1, "arab", "league", "peace"),
            counted("b", 1, "arab", "league", "peace"),
            counted("a", 1, "league", "peace"));

    // NPMI = ln(P(g) / prod P(w)) / ((n-1) * -ln P(g)), probabilities over N = 10 occurrences.
    // arab league:       P(g) = 2/10, P(arab) = P(league) = 2/10
    //                    ln(0.2 / 0.04) / (1 * -ln 0.2) = ln 5 / ln 5 = 1.0
    // peace talk:        P(g) = 0.2, P(peace) = P(talk) = 0.3
    //                    ln(0.2 / 0.09) / ln 5 = 0.798508 / 1.609438 = 0.496140
    // arab league peace: P(g) = 0.2, words 0.2 * 0.2 * 0.3 = 0.012
    //                    ln(0.2 / 0.012) / (2 * ln 5) = 2.813411 / 3.218876 = 0.874035
    // league peace:      1 occurrence < min_count 2, never scored.
    Dataset<Row> all = TermTransforms.scorePhrases(TermTransforms.termTotals(counts), 2, -1.0);
    assertEquals(List.of("term", "ngram", "count", "npmi"), List.of(all.schema().fieldNames()));
    assertApproximatelySameRows(
        all,
        1e-6,
        new String[] {"term"},
        row("arab league", 2, 2L, 1.0),
        row("arab league peace", 3, 2L, 0.874035),
        row("peace talk", 2, 2L, 0.496140));
    assertEquals(
        Math.log(0.2 / 0.09) / -Math.log(0.2),
        all.filter("term = 'peace talk'").first().<Double>getAs("npmi"),
        1e-12);

    // min_npmi 0.5 drops "peace talk"; min_count 1 lets "league peace" be scored:
    // P(g) = 0.1, words 0.2 * 0.3: ln(0.1 / 0.06) / ln 10 = 0.510826 / 2.302585 = 0.221849 < 0.5.
    assertEquals(
        List.of("arab league", "arab league peace"),
        sorted(
            TermTransforms.scorePhrases(TermTransforms.termTotals(counts), 1, 0.5).collectAsList(),
            "term"));
  }

  @Test
  void phraseKeyIsBuiltWordByWordAndKeepsTheWordsOrder() {
    long peace = PhraseHash.word("peace");
    long talk = PhraseHash.word("talk");
    long state = PhraseHash.extend(PhraseHash.start(peace), talk);
    assertEquals(PhraseHash.key(new long[] {peace, talk}, 2), PhraseHash.finish(state));
    long process = PhraseHash.word("process");
    assertEquals(
        PhraseHash.key(new long[] {peace, talk, process}, 3),
        PhraseHash.finish(PhraseHash.extend(state, process)));
    assertNotEquals(
        PhraseHash.key(new long[] {peace, talk}, 2), PhraseHash.key(new long[] {talk, peace}, 2));
    assertEquals(
        List.of(0L, peace, talk), toList(PhraseHash.words(Arrays.asList(null, "peace", "talk"))));
    long arabLeague =
        PhraseHash.key(new long[] {PhraseHash.word("arab"), PhraseHash.word("league")}, 2);
    LongHashSet set = LongHashSet.of(new long[] {0L, 7L, arabLeague});
    assertTrue(set.contains(0L) && set.contains(7L) && set.contains(arabLeague));
    assertFalse(
        set.contains(8L)
            || set.contains(
                PhraseHash.key(
                    new long[] {PhraseHash.word("league"), PhraseHash.word("arab")}, 2)));
  }

  private static List<Long> toList(long[] values) {
    return Arrays.stream(values).boxed().collect(Collectors.toList());
  }

  /** "peace talk" three times, "peace talk process" twice, "talk process" twice, the rest once. */
  private static Dataset<Row> recurringPhrases() {
    return frame(
        SENTENCES,
        row("a1", MAR_1, tokens("Peace/peace talks/talk resumed/resume")),
        row("a2", MAR_2, tokens("peace/peace talks/talk process/process stalled/stall")),
        row(
            "a3",
            MAR_3,
            tokens("the peace/peace talks/talk process/process |arab/arab league/league")));
  }

  @Test
  void candidateCountsCountEveryWordAndTheFrequentCandidatesByHash() {
    Dataset<Row> counted = TermTransforms.candidateCounts(recurringPhrases().repartition(2), 3, 2);
    assertEquals(
        List.of("ngram", "w1", "w2", "w3", "count", "check_min", "check_max"),
        List.of(counted.schema().fieldNames()));
    long peace = PhraseHash.word("peace");
    long talk = PhraseHash.word("talk");
    long process = PhraseHash.word("process");
    long check = "peace".hashCode();
    // Words whatever their count, each with its own String.hashCode as check; candidates with at
    // least two occurrences, by their words' hashes ("arab league" and "talk resume" occur once).
    assertSameRows(
        counted.filter("ngram > 1 or w1 = " + peace + " or w1 = " + PhraseHash.word("arab")),
        row(1, peace, 0L, 0L, 3L, check, check),
        row(
            1,
            PhraseHash.word("arab"),
            0L,
            0L,
            1L,
            (long) "arab".hashCode(),
            (long) "arab".hashCode()),
        row(2, peace, talk, 0L, 3L, 0L, 0L),
        row(2, talk, process, 0L, 2L, 0L, 0L),
        row(3, peace, talk, process, 2L, 0L, 0L));
    assertEquals(
        7, counted.filter("ngram = 1").count(), "peace talk resume process stall arab league");
    assertEquals(12L, counted.filter("ngram = 1").agg(functions.sum("count")).first().getLong(0));
  }

  /**
   * The phrases scored exactly from the counts of only the candidates {@link
   * TermTransforms#possiblePhrases} keeps.
   */
  private static List<Row> phrasesFromPossible(Dataset<Row> input, int minCount, double minNpmi) {
    List<Long> keys =
        TermTransforms.candidateKeys(
                TermTransforms.possiblePhrases(
                    TermTransforms.candidateCounts(input, 3, minCount), 3, minNpmi))
            .as(Encoders.LONG())
            .collectAsList();
    Broadcast<LongHashSet> possible =
        JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext())
            .broadcast(LongHashSet.of(keys.stream().mapToLong(Long::longValue).toArray()));
    Dataset<Row> kept = TermTransforms.articleCounts(input, 3, possible);
    assertEquals(
        TermTransforms.articleCounts(input, 1).count(),
        kept.filter("ngram = 1").count(),
        "every unigram is counted whatever the keys");
    return TermTransforms.scorePhrases(TermTransforms.termTotals(kept), minCount, minNpmi)
        .orderBy("term")
        .collectAsList();
  }

  @Test
  void phrasesFromPossibleCandidatesAreThePhrasesFromAllCandidates() {
    Dataset<Row> input = recurringPhrases().union(sentences());
    // Over N = 25 unigram occurrences, the candidates seen at least twice score about 0.88 (peace
    // talk, 4 times), 0.81 (peace talk process), 0.76 (talk process) and 1.0 (arab league). Of
    // those
    // seen once, "talk resume" scores exactly 0.5 (ln 5 / ln 25) and "council meeting" 1.0. The
    // thresholds fall between them and on them: on 0.5 and 1.0 the pre-score must not lose a
    // phrase to rounding.
    for (int minCount : new int[] {1, 2}) {
      for (double minNpmi : new double[] {-1.0, 0.0, 0.5, 0.6, 0.8, 0.85, 0.9, 1.0}) {
        List<Row> fromAll =
            TermTransforms.scorePhrases(
                    TermTransforms.termTotals(TermTransforms.articleCounts(input, 3)),
                    minCount,
                    minNpmi)
                .orderBy("term")
                .collectAsList();
        assertEquals(
            fromAll,
            phrasesFromPossible(input, minCount, minNpmi),
            "min_count " + minCount + ", min_npmi " + minNpmi);
      }
    }
    assertEquals(
        List.of("arab league", "peace talk", "peace talk process"),
        sorted(phrasesFromPossible(input, 2, 0.8), "term"),
        "the thresholds do select");
  }

  @Test
  void possiblePhrasesKeepOnlyCandidatesThatMayPassAndTrustNoSharedWordHash() {
    StructType counted =
        new StructType()
            .add("ngram", DataTypes.IntegerType)
            .add("w1", DataTypes.LongType)
            .add("w2", DataTypes.LongType)
            .add("count", DataTypes.LongType)
            .add("check_min", DataTypes.LongType)
            .add("check_max", DataTypes.LongType);
    // N = 1,110. "10 20" (3 times) has words seen 100 and 1,000 times: NPMI below 0, dropped at
    // 0.5.
    // "30 40" (5 times) has words seen 5 times each: 1.0, kept.
    List<Row> rows =
        new ArrayList<>(
            List.of(
                row(1, 10L, 0L, 100L, 1L, 1L),
                row(1, 30L, 0L, 5L, 3L, 3L),
                row(1, 40L, 0L, 5L, 4L, 4L),
                row(2, 10L, 20L, 3L, 0L, 0L),
                row(2, 30L, 40L, 5L, 0L, 0L)));
    List<Row> possible =
        TermTransforms.possiblePhrases(
                frame(counted, rows.subList(0, 5))
                    .union(frame(counted, List.of(row(1, 20L, 0L, 1000L, 2L, 2L)))),
                2,
                0.5)
            .collectAsList();
    assertEquals(List.of(row(2, 30L, 40L)), possible);
    // Word hash 20 shared by two words (unequal checks): its 1,000 may be mostly the other word's,
    // so it counts as 1 and "10 20" may pass (ln(3 * 1110 / 100) / ln(1110 / 3) = 0.59).
    List<Row> shared =
        TermTransforms.possiblePhrases(
                frame(counted, rows.subList(0, 5))
                    .union(frame(counted, List.of(row(1, 20L, 0L, 1000L, 2L, 9L)))),
                2,
                0.5)
            .orderBy("w1")
            .collectAsList();
    assertEquals(List.of(row(2, 10L, 20L), row(2, 30L, 40L)), shared);
    // At min_npmi 0 or below every frequent candidate may pass.
    assertEquals(
        2,
        TermTransforms.possiblePhrases(
                frame(counted, rows).union(frame(counted, List.of(row(1, 20L, 0L, 1000L, 2L, 2L)))),
                2,
                0.0)
            .count());
  }

  @Test
  void publishedTermsAreTheUnigramsThatAreNotNumbersAndTheAcceptedPhrases() {
    Dataset<Row> counts = TermTransforms.articleCounts(sentences(), 3);
    Dataset<Row> phrases =
        frame(
            new StructType().add("term", DataTypes.StringType).add("ngram", DataTypes.IntegerType),
            row("arab league", 2),
            row("peace talk process", 3),
            row("talk", 2));
    Dataset<Row> published = TermTransforms.publishedTerms(counts, phrases);
    assertEquals(
        List.of("article_id", "published_date", "term", "ngram", "count", "n_terms"),
        List.of(published.schema().fieldNames()));
    // "talk" as a 2-gram is not a candidate; "2254" and "3" are numbers.
    List<Row> unigrams =
        List.of(
            row("a1", MAR_1, "resolution", 1, 1L, 8L), row("a1", MAR_1, "arab", 1, 1L, 8L),
            row("a1", MAR_1, "league", 1, 1L, 8L), row("a1", MAR_1, "council", 1, 1L, 8L),
            row("a1", MAR_1, "meeting", 1, 1L, 8L), row("a1", MAR_1, "peace", 1, 1L, 8L),
            row("a1", MAR_1, "talk", 1, 1L, 8L), row("a1", MAR_1, "process", 1, 1L, 8L),
            row("a2", null, "resolution", 1, 1L, 2L), row("a2", null, "talk", 1, 1L, 2L));
    List<Row> withPhrases = new ArrayList<>(unigrams);
    withPhrases.add(row("a1", MAR_1, "arab league", 2, 1L, 8L));
    withPhrases.add(row("a1", MAR_1, "peace talk process", 3, 1L, 8L));
    assertSameRows(published, withPhrases.toArray(Row[]::new));
    assertSameRows(TermTransforms.publishedUnigrams(counts), unigrams.toArray(Row[]::new));
    // The same filter over the corpus totals: "2254" (twice) and "3" are numbers.
    assertEquals(
        List.of(
            "arab",
            "arab league",
            "council",
            "league",
            "meeting",
            "peace",
            "peace talk process",
            "process",
            "resolution",
            "talk"),
        sorted(
            TermTransforms.publishedTerms(TermTransforms.termTotals(counts), phrases)
                .collectAsList(),
            "term"));
  }

  @Test
  void countsSpreadByTermNeedNoFurtherShuffle() {
    Dataset<Row> spreadCounts =
        TermTransforms.spreadByTerm(TermTransforms.articleCounts(sentences(), 3));
    Dataset<Row> published = TermTransforms.publishedUnigrams(spreadCounts);
    int spread = exchanges(published);
    assertEquals(
        2, spread, "one to bring each article's sentences together, one to spread by term");
    Dataset<Row> stats =
        TermTransforms.termStats(
            TermTransforms.publishedUnigrams(TermTransforms.termTotals(spreadCounts)), 2);
    assertEquals(spread, exchanges(stats));
    // As in the stage, the statistics are read back rather than derived in the same plan, and
    // (at scale) too large to broadcast: only they are shuffled to meet the counts.
    assertEquals(
        spread, exchanges(TermTransforms.articleTerms(published)), "article_terms needs no join");
  }

  /** Hash shuffles in the frame's physical plan (before adaptive execution changes it). */
  private static int exchanges(Dataset<Row> frame) {
    SparkPlan executed = frame.queryExecution().executedPlan();
    String plan =
        (executed instanceof AdaptiveSparkPlanExec adaptive ? adaptive.initialPlan() : executed)
            .toString();
    return plan.split("Exchange hashpartitioning", -1).length - 1;
  }

  /**
   * Published counts: a1 (Mar 1): regime 3, talk 1, arab league 1; a2 (Mar 4): regime 1; a3
   * (undated): regime 2, snc 4.
   */
  private static Dataset<Row> counts() {
    return frame(
        ARTICLE_COUNTS,
        row("a1", MAR_1, "regime", 1, 3L, false, 4L),
        row("a1", MAR_1, "talk", 1, 1L, false, 4L),
        row("a1", MAR_1, "arab league", 2, 1L, false, 4L),
        row("a2", MAR_4, "regime", 1, 1L, false, 1L),
        row("a3", null, "regime", 1, 2L, false, 6L),
        row("a3", null, "snc", 1, 4L, false, 6L));
  }

  @Test
  void termStatsSumCountsAndSmoothIdf() {
    // N = 4 articles (one of them has no terms at all); idf = ln((1 + N) / (1 + df)) + 1.
    Dataset<Row> stats = TermTransforms.termStats(TermTransforms.termTotals(counts()), 4);
    assertEquals(
        List.of("term", "ngram", "total_count", "doc_freq", "first_date", "last_date", "idf"),
        List.of(stats.schema().fieldNames()));
    assertApproximatelySameRows(
        stats,
        1e-12,
        new String[] {"term"},
        row("regime", 1, 6L, 3L, MAR_1, MAR_4, Math.log(5.0 / 4.0) + 1), // 1.223144
        row("talk", 1, 1L, 1L, MAR_1, MAR_1, Math.log(5.0 / 2.0) + 1), // 1.916291
        row("arab league", 2, 1L, 1L, MAR_1, MAR_1, Math.log(5.0 / 2.0) + 1),
        row("snc", 1, 4L, 1L, null, null, Math.log(5.0 / 2.0) + 1));
    assertEquals(
        1.2231435513142097, stats.filter("term = 'regime'").first().<Double>getAs("idf"), 1e-12);
  }

  @Test
  void articleTermsTfOverUnigramCount() {
    Dataset<Row> terms = TermTransforms.articleTerms(counts());
    assertEquals(
        List.of("article_id", "published_date", "term", "ngram", "count", "tf"),
        List.of(terms.schema().fieldNames()));
    // a1 has 4 unigram occurrences (regime 3 + talk 1); the phrase's tf is over those too.
    assertApproximatelySameRows(
        terms,
        1e-12,
        new String[] {"article_id", "term"},
        row("a1", MAR_1, "regime", 1, 3L, 0.75),
        row("a1", MAR_1, "talk", 1, 1L, 0.25),
        row("a1", MAR_1, "arab league", 2, 1L, 0.25),
        row("a2", MAR_4, "regime", 1, 1L, 1.0),
        row("a3", null, "regime", 1, 2L, 2.0 / 6),
        row("a3", null, "snc", 1, 4L, 4.0 / 6));

    Map<String, Double> unigramTfSums =
        terms
            .filter("ngram = 1")
            .groupBy("article_id")
            .agg(org.apache.spark.sql.functions.sum("tf").as("s"))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getDouble(1)));
    assertEquals(3, unigramTfSums.size());
    unigramTfSums.forEach((article, sum) -> assertEquals(1.0, sum, 1e-12, article));
  }

  @Test
  void totalsAddedNightByNightEqualTotalsOfTheWholeCorpus() {
    // a1 and a2 arrive first, a3 on a later night: the running totals equal the corpus's.
    Dataset<Row> all = counts();
    Dataset<Row> first = TermTransforms.termTotals(all.filter("article_id <> 'a3'"));
    Dataset<Row> night = TermTransforms.termTotals(all.filter("article_id = 'a3'"));
    Dataset<Row> added =
        TermTransforms.termStats(
            TermTransforms.addTotals(TermTransforms.termStats(first, 2), night), 3);
    Dataset<Row> whole = TermTransforms.termStats(TermTransforms.termTotals(all), 3);
    assertApproximatelySameRows(
        added, 0, new String[] {"term"}, whole.collectAsList().toArray(Row[]::new));
    assertEquals(3L, added.filter("term = 'regime'").first().<Long>getAs("doc_freq"));
    assertEquals(MAR_4, added.filter("term = 'regime'").first().getAs("last_date"));
  }

  @Test
  void phraseKeysAreTheKeysArticleCountsKeepPhrasesBy() {
    // Counting with only the stored phrase's key keeps that phrase and no other candidate.
    Dataset<Row> kept =
        TermTransforms.articleCounts(
            sentences(),
            3,
            new org.apache.spark.api.java.JavaSparkContext(SparkTestSupport.spark().sparkContext())
                .broadcast(TermTransforms.phraseKeys(List.of("arab league"))));
    assertEquals(
        List.of("arab league"),
        kept.filter("ngram > 1")
            .select("term")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  @Test
  void termTrendsPerPeriodOverDatedArticles() {
    StructType articleSchema =
        new StructType()
            .add("article_id", DataTypes.StringType, false)
            .add("published_date", DataTypes.DateType, true);
    // Dated: a1 and a7 Fri Mar 1, a6 Sat Mar 2, a3 Sun Mar 3, a2 Mon Mar 4. Undated: a4, a5.
    Dataset<Row> articles =
        frame(
            articleSchema,
            row("a1", MAR_1),
            row("a2", MAR_4),
            row("a3", MAR_3),
            row("a4", null),
            row("a5", null),
            row("a6", MAR_2),
            row("a7", MAR_1));
    Dataset<Row> articleTerms =
        frame(
            COUNTS,
            row("a1", MAR_1, "regime", 1, 2L),
            row("a1", MAR_1, "rare", 1, 1L),
            row("a2", MAR_4, "regime", 1, 1L),
            row("a3", MAR_3, "regime", 1, 1L),
            row("a4", null, "regime", 1, 5L),
            row("a4", null, "snc", 1, 3L),
            row("a5", null, "snc", 1, 1L),
            row("a6", MAR_2, "calm", 1, 1L),
            row("a7", MAR_1, "regime", 1, 1L));
    StructType statsSchema =
        new StructType()
            .add("term", DataTypes.StringType)
            .add("ngram", DataTypes.IntegerType)
            .add("doc_freq", DataTypes.LongType);
    Dataset<Row> stats =
        frame(
            statsSchema,
            row("regime", 1, 5L),
            row("snc", 1, 2L),
            row("rare", 1, 1L),
            row("calm", 1, 1L));

    Dataset<Row> trends =
        TermTrends.termTrends(articleTerms, stats, articles, List.of("day", "week", "month"), 2);
    assertEquals(
        List.of("period", "period_start", "term", "ngram", "count", "doc_count", "share"),
        List.of(trends.schema().fieldNames()));
    // "snc" is in two articles, both undated: no rows. "rare" and "calm" are below min_doc_freq.
    // Two articles of Mar 1 have "regime": the day counts both. Weeks start on Monday: Mar 1-3 fall
    // in the week of Mon Feb 26 (4 dated articles a1, a7, a6, a3, of which a1, a7 and a3 have
    // "regime"); Mar 4 starts a week. March has 5 dated articles.
    Date feb26 = Date.valueOf("2024-02-26");
    assertSameRows(
        trends,
        row("day", MAR_1, "regime", 1, 3L, 2L, 1.0),
        row("day", MAR_3, "regime", 1, 1L, 1L, 1.0),
        row("day", MAR_4, "regime", 1, 1L, 1L, 1.0),
        row("week", feb26, "regime", 1, 4L, 3L, 0.75),
        row("week", MAR_4, "regime", 1, 1L, 1L, 1.0),
        row("month", MAR_1, "regime", 1, 5L, 4L, 0.8));

    Dataset<Row> weeksOnly =
        TermTrends.termTrends(articleTerms, stats, articles, List.of("week"), 1);
    assertEquals(
        List.of("calm", "rare", "regime", "regime"), sorted(weeksOnly.collectAsList(), "term"));
    assertEquals(0, TermTrends.termTrends(articleTerms, stats, articles, List.of(), 1).count());
  }
}
