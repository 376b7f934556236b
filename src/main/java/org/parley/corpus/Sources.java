package org.parley.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The invented outlets generated articles come from ({@value #RESOURCE}), popular by Zipf's law:
 * the outlet of rank r publishes in proportion to 1/r, as a few wires and big papers dominate real
 * news feeds.
 */
final class Sources {
  static final String RESOURCE = "/corpus/sources.txt";

  final String[] names;
  final String[] domains;
  private final AliasTable popularity;

  private Sources(List<String[]> outlets) {
    names = outlets.stream().map(o -> o[0]).toArray(String[]::new);
    domains = outlets.stream().map(o -> o[1]).toArray(String[]::new);
    double[] weights = new double[names.length];
    for (int r = 0; r < weights.length; r++) {
      weights[r] = 1.0 / (r + 1);
    }
    popularity = new AliasTable(weights);
  }

  private static final class BuiltIn {
    static final Sources SOURCES = load();
  }

  static Sources builtIn() {
    return BuiltIn.SOURCES;
  }

  int pick(double uniform) {
    return popularity.sample(uniform);
  }

  private static Sources load() {
    try (InputStream in = Sources.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Source list missing from the jar: " + RESOURCE);
      }
      List<String[]> outlets = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          outlets.add(line.split("\t"));
        }
      }
      return new Sources(outlets);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
