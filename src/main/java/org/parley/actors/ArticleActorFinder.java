package org.parley.actors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the actors of one article, sentence by sentence in order: dictionary aliases (longest match
 * first), metonyms (unless after a locative: "in Damascus" is the city), titles resolved by the
 * article's date ("the UN envoy" in 2016 is de Mistura), surnames of persons already named in full
 * earlier in the article ("Jamous" after "Badr Jamous"), short forms of organisations named so
 * earlier ("the Observatory", {@link ShortForms}) and, last, demonyms ("Russian warplanes", {@link
 * Demonyms}). Tokens no dictionary entry claims go to name discovery; quotes are attributed last,
 * and a pronoun that speaks a quote becomes a mention of the person it stands for.
 */
public final class ArticleActorFinder {
  /** Name particles that are never a surname on their own. */
  public static final Set<String> PARTICLES =
      Set.of("al", "el", "de", "bin", "ibn", "abu", "van", "von", "der", "la", "du");

  public static final String ALIAS = "alias";
  public static final String SURNAME = "surname";
  public static final String TITLE = "title";
  public static final String METONYM = "metonym";
  public static final String PRONOUN = "pronoun";
  public static final String DEMONYM = "demonym";
  public static final String SHORT_FORM = "short_form";

  /** A dictionary match, or one of a surname registered earlier in the article. */
  private record Candidate(AliasTrie.Match match, boolean surname) {}

  /** A sentence's tokens, as ingest analysed them. */
  public record SentenceTokens(
      int index, int charStart, int charEnd, List<NameFinder.Token> tokens) {}

  private final AliasTrie trie;
  private final NameFinder names;

  public ArticleActorFinder(AliasTrie trie, NameFinder names) {
    this.trie = trie;
    this.names = names;
  }

  public ActorText.ArticleActors find(
      String text, LocalDate published, List<SentenceTokens> sentences) {
    List<ActorText.Mention> mentions = new ArrayList<>();
    List<ActorText.Name> found = new ArrayList<>();
    List<ActorText.SentenceSpan> spans = new ArrayList<>();
    AliasTrie.Local surnames = new AliasTrie.Local();
    ShortForms shortForms = new ShortForms();
    for (SentenceTokens sentence : sentences) {
      spans.add(
          new ActorText.SentenceSpan(sentence.index(), sentence.charStart(), sentence.charEnd()));
      List<MatchKeys.Part> parts = new ArrayList<>();
      List<Integer> tokenOfPart = new ArrayList<>();
      for (int t = 0; t < sentence.tokens().size(); t++) {
        NameFinder.Token token = sentence.tokens().get(t);
        for (MatchKeys.Part p : MatchKeys.tokenParts(token.surface(), token.charStart())) {
          parts.add(p);
          tokenOfPart.add(t);
        }
      }
      boolean[] coveredTokens = new boolean[sentence.tokens().size()];
      int i = 0;
      while (i < parts.size()) {
        // Longest first; a longer match that cannot resolve here (a title in an undated article)
        // gives way to a shorter one ("U.N." in "U.N. envoy").
        List<Candidate> candidates = new ArrayList<>();
        for (AliasTrie.Match m : trie.matchesAt(parts, i)) {
          candidates.add(new Candidate(m, false));
        }
        if (isCapitalised(text, parts.get(i))) {
          for (AliasTrie.Match m : surnames.matchesAt(parts, i)) {
            candidates.add(new Candidate(m, true));
          }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.match().end()).reversed());
        AliasTrie.Match match = null;
        ActorText.Mention mention = null;
        for (Candidate c : candidates) {
          mention =
              resolve(
                  text, published, sentence.index(), parts, tokenOfPart, c.match(), c.surname());
          if (mention != null) {
            match = c.match();
            break;
          }
        }
        if (mention == null) {
          mention = shortForms.resolve(text, sentence.index(), parts, tokenOfPart, i);
          match = mention == null ? null : new AliasTrie.Match(i, i + 1, List.of());
        }
        if (mention == null) {
          i++;
          continue;
        }
        ActorText.Mention previous = mentions.isEmpty() ? null : mentions.get(mentions.size() - 1);
        if (previous != null
            && TITLE.equals(previous.method())
            && previous.actorId().equals(mention.actorId())
            && text.substring(previous.charEnd(), mention.charStart()).isBlank()) {
          mentions.remove(mentions.size() - 1); // "Syrian President Bashar al-Assad" names him once
        }
        mentions.add(mention);
        if (ALIAS.equals(mention.method())) {
          if ("PERSON".equals(mention.actorType())) {
            registerSurnames(parts, match, mention, surnames);
          } else {
            shortForms.register(text, parts, match.start(), match.end(), mention);
          }
        }
        for (int k = match.start(); k < match.end(); k++) {
          coveredTokens[tokenOfPart.get(k)] = true;
        }
        i = match.end();
      }
      List<NameFinder.Token> forNames = new ArrayList<>(sentence.tokens().size());
      for (int t = 0; t < sentence.tokens().size(); t++) {
        NameFinder.Token token = sentence.tokens().get(t);
        forNames.add(
            new NameFinder.Token(
                token.surface(),
                token.charStart(),
                token.charEnd(),
                token.afterPunctuation(),
                coveredTokens[t]));
      }
      found.addAll(names.find(text, sentence.index(), forNames));
    }
    List<ActorText.Quote> quotes = QuoteAttribution.find(text, spans, mentions, found);
    for (ActorText.Quote q : quotes) {
      if (QuoteAttribution.PRONOUN.equals(q.attribution())
          && q.speakerActorId() != null
          && q.speakerCharStart() >= 0) {
        ActorText.Mention speaker = mentionOf(mentions, q.speakerActorId());
        mentions.add(
            new ActorText.Mention(
                sentenceAt(spans, q.speakerCharStart()),
                q.speakerActorId(),
                speaker == null ? "PERSON" : speaker.actorType(),
                q.speakerSurface(),
                q.speakerCharStart(),
                q.speakerCharEnd(),
                PRONOUN));
      }
    }
    mentions.sort(Comparator.comparingInt(ActorText.Mention::charStart));
    return new ActorText.ArticleActors(mentions, found, quotes);
  }

  private ActorText.Mention resolve(
      String text,
      LocalDate published,
      int sentenceIndex,
      List<MatchKeys.Part> parts,
      List<Integer> tokenOfPart,
      AliasTrie.Match match,
      boolean fromSurnames) {
    AliasTrie.Entry alias = null;
    AliasTrie.Entry metonym = null;
    AliasTrie.Entry title = null;
    AliasTrie.Entry demonym = null;
    for (AliasTrie.Entry e : match.entries()) {
      switch (e.kind()) {
        case ALIAS -> alias = e;
        case METONYM -> metonym = e;
        case TITLE -> {
          if (published != null
              && !published.isBefore(e.from())
              && (e.to() == null || !published.isAfter(e.to()))) {
            title = e;
          }
        }
        case DEMONYM -> demonym = e;
      }
    }
    AliasTrie.Entry chosen;
    String method;
    boolean afterLocative =
        match.start() > 0 && NameWords.LOCATIVES.contains(parts.get(match.start() - 1).key());
    if (metonym != null && !afterLocative) {
      chosen = metonym;
      method = METONYM;
    } else if (alias != null) {
      chosen = alias;
      method = fromSurnames ? SURNAME : ALIAS;
    } else if (title != null) {
      chosen = title;
      method = TITLE;
    } else if (demonym != null && Demonyms.namesActor(text, parts, tokenOfPart, match, demonym)) {
      chosen = demonym;
      method = DEMONYM;
    } else {
      return null;
    }
    int start = parts.get(match.start()).charStart();
    int end = parts.get(match.end() - 1).charEnd() - match.trimEnd();
    return new ActorText.Mention(
        sentenceIndex,
        chosen.actorId(),
        chosen.actorType(),
        text.substring(start, end),
        start,
        end,
        method);
  }

  /** After "Badr Jamous": "Jamous"; after "Nasr al-Hariri": "al-Hariri" and "Hariri". */
  private static void registerSurnames(
      List<MatchKeys.Part> parts,
      AliasTrie.Match match,
      ActorText.Mention mention,
      AliasTrie.Local surnames) {
    int n = match.end() - match.start();
    if (n < 2) {
      return;
    }
    List<String> rest = new ArrayList<>();
    for (int k = match.start() + 1; k < match.end(); k++) {
      rest.add(parts.get(k).key());
    }
    if (!PARTICLES.contains(rest.get(0)) || rest.size() > 1) {
      surnames.add(rest, mention.actorId(), mention.actorType());
    }
    String last = rest.get(rest.size() - 1);
    if (rest.size() > 1 && !PARTICLES.contains(last) && last.length() > 2) {
      surnames.add(List.of(last), mention.actorId(), mention.actorType());
    }
  }

  private static boolean isCapitalised(String text, MatchKeys.Part p) {
    return Character.isUpperCase(text.charAt(p.charStart()));
  }

  private static ActorText.Mention mentionOf(List<ActorText.Mention> mentions, String actorId) {
    for (ActorText.Mention m : mentions) {
      if (m.actorId().equals(actorId)) {
        return m;
      }
    }
    return null;
  }

  private static int sentenceAt(List<ActorText.SentenceSpan> spans, int offset) {
    for (ActorText.SentenceSpan s : spans) {
      if (offset >= s.charStart() && offset < s.charEnd()) {
        return s.index();
      }
    }
    return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).index();
  }
}
