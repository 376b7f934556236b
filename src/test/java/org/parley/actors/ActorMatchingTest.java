package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.text.ArticleAnalyzer;
import org.parley.text.TermRules;
import org.parley.text.TextOptions;

/** Alias matching, resolution methods and offsets on small hand-made articles. */
class ActorMatchingTest {
  private static final String DICTIONARY =
      """
      actors:
        - {id: snc, name: Syrian Negotiations Committee, type: ORGANIZATION, aliases: [SNC, High Negotiations Committee]}
        - {id: syria, name: Syria, type: STATE}
        - {id: usa, name: United States, type: STATE, aliases: [US, U.S.]}
        - {id: turkey, name: Türkiye, type: STATE, aliases: [Turkey], metonyms: [Ankara]}
        - {id: ankara, name: Ankara, type: PLACE}
        - {id: badr_jamous, name: Badr Jamous, type: PERSON}
        - {id: nasr_al_hariri, name: Nasr al-Hariri, type: PERSON}
        - {id: bashar_al_assad, name: Bashar al-Assad, type: PERSON, aliases: [Assad]}
        - id: staffan_de_mistura
          name: Staffan de Mistura
          type: PERSON
          affiliations: [{titles: [UN envoy], from: 2014-07-10, to: 2018-12-31}]
        - id: geir_pedersen
          name: Geir O. Pedersen
          type: PERSON
          affiliations: [{titles: [UN envoy], from: 2019-01-07, to: null}]
        - {id: un, name: United Nations, type: IGO, aliases: [UN]}
      """;

  private static ActorText.ArticleActors find(String text, LocalDate date) throws Exception {
    ActorDictionary dictionary =
        ActorDictionary.parse(new ObjectMapper(new YAMLFactory()).readTree(DICTIONARY), "test");
    ArticleActorFinder finder =
        new ArticleActorFinder(
            AliasTrie.of(dictionary),
            new NameFinder(TermRules.builtInStopWords(), Set.of("talks", "the")));
    List<ArticleActorFinder.SentenceTokens> sentences =
        ActorTransforms.sentenceTokens(
            new ArticleAnalyzer(new TextOptions(2000, List.of())).analyze(text));
    return finder.find(text, date, sentences);
  }

  private static List<String> ids(ActorText.ArticleActors found) {
    return found.mentions().stream()
        .map(m -> m.actorId() + "/" + m.method() + "/" + m.surface())
        .toList();
  }

  @Test
  void longestMatchWinsAndOffsetsSliceTheSurface() throws Exception {
    String text =
        "The Syrian Negotiations Committee met in Geneva. The SNC said Syria would attend.";
    ActorText.ArticleActors found = find(text, null);
    assertEquals(
        List.of("snc/alias/Syrian Negotiations Committee", "snc/alias/SNC", "syria/alias/Syria"),
        ids(found));
    for (ActorText.Mention m : found.mentions()) {
      assertEquals(m.surface(), text.substring(m.charStart(), m.charEnd()));
    }
  }

  @Test
  void caseAndDiacriticsAndHyphensAreIgnored() throws Exception {
    ActorText.ArticleActors found =
        find("TURKIYE and turkey and Türkiye met nasr al hariri.", null);
    assertEquals(
        List.of(
            "turkey/alias/TURKIYE",
            "turkey/alias/turkey",
            "turkey/alias/Türkiye",
            "nasr_al_hariri/alias/nasr al hariri"),
        ids(found));
  }

  @Test
  void acronymAliasesMatchOnlyCapitals() throws Exception {
    ActorText.ArticleActors found =
        find("Let us talk, said the US envoy, and the U.S. agreed.", null);
    assertEquals(List.of("usa/alias/US", "usa/alias/U.S"), ids(found));
  }

  @Test
  void surnameAfterTheFullNameResolvesToThePerson() throws Exception {
    String text =
        "Badr Jamous spoke first.\nLater, Jamous said more. Mr. al-Hariri agreed with Nasr al-Hariri. Hariri left.";
    List<String> got = ids(find(text, null));
    assertEquals(
        List.of(
            "badr_jamous/alias/Badr Jamous",
            "badr_jamous/surname/Jamous",
            "nasr_al_hariri/alias/Nasr al-Hariri",
            "nasr_al_hariri/surname/Hariri"),
        got,
        "a surname before the full name is not resolved; after it, it is");
  }

  @Test
  void titlesResolveByTheArticleDate() throws Exception {
    assertEquals(
        List.of("staffan_de_mistura/title/UN envoy"),
        ids(find("The UN envoy arrived.", LocalDate.of(2016, 3, 1))));
    assertEquals(
        List.of("geir_pedersen/title/UN envoy"),
        ids(find("The UN envoy arrived.", LocalDate.of(2021, 3, 1))));
    // Undated: the title names nobody, but the shorter alias inside it still counts.
    assertEquals(List.of("un/alias/UN"), ids(find("The UN envoy arrived.", null)));
  }

  @Test
  void metonymsStandForTheActorExceptAfterALocative() throws Exception {
    assertEquals(
        List.of("turkey/metonym/Ankara", "ankara/alias/Ankara"),
        ids(find("Ankara rejected the plan at talks in Ankara.", null)));
  }

  @Test
  void apostropheLessPossessivesStillMatch() throws Exception {
    assertEquals(
        List.of("bashar_al_assad/alias/Assad", "bashar_al_assad/alias/Assad"),
        ids(find("Assads forces and Assad’s allies.", null)));
  }

  @Test
  void acronymsWithALowerCaseSMatchTheAcronym() throws Exception {
    // Scraped text drops apostrophes ("the SNCs delegation") and writes plurals ("UNs").
    assertEquals(
        List.of("snc/alias/SNC", "un/alias/UN"),
        ids(find("The SNCs delegation met the UNs envoys.", null)));
  }

  @Test
  void unknownNamesBecomeCandidatesWithTheirType() throws Exception {
    ActorText.ArticleActors found =
        find(
            "On Tuesday, spokesman Ahmed Ramadan said the Syrian Observatory for Human Rights counted 40 dead in Jobar.",
            null);
    List<String> names =
        found.names().stream().map(n -> n.surface() + "/" + n.guessedType()).toList();
    assertEquals(
        List.of(
            "Ahmed Ramadan/PERSON",
            "Syrian Observatory for Human Rights/ORGANIZATION",
            "Jobar/PLACE"),
        names);
  }
}
