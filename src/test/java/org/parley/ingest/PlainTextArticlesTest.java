package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

/** One .txt file, one article: optional date marker, optional title line, then the text. */
class PlainTextArticlesTest {
  private static final IngestOptions OPTIONS = IngestOptions.from(ParleyConfig.defaults());

  @Test
  void titles() {
    assertTrue(
        PlainTextArticles.isTitle(
            "Syria opposition rejects Russia-hosted peace conference calling it 'a joke'"));
    assertTrue(PlainTextArticles.isTitle("A frustrated UN"));
    assertFalse(PlainTextArticles.isTitle("Syria"), "one word");
    assertFalse(PlainTextArticles.isTitle(""));
    assertFalse(
        PlainTextArticles.isTitle("The talks ended without agreement."), "ends like a sentence");
    assertFalse(PlainTextArticles.isTitle("What happens next?"));
    assertFalse(
        PlainTextArticles.isTitle("He said the talks had failed.\""), "quote hides a period");
    assertFalse(PlainTextArticles.isTitle("He said: “it failed.”"));
    assertFalse(
        PlainTextArticles.isTitle("word ".repeat(50).strip()), "longer than 200 characters");
    assertFalse(PlainTextArticles.isTitle("02 November, 2017"), "a dateline");
    assertFalse(PlainTextArticles.isTitle("Thursday, November 2, 2017"), "a dateline");
  }

  @Test
  void firstLineThatIsADatelineGivesTheDateNotTheTitle() {
    IngestRecord.Article a =
        PlainTextArticles.parse(
                "d.txt",
                "02 November, 2017\nSyria talks resume in Geneva today.\n"
                    .getBytes(StandardCharsets.UTF_8),
                OPTIONS)
            .get(0)
            .article();
    assertNull(a.title());
    assertEquals(LocalDate.of(2017, 11, 2), a.publishedDate());
    assertEquals(PlainTextArticles.DATE_FROM_HEADER, a.dateSource());
    assertEquals("02 November, 2017\nSyria talks resume in Geneva today.", a.text());
  }

  @Test
  void titleLineIsSplitOffAndDatelineRead() {
    String file =
        "Syria opposition rejects peace conference\n\n"
            + "Moscow's proposal was announced in Astana.\n02 November, 2017\nMore text follows here.\n";
    List<IngestRecord> records =
        PlainTextArticles.parse("file:/in/a.txt", file.getBytes(StandardCharsets.UTF_8), OPTIONS);

    assertEquals(1, records.size());
    IngestRecord.Article a = records.get(0).article();
    assertEquals("Syria opposition rejects peace conference", a.title());
    assertTrue(a.text().startsWith("Moscow's proposal"), a.text());
    assertEquals(LocalDate.of(2017, 11, 2), a.publishedDate());
    assertEquals(PlainTextArticles.DATE_FROM_HEADER, a.dateSource());
    assertEquals("file", records.get(0).locator());
  }

  @Test
  void leadingMarkerIsRemovedFromTheText() {
    String file = " date 2024-11-14 Ahmed Tohmeh called on Russia to act.\r\n\r\nSecond paragraph.";
    IngestRecord.Article a =
        PlainTextArticles.parse("b.txt", file.getBytes(StandardCharsets.UTF_8), OPTIONS)
            .get(0)
            .article();

    assertEquals(LocalDate.of(2024, 11, 14), a.publishedDate());
    assertEquals(PlainTextArticles.DATE_FROM_MARKER, a.dateSource());
    assertEquals("Ahmed Tohmeh called on Russia to act.\n\nSecond paragraph.", a.text());
    assertNull(a.title(), "the first line ends with a period");
  }

  @Test
  void undatedArticleHasNoDateSource() {
    IngestRecord.Article a =
        PlainTextArticles.parse(
                "c.txt",
                "Just a sentence about Syria.\nAnother one.".getBytes(StandardCharsets.UTF_8),
                OPTIONS)
            .get(0)
            .article();
    assertNull(a.publishedDate());
    assertNull(a.dateSource());
  }
}
