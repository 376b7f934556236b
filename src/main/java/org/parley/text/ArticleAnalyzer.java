package org.parley.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits an article into sentences (OpenNLP's English sentence model, with every line break a
 * boundary too) and each sentence into tokens (Lucene's Unicode word-break tokenizer, UAX #29),
 * with character offsets into the article text and a term for each token. Not thread-safe: make one
 * per task; the model behind it loads once per executor.
 */
public final class ArticleAnalyzer {
  /** The model inside org.apache.opennlp:opennlp-models-sentdetect-en:1.3.0. */
  static final String SENTENCE_MODEL_RESOURCE = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

  private final SentenceDetectorME sentenceDetector;
  private final StandardTokenizer tokenizer = new StandardTokenizer();
  private final OffsetAttribute offsetAttribute = tokenizer.addAttribute(OffsetAttribute.class);
  private final TermRules termRules;
  private final int maxSentenceChars;

  public record Token(
      String surface, String term, int charStart, int charEnd, boolean afterPunctuation) {}

  public record Sentence(int index, int charStart, int charEnd, String text, List<Token> tokens) {}

  public ArticleAnalyzer(TextOptions options) {
    this.sentenceDetector = new SentenceDetectorME(ModelHolder.SENTENCE_MODEL);
    this.termRules = new TermRules(options.extraStopWords());
    this.maxSentenceChars = options.maxSentenceChars();
  }

  /** Loaded on first use in each JVM (driver or executor), then shared. */
  private static final class ModelHolder {
    static final SentenceModel SENTENCE_MODEL = load();

    private static SentenceModel load() {
      try (InputStream in = ArticleAnalyzer.class.getResourceAsStream(SENTENCE_MODEL_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "OpenNLP sentence model "
                  + SENTENCE_MODEL_RESOURCE
                  + " is not on the classpath (opennlp-models-sentdetect-en)");
        }
        return new SentenceModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public List<Sentence> analyze(String text) {
    List<Sentence> sentences = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      if (lineEnd > lineStart) {
        String line = text.substring(lineStart, lineEnd);
        Span[] spans = sentenceDetector.sentPosDetect(line);
        int k = 0;
        while (k < spans.length) {
          int start = spans[k].getStart();
          int end = spans[k].getEnd();
          // The model splits after a middle initial ("Geir O. Pedersen"); such a split is undone.
          while (k + 1 < spans.length && endsWithInitial(line, start, end)) {
            end = spans[++k].getEnd();
          }
          addCapped(text, lineStart + start, lineStart + end, sentences);
          k++;
        }
      }
      lineStart = lineEnd + 1;
    }
    return sentences;
  }

  /** A span ending in " X." with X a single capital letter. */
  static boolean endsWithInitial(String line, int start, int end) {
    return end - start >= 3
        && line.charAt(end - 1) == '.'
        && Character.isUpperCase(line.charAt(end - 2))
        && Character.isWhitespace(line.charAt(end - 3));
  }

  /** Number of sentences OpenNLP finds, line by line, without tokenising (for benchmarks). */
  int sentenceCount(String text) {
    int n = 0;
    for (String line : text.split("\n")) {
      n += sentenceDetector.sentPosDetect(line).length;
    }
    return n;
  }

  /** Adds a sentence, cut at whitespace into pieces of at most maxSentenceChars. */
  private void addCapped(String text, int start, int end, List<Sentence> out) {
    while (end - start > maxSentenceChars) {
      int cut = start + maxSentenceChars;
      while (cut > start && !Character.isWhitespace(text.charAt(cut))) {
        cut--;
      }
      if (cut == start) {
        cut = start + maxSentenceChars;
      }
      add(text, start, cut, out);
      start = cut;
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    add(text, start, end, out);
  }

  private void add(String text, int start, int end, List<Sentence> out) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end <= start) {
      return;
    }
    String sentence = text.substring(start, end);
    out.add(new Sentence(out.size(), start, end, sentence, tokens(sentence, start)));
  }

  /** Tokens of one sentence; words joined by a hyphen (al-Assad, de-escalation) stay one token. */
  List<Token> tokens(String sentence, int offset) {
    List<int[]> spans = new ArrayList<>();
    try {
      tokenizer.setReader(new StringReader(sentence));
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        int s = offsetAttribute.startOffset();
        int e = offsetAttribute.endOffset();
        int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (last != null && s == last[1] + 1 && isHyphen(sentence.charAt(last[1]))) {
          last[1] = e;
        } else {
          spans.add(new int[] {s, e});
        }
      }
      tokenizer.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        tokenizer.close();
      } catch (IOException ignored) {
        // closing a StringReader cannot fail
      }
    }
    List<Token> tokens = new ArrayList<>(spans.size());
    int previousEnd = 0;
    for (int i = 0; i < spans.size(); i++) {
      int s = spans.get(i)[0];
      int e = spans.get(i)[1];
      String surface = sentence.substring(s, e);
      boolean afterPunctuation = i == 0 || !sentence.substring(previousEnd, s).isBlank();
      tokens.add(
          new Token(
              surface, termRules.term(surface, i == 0), offset + s, offset + e, afterPunctuation));
      previousEnd = e;
    }
    return tokens;
  }

  private static boolean isHyphen(char c) {
    return c == '-' || c == '\u2010' || c == '\u2011';
  }
}
