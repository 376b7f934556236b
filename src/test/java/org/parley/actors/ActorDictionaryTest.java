package org.parley.actors;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigException;

/** Validation of the actor dictionary: each problem names the entry, all are reported at once. */
class ActorDictionaryTest {
  private static List<String> problems(String yaml) throws Exception {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ActorDictionary.parse(
                    new ObjectMapper(new YAMLFactory()).readTree(yaml), "actors.yaml"));
    return e.problems();
  }

  @Test
  void aliasClaimedByTwoActorsIsNamed() throws Exception {
    List<String> p =
        problems(
            """
        actors:
          - {id: snc, name: Syrian Negotiation Commission, type: ORGANIZATION, aliases: [SNC]}
          - {id: syrian_national_council, name: Syrian National Council, type: ORGANIZATION, aliases: [S.N.C.]}
        """);
    assertEquals(
        List.of(
            "actors.yaml: alias 'S.N.C.' of actor 'syrian_national_council' is also an alias of actor 'snc'"),
        p);
  }

  @Test
  void unknownTypeMalformedDateAndUnknownFieldAreAllReported() throws Exception {
    List<String> p =
        problems(
            """
        actors:
          - {id: un, name: United Nations, type: INTERGOVERNMENTAL}
          - id: staffan_de_mistura
            name: Staffan de Mistura
            type: PERSON
            affiliations: [{org: un, titles: [UN envoy], from: 2014-13-01, to: 2018-12-31}]
          - {id: x, name: X, type: PERSON, alias: [Y]}
        """);
    assertTrue(
        p.get(0).contains("entry 1 (id 'un'): unknown type 'INTERGOVERNMENTAL'"), p.toString());
    assertTrue(
        p.get(1)
            .contains(
                "(id 'staffan_de_mistura') affiliation 1: 'from' is not a date YYYY-MM-DD: '2014-13-01'"),
        p.toString());
    assertTrue(p.get(2).contains("(id 'x'): unknown field 'alias'"), p.toString());
    assertEquals(3, p.size(), p.toString());
  }

  @Test
  void overlappingTitlesBadIdsAndDanglingOrgs() throws Exception {
    List<String> p =
        problems(
            """
        actors:
          - {id: Bad-Id, name: A, type: PERSON}
          - {id: a, name: A One, type: PERSON, affiliations: [{org: nobody, titles: [UN envoy], from: 2014-01-01, to: 2018-12-31}]}
          - {id: b, name: B Two, type: PERSON, affiliations: [{titles: [U.N. envoy], from: 2018-06-01, to: null}]}
          - {id: a, name: A Three, type: PERSON}
        """);
    String all = String.join("\n", p);
    assertTrue(all.contains("'id' must be lowercase letters, digits and underscores"), all);
    assertTrue(all.contains("id 'a' is used by two entries"), all);
    assertTrue(all.contains("unknown org 'nobody'"), all);
    assertTrue(all.contains("title 'U.N. envoy' is held by 'a' and 'b' at overlapping dates"), all);
  }

  @Test
  void metonymMayOnlyShareANameWithAPlace() throws Exception {
    List<String> p =
        problems(
            """
        actors:
          - {id: syr_gov, name: Syrian government, type: STATE, metonyms: [Assad]}
          - {id: assad, name: Bashar al-Assad, type: PERSON, aliases: [Assad]}
        """);
    assertEquals(
        List.of(
            "actors.yaml: metonym 'Assad' of actor 'syr_gov' is an alias of 'assad', which is not a PLACE"),
        p);
  }

  @Test
  void demonymsAreWordsOrFormsWithOnlyBefore() throws Exception {
    ActorDictionary d =
        ActorDictionary.parse(
            new ObjectMapper(new YAMLFactory())
                .readTree(
                    """
        actors:
          - {id: russia, name: Russia, type: STATE, demonyms: [Russian]}
          - id: syr_gov
            name: Syrian government
            type: STATE
            demonyms: [{form: Syrian, only_before: [troops, state media]}]
        """),
            "actors.yaml");
    assertEquals(
        List.of(new ActorDictionary.Demonym("Russian", List.of())), d.actors().get(0).demonyms());
    assertEquals(
        List.of(new ActorDictionary.Demonym("Syrian", List.of("troops", "state media"))),
        d.actors().get(1).demonyms());
  }

  @Test
  void badDemonymsAreAllReported() throws Exception {
    List<String> p =
        problems(
            """
        actors:
          - {id: russia, name: Russia, type: STATE, demonyms: [Russian, Russian Federation, Turkey]}
          - {id: turkey, name: Turkey, type: STATE, demonyms: [Russian, {form: Turkish, only_before: []}]}
          - {id: iran, name: Iran, type: STATE, demonyms: [{from: Iranian}, [Persian]]}
          - {id: usa, name: United States, type: STATE, demonyms: American}
        """);
    assertEquals(
        List.of(
            "actors.yaml entry 1 (id 'russia'): demonym 'Russian Federation' must be one word",
            "actors.yaml entry 2 (id 'turkey'): demonym 'Turkish' has an empty 'only_before';"
                + " leave it out to match before any word",
            "actors.yaml entry 3 (id 'iran') demonym {\"from\":\"Iranian\"}: unknown field 'from';"
                + " fields are [form, only_before]",
            "actors.yaml entry 3 (id 'iran'): a demonym must be a word or a mapping with 'form'"
                + " (and 'only_before'), got {\"from\":\"Iranian\"}",
            "actors.yaml entry 3 (id 'iran'): a demonym must be a word or a mapping with 'form'"
                + " (and 'only_before'), got [\"Persian\"]",
            "actors.yaml entry 4 (id 'usa'): 'demonyms' must be a list",
            "actors.yaml: demonym 'Turkey' of actor 'russia' is an alias of actor 'turkey'",
            "actors.yaml: demonym 'Russian' belongs to both 'russia' and 'turkey'"),
        p);
  }

  @Test
  void shippedDictionaryIsValidAndCoversTheSeedsNegotiators() {
    ActorDictionary d = ActorDictionary.load("conf/actors.yaml");
    ActorDictionary.Actor snc =
        d.actors().stream().filter(a -> a.id().equals("snc")).findFirst().orElseThrow();
    for (String spelling :
        List.of(
            "Syrian Negotiations Committee",
            "Syrian Negotiating Commission",
            "SNC",
            "High Negotiations Committee")) {
      assertTrue(snc.aliases().contains(spelling) || snc.name().equals(spelling), spelling);
    }
    assertTrue(d.actors().size() >= 150, "starter dictionary has " + d.actors().size() + " actors");
    for (ActorDictionary.Actor a : d.actors()) {
      if (a.type() == ActorDictionary.ActorType.STATE && !a.id().equals("syria")) {
        assertFalse(a.demonyms().isEmpty(), a.id() + " has no demonym");
      }
    }
  }
}
