package org.parley.corpus;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * When generated articles are published: news is not uniform in time. A steady background over the
 * whole range, plus bursts (a few days to weeks of intense coverage around one event, each tied to
 * a theme so that topics rise and fall), and fewer articles at weekends. The bursts depend on the
 * seed only.
 */
final class PublicationCalendar {
  /** Share of articles that belong to a burst. */
  static final double BURST_SHARE = 0.35;

  /** Share of a burst's articles about the burst's own theme. */
  static final double BURST_THEME_SHARE = 0.6;

  /** Share of weekend articles moved to the Friday before or the Monday after. */
  static final double WEEKEND_DIP = 0.4;

  private static final int DAYS_PER_BURST = 180;

  private final long firstDay;
  private final int days;
  private final int[] burstCentre;
  private final double[] burstWidth;
  private final int[] burstTheme;
  private final AliasTable burstSampler;

  /** A day (offset from the first) and the burst it belongs to, or -1. */
  record Day(int offset, int burst) {}

  PublicationCalendar(long seed, LocalDate start, LocalDate end, int themes) {
    firstDay = start.toEpochDay();
    days = (int) (end.toEpochDay() - firstDay + 1);
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, -1, Seeds.CALENDAR));
    int bursts = days < 30 ? 0 : Math.max(1, Math.min(60, days / DAYS_PER_BURST));
    burstCentre = new int[bursts];
    burstWidth = new double[bursts];
    burstTheme = new int[bursts];
    double[] weights = new double[Math.max(1, bursts)];
    for (int b = 0; b < bursts; b++) {
      burstCentre[b] = random.nextInt(days);
      burstWidth[b] = 1.5 + random.nextDouble() * 12;
      burstTheme[b] = random.nextInt(themes);
      weights[b] = 0.3 + random.nextDouble();
    }
    burstSampler = new AliasTable(bursts == 0 ? new double[] {1} : weights);
  }

  Day draw(SplittableRandom random) {
    int burst = -1;
    int day;
    if (burstCentre.length > 0 && random.nextDouble() < BURST_SHARE) {
      burst = burstSampler.sample(random);
      day = clamp(burstCentre[burst] + (int) Math.round(random.nextGaussian() * burstWidth[burst]));
    } else {
      day = random.nextInt(days);
    }
    DayOfWeek weekday = LocalDate.ofEpochDay(firstDay + day).getDayOfWeek();
    if (random.nextDouble() < WEEKEND_DIP) {
      if (weekday == DayOfWeek.SATURDAY) {
        day = clamp(day - 1);
      } else if (weekday == DayOfWeek.SUNDAY) {
        day = clamp(day + 1);
      }
    }
    return new Day(day, burst);
  }

  /** The theme a burst is about, for {@link #BURST_THEME_SHARE} of its articles. */
  int burstTheme(int burst) {
    return burstTheme[burst];
  }

  /** A day some days after another (a re-post), within the range. */
  int later(int day, int byDays) {
    return clamp(day + byDays);
  }

  LocalDate date(int day) {
    return LocalDate.ofEpochDay(firstDay + day);
  }

  /** yyyy-MM-dd. */
  String iso(int day) {
    return date(day).toString();
  }

  private int clamp(int day) {
    return Math.max(0, Math.min(days - 1, day));
  }
}
