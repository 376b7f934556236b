package org.parley.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Word lists shipped as class-path resources: lower-cased words, several a line, '#' comments. Stop
 * words and the actor stage's lexicon are kept this way so that a word is added by editing a text
 * file, not code.
 */
public final class WordLists {
  private WordLists() {}

  /** The words of the resource (an absolute class-path name); a missing resource is a bug. */
  public static Set<String> load(String resource) {
    Set<String> words = new HashSet<>();
    try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          for (String w : line.split("\\s+")) {
            words.add(w.toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
    return Set.copyOf(words);
  }
}
