package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates from a leading marker, a dateline near the top, or a metadata field; never guessed. */
class PublishedDatesTest {

  @Test
  void leadingMarkerGivesTheDateAndTheRestOfTheText() {
    PublishedDates.Marker m =
        PublishedDates.leadingMarker(" date 2024-03-01 The United Nations must act.");
    assertNotNull(m);
    assertEquals(LocalDate.of(2024, 3, 1), m.date());
    assertEquals("The United Nations must act.", m.rest());
  }

  @Test
  void markerIsOnlyTakenAtTheStart() {
    assertNull(PublishedDates.leadingMarker("The talks began on date 2024-03-01 in Geneva."));
  }

  @Test
  void markerWithAnImpossibleDateHasNoDate() {
    PublishedDates.Marker m = PublishedDates.leadingMarker("date 2017-02-30 Text.");
    assertNotNull(m, "the marker is still recognised and removed");
    assertNull(m.date());
    assertEquals("Text.", m.rest());
  }

  @Test
  void dayMonthYearOnAShortLineNearTheTop() {
    String text =
        "Moscow's proposal was announced at the end of the latest round of talks.\n"
            + "3 min read\n"
            + "02 November, 2017\n"
            + "Recent talks in Kazakhstan have focused on de-escalation zones.";
    assertEquals(LocalDate.of(2017, 11, 2), PublishedDates.fromHeader(text));
  }

  @Test
  void monthDayYear() {
    assertEquals(
        LocalDate.of(2017, 11, 2), PublishedDates.fromHeader("November 2, 2017\nSome text."));
    assertEquals(
        LocalDate.of(2017, 11, 2),
        PublishedDates.fromHeader("Published Thursday, Nov. 2nd, 2017\nSome text."));
  }

  @Test
  void datelineWithWeekdayAtTheStartOfALongLine() {
    String line =
        "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a "
            + "suspected chemical attack in Syria appeared to show symptoms consistent with a nerve agent.";
    assertEquals(LocalDate.of(2017, 4, 5), PublishedDates.fromHeader(line));
  }

  @Test
  void dateInsideALongLineIsNotADateline() {
    String line =
        "The opposition said on Tuesday that the talks which ended on 02 November, 2017 had "
            + "achieved nothing at all for the people of Syria or for anyone else.";
    assertNull(PublishedDates.fromHeader(line));
  }

  @Test
  void dateDeepInTheBodyIsNotTaken() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(" of the article says nothing about when it appeared.\n");
    }
    text.append("02 November, 2017\n");
    assertNull(PublishedDates.fromHeader(text.toString()));
  }

  @Test
  void blankLinesDoNotCountTowardsTheHeader() {
    String text = "a\n\n\n\n\nb\n\n\n\n\nc\n\n\n\nd\n\n\n\n\n02 November, 2017\nbody";
    assertEquals(LocalDate.of(2017, 11, 2), PublishedDates.fromHeader(text));
  }

  @Test
  void invalidDatesAreNull() {
    assertNull(PublishedDates.fromHeader("30 February, 2017\nbody"));
    assertNull(PublishedDates.fromHeader("2017-02-30\nbody"));
    assertNull(PublishedDates.fromField("2017-02-30", List.of()));
    assertNull(
        PublishedDates.fromField("2/30/2017", PublishedDates.formatters(List.of("M/d/yyyy"))));
  }

  @Test
  void fieldFormats() {
    var mdy = PublishedDates.formatters(List.of("M/d/yyyy"));
    assertEquals(LocalDate.of(2017, 4, 5), PublishedDates.fromField("4/5/2017", mdy));
    assertEquals(LocalDate.of(2017, 12, 25), PublishedDates.fromField(" 12/25/2017 ", mdy));
    assertNull(PublishedDates.fromField("4/5/2017", List.of()), "no pattern, no guess");
    assertNull(PublishedDates.fromField("", mdy));
    assertNull(PublishedDates.fromField(null, mdy));
    assertNull(PublishedDates.fromField("sometime in spring", mdy));
  }

  @Test
  void isoFieldsKeepTheDateAsWritten() {
    assertEquals(LocalDate.of(2017, 4, 5), PublishedDates.fromField("2017-04-05", List.of()));
    assertEquals(
        LocalDate.of(2017, 4, 5), PublishedDates.fromField("2017-04-05T23:30:00", List.of()));
    assertEquals(
        LocalDate.of(2017, 4, 5), PublishedDates.fromField("2017-04-05T23:30:00-08:00", List.of()));
    assertEquals(
        LocalDate.of(2017, 4, 5),
        PublishedDates.fromField("Wed, 5 Apr 2017 10:00:00 GMT", List.of()));
  }

  @Test
  void implausibleYearsAreNull() {
    assertNull(PublishedDates.fromField("0017-04-05", List.of()));
    assertNull(PublishedDates.fromHeader("date line 9999-01-01\nbody"));
  }
}
