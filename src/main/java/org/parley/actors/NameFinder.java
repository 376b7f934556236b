package org.parley.actors;

import static org.parley.actors.NameWords.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds proper-noun spans that the dictionary did not claim, without a tagger: runs of capitalised
 * tokens, joined across "of", "for", "the", "de", "al"… (Syrian Observatory for Human Rights), cut
 * at punctuation except after an initial (Geir O. Pedersen), with the known errors of a plain
 * capitalisation heuristic removed: weekdays and months, a sentence's first word when the corpus
 * also writes it in lower case, leading titles (President, Foreign Minister), office titles
 * (Assistant Secretary of State), demonyms used as adjectives (Syrian rebels), and the ordinary
 * words of title-case headlines. A possessive, with or without its apostrophe (Syrias), ends a
 * name, and names written side by side are split where the article writes each alone ({@link
 * NameEvidence}). Titles and speech verbs come from {@link Lexicon}, shared with quote attribution.
 * One finder reads one article at a time (it keeps the article's evidence): one per thread.
 */
public final class NameFinder {
  /** A token of a sentence as the finder sees it. */
  public record Token(
      String surface, int charStart, int charEnd, boolean afterPunctuation, boolean covered) {}

  private final Set<String> stopWords;
  private final Set<String> lowercaseWords;

  /** The article whose sentences are being read, and what its text shows (built once per text). */
  private String evidenceText;

  private NameEvidence evidence;

  /** The sentence being read is a title-case headline: its capitals say nothing. */
  private boolean titleCase;

  /**
   * @param stopWords lower-case function words (never names on their own)
   * @param lowercaseWords words the corpus also writes in lower case: at the start of a sentence
   *     they are ordinary words, not names
   */
  public NameFinder(Set<String> stopWords, Set<String> lowercaseWords) {
    Set<String> folded = new java.util.HashSet<>();
    for (String w : stopWords) {
      folded.add(MatchKeys.fold(w)); // "don't" also as "dont", as tokens are compared folded
    }
    this.stopWords = Set.copyOf(folded);
    this.lowercaseWords = lowercaseWords;
  }

  /**
   * The names of one sentence of {@code text}. Sentences of one article are best read one after the
   * other: what the whole article writes is scanned once per text and kept until the next one (so
   * one finder serves one thread).
   */
  public List<ActorText.Name> find(String text, int sentenceIndex, List<Token> tokens) {
    if (text != evidenceText) {
      evidence = null; // scanned when first needed
      evidenceText = text;
    }
    titleCase = isTitleCase(tokens);
    List<ActorText.Name> names = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (!nameLike(tokens.get(i))) {
        i++;
        continue;
      }
      int end = i + 1;
      int j = i + 1;
      // A possessive ends a name: "Syria's National Defence Forces" are two.
      int cut = possessiveCut(tokens, i, i);
      while (j < tokens.size() && cut == 0 && !breaksBefore(text, tokens, j)) {
        if (nameLike(tokens.get(j))) {
          end = ++j;
          cut = possessiveCut(tokens, i, end - 1);
        } else if (isConnector(tokens.get(j))
            && j - end < 2
            && (!"the".equals(tokens.get(j).surface()) || j > end)) {
          j++;
        } else {
          break;
        }
      }
      emitEach(text, sentenceIndex, tokens, i, end, cut, names);
      i = Math.max(end, i + 1);
    }
    return names;
  }

  private NameEvidence evidence() {
    if (evidence == null) {
      evidence = NameEvidence.of(evidenceText, CONNECTORS);
    }
    return evidence;
  }

  /**
   * Emits a run of capitalised tokens as one name, or as several where the article shows names
   * written side by side without a comma (flattened web text, tag lists): "Angela Kane Damascus" is
   * two names when the article also writes "Angela Kane" and "Damascus" alone.
   */
  private void emitEach(
      String text,
      int sentenceIndex,
      List<Token> tokens,
      int start,
      int end,
      int possessiveCut,
      List<ActorText.Name> out) {
    int p = start;
    int m;
    while ((m = firstNameEnd(tokens, p, end)) > 0) {
      emit(text, sentenceIndex, tokens, p, m, 0, out);
      p = m;
    }
    emit(text, sentenceIndex, tokens, p, end, possessiveCut, out);
  }

  /**
   * Where the first of several names written side by side in tokens [start, end) ends, or -1: the
   * longest prefix the article writes alone, followed directly by a name it also writes alone. A
   * title, nationality or function word does not end a name (President Assad, Syrian Democratic
   * Forces), and a name before an organisation or place qualifies it (UN Security Council, Aleppo
   * Police Command).
   */
  private int firstNameEnd(List<Token> tokens, int start, int end) {
    for (int m = Math.min(end - 1, start + MAX_NAME_TOKENS); m > start; m--) {
      Token last = tokens.get(m - 1);
      String lastWord = lower(last);
      if (!nameLike(tokens.get(m))
          || !nameLike(last)
          || Lexicon.TITLES.contains(lastWord)
          || isDemonym(lastWord)
          || isStopWord(last)
          || !evidence().writesAlone(key(tokens, start, m))) {
        continue;
      }
      int next = knownNameEnd(tokens, m, end);
      if (next > 0 && !isHeadWord(lower(tokens.get(next - 1)))) {
        return m;
      }
    }
    return -1;
  }

  /** The end of the longest name at {@code start} that the article writes alone, or -1. */
  private int knownNameEnd(List<Token> tokens, int start, int end) {
    for (int q = Math.min(end, start + MAX_NAME_TOKENS); q > start; q--) {
      if ((q == end || nameLike(tokens.get(q)))
          && nameLike(tokens.get(q - 1))
          && evidence().writesAlone(key(tokens, start, q))) {
        return q;
      }
    }
    return -1;
  }

  /** Tokens [start, end) as {@link NameEvidence} keys them. */
  private static String key(List<Token> tokens, int start, int end) {
    StringBuilder key = new StringBuilder();
    for (int k = start; k < end; k++) {
      if (k > start) {
        key.append(' ');
      }
      key.append(lower(tokens.get(k)));
    }
    return key.toString();
  }

  private static boolean isHeadWord(String w) {
    return ORG_WORDS.contains(w) || PLACE_WORDS.contains(w);
  }

  /**
   * How many characters end token k of a run as a possessive that ends a name: 2 for "Syria's" (not
   * for "People's Protection Units", whose stem is an ordinary word), 1 for "Syrias" when the
   * apostrophe was stripped, 0 otherwise. Without the apostrophe, the article must write the stem
   * as a name: alone (al-Assads: Assad), or with the rest of the run (Bashar al-Assads), or, for a
   * run's first word, with a capital anywhere (Syrias; not United States: "State" is written
   * capitalised, but not alone); and neither form an ordinary word (a plural: Forces, Nations), a
   * people (Syrians, Kurds) or a word ending in "ss"; Damascus and Homs keep their s.
   */
  private int possessiveCut(List<Token> tokens, int runStart, int k) {
    String s = tokens.get(k).surface();
    int n = s.length();
    String stripped = MatchKeys.stripPossessive(s);
    if (stripped.length() == n - 2) {
      return isOrdinaryWord(MatchKeys.fold(stripped)) ? 0 : 2;
    }
    if (n < 4 || s.charAt(n - 1) != 's' || !Character.isLetter(s.charAt(n - 2))) {
      return 0;
    }
    String whole = MatchKeys.fold(s);
    String stem = whole.substring(0, whole.length() - 1);
    int hyphen = stem.indexOf('-');
    if (stem.endsWith("s")
        || isOrdinaryWord(whole)
        || isOrdinaryWord(stem)
        || isDemonym(stem)
        || isPeoplePlural(whole)) {
      return 0;
    }
    NameEvidence e = evidence();
    boolean written =
        e.writesAlone(stem)
            || (hyphen > 0 && e.writesAlone(stem.substring(hyphen + 1)))
            || (k == runStart && e.writesCapitalised(stem))
            || (k > runStart && e.writesAlone(key(tokens, runStart, k) + " " + stem));
    return written ? 1 : 0;
  }

  private void emit(
      String text,
      int sentenceIndex,
      List<Token> tokens,
      int start,
      int end,
      int possessiveCut,
      List<ActorText.Name> out) {
    int runEnd = end;
    // A sentence's first word is a name only if the corpus never writes it in lower case.
    if (start == 0
        && !isShortAcronym(tokens.get(start))
        && isOrdinaryWord(lower(tokens.get(start)))) {
      start++;
    }
    while (start < end && (isStopWord(tokens.get(start)) || !nameLike(tokens.get(start)))) {
      start++;
    }
    while (end > start && isStopWord(tokens.get(end - 1))) {
      end--;
    }
    if (start >= end) {
      return;
    }
    boolean titled = false;
    int titleWords = 0;
    // "Turkish Foreign Minister Hakan Fidan": a nationality before a title belongs to the title.
    if (end - start > 2
        && isDemonym(lower(tokens.get(start)))
        && Lexicon.TITLES.contains(lower(tokens.get(start + 1)))) {
      titleWords = 1;
    }
    while (start + titleWords < end
        && Lexicon.TITLES.contains(lower(tokens.get(start + titleWords)))) {
      titleWords++;
    }
    if (titleWords > 0) {
      for (int k = start + titleWords; k < end; k++) {
        if (isConnector(tokens.get(k))) {
          return; // an office ("Assistant Secretary of State"), not a name
        }
      }
      if (!containsAny(tokens, start, end, ORG_WORDS)) { // "General Assembly" keeps its first word
        start += titleWords;
        titled = true;
      }
    }
    if (isNationalityBeforeName(tokens, start, end)) {
      start++; // "Palestinian Yarmuk": the adjective is no part of the name
    }
    while (end > start
        && (CALENDAR.contains(lower(tokens.get(end - 1))) || isConnector(tokens.get(end - 1)))) {
      end--;
    }
    while (start < end
        && (CALENDAR.contains(lower(tokens.get(start))) || isConnector(tokens.get(start)))) {
      start++;
    }
    if (start >= end || end - start > MAX_NAME_TOKENS) {
      return;
    }
    boolean numbered =
        end < tokens.size()
            && NUMBERED.contains(lower(tokens.get(end - 1)))
            && !tokens.get(end).afterPunctuation()
            && tokens.get(end).surface().chars().allMatch(Character::isDigit);
    if (numbered) {
      end++; // "Resolution 2254", a name though "resolution" is an ordinary word
    } else if (allOrdinary(tokens, start, end)) {
      return;
    }
    Token first = tokens.get(start);
    Token last = tokens.get(end - 1);
    int charEnd = last.charEnd() - (end == runEnd && possessiveCut == 1 ? 1 : 0); // Syrias: Syria
    if (last.surface().contains(".")
        && MatchKeys.isAcronym(last.surface())
        && charEnd < text.length()
        && text.charAt(charEnd) == '.') {
      charEnd++; // the tokenizer leaves the last dot of "U.N." out
    }
    String surface = text.substring(first.charStart(), charEnd);
    String normalized = MatchKeys.normalize(surface);
    if (normalized.replace(" ", "").length() < 2) {
      return;
    }
    if (end - start == 1
        && (isDemonymBeforeNoun(tokens, start)
            || isPeoplePlural(lower(first))
            || isDemonym(lower(first))
            || isStopWord(first))) {
      return;
    }
    String type = guessType(tokens, start, end, titled);
    out.add(
        new ActorText.Name(
            sentenceIndex,
            MatchKeys.stripPossessive(surface),
            normalized,
            type,
            first.charStart(),
            first.charStart() + MatchKeys.stripPossessive(surface).length()));
  }

  private String guessType(List<Token> tokens, int start, int end, boolean titled) {
    String head = headType(tokens, start, end);
    if (head != null) {
      return head;
    }
    String before = start > 0 ? lower(tokens.get(start - 1)) : "";
    String after = end < tokens.size() ? lower(tokens.get(end)) : "";
    int words = end - start;
    if (words == 1 && MatchKeys.isAcronym(tokens.get(start).surface())) {
      return "ORGANIZATION";
    }
    if (titled || PERSON_CUES.contains(before)) {
      return "PERSON";
    }
    if (words >= 2
        && words <= 4
        && (Lexicon.SPEECH_VERBS.contains(after)
            || (end < tokens.size()
                && tokens.get(end).afterPunctuation()
                && end + 1 < tokens.size()
                && Set.of("a", "an", "the").contains(after)))) {
      return "PERSON";
    }
    if (PLACE_PREPOSITIONS.contains(before)) {
      return "PLACE";
    }
    return "UNKNOWN";
  }

  /**
   * The type an organisation's or place's head word gives: the last one before a connector
   * ("Damascus Countryside Police Command", "Council of Aleppo Province"), else the last one after
   * it; null without one.
   */
  private static String headType(List<Token> tokens, int start, int end) {
    int connector = start;
    while (connector < end && !isConnector(tokens.get(connector))) {
      connector++;
    }
    String type = lastHeadType(tokens, start, connector);
    return type != null ? type : lastHeadType(tokens, connector, end);
  }

  private static String lastHeadType(List<Token> tokens, int start, int end) {
    for (int k = end - 1; k >= start; k--) {
      String w = lower(tokens.get(k));
      if (ORG_WORDS.contains(w)) {
        return "ORGANIZATION";
      }
      if (PLACE_WORDS.contains(w)) {
        return "PLACE";
      }
    }
    return null;
  }

  /**
   * A headline in title case ("Syrian Army Kills 11 ISIL Terrorists in Deir Ezzor"): every word but
   * function words capitalised, and at least two of them words the corpus writes in lower case (so
   * "Russia Iran Turkey", a list of names, is none).
   */
  private boolean isTitleCase(List<Token> tokens) {
    for (Token t : tokens) {
      String s = t.surface();
      if (!s.isEmpty() && Character.isLowerCase(s.charAt(0))) {
        int hyphen = s.indexOf('-');
        boolean particle = hyphen > 0 && NAME_PREFIXES.contains(s.substring(0, hyphen));
        if (!particle && !isConnector(t) && !isStopWord(t)) { // al-Nusra is a name
          return false;
        }
      }
    }
    int ordinary = 0;
    for (int k = 1; k < tokens.size() && ordinary < 2; k++) {
      String s = tokens.get(k).surface();
      if (!s.isEmpty()
          && Character.isUpperCase(s.charAt(0))
          && !MatchKeys.isAcronym(s)
          && isOrdinaryWord(lower(tokens.get(k)))) {
        ordinary++;
      }
    }
    return ordinary >= 2;
  }

  /** US, IS, HTS: an acronym. FOLLOW, SUBSCRIBE: an ordinary word in capitals. */
  private static boolean isShortAcronym(Token t) {
    return MatchKeys.isAcronym(t.surface()) && t.surface().replace(".", "").length() <= 3;
  }

  /** A stop word, unless written as an acronym: US and IS are names. */
  private boolean isStopWord(Token t) {
    return stopWords.contains(lower(t)) && !MatchKeys.isAcronym(t.surface());
  }

  /**
   * A sentence's first word that is an ordinary word: a stop word, or written in lower case
   * elsewhere.
   */
  private boolean isOrdinaryWord(String w) {
    return stopWords.contains(w)
        || lowercaseWords.contains(w)
        || lowercaseWords.contains(org.parley.text.Lemmas.lemma(w));
  }

  /**
   * Every word of the span is one the corpus also writes in lower case: a headline or menu in title
   * case ("Civilians Killed", "Latest News"), not a name.
   */
  private boolean allOrdinary(List<Token> tokens, int start, int end) {
    for (int k = start; k < end; k++) {
      Token t = tokens.get(k);
      if (!isConnector(t) && (isShortAcronym(t) || !isOrdinaryWord(lower(t)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A nationality adjective shaped as one (Syrian, Lebanese, Turkish) before a name that no
   * organisation's or place's word heads, and that the article writes alone or that qualifies a
   * noun: "Syrian Mi-25 helicopter", "Palestinian Yarmuk camp". "Syrian Democratic Forces" and
   * "Syrian Coalition" keep it.
   */
  private boolean isNationalityBeforeName(List<Token> tokens, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    String first = lower(tokens.get(start));
    return ADJECTIVE_ENDINGS.stream().anyMatch(first::endsWith)
        && Character.isUpperCase(tokens.get(start + 1).surface().charAt(0)) // not Jaish al-Islam
        && nameLike(tokens.get(start + 1))
        && headType(tokens, start + 1, end) == null
        && !allOrdinary(tokens, start + 1, end)
        && (qualifiesNoun(tokens, end) || evidence().writesAlone(key(tokens, start + 1, end)));
  }

  /** A common noun follows the name ("Syrian Mi-25 helicopter", "Palestinian Yarmuk camp"). */
  private boolean qualifiesNoun(List<Token> tokens, int end) {
    if (end >= tokens.size() || tokens.get(end).afterPunctuation()) {
      return false;
    }
    Token next = tokens.get(end);
    return Character.isLowerCase(next.surface().charAt(0))
        && !isStopWord(next)
        && !isConnector(next)
        && !Lexicon.SPEECH_VERBS.contains(lower(next));
  }

  /** Syrians, Iranians, Europeans, Kurds, Saudis: peoples, not names. */
  private static boolean isPeoplePlural(String w) {
    return w.endsWith("ians")
        || w.endsWith("eans")
        || (w.endsWith("s") && DEMONYMS.contains(w.substring(0, w.length() - 1)));
  }

  private static boolean isDemonym(String w) {
    return DEMONYMS.contains(w) || ADJECTIVE_ENDINGS.stream().anyMatch(w::endsWith);
  }

  private static boolean containsAny(List<Token> tokens, int start, int end, Set<String> words) {
    for (int k = start; k < end; k++) {
      if (words.contains(lower(tokens.get(k)))) {
        return true;
      }
    }
    return false;
  }

  /** "Syrian" before "rebels": an adjective of nationality, not a name. */
  private static boolean isDemonymBeforeNoun(List<Token> tokens, int i) {
    String w = lower(tokens.get(i));
    boolean demonymShape = isDemonym(w);
    if (!demonymShape || i + 1 >= tokens.size()) {
      return false;
    }
    Token next = tokens.get(i + 1);
    return !next.afterPunctuation()
        && Character.isLowerCase(next.surface().charAt(0))
        && !Lexicon.SPEECH_VERBS.contains(lower(next));
  }

  /**
   * Capitalised (al-Hariri counts: a name particle before a capital), not a weekday or month, and
   * not an adjective compound (Turkish-backed, US-led). Capitalised stop words count inside a name
   * (Near East) but are trimmed from its ends.
   */
  private boolean nameLike(Token t) {
    String s = t.surface();
    if (t.covered() || s.isEmpty()) {
      return false;
    }
    if (titleCase
        && !MatchKeys.isAcronym(s)
        && !ORG_WORDS.contains(lower(t))
        && isOrdinaryWord(lower(t))) {
      // "Syrian Army Kills 11 ISIL Terrorists in Deir Ezzor": not Kills, not Terrorists; an
      // organisation's head word still heads a name (Source: Syrian Coalition Media Office)
      return false;
    }
    int hyphen = s.indexOf('-');
    if (hyphen > 0 && hyphen < s.length() - 1) {
      if (Character.isLowerCase(s.charAt(hyphen + 1))) {
        return false;
      }
      if (NAME_PREFIXES.contains(s.substring(0, hyphen))
          && Character.isUpperCase(s.charAt(hyphen + 1))) {
        return true;
      }
    }
    char c = s.charAt(0);
    if (!Character.isLetter(c) || !Character.isUpperCase(c)) {
      return false;
    }
    String w = lower(t);
    return s.length() > 1
        && !CALENDAR.contains(w)
        && !(w.endsWith("s") && CALENDAR.contains(w.substring(0, w.length() - 1)));
  }

  /** A lower-case joining word; capitalised, "Abu", "Al", "De" are part of the name. */
  private static boolean isConnector(Token t) {
    return !t.covered()
        && Character.isLowerCase(t.surface().charAt(0))
        && CONNECTORS.contains(t.surface().toLowerCase(Locale.ROOT));
  }

  /** A break between tokens j-1 and j: punctuation, except the dot after an initial ("O."). */
  private static boolean breaksBefore(String text, List<Token> tokens, int j) {
    Token prev = tokens.get(j - 1);
    Token t = tokens.get(j);
    if (t.covered()) {
      return true;
    }
    if (!t.afterPunctuation()) {
      return false;
    }
    String gap = text.substring(prev.charEnd(), t.charStart()).strip();
    return !(gap.equals(".")
        && prev.surface().length() == 1
        && Character.isUpperCase(prev.surface().charAt(0)));
  }

  private static String lower(Token t) {
    return MatchKeys.fold(MatchKeys.stripPossessive(t.surface()));
  }
}
