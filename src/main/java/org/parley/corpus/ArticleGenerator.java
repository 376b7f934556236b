package org.parley.corpus;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes article {@code i} of a generated corpus as one JSON Lines record. Everything about an
 * article comes from random streams keyed by (seed, i) (see {@link Seeds}), so any task can write
 * any article, and a copy regenerates its original from (seed, j) instead of remembering it.
 *
 * <p>An article has a theme (the subject of one real article: its words are drawn with the theme's
 * weights, the rest from the corpus-wide Zipf distribution), sometimes a second one; two to six
 * actors, mostly ones the theme's real article named, written under several aliases, surnames,
 * dated titles and metonyms; zero to three quotes in forms the actor stage attributes; sentences
 * and paragraphs of realistic length. Some articles are instead a near-duplicate (an earlier
 * article lightly edited), an exact duplicate (an earlier article's text under a new id), or a
 * malformed line.
 *
 * <p>Not thread-safe: it reuses its buffers. One per task.
 */
final class ArticleGenerator {
  enum Kind {
    PLAIN,
    NEAR_DUPLICATE,
    EXACT_DUPLICATE,
    MALFORMED
  }

  /** What article i is; {@code origin} is the article a copy copies, else -1. */
  record Plan(Kind kind, long origin) {}

  static final String ID_PREFIX = "art-";
  static final String LANGUAGE = "en";

  /** Copies are of articles at most this many ids earlier (syndication follows the original). */
  static final int ORIGIN_WINDOW = 10_000;

  private static final int ORIGIN_TRIES = 16;

  /** Days between an original and its re-posts, at most (exclusive). */
  private static final int EXACT_COPY_DAYS = 3;

  private static final int NEAR_COPY_DAYS = 5;

  /** A near-duplicate substitutes one word per this many, plus adds one at the end. */
  private static final int WORDS_PER_EDIT = 150;

  private static final double SECOND_THEME_SHARE = 0.2;

  /** Of the theme draws, the share that goes to the second theme when there is one. */
  private static final double SECOND_THEME_WEIGHT = 0.35;

  private static final double CAMP_SHARE = 0.8;
  private static final int MIN_ACTORS = 2;
  private static final int MAX_ACTORS = 6;
  private static final double FIRST_MENTION_SHARE = 0.5;
  private static final double REPEAT_MENTION_SHARE = 0.3;
  private static final double SUBJECT_SHARE = 0.4;
  private static final double COMMA_SHARE = 0.05;

  /** Of quotes in articles whose cast has no person, the share an organisation or state speaks. */
  private static final double NON_PERSON_SPEAKER_SHARE = 0.4;

  /** Probabilities of 0, 1, 2 and 3 quotes. */
  private static final double[] QUOTE_COUNTS = {0.35, 0.3, 0.2, 0.15};

  /** Probabilities of 1 to 5 sentences in a paragraph. */
  private static final double[] PARAGRAPH_SENTENCES = {0.2, 0.3, 0.3, 0.15, 0.05};

  private static final int MIN_SENTENCE = 3;
  private static final int MAX_SENTENCE = 60;
  private static final int MIN_TITLE = 5;
  private static final int MAX_TITLE = 12;
  private static final double TITLE_THEME_SHARE = 0.75;

  /** Ranks of rare words are log-uniform (Zipf's 1/r) from the model's vocabulary up to this. */
  private static final double RARE_MAX_RANK = 2_000_000;

  private static final String[] SYLLABLES = syllables();
  private static final String[] CODAS = {"", "", "n", "r", "s", "l", "t", "m", "k", "d"};

  private final long seed;
  private final double malformedShare;
  private final double exactShare;
  private final double nearShare;
  private final CorpusModel model;
  private final ActorCast cast;
  private final Sources sources;
  private final PublicationCalendar calendar;
  private final double logRareRange;

  // Scratch state of the article being composed.
  private final StringBuilder text = new StringBuilder(16_384);
  private final StringBuilder title = new StringBuilder(128);
  private final StringBuilder scratch = new StringBuilder(32_768);
  private final int[] actors = new int[MAX_ACTORS];
  private final boolean[] named = new boolean[MAX_ACTORS];
  private int actorCount;
  private int theme;
  private int secondTheme;
  private int words;
  private LocalDate date;

  ArticleGenerator(GeneratorOptions options, CorpusModel model, ActorCast cast, Sources sources) {
    this.seed = options.seed();
    this.malformedShare = options.malformedShare();
    this.exactShare = options.exactDuplicateShare();
    this.nearShare = options.nearDuplicateShare();
    this.model = model;
    this.cast = cast;
    this.sources = sources;
    this.calendar =
        new PublicationCalendar(seed, options.startDate(), options.endDate(), model.themes.length);
    this.logRareRange = Math.log(RARE_MAX_RANK / model.units.length);
  }

  // ---------------------------------------------------------------- which article is what

  Plan plan(long i) {
    double u = Seeds.uniform(seed, i, Seeds.KIND);
    if (u < malformedShare) {
      return new Plan(Kind.MALFORMED, -1);
    }
    if (i > 0 && u < malformedShare + exactShare) {
      return copyOf(i, Kind.EXACT_DUPLICATE);
    }
    if (i > 0 && u < malformedShare + exactShare + nearShare) {
      return copyOf(i, Kind.NEAR_DUPLICATE);
    }
    return new Plan(Kind.PLAIN, -1);
  }

  /** An earlier article drawn as plain to copy; without one nearby, the article stays plain. */
  private Plan copyOf(long i, Kind kind) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, i, Seeds.ORIGIN));
    long window = Math.min(i, ORIGIN_WINDOW);
    for (int t = 0; t < ORIGIN_TRIES; t++) {
      long j = i - 1 - random.nextLong(window);
      if (Seeds.uniform(seed, j, Seeds.KIND) >= malformedShare + exactShare + nearShare) {
        return new Plan(kind, j);
      }
    }
    return new Plan(Kind.PLAIN, -1);
  }

  // ---------------------------------------------------------------- the JSON line

  /** Appends article i's line (with its '\n') and says what kind it was. */
  Kind appendLine(long i, StringBuilder out) {
    Plan plan = plan(i);
    switch (plan.kind()) {
      case PLAIN -> {
        int day = compose(i);
        appendRecord(out, i, day, true);
      }
      case EXACT_DUPLICATE -> {
        int originDay = compose(plan.origin());
        SplittableRandom copy = new SplittableRandom(Seeds.mix(seed, i, Seeds.COPY));
        appendRecord(out, i, calendar.later(originDay, copy.nextInt(EXACT_COPY_DAYS)), true);
      }
      case NEAR_DUPLICATE -> {
        int originDay = compose(plan.origin());
        SplittableRandom copy = new SplittableRandom(Seeds.mix(seed, i, Seeds.COPY));
        int day = calendar.later(originDay, copy.nextInt(NEAR_COPY_DAYS));
        edit(copy);
        composeTitle(copy); // a re-post under its own headline
        appendRecord(out, i, day, true);
      }
      case MALFORMED -> {
        int day = compose(i);
        SplittableRandom copy = new SplittableRandom(Seeds.mix(seed, i, Seeds.COPY));
        if (copy.nextBoolean()) {
          // Cut short, as by a crashed writer: never valid JSON.
          scratch.setLength(0);
          appendRecord(scratch, i, day, true);
          int cut = 1 + copy.nextInt(scratch.length() - 2);
          if (Character.isHighSurrogate(scratch.charAt(cut - 1))) {
            cut--;
          }
          out.append(scratch, 0, cut).append('\n');
        } else {
          appendRecord(out, i, day, false);
        }
      }
    }
    return plan.kind();
  }

  private void appendRecord(StringBuilder out, long i, int day, boolean withText) {
    int source = sources.pick(Seeds.uniform(seed, i, Seeds.SOURCE));
    String iso = calendar.iso(day);
    out.append("{\"id\":\"")
        .append(ID_PREFIX)
        .append(i)
        .append("\",\"url\":\"https://")
        .append(sources.domains[source])
        .append('/')
        .append(iso, 0, 4)
        .append('/')
        .append(iso, 5, 7)
        .append('/')
        .append(ID_PREFIX)
        .append(i)
        .append("\",\"source\":");
    JsonText.appendString(out, sources.names[source]);
    out.append(",\"title\":");
    JsonText.appendString(out, title);
    out.append(",\"published\":\"").append(iso).append('"');
    if (withText) {
      out.append(",\"text\":");
      JsonText.appendString(out, text);
    }
    out.append(",\"language\":\"").append(LANGUAGE).append("\"}\n");
  }

  // ---------------------------------------------------------------- composing an article

  /** Composes article k's title and text from (seed, k); returns its publication day. */
  private int compose(long k) {
    PublicationCalendar.Day day =
        calendar.draw(new SplittableRandom(Seeds.mix(seed, k, Seeds.DATE)));
    date = calendar.date(day.offset());
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, k, Seeds.CONTENT));
    int themes = model.themes.length;
    theme =
        day.burst() >= 0 && random.nextDouble() < PublicationCalendar.BURST_THEME_SHARE
            ? calendar.burstTheme(day.burst())
            : random.nextInt(themes);
    secondTheme = random.nextDouble() < SECOND_THEME_SHARE ? random.nextInt(themes) : -1;
    castActors(random);
    composeTitle(random);

    int target = model.articleLength(random);
    int quotes = pick(QUOTE_COUNTS, random);
    double expectedSentences = Math.max(1, target / model.meanSentenceLength);
    text.setLength(0);
    words = 0;
    int sentence = 0;
    while (words < target) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      int sentences = 1 + pick(PARAGRAPH_SENTENCES, random);
      for (int s = 0; s < sentences && words < target; s++, sentence++) {
        if (s > 0) {
          text.append(' ');
        }
        double sentencesLeft = Math.max(1, expectedSentences - sentence);
        if (quotes > 0 && sentence > 0 && random.nextDouble() < quotes / sentencesLeft) {
          appendQuote(random);
          quotes--;
        } else {
          appendSentence(random, sentence == 0);
        }
      }
    }
    return day.offset();
  }

  /** Two to six distinct actors, mostly from the theme's camp; all start unnamed. */
  private void castActors(SplittableRandom random) {
    int wanted = MIN_ACTORS + random.nextInt(MAX_ACTORS - MIN_ACTORS + 1);
    actorCount = 0;
    for (int tries = 0; actorCount < wanted && tries < 4 * MAX_ACTORS; tries++) {
      int a = cast.pick(theme, CAMP_SHARE, random);
      if (!isCast(a)) {
        named[actorCount] = false;
        actors[actorCount++] = a;
      }
    }
  }

  private boolean isCast(int actor) {
    for (int k = 0; k < actorCount; k++) {
      if (actors[k] == actor) {
        return true;
      }
    }
    return false;
  }

  private void composeTitle(SplittableRandom random) {
    title.setLength(0);
    int length = MIN_TITLE + random.nextInt(MAX_TITLE - MIN_TITLE + 1);
    int w = 0;
    if (actorCount > 0 && random.nextBoolean()) {
      title.append(cast.actors[actors[0]].name());
      w++;
    }
    for (; w < length; w++) {
      if (title.length() > 0) {
        title.append(' ');
      }
      CorpusModel.Theme t = model.themes[theme];
      int unit =
          random.nextDouble() < TITLE_THEME_SHARE
              ? t.units()[t.sampler().sample(random)]
              : model.unitSampler.sample(random);
      title.append(model.units[unit]);
    }
    capitalise(title, 0);
  }

  private void appendSentence(SplittableRandom random, boolean lead) {
    int actorSlot = -1;
    int firstUnnamed = firstUnnamed();
    if (firstUnnamed >= 0 && (lead || random.nextDouble() < FIRST_MENTION_SHARE)) {
      actorSlot = firstUnnamed;
    } else if (random.nextDouble() < REPEAT_MENTION_SHARE) {
      actorSlot = randomNamed(random);
    }
    int length = clamp(model.sentenceLength(random), MIN_SENTENCE, MAX_SENTENCE);
    int mentionAt =
        actorSlot < 0 ? -1 : random.nextDouble() < SUBJECT_SHARE ? 0 : random.nextInt(length);
    int start = text.length();
    for (int w = 0; w < length; w++) {
      if (w > 0) {
        text.append(' ');
      }
      if (w == mentionAt) {
        appendMention(actorSlot, w == 0, random);
        words++;
      } else {
        words += appendWord(random);
      }
      if (w < length - 1 && random.nextDouble() < COMMA_SHARE) {
        text.append(',');
      }
    }
    capitalise(text, start);
    text.append('.');
  }

  /**
   * How an actor is written: the full name the first time (so that its surname resolves later),
   * then any alias, the surname, a title the actor held on the article's date ("the UN envoy"), or,
   * as a sentence's subject, a metonym ("Moscow said").
   */
  private void appendMention(int slot, boolean subject, SplittableRandom random) {
    ActorCast.Actor actor = cast.actors[actors[slot]];
    if (!named[slot]) {
      named[slot] = true;
      text.append(
          actor.person() || random.nextBoolean()
              ? actor.name()
              : actor.aliases()[random.nextInt(actor.aliases().length)]);
      return;
    }
    double u = random.nextDouble();
    if (actor.surname() != null && u < 0.35) {
      text.append(actor.surname());
      return;
    }
    if (u < 0.5) {
      for (ActorCast.Title t : actor.titles()) {
        if (t.covers(date)) {
          text.append("the ").append(t.text());
          return;
        }
      }
    }
    if (subject && actor.metonyms().length > 0 && u < 0.7) {
      text.append(actor.metonyms()[random.nextInt(actor.metonyms().length)]);
      return;
    }
    text.append(actor.aliases()[random.nextInt(actor.aliases().length)]);
  }

  /**
   * A quotation in one of the forms the actor stage attributes: {@code "…," said X.}, {@code X
   * said: "…."} and {@code "…," X told reporters.}
   */
  private void appendQuote(SplittableRandom random) {
    int slot = speakerSlot(random);
    int form = random.nextInt(3);
    int start = text.length();
    if (form == 1) {
      appendSpeaker(slot, random);
      capitalise(text, start);
      text.append(" said: \"");
    } else {
      text.append('"');
    }
    int innerStart = text.length();
    int length = clamp(model.sentenceLength(random), MIN_SENTENCE + 1, MAX_SENTENCE / 2);
    for (int w = 0; w < length; w++) {
      if (w > 0) {
        text.append(' ');
      }
      words += appendWord(random);
    }
    capitalise(text, innerStart);
    switch (form) {
      case 0 -> {
        text.append(",\" said ");
        appendSpeaker(slot, random);
        text.append('.');
      }
      case 1 -> text.append(".\"");
      default -> {
        text.append(",\" ");
        appendSpeaker(slot, random);
        text.append(" told reporters.");
      }
    }
  }

  /**
   * Who speaks a quote: a person of the cast (one already named first); without one, usually a
   * newcomer person who joins the cast, otherwise an organisation or state of the cast.
   */
  private int speakerSlot(SplittableRandom random) {
    int person = -1;
    int other = -1;
    int offset = random.nextInt(Math.max(1, actorCount));
    for (int k = 0; k < actorCount; k++) {
      int slot = (offset + k) % actorCount;
      ActorCast.Actor actor = cast.actors[actors[slot]];
      if (actor.person() && (person < 0 || named[slot] && !named[person])) {
        person = slot;
      } else if (!actor.person() && actor.canSpeak() && other < 0) {
        other = slot;
      }
    }
    if (person >= 0) {
      return person;
    }
    if (other >= 0 && random.nextDouble() < NON_PERSON_SPEAKER_SHARE) {
      return other;
    }
    int speaker = cast.pickSpeaker(random);
    int slot =
        actorCount < MAX_ACTORS ? actorCount++ : MAX_ACTORS - 1; // a full cast loses its last
    actors[slot] = speaker;
    named[slot] = false;
    return slot;
  }

  private void appendSpeaker(int slot, SplittableRandom random) {
    ActorCast.Actor actor = cast.actors[actors[slot]];
    if (named[slot] && actor.person() && actor.surname() != null && random.nextBoolean()) {
      text.append(actor.surname());
    } else if (!named[slot] || actor.person()) {
      text.append(actor.name());
    } else {
      text.append(actor.aliases()[random.nextInt(actor.aliases().length)]);
    }
    named[slot] = true;
    words++;
  }

  private int firstUnnamed() {
    for (int k = 0; k < actorCount; k++) {
      if (!named[k]) {
        return k;
      }
    }
    return -1;
  }

  private int randomNamed(SplittableRandom random) {
    int offset = random.nextInt(Math.max(1, actorCount));
    for (int k = 0; k < actorCount; k++) {
      int slot = (offset + k) % actorCount;
      if (named[slot]) {
        return slot;
      }
    }
    return -1;
  }

  /** Appends a theme word, a rare word or a corpus word; returns how many words it wrote. */
  private int appendWord(SplittableRandom random) {
    double u = random.nextDouble();
    int unit;
    if (u < model.themeShare) {
      CorpusModel.Theme t =
          model
              .themes[
              secondTheme >= 0 && u < model.themeShare * SECOND_THEME_WEIGHT ? secondTheme : theme];
      unit = t.units()[t.sampler().sample(random)];
    } else if (u < model.themeShare + model.rareShare) {
      appendRareWord(random);
      return 1;
    } else {
      unit = model.unitSampler.sample(random);
    }
    text.append(model.units[unit]);
    return model.unitWords[unit];
  }

  /**
   * A word beyond the model's vocabulary: its rank r follows Zipf's 1/r beyond the known words, and
   * its spelling is a fixed function of r, so the vocabulary grows with corpus size.
   */
  private void appendRareWord(SplittableRandom random) {
    long rank = (long) (model.units.length * Math.exp(random.nextDouble() * logRareRange));
    long r = rank;
    int syllables = 0;
    do {
      text.append(SYLLABLES[(int) (r % SYLLABLES.length)]);
      r /= SYLLABLES.length;
      syllables++;
    } while (r > 0 || syllables < 2);
    text.append(CODAS[(int) ((rank * 0x9E3779B97F4A7C15L >>> 33) % CODAS.length)]);
  }

  // ---------------------------------------------------------------- near-duplicate edits

  /**
   * Lightly edits the composed text, as a re-post does: one lower-case word in {@link
   * #WORDS_PER_EDIT} swapped for another, and a word added before the final full stop. The added
   * word makes the copy differ from its original whatever the length; the swaps are sparse enough
   * that 5-word shingles keep a Jaccard similarity near 0.9.
   */
  private void edit(SplittableRandom random) {
    int edits = words / WORDS_PER_EDIT;
    for (int done = 0, tries = 0; done < edits && tries < 20 * edits; tries++) {
      int at = random.nextInt(text.length());
      int start = at;
      while (start > 0 && isLowerLetter(text.charAt(start - 1))) {
        start--;
      }
      int end = at;
      while (end < text.length() && isLowerLetter(text.charAt(end))) {
        end++;
      }
      boolean wholeWord =
          end - start >= 3
              && (start == 0 || text.charAt(start - 1) == ' ')
              && (end == text.length()
                  || text.charAt(end) == ' '
                  || text.charAt(end) == ','
                  || text.charAt(end) == '.');
      if (wholeWord) {
        String replacement = plainWord(random);
        if (!text.substring(start, end).equals(replacement)) {
          text.replace(start, end, replacement);
          done++;
        }
      }
    }
    int last = text.length() - 1; // the final '.' (after a quote, the one of "told reporters.")
    text.insert(last, ' ' + plainWord(random));
    words++;
  }

  private String plainWord(SplittableRandom random) {
    while (true) {
      int unit = model.unitSampler.sample(random);
      if (model.plainWord[unit]) {
        return model.units[unit];
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean isLowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** Upper-cases the first letter at or after {@code from} (skipping an opening quote mark). */
  private static void capitalise(StringBuilder s, int from) {
    int at = from < s.length() && s.charAt(from) == '"' ? from + 1 : from;
    if (at < s.length() && Character.isLowerCase(s.charAt(at))) {
      s.setCharAt(at, Character.toUpperCase(s.charAt(at)));
    }
  }

  private static int pick(double[] probabilities, SplittableRandom random) {
    double u = random.nextDouble();
    for (int k = 0; k < probabilities.length - 1; k++) {
      u -= probabilities[k];
      if (u < 0) {
        return k;
      }
    }
    return probabilities.length - 1;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  /** Consonant-vowel syllables: pronounceable, so rare words look like words to a tokenizer. */
  private static String[] syllables() {
    String onsets = "bcdfghjklmnprstvz";
    String vowels = "aeiou";
    String[] out = new String[onsets.length() * vowels.length()];
    int k = 0;
    for (char o : onsets.toCharArray()) {
      for (char v : vowels.toCharArray()) {
        out[k++] = "" + o + v;
      }
    }
    return out;
  }
}
