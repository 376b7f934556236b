package org.parley.terms;

import java.io.Serializable;

/**
 * A fixed set of longs to broadcast and probe once per candidate: open addressing with linear
 * probing, at most half full, so a lookup is one or two reads where a binary search over 100k
 * hashes is seventeen. The values are expected to be well mixed already (as {@link PhraseHash}'s
 * are): their low bits pick the slot.
 */
public final class LongHashSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 0 marks an empty slot; whether 0 itself is in the set is kept apart. */
  private final long[] slots;

  private final int mask;
  private final boolean hasZero;

  private LongHashSet(long[] slots, boolean hasZero) {
    this.slots = slots;
    this.mask = slots.length - 1;
    this.hasZero = hasZero;
  }

  public static LongHashSet of(long[] values) {
    long[] slots = new long[Math.max(2, Integer.highestOneBit(Math.max(1, values.length)) << 2)];
    int mask = slots.length - 1;
    boolean hasZero = false;
    for (long v : values) {
      if (v == 0) {
        hasZero = true;
        continue;
      }
      int i = (int) v & mask;
      while (slots[i] != 0 && slots[i] != v) {
        i = (i + 1) & mask;
      }
      slots[i] = v;
    }
    return new LongHashSet(slots, hasZero);
  }

  public boolean contains(long v) {
    if (v == 0) {
      return hasZero;
    }
    for (int i = (int) v & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == v) {
        return true;
      }
      if (s == 0) {
        return false;
      }
    }
  }
}
