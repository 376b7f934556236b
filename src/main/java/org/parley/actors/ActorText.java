package org.parley.actors;

import java.util.List;

/**
 * The per-article values the actor stage works with: sentences, resolved mentions, unknown names
 * and quotes. Offsets are character offsets into {@code articles.text}, end exclusive.
 */
public final class ActorText {
  private ActorText() {}

  /** A sentence of the article. */
  public record SentenceSpan(int index, int charStart, int charEnd) {}

  /**
   * A mention resolved to a dictionary actor.
   *
   * @param actorType PERSON, ORGANIZATION, STATE, IGO, MEDIA, PLACE or EVENT
   * @param method how it was resolved: alias, surname, title, metonym, pronoun
   */
  public record Mention(
      int sentenceIndex,
      String actorId,
      String actorType,
      String surface,
      int charStart,
      int charEnd,
      String method) {}

  /**
   * A proper-noun span the dictionary does not know.
   *
   * @param guessedType PERSON, ORGANIZATION, PLACE or UNKNOWN
   */
  public record Name(
      int sentenceIndex,
      String surface,
      String normalized,
      String guessedType,
      int charStart,
      int charEnd) {}

  /**
   * A direct quotation and, where the text says so, its speaker.
   *
   * @param speakerActorId the dictionary actor who spoke, or null
   * @param speakerSurface the words naming the speaker in the text ("Jamous", "he"), or null
   * @param speakerCharStart offset of the speaker's words, or -1
   * @param attribution how the speaker was found (see {@link QuoteAttribution}), or "none"
   */
  public record Quote(
      int quoteIndex,
      String speakerActorId,
      String speakerSurface,
      int speakerCharStart,
      int speakerCharEnd,
      String attribution,
      String quoteText,
      int charStart,
      int charEnd) {}

  /** Everything found in one article. */
  public record ArticleActors(List<Mention> mentions, List<Name> names, List<Quote> quotes) {}
}
