package org.parley.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.parley.actors.ActorText.Mention;
import org.parley.actors.ActorText.Name;

/**
 * Who in an article could be a quote's speaker, and where: dictionary {@link Mention}s (any type
 * but PLACE and EVENT; they give the actor id) and unknown {@link Name}s that overlap no mention
 * (any type but PLACE; actor id null). Kept sorted and non-overlapping, so the candidate at an
 * offset and the last person before one are binary searches. PERSON candidates outside quotations
 * are the antecedents of he/she.
 */
final class SpeakerCandidates {
  /**
   * A possible speaker at [start, end).
   *
   * @param key an identity for comparing speakers: "actor:" + id, or "name:" + normalized name
   */
  record Candidate(
      int start, int end, String actorId, String surface, boolean person, String key) {}

  private static final Comparator<Candidate> ORDER =
      Comparator.comparingInt(Candidate::start)
          .thenComparing(Comparator.comparingInt(Candidate::end).reversed());

  /** Sorted and non-overlapping. */
  private final Candidate[] candidates;

  /** PERSON candidates outside quotations: antecedents for pronouns, blockers for continuation. */
  private final Candidate[] persons;

  SpeakerCandidates(List<Mention> mentions, List<Name> names, TextCursor cursor) {
    this.candidates = candidates(mentions, names);
    this.persons =
        Arrays.stream(candidates)
            .filter(c -> c.person() && cursor.quotationContaining(c.start()) < 0)
            .toArray(Candidate[]::new);
  }

  private static Candidate[] candidates(List<Mention> mentions, List<Name> names) {
    List<Candidate> fromMentions = new ArrayList<>();
    for (Mention m : mentions == null ? List.<Mention>of() : mentions) {
      if (!"PLACE".equals(m.actorType()) && !"EVENT".equals(m.actorType())) {
        fromMentions.add(
            new Candidate(
                m.charStart(),
                m.charEnd(),
                m.actorId(),
                m.surface(),
                "PERSON".equals(m.actorType()),
                "actor:" + m.actorId()));
      }
    }
    List<Candidate> kept = nonOverlapping(fromMentions);
    List<Candidate> all = new ArrayList<>(kept);
    for (Name n : names == null ? List.<Name>of() : names) {
      if (!"PLACE".equals(n.guessedType()) && !overlapsAny(kept, n.charStart(), n.charEnd())) {
        String key = n.normalized() != null ? n.normalized() : n.surface().toLowerCase(Locale.ROOT);
        all.add(
            new Candidate(
                n.charStart(),
                n.charEnd(),
                null,
                n.surface(),
                "PERSON".equals(n.guessedType()),
                "name:" + key));
      }
    }
    return nonOverlapping(all).toArray(Candidate[]::new);
  }

  /** Sorted; of overlapping candidates the earlier (then longer) one stays. */
  private static List<Candidate> nonOverlapping(List<Candidate> in) {
    in.sort(ORDER);
    List<Candidate> out = new ArrayList<>(in.size());
    int lastEnd = Integer.MIN_VALUE;
    for (Candidate c : in) {
      if (c.start() >= lastEnd && c.end() > c.start()) {
        out.add(c);
        lastEnd = c.end();
      }
    }
    return out;
  }

  private static boolean overlapsAny(List<Candidate> sorted, int start, int end) {
    int k = TextCursor.lastAtOrBefore(sorted, Candidate::start, end - 1);
    return k >= 0 && sorted.get(k).end() > start;
  }

  /** The candidate covering {@code pos}, if any. */
  Candidate covering(int pos) {
    int lo = 0;
    int hi = candidates.length - 1;
    Candidate found = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (candidates[mid].start() <= pos) {
        found = candidates[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found != null && found.end() > pos ? found : null;
  }

  /** The most recent person ending at or before {@code pos}, outside quotations, or null. */
  Candidate lastPersonBefore(int pos) {
    int lo = 0;
    int hi = persons.length - 1;
    Candidate found = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (persons[mid].end() <= pos) {
        found = persons[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Whether a person other than {@code key} (any person when null) starts in [from, to). */
  boolean otherPersonBetween(int from, int to, String key) {
    int lo = 0;
    int hi = persons.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (persons[mid].start() < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int k = lo; k < persons.length && persons[k].start() < to; k++) {
      if (key == null || !key.equals(persons[k].key())) {
        return true;
      }
    }
    return false;
  }
}
