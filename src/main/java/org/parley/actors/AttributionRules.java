package org.parley.actors;

import static org.parley.actors.QuoteAttribution.ACCORDING_TO;
import static org.parley.actors.QuoteAttribution.CONTINUATION;
import static org.parley.actors.QuoteAttribution.NONE;
import static org.parley.actors.QuoteAttribution.PRONOUN;
import static org.parley.actors.QuoteAttribution.SPEAKER_AFTER_QUOTE;
import static org.parley.actors.QuoteAttribution.SPEAKER_BEFORE_QUOTE;
import static org.parley.actors.QuoteAttribution.SPEAKER_THEN_VERB;
import static org.parley.actors.QuoteAttribution.VERB_THEN_SPEAKER;
import static org.parley.actors.TextCursor.isSpace;
import static org.parley.actors.TextCursor.isWordChar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.QuoteMarks.Quotation;
import org.parley.actors.SpeakerCandidates.Candidate;
import org.parley.actors.TextCursor.Word;

/**
 * Who said each quotation of one article: the rules listed in {@link QuoteAttribution}, applied in
 * order (tag after the quote, speech verb before it, trailing clause, continuation), with he/she
 * resolved to the last person before it. Speech verbs and titles come from {@link Lexicon}.
 *
 * <p>Work per quote is bounded by {@link #MAX_REACH}, so an article costs time linear in its
 * length.
 */
final class AttributionRules {
  /** Characters searched before and after a quote for its speaker. */
  static final int MAX_REACH = 600;

  /** Words allowed between a quote (or a comma) and its speaker: "U.N. envoy for Syria X told". */
  static final int MAX_TITLE_WORDS = 6;

  /** Words that may stand between a subject and its verb: "Jamous has also said". */
  private static final Set<String> AUXILIARIES =
      Set.of(
          "also",
          "later",
          "then",
          "has",
          "had",
          "have",
          "previously",
          "again",
          "recently",
          "once",
          "further",
          "reportedly",
          "publicly",
          "repeatedly",
          "earlier",
          "separately",
          "simply",
          "flatly",
          "bluntly",
          "would",
          "will");

  private static final Set<String> PASSIVE =
      Set.of("was", "were", "is", "are", "be", "been", "being");
  private static final Set<String> PRONOUNS = Set.of("he", "she");

  /** Pronouns a dictionary stage may already have resolved to an actor. */
  private static final Set<String> RESOLVED_PRONOUNS =
      Set.of("he", "she", "they", "it", "we", "him", "her");

  /** Words that start a new clause, so cannot be part of a title before a speaker. */
  private static final Set<String> CLAUSE_WORDS =
      Set.of(
          "which",
          "that",
          "who",
          "whom",
          "whose",
          "and",
          "but",
          "or",
          "as",
          "when",
          "while",
          "if",
          "because",
          "since",
          "after",
          "before",
          "although",
          "though",
          "where",
          "it",
          "this",
          "there",
          "they",
          "we",
          "i",
          "you");

  private static final Set<String> PREPOSITIONS =
      Set.of(
          "to", "with", "of", "by", "from", "for", "on", "at", "in", "about", "against", "between",
          "into", "than", "like");

  /** A speaker: the words naming them, how they were found, and an identity for comparisons. */
  private record Speaker(
      String actorId, String surface, int start, int end, String attribution, String key) {
    Speaker as(String a) {
      return new Speaker(actorId, surface, start, end, a, key);
    }
  }

  /** A speaker found after the quote, and whether the tag sits right after the closing mark. */
  private record Found(Speaker speaker, boolean adjacent) {}

  private final TextCursor cursor;
  private final List<Quotation> quotations;
  private final SpeakerCandidates candidates;

  /** Per quote: a speech verb precedes it in its sentence but names no speaker. */
  private final boolean[] verbSeen;

  /** Per quote: a tag follows it ("the activist said") whose speaker is no candidate. */
  private final boolean[] ownTag;

  AttributionRules(TextCursor cursor, List<Quotation> quotations, SpeakerCandidates candidates) {
    this.cursor = cursor;
    this.quotations = quotations;
    this.candidates = candidates;
    this.verbSeen = new boolean[quotations.size()];
    this.ownTag = new boolean[quotations.size()];
  }

  /** One {@link Quote} per quotation, in order, with its speaker or {@code none}. */
  List<Quote> attribute() {
    int n = quotations.size();
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
      Quotation q = quotations.get(i);
      if (speakers[i] == null
          && !q.closed()
          && quotations.get(i + 1).block() == q.block()
          && speakers[i + 1] != null) {
        speakers[i] = speakers[i + 1].as(CONTINUATION);
      }
    }
    List<Quote> quotes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Quotation q = quotations.get(i);
      Speaker s = speakers[i];
      String quoteText = cursor.text().substring(q.start(), q.end());
      quotes.add(
          s == null
              ? new Quote(i, null, null, -1, -1, NONE, quoteText, q.start(), q.end())
              : new Quote(
                  i,
                  s.actorId(),
                  s.surface(),
                  s.start(),
                  s.end(),
                  s.attribution(),
                  quoteText,
                  q.start(),
                  q.end()));
    }
    return quotes;
  }

  /** Rule 4: an unattributed quote takes the previous speaker of its paragraph or block. */
  private void continueForward(Speaker[] speakers) {
    int last = -1;
    for (int i = 0; i < speakers.length; i++) {
      Quotation q = quotations.get(i);
      if (last >= 0 && quotations.get(last).block() != q.block()) {
        last = -1;
      }
      if (speakers[i] != null) {
        last = i;
        continue;
      }
      // Mid-sentence quotes are often the writer's scare quotes; only full sentences, or
      // quotes after a speech verb without its own subject, carry the speaker on, and never
      // a quote whose own tag names someone else ("…" the activist said).
      if (last < 0 || ownTag[i] || !(cursor.opensSentence(q) || verbSeen[i])) {
        continue;
      }
      Quotation prev = quotations.get(last);
      Speaker s = speakers[last];
      int from = Math.max(prev.after(), s.end());
      if (!candidates.otherPersonBetween(from, q.open(), s.key())) {
        speakers[i] = s.as(CONTINUATION);
        last = i;
      }
    }
  }

  /** Rule 1 and 3: an attribution tag after the closing mark, in the same sentence. */
  private Found after(int i) {
    Quotation q = quotations.get(i);
    if (!q.closed()) {
      return null;
    }
    int a = q.close() + 1;
    int limit = Math.min(q.paraEnd(), a + MAX_REACH);
    if (i + 1 < quotations.size()) {
      limit = Math.min(limit, quotations.get(i + 1).open());
    }
    boolean terminal = ".?!…".indexOf(cursor.charAt(q.end() - 1)) >= 0;
    if (!terminal) {
      limit = Math.min(limit, cursor.sentenceEnd(q.close(), q));
    }
    List<Word> words = cursor.words(a, limit);
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
      int x = cursor.skipSeparators(a, tagStart);
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
      boolean setOff =
          inverted
              || ",.?!…;:".indexOf(cursor.charAt(q.end() - 1)) >= 0
              || cursor.text().substring(a, x).chars().anyMatch(c -> ",—–".indexOf(c) >= 0)
              || cursor.opensSentence(q)
              || cursor.clauseEndsAt(tagEnd, limit);
      boolean adjacent = setOff && titlePrefix(x, tagStart, inverted ? 0 : MAX_TITLE_WORDS);
      if (terminal) {
        return adjacent && cursor.clauseEndsAt(tagEnd, limit) ? new Found(s, true) : null;
      }
      if (!adjacent) {
        // Later in the sentence the tag must be its own clause: "…, Mr. de Mistura said."
        int clause = cursor.lastClauseBreak(a, tagStart);
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
    Quotation q = quotations.get(i);
    int lo =
        Math.max(Math.max(cursor.sentenceStart(q.open(), q), q.open() - MAX_REACH), q.paraStart());
    int inside = cursor.quotationContaining(lo);
    if (inside >= 0) {
      Quotation s = quotations.get(inside);
      if (!s.closed() || s.close() >= q.open()) {
        return null;
      }
      lo = s.close() + 1;
    }
    List<Word> words = cursor.words(lo, q.open());
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
        verbSeen[i] |= !cursor.followsQuote(w.start());
      } else if (Lexicon.SPEECH_PARTICIPLES.contains(w.lower())
          && Character.isLowerCase(cursor.charAt(w.start()))) {
        verbSeen[i] = true;
        participle = w.start();
      }
    }
    return participle >= 0 ? sentenceSubject(lo, participle) : null;
  }

  /** A speech verb in lower case, not passive ("was announced" is no attribution). */
  private boolean isSpeechVerb(Word w, int lo) {
    if (!Lexicon.SPEECH_VERBS.contains(w.lower())
        || !Character.isLowerCase(cursor.charAt(w.start()))) {
      return false;
    }
    Word prev = cursor.wordEndingAt(cursor.backOverSpaces(w.start(), lo), lo);
    return prev == null || !PASSIVE.contains(prev.lower());
  }

  private static boolean isAccordingTo(List<Word> words, int k) {
    return words.get(k).lower().equals("according")
        && k + 1 < words.size()
        && words.get(k + 1).lower().equals("to");
  }

  /**
   * The subject of the verb at {@code v}: the speaker right before it, past auxiliaries ("has also
   * said"), or across an appositive ("X, head of Y, said"; "The head of Y, X, said").
   */
  private Speaker subjectBefore(int v, int lo, String attribution) {
    int p = cursor.backOverSpaces(v, lo);
    for (int k = 0; k < 3; k++) {
      Word w = cursor.wordEndingAt(p, lo);
      if (w == null || !AUXILIARIES.contains(w.lower())) {
        break;
      }
      p = cursor.backOverSpaces(w.start(), lo);
    }
    Speaker s = speakerEndingAt(p, lo, attribution);
    if (s != null || p <= lo || cursor.charAt(p - 1) != ',') {
      return s;
    }
    int comma = p - 1;
    int prev = previousComma(comma, lo);
    int segStart = prev < 0 ? lo : prev + 1;
    Speaker named = speakerEndingAt(cursor.backOverSpaces(comma, lo), segStart, attribution);
    if (named != null && onlyTitles(segStart, named.start())) {
      return named;
    }
    return prev < 0 ? null : speakerEndingAt(cursor.backOverSpaces(prev, lo), lo, attribution);
  }

  /** The comma before {@code comma} in the same clause run, not across a quotation mark. */
  private int previousComma(int comma, int lo) {
    for (int i = comma - 1; i >= Math.max(lo, comma - 200); i--) {
      char c = cursor.charAt(i);
      if (c == ',') {
        return i;
      }
      if (QuoteMarks.isDoubleMark(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** The sentence's subject, for a participle: its first speaker not governed by a preposition. */
  private Speaker sentenceSubject(int lo, int hi) {
    Word prev = null;
    for (Word w : cursor.words(lo, hi)) {
      if (prev == null || !PREPOSITIONS.contains(prev.lower())) {
        Candidate c = candidates.covering(w.start());
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

  /**
   * The first speaker at or after {@code p}, past at most {@code maxWords} words ("the", "Mr.").
   */
  private Speaker firstSpeaker(int p, int hi, int maxWords, String attribution) {
    int skipped = 0;
    int i = p;
    while (i < hi) {
      char c = cursor.charAt(i);
      if (isSpace(c) || cursor.isAbbreviationDot(i, p)) {
        i++;
        continue;
      }
      if (!isWordChar(c)) {
        return null;
      }
      Candidate cand = candidates.covering(i);
      if (cand != null) {
        return speaker(cand, attribution);
      }
      Word w = cursor.wordAt(i, hi);
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
    if (p <= lo || !isWordChar(cursor.charAt(p - 1))) {
      return null;
    }
    Candidate c = candidates.covering(p - 1);
    if (c != null) {
      return c.start() >= lo ? speaker(c, attribution) : null;
    }
    Word w = cursor.wordEndingAt(p, lo);
    return w != null && PRONOUNS.contains(w.lower()) ? pronoun(w) : null;
  }

  private Speaker speaker(Candidate c, String attribution) {
    boolean isPronoun = RESOLVED_PRONOUNS.contains(c.surface().toLowerCase(Locale.ROOT));
    return new Speaker(
        c.actorId(), c.surface(), c.start(), c.end(), isPronoun ? PRONOUN : attribution, c.key());
  }

  /** he/she: the most recent person before it outside quotations; unresolved keeps actor null. */
  private Speaker pronoun(Word w) {
    Candidate p = candidates.lastPersonBefore(w.start());
    return new Speaker(
        p == null ? null : p.actorId(),
        cursor.text().substring(w.start(), w.end()),
        w.start(),
        w.end(),
        PRONOUN,
        p == null ? null : p.key());
  }

  /**
   * Whether [x, y) is at most {@code maxWords} title words ("spokesman", "U.N. envoy for Syria"):
   * words, spaces and abbreviation dots only, and no word that starts a clause.
   */
  private boolean titlePrefix(int x, int y, int maxWords) {
    int words = 0;
    for (int i = x; i < y; ) {
      char c = cursor.charAt(i);
      if (isWordChar(c)) {
        Word w = cursor.wordAt(i, y);
        if (CLAUSE_WORDS.contains(w.lower()) || words == maxWords) {
          return false;
        }
        words++;
        i = w.end();
      } else if (isSpace(c) || cursor.isAbbreviationDot(i, x)) {
        i++;
      } else {
        return false;
      }
    }
    return true;
  }

  /** Whether [x, y) holds only titles such as "Mr." or "former President" before a name. */
  private boolean onlyTitles(int x, int y) {
    for (int i = x; i < y; ) {
      char c = cursor.charAt(i);
      if (isWordChar(c)) {
        Word w = cursor.wordAt(i, y);
        if (!Lexicon.TITLES.contains(w.lower()) && !Lexicon.ABBREVIATIONS.contains(w.lower())) {
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
}
