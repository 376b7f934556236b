package org.parley.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Canonical article text and the article id derived from it. */
class ArticleTextTest {

  @Test
  void sameTextWithOtherWhitespaceAndCaseHasTheSameId() {
    String a = "The Syrian opposition rejected the talks.\n\nGeneva, Switzerland.";
    String b = "  THE syrian   Opposition rejected\tthe talks. \r\n Geneva,\u00A0switzerland. ";
    assertEquals(ArticleText.articleId(a), ArticleText.articleId(b));
    assertEquals(16, ArticleText.articleId(a).length());
    assertTrue(ArticleText.articleId(a).matches("[0-9a-f]{16}"));
  }

  @Test
  void compatibilityFormsShareAnId() {
    // "ﬁ" (U+FB01) is the compatibility ligature of "fi"; full-width digits fold to ASCII.
    assertEquals(ArticleText.articleId("ceasefire 2254"), ArticleText.articleId("ceaseﬁre ２２５４"));
  }

  @Test
  void differentWordsHaveDifferentIds() {
    assertNotEquals(
        ArticleText.articleId("The talks failed."), ArticleText.articleId("The talks worked."));
  }

  @Test
  void cleanNormalisesLineEndsAndDropsControlCharacters() {
    assertEquals("a\nb\nc\td", ArticleText.clean("  a\r\nb\rc\u0007\td\u0000 \n"));
    assertEquals("é", ArticleText.clean("e\u0301"), "NFC");
    assertEquals("x\ny", ArticleText.clean("x\u2028y"));
  }

  @Test
  void excerptIsOneLineAndBounded() {
    assertEquals("ab cd…", ArticleText.excerpt("ab\ncdefgh", 5));
    assertEquals("a·b", ArticleText.excerpt("a\u0001b", 10));
    assertEquals("ab..c", ArticleText.byteExcerpt(new byte[] {'a', 'b', 0, (byte) 0xff, 'c'}, 10));
  }
}
