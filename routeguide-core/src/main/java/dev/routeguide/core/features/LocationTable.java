package dev.routeguide.core.features;

/**
 * The exact-location index: an open-addressing hash table with linear probing from a point to the
 * index of its feature, one int per slot, filled to at most {@link #MAX_LOAD}.
 *
 * <p>The table stores no coordinates: a slot holds the feature's index + 1 in its low bits (0 marks
 * an empty slot) and, in the bits the index does not need, a fingerprint of the point's hash, so a
 * probe reads the coordinates only when the fingerprint matches. The slot count need not be a power
 * of two: the home slot is the hash scaled onto the table ({@code hash × slots >>> 32}).
 * Lookups allocate nothing.
 */
final class LocationTable {

  /**
   * At 0.6, a missing point's probe run averages 3.6 slots (8.5 at 0.75), so it crosses into a
   * second cache line, a read that waits for the first, less than half as often; for 1.3 more
   * bytes per feature (BENCHMARKS.md, "Follow-ups of 2026-12-03").
   */
  static final double MAX_LOAD = 0.6;

  /** Points whose home slots {@link #countPresent} reads ahead at once: enough misses in flight. */
  static final int BLOCK = 32;

  private final int[] slots;
  private final int indexBits;
  private final int indexMask;

  private LocationTable(int capacity, int size) {
    slots = new int[capacity];
    indexBits = 32 - Integer.numberOfLeadingZeros(size);
    indexMask = (int) ((1L << indexBits) - 1);
  }

  /**
   * Indexes the points of {@code coordinates} (interleaved latitude, longitude pairs); of several
   * points at the same location, the one with the smallest {@code inputIndex} wins.
   *
   * <p>Points are inserted in array order, so the coordinates are read sequentially and only the
   * slots are written at random: the inserts are independent of each other, and the processor
   * overlaps their cache misses.
   *
   * @param inputIndex for each point, its position in the input; used only to break ties
   */
  static LocationTable build(int[] coordinates, int[] inputIndex) {
    int size = inputIndex.length;
    LocationTable table = new LocationTable(Math.max(1, (int) Math.ceil(size / MAX_LOAD)), size);
    for (int index = 0; index < size; index++) {
      table.insert(coordinates, inputIndex, index);
    }
    return table;
  }

  private void insert(int[] coordinates, int[] inputIndex, int index) {
    int lat = coordinates[2 * index];
    int lon = coordinates[2 * index + 1];
    long hash = hash(lat, lon);
    int fingerprint = fingerprint(hash);
    int slot = home(hash);
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        slots[slot] = fingerprint | (index + 1);
        return;
      }
      if (matches(entry, fingerprint, coordinates, lat, lon)) {
        int held = (entry & indexMask) - 1;
        if (inputIndex[index] < inputIndex[held]) {
          slots[slot] = fingerprint | (index + 1);
        }
        return;
      }
      slot = slot + 1 == slots.length ? 0 : slot + 1;
    }
  }

  /** The index of the point at exactly these coordinates, or -1. */
  int indexOf(int[] coordinates, int lat, int lon) {
    long hash = hash(lat, lon);
    int fingerprint = fingerprint(hash);
    int slot = home(hash);
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      if (matches(entry, fingerprint, coordinates, lat, lon)) {
        return (entry & indexMask) - 1;
      }
      slot = slot + 1 == slots.length ? 0 : slot + 1;
    }
  }

  /**
   * How many of the first {@code count} points of {@code points} (interleaved latitude, longitude
   * pairs) are in the table, each counted as often as it occurs: the same answer as {@link #indexOf}
   * for every point, with the cache misses of a block of points overlapped.
   *
   * <p>For each block of {@link #BLOCK} points, a first loop reads every point's home slot; those
   * loads do not depend on each other, so the processor has them in flight together instead of
   * waiting for one miss after the other. The second loop then resolves each point from its home
   * slot, now in cache, and reads the coordinates only on a fingerprint match (again independent
   * from one point to the next). Allocates nothing.
   */
  int countPresent(int[] coordinates, int[] points, int count) {
    int present = 0;
    for (int start = 0; start < count; start += BLOCK) {
      int end = Math.min(count, start + BLOCK);
      int occupied = 0;
      for (int i = start; i < end; i++) {
        occupied |= slots[home(hash(points[2 * i], points[2 * i + 1]))];
      }
      if (occupied == 0) {
        continue; // every home slot empty: none of the block is in the table
      }
      for (int i = start; i < end; i++) {
        if (indexOf(coordinates, points[2 * i], points[2 * i + 1]) >= 0) {
          present++;
        }
      }
    }
    return present;
  }

  private boolean matches(int entry, int fingerprint, int[] coordinates, int lat, int lon) {
    if ((entry & ~indexMask) != fingerprint) {
      return false;
    }
    int index = (entry & indexMask) - 1;
    return coordinates[2 * index] == lat && coordinates[2 * index + 1] == lon;
  }

  private static long hash(int lat, int lon) {
    // The finaliser of MurmurHash3: every output bit depends on every input bit.
    long h = ((long) lat << 32) | (lon & 0xFFFF_FFFFL);
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    return h ^ (h >>> 33);
  }

  private int home(long hash) {
    return (int) (((hash >>> 32) * slots.length) >>> 32);
  }

  private int fingerprint(long hash) {
    return (int) hash & ~indexMask;
  }

  /** Bytes held, the array header included. */
  long footprintBytes() {
    return 16L + 4L * slots.length;
  }
}
