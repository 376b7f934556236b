package org.parley.actors;

import java.util.List;
import java.util.Set;

/**
 * The word lists name discovery ({@link NameFinder}) judges capitalised runs by: joining words,
 * calendar words, organisation and place head words, nationality adjectives, name particles, and
 * the words around a name that tell its type. Shared with the actor finder (locatives) and short
 * forms (organisation words).
 */
final class NameWords {
  private NameWords() {}

  static final Set<String> CONNECTORS =
      Set.of(
          "of", "for", "the", "de", "del", "della", "al", "el", "bin", "ibn", "abu", "van", "von",
          "der", "den", "la", "le", "du", "da", "di", "y", "on");
  static final Set<String> CALENDAR =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "jan",
          "feb",
          "mar",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "gmt",
          "utc");

  /** Names that take a number: Resolution 2254, Article 7. */
  static final Set<String> NUMBERED =
      Set.of("resolution", "article", "chapter", "protocol", "decree", "law");

  /** Longer capitalised runs are menus, headlines or lists, not names. */
  static final int MAX_NAME_TOKENS = 8;

  /** Endings of nationality adjectives: Syrian, Korean, Lebanese, Kurdish (never -stan). */
  static final List<String> ADJECTIVE_ENDINGS = List.of("ian", "ean", "ese", "ish");

  static final Set<String> ORG_WORDS =
      Set.of(
          "committee",
          "commission",
          "council",
          "coalition",
          "organization",
          "organisation",
          "ministry",
          "agency",
          "army",
          "forces",
          "force",
          "front",
          "party",
          "union",
          "league",
          "observatory",
          "bureau",
          "department",
          "office",
          "group",
          "brigade",
          "brigades",
          "battalion",
          "movement",
          "association",
          "institute",
          "university",
          "bank",
          "company",
          "corporation",
          "news",
          "times",
          "post",
          "network",
          "platform",
          "government",
          "assembly",
          "court",
          "crescent",
          "cross",
          "helmets",
          "fund",
          "programme",
          "program",
          "authority",
          "administration",
          "parliament",
          "congress",
          "foundation",
          "center",
          "centre",
          "watch",
          "international",
          "tv",
          "channel",
          "radio",
          "press",
          "daily",
          "monitor",
          "guard",
          "guards",
          "militia",
          "regiment",
          // offices and units: Aleppo Police Command, US Central Command, Military Council
          "command",
          "police",
          "directorate",
          "headquarters",
          "unit",
          "units",
          "division",
          "corps",
          "service",
          "services",
          "secretariat");
  static final Set<String> PLACE_WORDS =
      Set.of(
          "province",
          "city",
          "governorate",
          "region",
          "district",
          "valley",
          "mountains",
          "mountain",
          "river",
          "airport",
          "airbase",
          "base",
          "camp",
          "crossing",
          "square",
          "street",
          "countryside",
          "village",
          "town",
          "border",
          "sea",
          "gulf",
          "desert",
          "island",
          "heights",
          "plain",
          "neighbourhood",
          "neighborhood",
          "quarter",
          "suburb");

  /** Prepositions after which an unknown name is probably a place. */
  static final Set<String> PLACE_PREPOSITIONS =
      Set.of("in", "at", "near", "outside", "inside", "around", "across");

  /** Nationality adjectives whose shape does not give them away (Syrian, Kurdish, Lebanese do). */
  static final Set<String> DEMONYMS =
      Set.of(
          "arab",
          "french",
          "dutch",
          "greek",
          "swiss",
          "kazakh",
          "uzbek",
          "czech",
          "thai",
          "kurd",
          "turk",
          "welsh",
          "irish",
          "british",
          "danish",
          "saudi",
          "iraqi",
          "israeli",
          "afghan",
          "pakistani",
          "yemeni",
          "qatari",
          "emirati",
          "omani",
          "kuwaiti",
          "bahraini",
          "somali",
          "western",
          "eastern",
          "northern",
          "southern",
          "islamist",
          "islamic",
          "shiite",
          "shia",
          "sunni",
          "alawite",
          "druze",
          "jihadist",
          "salafist");

  /** Lower-case particles that start a name in hyphenated form: al-Hariri, el-Sisi, bin-Laden. */
  static final Set<String> NAME_PREFIXES =
      Set.of("al", "el", "ad", "as", "ash", "an", "ar", "az", "at", "bin", "ibn", "abu", "bani");

  static final Set<String> LOCATIVES =
      Set.of(
          "in",
          "at",
          "near",
          "from",
          "outside",
          "around",
          "across",
          "into",
          "towards",
          "toward",
          "inside",
          "through",
          "throughout",
          "via",
          "to",
          "within");
  static final Set<String> PERSON_CUES =
      Set.of(
          "spokesman",
          "spokeswoman",
          "spokesperson",
          "envoy",
          "president",
          "minister",
          "leader",
          "commander",
          "chief",
          "ambassador",
          "secretary",
          "director",
          "general",
          "mr",
          "mrs",
          "ms",
          "dr",
          "colonel",
          "governor",
          "activist",
          "analyst",
          "journalist",
          "correspondent",
          "researcher",
          "head",
          "mayor",
          "cleric",
          "negotiator",
          "king",
          "prince",
          "sheikh");
}
