package dev.routeguide.core.notes;

import dev.routeguide.core.geo.Point;
import java.util.Arrays;

/**
 * A hash table from points to values, one per segment of {@link InMemoryNoteBoard}: open
 * addressing with linear probing over two parallel arrays, the points packed into {@code long}s
 * ({@link #keyOf}) and the values. A lookup compares packed points in one array and reads the
 * value only on a match, where a {@code HashMap} follows a chain of entry, key and value objects.
 * It doubles past half full and never shrinks; a removal shifts the entries after it back, so no
 * tombstones build up. The home slot comes from a full 64-bit mix of the point, unrelated to the
 * board's choice of segment (which is linear in the coordinates: a segment's points on one
 * parallel would otherwise crowd one stretch of its table); points chosen to share a home slot
 * degrade to a scan of them, which the segment's share of the location cap bounds.
 *
 * <p>Not thread-safe: its segment's lock guards it.
 *
 * @param <V> the values' type
 */
final class PointTable<V> {

  /** No valid point packs to it: its latitude would be -2³¹ E7. */
  private static final long EMPTY = Long.MIN_VALUE;

  private static final int MIN_CAPACITY = 16;

  private long[] keys;
  private Object[] values;
  private int size;
  /** 64 minus log2 of the capacity: how far a hash is shifted to give a slot. */
  private int shift;

  PointTable() {
    allocate(MIN_CAPACITY);
  }

  /** Points in the table. */
  int size() {
    return size;
  }

  /** The key of a point: its coordinates packed into one {@code long}, one to one. */
  static long keyOf(Point point) {
    return ((long) point.latitudeE7() << 32) | (point.longitudeE7() & 0xFFFF_FFFFL);
  }

  /** The value for the point with this key, or null if it has none. */
  @SuppressWarnings("unchecked") // only V is ever stored
  V get(long key) {
    int mask = keys.length - 1;
    for (int i = home(key); ; i = (i + 1) & mask) {
      long found = keys[i];
      if (found == key) {
        return (V) values[i];
      }
      if (found == EMPTY) {
        return null;
      }
    }
  }

  /** Adds a value for the point with this key, which the table does not hold. */
  void putNew(long key, V value) {
    assert get(key) == null : "already held: " + key;
    if (size + 1 > keys.length / 2) {
      grow();
    }
    insert(key, value);
    size++;
  }

  /** Removes the point with this key and its value; nothing if the table does not hold it. */
  void remove(long key) {
    int mask = keys.length - 1;
    int hole = home(key);
    while (keys[hole] != key) {
      if (keys[hole] == EMPTY) {
        return;
      }
      hole = (hole + 1) & mask;
    }
    // Backward shift: each later entry of the run that may sit in the hole (its home is not
    // between the hole and itself) moves there, and its own slot becomes the hole.
    for (int i = (hole + 1) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
      if (((i - home(keys[i])) & mask) >= ((i - hole) & mask)) {
        keys[hole] = keys[i];
        values[hole] = values[i];
        hole = i;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = null;
    size--;
  }

  /** The most slots a lookup of a held point reads (the longest probe from a home); for tests. */
  int longestProbe() {
    int mask = keys.length - 1;
    int longest = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        longest = Math.max(longest, ((i - home(keys[i])) & mask) + 1);
      }
    }
    return longest;
  }

  private void insert(long key, Object value) {
    int mask = keys.length - 1;
    int i = home(key);
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        insert(oldKeys[i], oldValues[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    values = new Object[capacity];
    shift = Long.SIZE - Integer.numberOfTrailingZeros(capacity);
  }

  /** The top bits of SplitMix64's finaliser, each of which depends on every bit of the key. */
  private int home(long key) {
    long h = (key ^ (key >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return (int) ((h ^ (h >>> 31)) >>> shift);
  }
}
