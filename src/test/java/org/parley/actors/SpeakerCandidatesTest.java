package org.parley.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;
import org.parley.actors.SpeakerCandidates.Candidate;

class SpeakerCandidatesTest {
  private static final String TEXT =
      "In Damascus, Badr Jamous met Ahmed Ramadan. “Ask Pedersen,” the SNC said. " + "Jamous left.";

  @Test
  void mentionsAndUnknownNamesAreCandidatesButPlacesAreNot() {
    SpeakerCandidates c = candidates();
    assertNull(c.covering(TEXT.indexOf("Damascus")), "a PLACE is never a speaker");
    Candidate jamous = c.covering(TEXT.indexOf("Jamous") + 2);
    assertEquals("badr_jamous", jamous.actorId());
    assertEquals("Badr Jamous", jamous.surface());
    assertEquals("actor:badr_jamous", jamous.key());
    Candidate ramadan = c.covering(TEXT.indexOf("Ramadan"));
    assertNull(ramadan.actorId(), "an unknown name has no actor");
    assertEquals("name:ahmed ramadan", ramadan.key());
    assertTrue(ramadan.person());
    assertFalse(c.covering(TEXT.indexOf("SNC")).person());
    assertNull(c.covering(TEXT.indexOf(" met")));
  }

  @Test
  void aNameOverlappingAMentionGivesWayToTheMention() {
    SpeakerCandidates c = candidates();
    Candidate jamous = c.covering(TEXT.indexOf("Badr"));
    assertEquals("badr_jamous", jamous.actorId(), "the name 'Badr Jamous' overlaps the mention");
  }

  @Test
  void pronounAntecedentsArePersonsOutsideQuotations() {
    SpeakerCandidates c = candidates();
    int said = TEXT.indexOf("said");
    // Pedersen is named inside the quotation, the SNC is no person: the last person is Ramadan.
    assertEquals("Ahmed Ramadan", c.lastPersonBefore(said).surface());
    assertNull(c.lastPersonBefore(TEXT.indexOf("Badr")));
    assertEquals("Jamous", c.lastPersonBefore(TEXT.length()).surface());
  }

  @Test
  void anotherPersonBetweenIgnoresTheSameSpeaker() {
    SpeakerCandidates c = candidates();
    int from = TEXT.indexOf("Badr");
    int to = TEXT.indexOf("Ahmed");
    assertFalse(c.otherPersonBetween(from, to, "actor:badr_jamous"));
    assertTrue(c.otherPersonBetween(from, TEXT.length(), "actor:badr_jamous"), "Ramadan");
    assertFalse(
        c.otherPersonBetween(TEXT.indexOf("“"), TEXT.indexOf("left"), "actor:badr_jamous"),
        "Pedersen is inside the quotation, Jamous is the speaker himself");
    assertTrue(c.otherPersonBetween(TEXT.indexOf("“"), TEXT.length(), null));
  }

  private static SpeakerCandidates candidates() {
    List<Mention> mentions =
        List.of(
            mention("Damascus", "damascus", "PLACE", 0),
            mention("Badr Jamous", "badr_jamous", "PERSON", 0),
            mention("Pedersen", "geir_pedersen", "PERSON", 0),
            mention("SNC", "snc", "ORGANIZATION", 0),
            mention("Jamous", "badr_jamous", "PERSON", TEXT.indexOf("Jamous left")));
    List<Name> names = List.of(name("Badr Jamous", "PERSON"), name("Ahmed Ramadan", "PERSON"));
    return new SpeakerCandidates(
        mentions, names, new TextCursor(TEXT, QuoteMarks.scan(TEXT), null));
  }

  private static Mention mention(String surface, String id, String type, int from) {
    int at = TEXT.indexOf(surface, from);
    return new Mention(0, id, type, surface, at, at + surface.length(), "alias");
  }

  private static Name name(String surface, String type) {
    int at = TEXT.indexOf(surface);
    return new Name(0, surface, surface.toLowerCase(), type, at, at + surface.length());
  }
}
