package org.parley.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Surface → term: lemmas, acronyms, possessives, stop words, proper nouns, numbers. */
class TermRulesTest {
  private final TermRules rules = new TermRules(List.of());

  private String mid(String surface) {
    return rules.term(surface, false);
  }

  @Test
  void lemmas() {
    assertEquals("talk", Lemmas.lemma("talks"));
    assertEquals("negotiation", Lemmas.lemma("negotiations"));
    assertEquals("country", Lemmas.lemma("countries"));
    assertEquals("political", Lemmas.lemma("political"), "a derivation is not an inflection");
    assertEquals("kill", Lemmas.lemma("killed"));
    assertEquals("force", Lemmas.lemma("forces"));
    assertEquals("news", Lemmas.lemma("news"));
    assertEquals("crisis", Lemmas.lemma("crisis"));
    assertEquals("de-escalation", Lemmas.lemma("de-escalations"), "last part of a compound");
  }

  @Test
  void termsOfOrdinaryWordsAreLemmas() {
    assertEquals("talk", mid("talks"));
    assertEquals("negotiation", mid("negotiations"));
    assertEquals("country", mid("countries"));
    assertEquals("political", mid("political"));
    assertEquals("talk", rules.term("Talks", true), "capital at the sentence start says nothing");
  }

  @Test
  void acronymsKeptWhole() {
    assertEquals("un", mid("U.N."));
    assertEquals("un", mid("UN"));
    assertEquals("us", mid("US"), "an acronym is no stop word");
    assertEquals("hnc", rules.term("HNC", true));
  }

  @Test
  void possessivesDropped() {
    assertEquals("assad", mid("Assad's"));
    assertEquals("assad", mid("Assad’s"));
    assertEquals("russia", mid("Russia's"));
    assertEquals(
        "syrians", mid("Syrians'"), "plural possessive; a capitalised word stays as written");
    assertEquals("regime", rules.term("regime's", false));
  }

  @Test
  void stopWordsAndNonWordsAreNoTerms() {
    assertNull(mid("the"));
    assertNull(rules.term("The", true));
    assertNull(mid("said"));
    assertNull(mid("Mr"));
    assertNull(mid("it's"));
    assertNull(mid("a"));
    assertNull(mid("x"), "a lone letter");
    assertNull(mid("'s"));
    assertNull(mid("—"));
  }

  @Test
  void extraStopWords() {
    TermRules custom = new TermRules(List.of("Syria", " regime "));
    assertNull(custom.term("Syria", false));
    assertNull(custom.term("regime", false));
    assertEquals("opposition", custom.term("opposition", false));
  }

  @Test
  void capitalisedWordsInsideASentenceAreKeptAsWritten() {
    assertEquals("united", mid("United"), "not lemmatised to 'unite'");
    assertEquals("nations", mid("Nations"), "not singularised");
    assertEquals("al-assad", mid("al-Assad"));
  }

  @Test
  void numbersAreKeptAsNumericTerms() {
    assertEquals("2254", mid("2254"));
    assertEquals("350,000", mid("350,000"));
    assertEquals("22nd", mid("22nd"));
    assertEquals("1990s", mid("1990s"));
    assertTrue(TermRules.isNumeric("2254"));
    assertTrue(TermRules.isNumeric("22nd"));
    assertTrue(TermRules.isNumeric("2011-2017"));
    assertFalse(TermRules.isNumeric("f-16"));
    assertFalse(TermRules.isNumeric("talk"));
  }
}
