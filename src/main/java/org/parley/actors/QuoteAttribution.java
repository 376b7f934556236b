package org.parley.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.ActorText.SentenceSpan;

/**
 * Direct quotations in an article and, where the text says so, who spoke them.
 *
 * <p><b>Quotations.</b> Text between straight ("…"), curly (“…”) or guillemet («…») double quote
 * marks, paired within one paragraph (paragraphs end at '\n'). Single quotes are never quotation
 * marks: they double as apostrophes. A quote's text and offsets cover what is inside the marks,
 * without surrounding whitespace; an empty pair yields nothing. Marks of another style inside a
 * quotation are a nested quotation and stay part of its text. Unbalanced marks:
 *
 * <ul>
 *   <li>an opening mark not closed in its paragraph is dropped, unless the next paragraph starts
 *       with an opening mark: that is how a quotation running over several paragraphs is written,
 *       so the quote runs to its paragraph's end;
 *   <li>a second “ (or «) before the first is closed means the first was never closed: the quote
 *       starts again at the second;
 *   <li>a closing mark with nothing open is ignored.
 * </ul>
 *
 * <p><b>Speakers.</b> A speaker is a dictionary {@link Mention} (any type but PLACE and EVENT;
 * gives the actor id), an unknown {@link Name} that overlaps no mention (any type but PLACE; actor
 * id null), or the pronoun he/she. A speech verb is one of {@link #SPEECH_VERBS} in lower case,
 * not passive ("was announced" is no attribution). The first rule that finds a speaker wins:
 *
 * <ol>
 *   <li>an attribution tag right after the closing mark: {@code "…," said X}, {@code "…," X said},
 *       {@code "…," spokesman X said}, {@code "…," according to X}. A speaker-first tag must be
 *       set off by punctuation, by the quote opening its sentence or by ending the sentence
 *       ({@code "…" he said.} in corpora stripped of commas), so in {@code the "peace plan"
 *       Russia said it backs} the verb is not a tag. After a quote that ends its own sentence
 *       (. ? ! inside the marks) only a complete tag counts ({@code "Why?" X asked.}), so
 *       {@code "We won." Leaf said the talks failed} does not name the speaker;
 *   <li>in the same sentence before the opening mark, the last speech verb with a subject:
 *       {@code X said: "…"}, {@code As X concluded, "…"}, {@code X, head of Y, said the regime "…"},
 *       {@code The head of Y, X, said "…"}, {@code According to X, "…"}; a participle
 *       ({@code remarking that "…"}, {@code adding "…"}) takes the sentence's subject;
 *   <li>later in the same sentence, a trailing clause after a comma:
 *       {@code "…" with …, U.N. envoy X told reporters} or {@code … "…" to end …, Mr. X said.};
 *   <li>continuation: in the same paragraph (or multi-paragraph quotation), after an attributed
 *       quote with no other person named in between, a quote that opens its sentence or follows an
 *       unresolved speech verb ("The source revealed that …") has the same speaker, unless it has
 *       a tag of its own naming no candidate ({@code "…" the activist said}).
 * </ol>
 *
 * <p>A pronoun resolves to the most recent PERSON mention or name before it, outside quotations
 * (a dictionary mention covering the pronoun itself wins). The speaker's surface and offsets are
 * the pronoun's.
 *
 * <p>Attribution values:
 *
 * <table>
 *   <caption>quotes.attribution</caption>
 *   <tr><th>value</th><th>meaning</th></tr>
 *   <tr><td>{@code verb_then_speaker}</td><td>{@code "…," said X}: verb right after the quote, then the speaker</td></tr>
 *   <tr><td>{@code speaker_then_verb}</td><td>{@code "…," X said} / {@code "…," spokesman X said}</td></tr>
 *   <tr><td>{@code speaker_before_quote}</td><td>X and a speech verb precede the quote in its sentence</td></tr>
 *   <tr><td>{@code speaker_after_quote}</td><td>X and a speech verb in a clause later in the sentence</td></tr>
 *   <tr><td>{@code according_to}</td><td>{@code According to X, "…"} or {@code "…," according to X}</td></tr>
 *   <tr><td>{@code pronoun}</td><td>any of the above with he/she as speaker, resolved to the last person</td></tr>
 *   <tr><td>{@code continuation}</td><td>same speaker as the previous attributed quote of the paragraph</td></tr>
 *   <tr><td>{@code none}</td><td>no speaker in the text (scare quotes, titles)</td></tr>
 * </table>
 *
 * <p>Work per quote is bounded by {@link #MAX_REACH}, so an article costs time linear in its length.
 */
public final class QuoteAttribution {
  private QuoteAttribution() {}

  public static final String VERB_THEN_SPEAKER = "verb_then_speaker";
  public static final String SPEAKER_THEN_VERB = "speaker_then_verb";
  public static final String SPEAKER_BEFORE_QUOTE = "speaker_before_quote";
  public static final String SPEAKER_AFTER_QUOTE = "speaker_after_quote";
  public static final String ACCORDING_TO = "according_to";
  public static final String PRONOUN = "pronoun";
  public static final String CONTINUATION = "continuation";
  public static final String NONE = "none";

  /** Characters searched before and after a quote for its speaker. */
  static final int MAX_REACH = 600;
  /** Words allowed between a quote (or a comma) and its speaker: "U.N. envoy for Syria X told". */
  static final int MAX_TITLE_WORDS = 6;

  static final Set<String> SPEECH_VERBS = Set.of("said", "says", "added", "adds", "told", "tells",
      "stated", "noted", "explained", "explains", "insisted", "insists", "warned", "warns",
      "replied", "replies", "asked", "asks", "continued", "concluded", "wrote", "writes",
      "declared", "argued", "argues", "stressed", "stresses", "announced", "remarked", "responded",
      "urged", "urges", "emphasized", "emphasised", "claimed", "claims", "confirmed", "commented",
      "observed", "acknowledged", "admitted", "recalled", "reiterated", "affirmed", "asserted",
      "cautioned", "complained", "conceded", "countered", "tweeted", "maintained", "underscored",
      "underlined", "revealed", "reported");
  /** Participles take the subject of their sentence: "He …, remarking that “…”". */
  static final Set<String> SPEECH_PARTICIPLES = Set.of("saying", "adding", "telling", "stating",
      "noting", "explaining", "insisting", "warning", "replying", "asking", "concluding",
      "writing", "declaring", "arguing", "stressing", "announcing", "remarking", "responding",
      "urging", "emphasizing", "emphasising", "claiming", "confirming", "commenting", "observing",
      "acknowledging", "admitting", "recalling", "reiterating", "affirming", "asserting",
      "cautioning", "complaining", "conceding", "countering", "tweeting", "underscoring",
      "underlining", "revealing");
  /** Words that may stand between a subject and its verb: "Jamous has also said". */
  private static final Set<String> AUXILIARIES = Set.of("also", "later", "then", "has", "had",
      "have", "previously", "again", "recently", "once", "further", "reportedly", "publicly",
      "repeatedly", "earlier", "separately", "simply", "flatly", "bluntly", "would", "will");
  private static final Set<String> PASSIVE = Set.of("was", "were", "is", "are", "be", "been", "being");
  private static final Set<String> PRONOUNS = Set.of("he", "she");
  /** Pronouns a dictionary stage may already have resolved to an actor. */
  private static final Set<String> RESOLVED_PRONOUNS = Set.of("he", "she", "they", "it", "we", "him", "her");
  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "dr", "prof", "gen", "lt",
      "col", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr");
  /** Words that start a new clause, so cannot be part of a title before a speaker. */
  private static final Set<String> CLAUSE_WORDS = Set.of("which", "that", "who", "whom", "whose",
      "and", "but", "or", "as", "when", "while", "if", "because", "since", "after", "before",
      "although", "though", "where", "it", "this", "there", "they", "we", "i", "you");
  private static final Set<String> PREPOSITIONS = Set.of("to", "with", "of", "by", "from", "for",
      "on", "at", "in", "about", "against", "between", "into", "than", "like");

  public static List<Quote> find(String text, List<SentenceSpan> sentences,
      List<Mention> mentions, List<Name> names) {
    List<Span> spans = scan(text);
    if (spans.isEmpty()) {
      return List.of();
    }
    return new Attributor(text, spans, sentences, mentions, names).run();
  }

  // ---------------------------------------------------------------- quotation marks

  /**
   * One quotation: marks at {@code open} and {@code close} (-1 when it runs to its paragraph's
   * end), trimmed inside text [start, end), its paragraph, and a block id shared by paragraphs one
   * quotation runs across.
   */
  private record Span(int open, int start, int end, int close, int paraStart, int paraEnd, int block) {}

  private static final int NO_KIND = -1;
  private static final int STRAIGHT = 0;
  private static final int CURLY = 1;
  private static final int GUILLEMET = 2;

  static boolean isDoubleMark(char c) {
    return c == '"' || c == '“' || c == '”' || c == '«' || c == '»';
  }

  private static boolean closes(int kind, char c) {
    return kind == STRAIGHT ? c == '"' : kind == CURLY ? c == '”' : c == '»';
  }

  /** The kind a mark opens, if it can open one ("»" never does). */
  private static int openerKind(char c) {
    return c == '"' ? STRAIGHT : c == '“' || c == '”' ? CURLY : c == '«' ? GUILLEMET : NO_KIND;
  }

  private static List<Span> scan(String text) {
    List<Span> out = new ArrayList<>();
    int block = 0;
    boolean carried = false;
    int ps = 0;
    while (ps <= text.length()) {
      int pe = text.indexOf('\n', ps);
      if (pe < 0) {
        pe = text.length();
      }
      if (!isBlank(text, ps, pe)) {
        if (!carried) {
          block++;
        }
        carried = scanParagraph(text, ps, pe, block, out);
      }
      ps = pe + 1;
    }
    return out;
  }

  /** Adds the paragraph's quotations; true when the last one runs on into the next paragraph. */
  private static boolean scanParagraph(String text, int ps, int pe, int block, List<Span> out) {
    int outer = NO_KIND;
    int nested = NO_KIND;
    int open = -1;
    for (int i = ps; i < pe; i++) {
      char c = text.charAt(i);
      if (!isDoubleMark(c)) {
        continue;
      }
      if (outer == NO_KIND) {
        // Straight marks and a reversed ” open only where a quotation can start: ”a joke”.
        if (c == '“' || c == '«' || (c == '"' || c == '”') && looksLikeOpener(text, i, ps, pe)) {
          outer = openerKind(c);
          open = i;
        }
      } else if (nested != NO_KIND) {
        if (closes(nested, c)) {
          nested = NO_KIND;
        } else if (closes(outer, c)) {
          emit(text, open, i, ps, pe, block, out);
          outer = NO_KIND;
          nested = NO_KIND;
        }
      } else if (closes(outer, c)) {
        emit(text, open, i, ps, pe, block, out);
        outer = NO_KIND;
      } else if (c == '“' && outer == CURLY || c == '«' && outer == GUILLEMET) {
        open = i;
      } else if (c != '»' && looksLikeOpener(text, i, ps, pe)) {
        nested = openerKind(c);
      } else if (c != '“' && c != '«') {
        // Mixed typography, “…," : a closing mark of another style still ends the quotation.
        emit(text, open, i, ps, pe, block, out);
        outer = NO_KIND;
      }
    }
    if (outer == NO_KIND || pe >= text.length()) {
      return false;
    }
    int j = pe;
    while (j < text.length() && isSpace(text.charAt(j))) {
      j++;
    }
    boolean nextOpens = j < text.length() && (text.charAt(j) == '“' || text.charAt(j) == '«'
        || text.charAt(j) == '"' && j + 1 < text.length() && !isSpace(text.charAt(j + 1)));
    if (nextOpens) {
      emit(text, open, -1, ps, pe, block, out);
    }
    return nextOpens;
  }

  private static boolean looksLikeOpener(String text, int i, int ps, int pe) {
    if (i + 1 >= pe || isSpace(text.charAt(i + 1))) {
      return false;
    }
    if (i == ps) {
      return true;
    }
    char prev = text.charAt(i - 1);
    return isSpace(prev) || "([{—–-/:;,".indexOf(prev) >= 0;
  }

  private static void emit(String text, int open, int close, int ps, int pe, int block, List<Span> out) {
    int start = open + 1;
    int end = close < 0 ? pe : close;
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      out.add(new Span(open, start, end, close, ps, pe, block));
    }
  }

  // ---------------------------------------------------------------- characters and words

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** Joins a word across it when letters follow: al-Hariri, It’s, U.N. */
  private static boolean isConnector(char c) {
    return c == '-' || c == '\u2010' || c == '\u2011' || c == '\'' || c == '’' || c == '.';
  }

  private static boolean isBlank(String text, int a, int b) {
    for (int i = a; i < b; i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private record Word(int start, int end, String lower) {}

  private record Candidate(int start, int end, String actorId, String surface, boolean person, String key) {}

  /** A speaker: the words naming them, how they were found, and an identity for comparisons. */
  private record Speaker(String actorId, String surface, int start, int end, String attribution, String key) {
    Speaker as(String a) {
      return new Speaker(actorId, surface, start, end, a, key);
    }
  }

  /** A speaker found after the quote, and whether the tag sits right after the closing mark. */
  private record Found(Speaker speaker, boolean adjacent) {}

  // ---------------------------------------------------------------- attribution

  private static final class Attributor {
    private final String text;
    private final List<Span> spans;
    private final SentenceSpan[] sentences;
    /** Possible speakers, sorted and non-overlapping. */
    private final Candidate[] candidates;
    /** PERSON candidates outside quotations: antecedents for pronouns, blockers for continuation. */
    private final Candidate[] persons;
    /** Per quote: a speech verb precedes it in its sentence but names no speaker. */
    private final boolean[] verbSeen;
    /** Per quote: a tag follows it ("the activist said") whose speaker is no candidate. */
    private final boolean[] ownTag;

    Attributor(String text, List<Span> spans, List<SentenceSpan> sentences,
        List<Mention> mentions, List<Name> names) {
      this.text = text;
      this.spans = spans;
      this.sentences = sentences == null ? new SentenceSpan[0] : sentences.stream()
          .sorted(Comparator.comparingInt(SentenceSpan::charStart)).toArray(SentenceSpan[]::new);
      this.candidates = candidates(mentions, names);
      this.persons = Arrays.stream(candidates)
          .filter(c -> c.person() && spanContaining(c.start()) < 0).toArray(Candidate[]::new);
      this.verbSeen = new boolean[spans.size()];
      this.ownTag = new boolean[spans.size()];
    }

    private static Candidate[] candidates(List<Mention> mentions, List<Name> names) {
      Comparator<Candidate> order = Comparator.comparingInt(Candidate::start)
          .thenComparing(Comparator.comparingInt(Candidate::end).reversed());
      List<Candidate> fromMentions = new ArrayList<>();
      for (Mention m : mentions == null ? List.<Mention>of() : mentions) {
        if (!"PLACE".equals(m.actorType()) && !"EVENT".equals(m.actorType())) {
          fromMentions.add(new Candidate(m.charStart(), m.charEnd(), m.actorId(), m.surface(),
              "PERSON".equals(m.actorType()), "actor:" + m.actorId()));
        }
      }
      List<Candidate> kept = nonOverlapping(fromMentions, order);
      List<Candidate> all = new ArrayList<>(kept);
      for (Name n : names == null ? List.<Name>of() : names) {
        if (!"PLACE".equals(n.guessedType()) && !overlapsAny(kept, n.charStart(), n.charEnd())) {
          String key = n.normalized() != null ? n.normalized() : n.surface().toLowerCase(Locale.ROOT);
          all.add(new Candidate(n.charStart(), n.charEnd(), null, n.surface(),
              "PERSON".equals(n.guessedType()), "name:" + key));
        }
      }
      return nonOverlapping(all, order).toArray(Candidate[]::new);
    }

    /** Sorted; of overlapping candidates the earlier (then longer) one stays. */
    private static List<Candidate> nonOverlapping(List<Candidate> in, Comparator<Candidate> order) {
      in.sort(order);
      List<Candidate> out = new ArrayList<>(in.size());
      int lastEnd = Integer.MIN_VALUE;
      for (Candidate c : in) {
        if (c.start() >= lastEnd && c.end() > c.start()) {
          out.add(c);
          lastEnd = c.end();
        }
      }
      return out;
    }

    private static boolean overlapsAny(List<Candidate> sorted, int start, int end) {
      int k = lastStartingAtOrBefore(sorted, end - 1);
      return k >= 0 && sorted.get(k).end() > start;
    }

    private static int lastStartingAtOrBefore(List<Candidate> sorted, int pos) {
      return lastAtOrBefore(sorted, Candidate::start, pos);
    }

    List<Quote> run() {
      int n = spans.size();
      Speaker[] speakers = new Speaker[n];
      for (int i = 0; i < n; i++) {
        Found after = after(i);
        Speaker s = after != null && after.adjacent() ? after.speaker() : before(i);
        if (s == null && after != null) {
          s = after.speaker();
        }
        speakers[i] = s;
      }
      continueForward(speakers);
      // A paragraph of a multi-paragraph quotation is usually attributed in a later paragraph.
      for (int i = n - 2; i >= 0; i--) {
        Span q = spans.get(i);
        if (speakers[i] == null && q.close() < 0 && spans.get(i + 1).block() == q.block()
            && speakers[i + 1] != null) {
          speakers[i] = speakers[i + 1].as(CONTINUATION);
        }
      }
      List<Quote> quotes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Span q = spans.get(i);
        Speaker s = speakers[i];
        String quoteText = text.substring(q.start(), q.end());
        quotes.add(s == null
            ? new Quote(i, null, null, -1, -1, NONE, quoteText, q.start(), q.end())
            : new Quote(i, s.actorId(), s.surface(), s.start(), s.end(), s.attribution(),
                quoteText, q.start(), q.end()));
      }
      return quotes;
    }

    private void continueForward(Speaker[] speakers) {
      int last = -1;
      for (int i = 0; i < speakers.length; i++) {
        Span q = spans.get(i);
        if (last >= 0 && spans.get(last).block() != q.block()) {
          last = -1;
        }
        if (speakers[i] != null) {
          last = i;
          continue;
        }
        // Mid-sentence quotes are often the writer's scare quotes; only full sentences, or
        // quotes after a speech verb without its own subject, carry the speaker on, and never
        // a quote whose own tag names someone else ("…" the activist said).
        if (last < 0 || ownTag[i] || !(opensSentence(q) || verbSeen[i])) {
          continue;
        }
        Span prev = spans.get(last);
        Speaker s = speakers[last];
        int from = Math.max(prev.close() < 0 ? prev.paraEnd() : prev.close() + 1, s.end());
        if (!otherPersonBetween(from, q.open(), s.key())) {
          speakers[i] = s.as(CONTINUATION);
          last = i;
        }
      }
    }

    /** Rule 1 and 3: an attribution tag after the closing mark, in the same sentence. */
    private Found after(int i) {
      Span q = spans.get(i);
      if (q.close() < 0) {
        return null;
      }
      int a = q.close() + 1;
      int limit = Math.min(q.paraEnd(), a + MAX_REACH);
      if (i + 1 < spans.size()) {
        limit = Math.min(limit, spans.get(i + 1).open());
      }
      boolean terminal = ".?!…".indexOf(text.charAt(q.end() - 1)) >= 0;
      if (!terminal) {
        limit = Math.min(limit, sentenceEnd(q.close(), q));
      }
      List<Word> words = words(a, limit);
      for (int k = 0; k < words.size(); k++) {
        Word w = words.get(k);
        Speaker s;
        boolean inverted;
        if (isAccordingTo(words, k)) {
          s = firstSpeaker(words.get(k + 1).end(), limit, MAX_TITLE_WORDS, ACCORDING_TO);
          inverted = true;
        } else if (isSpeechVerb(w, a)) {
          s = subjectBefore(w.start(), a, SPEAKER_THEN_VERB);
          inverted = s == null;
          if (inverted) {
            s = firstSpeaker(w.end(), limit, 4, VERB_THEN_SPEAKER);
          }
        } else {
          continue;
        }
        int tagStart = inverted ? w.start() : s.start();
        int x = skipSeparators(a, tagStart);
        // The first attribution cue decides: a later one belongs to another clause.
        if (s == null) {
          // "…" the activist said: the quote has a tag of its own, naming nobody we know.
          ownTag[i] = titlePrefix(x, tagStart, MAX_TITLE_WORDS);
          return null;
        }
        int tagEnd = Math.max(s.end(), w.end());
        // A verb or "according to" right after the quote is its tag. A speaker first must be set
        // off: by punctuation ("…," X said; "…?" X asked), by the quote opening its sentence, or
        // by the tag ending there (corpora stripped of commas: "…" he said). In "the “peace plan”
        // Russia said it backs" none holds: the verb belongs to the sentence, not to the quote.
        boolean setOff = inverted || ",.?!…;:".indexOf(text.charAt(q.end() - 1)) >= 0
            || text.substring(a, x).chars().anyMatch(c -> ",—–".indexOf(c) >= 0)
            || opensSentence(q) || tagClosed(tagEnd, limit);
        boolean adjacent = setOff && titlePrefix(x, tagStart, inverted ? 0 : MAX_TITLE_WORDS);
        if (terminal) {
          return adjacent && tagClosed(tagEnd, limit) ? new Found(s, true) : null;
        }
        if (!adjacent) {
          // Later in the sentence the tag must be its own clause: "…, Mr. de Mistura said."
          int clause = lastClauseBreak(a, tagStart);
          if (clause < 0 || !titlePrefix(clause, tagStart, inverted ? 0 : MAX_TITLE_WORDS)) {
            return null;
          }
          if (!s.attribution().equals(PRONOUN) && !s.attribution().equals(ACCORDING_TO)) {
            s = s.as(SPEAKER_AFTER_QUOTE);
          }
        }
        return new Found(s, adjacent);
      }
      return null;
    }

    /** Rule 2: the last speech verb (or "according to") before the quote in its sentence. */
    private Speaker before(int i) {
      Span q = spans.get(i);
      int lo = Math.max(Math.max(sentenceStart(q.open(), q), q.open() - MAX_REACH), q.paraStart());
      int inside = spanContaining(lo);
      if (inside >= 0) {
        Span s = spans.get(inside);
        if (s.close() < 0 || s.close() >= q.open()) {
          return null;
        }
        lo = s.close() + 1;
      }
      List<Word> words = words(lo, q.open());
      int participle = -1;
      for (int k = words.size() - 1; k >= 0; k--) {
        Word w = words.get(k);
        if (isAccordingTo(words, k)) {
          Speaker s = firstSpeaker(words.get(k + 1).end(), q.open(), MAX_TITLE_WORDS, ACCORDING_TO);
          if (s != null) {
            return s;
          }
        } else if (isSpeechVerb(w, lo)) {
          Speaker s = subjectBefore(w.start(), lo, SPEAKER_BEFORE_QUOTE);
          if (s != null) {
            return s;
          }
          // "”, said X" is an earlier quote's tag; "The source revealed that" points on.
          verbSeen[i] |= !followsQuote(w.start());
        } else if (SPEECH_PARTICIPLES.contains(w.lower()) && Character.isLowerCase(text.charAt(w.start()))) {
          verbSeen[i] = true;
          participle = w.start();
        }
      }
      return participle >= 0 ? sentenceSubject(lo, participle) : null;
    }

    private boolean isSpeechVerb(Word w, int lo) {
      if (!SPEECH_VERBS.contains(w.lower()) || !Character.isLowerCase(text.charAt(w.start()))) {
        return false;
      }
      Word prev = wordEndingAt(backOverSpaces(w.start(), lo), lo);
      return prev == null || !PASSIVE.contains(prev.lower());
    }

    private boolean followsQuote(int p) {
      while (p > 0 && (isSpace(text.charAt(p - 1)) || ",—–".indexOf(text.charAt(p - 1)) >= 0)) {
        p--;
      }
      return p > 0 && isDoubleMark(text.charAt(p - 1));
    }

    private static boolean isAccordingTo(List<Word> words, int k) {
      return words.get(k).lower().equals("according") && k + 1 < words.size()
          && words.get(k + 1).lower().equals("to");
    }

    /**
     * The subject of the verb at {@code v}: the speaker right before it, past auxiliaries
     * ("has also said"), or across an appositive ("X, head of Y, said"; "The head of Y, X, said").
     */
    private Speaker subjectBefore(int v, int lo, String attribution) {
      int p = backOverSpaces(v, lo);
      for (int k = 0; k < 3; k++) {
        Word w = wordEndingAt(p, lo);
        if (w == null || !AUXILIARIES.contains(w.lower())) {
          break;
        }
        p = backOverSpaces(w.start(), lo);
      }
      Speaker s = speakerEndingAt(p, lo, attribution);
      if (s != null || p <= lo || text.charAt(p - 1) != ',') {
        return s;
      }
      int comma = p - 1;
      int prev = previousComma(comma, lo);
      int segStart = prev < 0 ? lo : prev + 1;
      Speaker named = speakerEndingAt(backOverSpaces(comma, lo), segStart, attribution);
      if (named != null && onlyTitles(segStart, named.start())) {
        return named;
      }
      return prev < 0 ? null : speakerEndingAt(backOverSpaces(prev, lo), lo, attribution);
    }

    /** The comma before {@code comma} in the same clause run, not across a quotation mark. */
    private int previousComma(int comma, int lo) {
      for (int i = comma - 1; i >= Math.max(lo, comma - 200); i--) {
        char c = text.charAt(i);
        if (c == ',') {
          return i;
        }
        if (isDoubleMark(c)) {
          return -1;
        }
      }
      return -1;
    }

    /** The sentence's subject, for a participle: its first speaker not governed by a preposition. */
    private Speaker sentenceSubject(int lo, int hi) {
      Word prev = null;
      for (Word w : words(lo, hi)) {
        if (prev == null || !PREPOSITIONS.contains(prev.lower())) {
          Candidate c = covering(w.start());
          if (c != null && c.start() >= lo) {
            return speaker(c, SPEAKER_BEFORE_QUOTE);
          }
          if (PRONOUNS.contains(w.lower())) {
            return pronoun(w);
          }
        }
        prev = w;
      }
      return null;
    }

    /** The first speaker at or after {@code p}, past at most {@code maxWords} words ("the", "Mr."). */
    private Speaker firstSpeaker(int p, int hi, int maxWords, String attribution) {
      int skipped = 0;
      int i = p;
      while (i < hi) {
        char c = text.charAt(i);
        if (isSpace(c) || isAbbreviationDot(i, p)) {
          i++;
          continue;
        }
        if (!isWordChar(c)) {
          return null;
        }
        Candidate cand = covering(i);
        if (cand != null) {
          return speaker(cand, attribution);
        }
        Word w = wordAt(i, hi);
        if (PRONOUNS.contains(w.lower())) {
          return pronoun(w);
        }
        if (++skipped > maxWords) {
          return null;
        }
        i = w.end();
      }
      return null;
    }

    /** A speaker whose words end at {@code p} and start at or after {@code lo}. */
    private Speaker speakerEndingAt(int p, int lo, String attribution) {
      if (p <= lo || !isWordChar(text.charAt(p - 1))) {
        return null;
      }
      Candidate c = covering(p - 1);
      if (c != null) {
        return c.start() >= lo ? speaker(c, attribution) : null;
      }
      Word w = wordEndingAt(p, lo);
      return w != null && PRONOUNS.contains(w.lower()) ? pronoun(w) : null;
    }

    private Speaker speaker(Candidate c, String attribution) {
      boolean isPronoun = RESOLVED_PRONOUNS.contains(c.surface().toLowerCase(Locale.ROOT));
      return new Speaker(c.actorId(), c.surface(), c.start(), c.end(),
          isPronoun ? PRONOUN : attribution, c.key());
    }

    /** he/she: the most recent person before it outside quotations; unresolved keeps actor null. */
    private Speaker pronoun(Word w) {
      Candidate p = lastPersonBefore(w.start());
      return new Speaker(p == null ? null : p.actorId(), text.substring(w.start(), w.end()),
          w.start(), w.end(), PRONOUN, p == null ? null : p.key());
    }

    private Candidate lastPersonBefore(int pos) {
      int lo = 0;
      int hi = persons.length - 1;
      Candidate found = null;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (persons[mid].end() <= pos) {
          found = persons[mid];
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    }

    private boolean otherPersonBetween(int from, int to, String key) {
      int lo = 0;
      int hi = persons.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (persons[mid].start() < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int k = lo; k < persons.length && persons[k].start() < to; k++) {
        if (key == null || !key.equals(persons[k].key())) {
          return true;
        }
      }
      return false;
    }

    /** The candidate covering {@code pos}, if any. */
    private Candidate covering(int pos) {
      int lo = 0;
      int hi = candidates.length - 1;
      Candidate found = null;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (candidates[mid].start() <= pos) {
          found = candidates[mid];
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found != null && found.end() > pos ? found : null;
    }

    /** The quotation whose inside holds {@code pos}, or -1. */
    private int spanContaining(int pos) {
      int k = spanAtOrBefore(pos);
      if (k < 0) {
        return -1;
      }
      Span s = spans.get(k);
      int insideEnd = s.close() < 0 ? s.paraEnd() : s.close();
      return pos > s.open() && pos < insideEnd ? k : -1;
    }

    private int spanAtOrBefore(int pos) {
      return lastAtOrBefore(spans, Span::open, pos);
    }

    // ---------------------------------------------------------------- sentences

    private int sentenceAtOrBefore(int pos) {
      int lo = 0;
      int hi = sentences.length - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (sentences[mid].charStart() <= pos) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    }

    /** Start of the sentence holding {@code pos}, rejoined across a split after "Mr." or "O.". */
    private int sentenceStart(int pos, Span q) {
      int k = sentenceAtOrBefore(pos);
      int start;
      if (k >= 0 && pos < sentences[k].charEnd()) {
        for (int n = 0; n < 3 && k > 0 && endsWithAbbreviation(sentences[k - 1].charEnd()); n++) {
          k--;
        }
        start = sentences[k].charStart();
      } else {
        start = k >= 0 ? sentences[k].charEnd() : q.paraStart();
      }
      return Math.max(start, q.paraStart());
    }

    private int sentenceEnd(int pos, Span q) {
      int k = sentenceAtOrBefore(pos);
      int end;
      if (k >= 0 && pos < sentences[k].charEnd()) {
        for (int n = 0; n < 3 && k + 1 < sentences.length && endsWithAbbreviation(sentences[k].charEnd()); n++) {
          k++;
        }
        end = sentences[k].charEnd();
      } else {
        end = k + 1 < sentences.length ? sentences[k + 1].charStart() : q.paraEnd();
      }
      return Math.min(end, q.paraEnd());
    }

    private boolean endsWithAbbreviation(int end) {
      if (end < 2 || end > text.length() || text.charAt(end - 1) != '.') {
        return false;
      }
      Word w = wordEndingAt(end - 1, Math.max(0, end - 12));
      // Acronyms (U.N.) end sentences too often to rejoin across them.
      return w != null && w.lower().indexOf('.') < 0 && isAbbreviationDot(end - 1, Math.max(0, end - 12));
    }

    private boolean opensSentence(Span q) {
      int s = sentenceStart(q.open(), q);
      for (int i = s; i < q.open(); i++) {
        char c = text.charAt(i);
        if (!isSpace(c) && "•-—–*".indexOf(c) < 0) {
          return false;
        }
      }
      return true;
    }

    // ---------------------------------------------------------------- words

    /** Words of [a, b), jumping over the inside of quotations. */
    private List<Word> words(int a, int b) {
      List<Word> out = new ArrayList<>();
      int i = a;
      while (i < b) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
          Word w = wordAt(i, b);
          out.add(w);
          i = w.end();
        } else if (isDoubleMark(c)) {
          int k = spanAtOrBefore(i);
          Span s = k >= 0 ? spans.get(k) : null;
          i = s != null && s.open() == i ? (s.close() < 0 ? b : s.close() + 1) : i + 1;
        } else {
          i++;
        }
      }
      return out;
    }

    private Word wordAt(int i, int hi) {
      int e = i;
      while (e < hi) {
        char c = text.charAt(e);
        if (isWordChar(c) || e > i && isConnector(c) && e + 1 < hi && isWordChar(text.charAt(e + 1))) {
          e++;
        } else {
          break;
        }
      }
      return new Word(i, e, text.substring(i, e).toLowerCase(Locale.ROOT));
    }

    /** The word ending exactly at {@code p}, not starting before {@code lo}. */
    private Word wordEndingAt(int p, int lo) {
      if (p <= lo || !isWordChar(text.charAt(p - 1))) {
        return null;
      }
      int s = p - 1;
      while (s > lo) {
        char c = text.charAt(s - 1);
        if (isWordChar(c) || isConnector(c) && s - 2 >= lo && isWordChar(text.charAt(s - 2))) {
          s--;
        } else {
          break;
        }
      }
      return new Word(s, p, text.substring(s, p).toLowerCase(Locale.ROOT));
    }

    private int backOverSpaces(int p, int lo) {
      while (p > lo && isSpace(text.charAt(p - 1))) {
        p--;
      }
      return p;
    }

    /** Past whitespace, commas and dashes after a closing mark: ”, said X. */
    private int skipSeparators(int a, int b) {
      while (a < b && (isSpace(text.charAt(a)) || ",—–-".indexOf(text.charAt(a)) >= 0)) {
        a++;
      }
      return a;
    }

    /**
     * Whether [x, y) is at most {@code maxWords} title words ("spokesman", "U.N. envoy for
     * Syria"): words, spaces and abbreviation dots only, and no word that starts a clause.
     */
    private boolean titlePrefix(int x, int y, int maxWords) {
      List<Word> words = new ArrayList<>();
      for (int i = x; i < y; ) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
          Word w = wordAt(i, y);
          if (CLAUSE_WORDS.contains(w.lower()) || words.size() == maxWords) {
            return false;
          }
          words.add(w);
          i = w.end();
        } else if (isSpace(c) || isAbbreviationDot(i, x)) {
          i++;
        } else {
          return false;
        }
      }
      return true;
    }

    /** A full stop that ends an abbreviation (Mr., O., U.N.), not a sentence. */
    private boolean isAbbreviationDot(int i, int lo) {
      if (text.charAt(i) != '.') {
        return false;
      }
      Word w = wordEndingAt(i, lo);
      return w != null && (TITLES.contains(w.lower()) || w.lower().indexOf('.') >= 0
          || w.end() - w.start() == 1 && Character.isUpperCase(text.charAt(w.start())));
    }

    /** Whether [x, y) holds only titles such as "Mr." before a name. */
    private boolean onlyTitles(int x, int y) {
      for (int i = x; i < y; ) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
          Word w = wordAt(i, y);
          if (!TITLES.contains(w.lower())) {
            return false;
          }
          i = w.end();
        } else if (isSpace(c) || c == '.') {
          i++;
        } else {
          return false;
        }
      }
      return true;
    }

    /** Just after the last comma, dash, semicolon or parenthesis in [a, y), or -1. */
    private int lastClauseBreak(int a, int y) {
      for (int i = y - 1; i >= a; i--) {
        if (",;—–(".indexOf(text.charAt(i)) >= 0) {
          return i + 1;
        }
      }
      return -1;
    }

    /** Whether the tag ending at {@code p} ends there: punctuation or the paragraph's end follows. */
    private boolean tagClosed(int p, int limit) {
      while (p < limit && isSpace(text.charAt(p))) {
        p++;
      }
      return p >= limit || ".,;:!?".indexOf(text.charAt(p)) >= 0;
    }
  }

  /** Index of the last element whose key is at most {@code pos} in a list sorted by key, or -1. */
  static <T> int lastAtOrBefore(List<T> sorted, java.util.function.ToIntFunction<T> key, int pos) {
    int lo = 0;
    int hi = sorted.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (key.applyAsInt(sorted.get(mid)) <= pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
