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

  static final double MAX_LOAD = 0.75;

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
