package org.parley.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Furniture found in and cut from real FA-KES text (sputnik, alaraby, trt, etilaf pages). */
class FurnitureTest {
  private final ArticleAnalyzer analyzer = new ArticleAnalyzer(new TextOptions(2000, List.of()));

  private static final String SPUTNIK =
      "But he said that would require a new agreement between the government and the United"
          + " Nations and that the conditions for such a delegation would need to be studied. ..."
          + " 11 Tags Bashar al-Assad chemical weapons Angela Kane Damascus Community"
          + " standardsDiscussion Comment via FacebookComment via Sputnik News";

  private static final String ALARABY =
      "The Sawaiq al-Rahman Brigade has announced it has killed several Nusra Front fighters as"
          + " clashes between opposition groups continue. Tags Syria Free Syrian Army opposition"
          + " groups Sawaiq al-Rahman brigade al-Nusra Front Idlib The Sawaiq al-Rahman brigade"
          + " announced on Monday that it had killed six Nusra Front fighters.";

  private static final String ETILAF =
      "The Syrian Coalition condemned the attack on Saraqib. (Source: Syrian Coalition) Twitter";

  private static final Furniture LEARNED =
      new Furniture(
          List.of(
              new Furniture.Entry(
                  "sputnik", Furniture.SUFFIX, "comment via facebookcomment via sputnik news"),
              new Furniture.Entry("alaraby", Furniture.PREFIX, "tags"),
              new Furniture.Entry("etilaf", Furniture.SENTENCE, "source syrian coalition twitter"),
              new Furniture.Entry(null, Furniture.SENTENCE, "follow us on instagram")));

  private List<ArticleAnalyzer.Sentence> clean(String text, String source) {
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(text);
    return Furniture.cut(text, sentences, LEARNED.find(source, sentences));
  }

  @Test
  void aFurnitureEndWithoutProseBeforeItTakesTheWholeBlock() {
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(SPUTNIK);
    List<Furniture.Span> spans = LEARNED.find("sputnik", sentences);
    assertEquals(1, spans.size());
    String removed = SPUTNIK.substring(spans.get(0).charStart(), spans.get(0).charEnd());
    assertTrue(removed.startsWith("... 11 Tags Bashar al-Assad"), removed);
    assertTrue(removed.endsWith("via Sputnik News"), removed);
    List<ArticleAnalyzer.Sentence> kept = Furniture.cut(SPUTNIK, sentences, spans);
    assertEquals(1, kept.size());
    assertTrue(kept.get(0).text().endsWith("would need to be studied."));
    assertEquals(SPUTNIK.length() - kept.get(0).text().length() - 1, Furniture.chars(spans));
  }

  @Test
  void aFurnitureStartIsTrimmedAndOffsetsStillPointIntoTheOriginal() {
    List<ArticleAnalyzer.Sentence> kept = clean(ALARABY, "alaraby");
    assertEquals(2, kept.size());
    ArticleAnalyzer.Sentence second = kept.get(1);
    assertEquals(1, second.index());
    assertTrue(second.text().startsWith("Syria Free Syrian Army"), second.text());
    assertEquals(second.text(), ALARABY.substring(second.charStart(), second.charEnd()));
    assertEquals("Syria", second.tokens().get(0).surface());
    assertEquals(ALARABY.indexOf("Syria Free"), second.tokens().get(0).charStart());
  }

  @Test
  void furnitureIsPerSourceAndCorpusWideSentencesApplyToEvery() {
    assertEquals(2, clean(ALARABY, "jordantimes").size(), "another source keeps its Tags");
    assertEquals(2, clean(ALARABY, null).size());
    List<ArticleAnalyzer.Sentence> etilaf = clean(ETILAF, "etilaf");
    assertEquals(1, etilaf.size());
    assertEquals("The Syrian Coalition condemned the attack on Saraqib.", etilaf.get(0).text());
    String trt = "Rebels advanced into Aleppo. Follow us on Instagram.";
    assertEquals(1, clean(trt, "trt").size());
    assertEquals(1, clean(trt, null).size());
  }

  @Test
  void menusAndLinksAreFurnitureWithoutLearning() {
    assertTrue(
        Furniture.isLinkLike(
            "Related News Iraqs vote violations | The global gag rule | Slovenian elections"));
    assertTrue(Furniture.isLinkLike("Read the report at https://www.hrw.org/report/2017/syria"));
    assertFalse(Furniture.isLinkLike("The Observatory said 25 people were killed in Idlib."));
    assertTrue(Furniture.none().find("sputnik", analyzer.analyze(SPUTNIK)).isEmpty());
  }

  @Test
  void keysIgnoreDigitsCaseAndADateRunIntoAWord() {
    assertEquals("00.00.0000", Furniture.key("21.08.2013"));
    assertEquals("get", Furniture.key("01.10.2017Get"));
    assertEquals("subscribe", Furniture.key("SUBSCRIBE"));
    assertEquals("al-assad", Furniture.key("al-Assad"));
  }

  @Test
  void cuttingByStoredSpansGivesTheSameSentencesAgain() {
    List<ArticleAnalyzer.Sentence> sentences = analyzer.analyze(ALARABY);
    List<Furniture.Span> spans = LEARNED.find("alaraby", sentences);
    List<ArticleAnalyzer.Sentence> once = Furniture.cut(ALARABY, sentences, spans);
    assertEquals(once, Furniture.cut(ALARABY, analyzer.analyze(ALARABY), spans));
    assertEquals(once, Furniture.cut(ALARABY, once, spans));
  }
}
