package org.parley.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publication dates: from a leading {@code date YYYY-MM-DD} marker, from a date line near the top
 * of a text, or from a metadata field. A date is never guessed: what no rule recognises is null.
 */
public final class PublishedDates {
  private PublishedDates() {}

  /** Lines of a text searched for a dateline. */
  static final int HEADER_LINES = 8;

  /** A line this short that holds a date anywhere is a dateline ("Published 02 November, 2017"). */
  static final int SHORT_LINE_CHARS = 80;

  private static final Pattern MARKER =
      Pattern.compile(
          "^\\s*date\\s+(\\d{4})-(\\d{2})-(\\d{2})\\b[ \\t]*", Pattern.CASE_INSENSITIVE);

  private static final Map<String, Integer> MONTHS = months();
  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String WEEKDAY =
      "(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\\.?,?\\s+)?";
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+(\\d{4})\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(
          "\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern LINE_START =
      Pattern.compile("^\\s*" + WEEKDAY, Pattern.CASE_INSENSITIVE);

  /** A date marker at the very start of a text, and the text after it. */
  public record Marker(LocalDate date, String rest) {}

  /** The leading {@code date YYYY-MM-DD} marker, if any (date null when the digits are no date). */
  public static Marker leadingMarker(String text) {
    Matcher m = MARKER.matcher(text);
    if (!m.find()) {
      return null;
    }
    LocalDate date = safeDate(m.group(1), m.group(2), m.group(3));
    return new Marker(date, text.substring(m.end()));
  }

  /**
   * A dateline among the first lines: a line that starts with a date (after an optional weekday),
   * or a short line that holds one.
   */
  public static LocalDate fromHeader(String text) {
    int start = 0;
    for (int line = 0; line < HEADER_LINES && start < text.length(); line++) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String candidate = text.substring(start, end).strip();
      start = end + 1;
      if (candidate.isEmpty()) {
        line--;
        continue;
      }
      LocalDate date = datelineDate(candidate);
      if (date != null) {
        return date;
      }
    }
    return null;
  }

  private static LocalDate datelineDate(String line) {
    Matcher lead = LINE_START.matcher(line);
    int bodyStart = lead.find() ? lead.end() : 0;
    for (Pattern p : List.of(DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO)) {
      Matcher m = p.matcher(line);
      while (m.find()) {
        boolean atStart = m.start() == bodyStart;
        if (atStart || line.length() <= SHORT_LINE_CHARS) {
          LocalDate date = toDate(p, m);
          if (date != null) {
            return date;
          }
        }
      }
    }
    return null;
  }

  private static LocalDate toDate(Pattern p, Matcher m) {
    if (p == DAY_MONTH_YEAR) {
      return safeDate(m.group(3), monthNumber(m.group(2)), m.group(1));
    }
    if (p == MONTH_DAY_YEAR) {
      return safeDate(m.group(3), monthNumber(m.group(1)), m.group(2));
    }
    return safeDate(m.group(1), m.group(2), m.group(3));
  }

  /**
   * A metadata field's date: ISO-8601 date or date-time first (the date as written, not shifted to
   * another zone), then each configured pattern in order.
   */
  public static LocalDate fromField(String value, List<DateTimeFormatter> formats) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    for (DateTimeFormatter iso :
        List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
      try {
        return plausible(LocalDate.from(iso.parse(v)));
      } catch (DateTimeException ignored) {
        // try the next form
      }
    }
    try {
      return plausible(OffsetDateTime.parse(v).toLocalDate());
    } catch (DateTimeParseException ignored) {
      // not an offset date-time
    }
    try {
      return plausible(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
    } catch (DateTimeParseException ignored) {
      // not RFC 1123
    }
    for (DateTimeFormatter f : formats) {
      try {
        return plausible(LocalDate.from(f.parse(v)));
      } catch (DateTimeException ignored) {
        // try the next pattern
      }
    }
    return null;
  }

  /** Compiles configured patterns strictly (no 31 February) and in English. */
  public static List<DateTimeFormatter> formatters(List<String> patterns) {
    List<DateTimeFormatter> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(
          new DateTimeFormatterBuilder()
              .parseCaseInsensitive()
              .appendPattern(p.replace("yyyy", "uuuu"))
              .toFormatter(Locale.ENGLISH)
              .withResolverStyle(ResolverStyle.STRICT));
    }
    return out;
  }

  private static LocalDate safeDate(String year, String month, String day) {
    try {
      return plausible(
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate safeDate(String year, int month, String day) {
    return safeDate(year, Integer.toString(month), day);
  }

  /** Years outside 1800..2200 are typos or ids, not publication dates. */
  private static LocalDate plausible(LocalDate d) {
    return d != null && d.getYear() >= 1800 && d.getYear() <= 2200 ? d : null;
  }

  private static int monthNumber(String name) {
    String key = name.toLowerCase(Locale.ROOT).replace(".", "");
    return MONTHS.getOrDefault(key.length() > 3 ? key.substring(0, 3) : key, 0);
  }

  private static Map<String, Integer> months() {
    String[] names = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], i + 1);
    }
    return Map.copyOf(m);
  }
}
