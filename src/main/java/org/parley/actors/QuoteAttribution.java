package org.parley.actors;

import java.util.List;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;
import org.parley.actors.ActorText.Quote;
import org.parley.actors.ActorText.SentenceSpan;

/**
 * Direct quotations in an article and, where the text says so, who spoke them. The work is done by
 * {@link QuoteMarks} (finding the quotations), {@link TextCursor} (moving over words and sentences
 * around them), {@link SpeakerCandidates} (who could speak, where) and {@link AttributionRules}
 * (who did); speech verbs and titles come from {@link Lexicon}, shared with {@link NameFinder}.
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
 * id null), or the pronoun he/she. A speech verb is one of {@link Lexicon#SPEECH_VERBS} in lower
 * case, not passive ("was announced" is no attribution). The first rule that finds a speaker wins:
 *
 * <ol>
 *   <li>an attribution tag right after the closing mark: {@code "…," said X}, {@code "…," X said},
 *       {@code "…," spokesman X said}, {@code "…," according to X}. A speaker-first tag must be set
 *       off by punctuation, by the quote opening its sentence or by ending the sentence ({@code "…"
 *       he said.} in corpora stripped of commas), so in {@code the "peace plan" Russia said it
 *       backs} the verb is not a tag. After a quote that ends its own sentence (. ? ! inside the
 *       marks) only a complete tag counts ({@code "Why?" X asked.}), so {@code "We won." Leaf said
 *       the talks failed} does not name the speaker;
 *   <li>in the same sentence before the opening mark, the last speech verb with a subject: {@code X
 *       said: "…"}, {@code As X concluded, "…"}, {@code X, head of Y, said the regime "…"}, {@code
 *       The head of Y, X, said "…"}, {@code According to X, "…"}; a participle ({@code remarking
 *       that "…"}, {@code adding "…"}) takes the sentence's subject;
 *   <li>later in the same sentence, a trailing clause after a comma: {@code "…" with …, U.N. envoy
 *       X told reporters} or {@code … "…" to end …, Mr. X said.};
 *   <li>continuation: in the same paragraph (or multi-paragraph quotation), after an attributed
 *       quote with no other person named in between, a quote that opens its sentence or follows an
 *       unresolved speech verb ("The source revealed that …") has the same speaker, unless it has a
 *       tag of its own naming no candidate ({@code "…" the activist said}).
 * </ol>
 *
 * <p>A pronoun resolves to the most recent PERSON mention or name before it, outside quotations (a
 * dictionary mention covering the pronoun itself wins). The speaker's surface and offsets are the
 * pronoun's.
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
 * <p>Work per quote is bounded by {@link AttributionRules#MAX_REACH}, so an article costs time
 * linear in its length.
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

  /**
   * The quotations of {@code text} in order, each with its speaker or {@link #NONE}.
   *
   * @param sentences the article's sentences, or null
   * @param mentions dictionary mentions, or null
   * @param names unknown names, or null
   */
  public static List<Quote> find(
      String text, List<SentenceSpan> sentences, List<Mention> mentions, List<Name> names) {
    List<QuoteMarks.Quotation> quotations = QuoteMarks.scan(text);
    if (quotations.isEmpty()) {
      return List.of();
    }
    TextCursor cursor = new TextCursor(text, quotations, sentences);
    SpeakerCandidates candidates = new SpeakerCandidates(mentions, names, cursor);
    return new AttributionRules(cursor, quotations, candidates).attribute();
  }

  static boolean isDoubleMark(char c) {
    return QuoteMarks.isDoubleMark(c);
  }
}
