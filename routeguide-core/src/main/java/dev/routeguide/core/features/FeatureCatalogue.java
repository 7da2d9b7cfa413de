package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An immutable, indexed set of named features: exact lookup by point and queries by rectangle.
 *
 * <p>Only named features are kept; entries with an empty name mark places without a feature (see
 * {@link Feature}) and are dropped when the catalogue is built. When several named features share
 * a location, all of them are returned by {@link #featuresWithin}, and {@link #featureAt} answers
 * with the first of them in input order, as a linear scan would.
 *
 * <p><b>Indexing.</b> Exact lookup goes through an open-addressing hash table keyed by the packed
 * E7 coordinates: O(1), no allocation. Rectangle queries use a static k-d tree laid out in flat
 * arrays (the median-split layout of KDBush): building costs O(n log n) once, and a query visits
 * O(√n + k) entries for k results whatever the rectangle, with no per-result allocation beyond the
 * returned feature. A k-d tree was chosen over a uniform grid because it adapts to clustered data
 * (real features crowd into cities) and over an R-tree because points need no bounding boxes.
 * Results are produced lazily, so a query matching millions of features can be streamed without
 * materialising a list.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1.0
 */
public final class FeatureCatalogue {

  private static final int LEAF_SIZE = 64;
  private static final FeatureCatalogue EMPTY = new FeatureCatalogue(List.of());

  private final List<Feature> features;

  // k-d tree, in flat arrays reordered by the median splits.
  private final int[] latitudes;
  private final int[] longitudes;
  private final Feature[] treeOrder;

  // Exact-location table: open addressing with linear probing; slot value is index + 1 into
  // `features`, 0 for an empty slot.
  private final long[] slotKeys;
  private final int[] slotIndexes;
  private final int slotMask;

  private FeatureCatalogue(List<Feature> named) {
    this.features = Collections.unmodifiableList(named);
    int n = named.size();
    latitudes = new int[n];
    longitudes = new int[n];
    treeOrder = named.toArray(new Feature[0]);
    for (int i = 0; i < n; i++) {
      latitudes[i] = treeOrder[i].location().latitudeE7();
      longitudes[i] = treeOrder[i].location().longitudeE7();
    }
    buildTree(0, n - 1, 0);

    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    slotKeys = new long[capacity];
    slotIndexes = new int[capacity];
    slotMask = capacity - 1;
    for (int i = 0; i < n; i++) {
      long key = key(named.get(i).location());
      int slot = slotOf(key);
      while (slotIndexes[slot] != 0 && slotKeys[slot] != key) {
        slot = (slot + 1) & slotMask;
      }
      if (slotIndexes[slot] == 0) { // the first feature at a location wins
        slotKeys[slot] = key;
        slotIndexes[slot] = i + 1;
      }
    }
  }

  /**
   * Builds a catalogue from any collection of features; unnamed entries are left out.
   *
   * @throws NullPointerException if the collection or one of its elements is null; the message
   *     is {@code features} or {@code features[i]}
   */
  public static FeatureCatalogue of(Collection<Feature> features) {
    Objects.requireNonNull(features, "features");
    List<Feature> named = new ArrayList<>(features.size());
    int index = 0;
    for (Feature feature : features) {
      if (feature == null) {
        throw new NullPointerException("features[" + index + "]");
      }
      if (feature.isNamed()) {
        named.add(feature);
      }
      index++;
    }
    return new FeatureCatalogue(named);
  }

  /**
   * Returns the catalogue of the canonical 100-feature database bundled with this library.
   *
   * @see FeatureDatabase#readCanonical()
   */
  public static FeatureCatalogue canonical() {
    return of(FeatureDatabase.readCanonical());
  }

  /** Returns a catalogue with no features. */
  public static FeatureCatalogue empty() {
    return EMPTY;
  }

  /** Number of named features in the catalogue. */
  public int size() {
    return features.size();
  }

  /** All named features, in the order they were given; an unmodifiable list. */
  public List<Feature> features() {
    return features;
  }

  /** The feature at exactly this location, or empty if there is none. */
  public Optional<Feature> featureAt(Point location) {
    int index = indexAt(location);
    return index < 0 ? Optional.empty() : Optional.of(features.get(index));
  }

  /**
   * The feature at exactly this location, or {@link Feature#unnamed an unnamed feature} there if
   * there is none: the GetFeature answer.
   */
  public Feature lookup(Point location) {
    int index = indexAt(location);
    return index < 0 ? Feature.unnamed(location) : features.get(index);
  }

  /** Whether a named feature exists at exactly this location; allocation-free. */
  public boolean hasFeatureAt(Point location) {
    return indexAt(location) >= 0;
  }

  /**
   * Lazily iterates over the features inside the rectangle, edges included, in no particular but
   * repeatable order. Each call starts a new, independent query.
   */
  public Iterator<Feature> iteratorWithin(Rectangle area) {
    Objects.requireNonNull(area, "area");
    return new RangeIterator(area);
  }

  /** The features inside the rectangle, edges included, as a lazy sequential stream. */
  public Stream<Feature> featuresWithin(Rectangle area) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iteratorWithin(area), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Number of features inside the rectangle, edges included, without materialising them. */
  public long countWithin(Rectangle area) {
    long count = 0;
    for (Iterator<Feature> it = iteratorWithin(area); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }

  private int indexAt(Point location) {
    long key = key(location);
    int slot = slotOf(key);
    while (slotIndexes[slot] != 0) {
      if (slotKeys[slot] == key) {
        return slotIndexes[slot] - 1;
      }
      slot = (slot + 1) & slotMask;
    }
    return -1;
  }

  private static long key(Point point) {
    return ((long) point.latitudeE7() << 32) | (point.longitudeE7() & 0xFFFF_FFFFL);
  }

  private int slotOf(long key) {
    long h = key * 0x9E37_79B9_7F4A_7C15L; // Fibonacci hashing spreads nearby coordinates
    return (int) (h ^ (h >>> 32)) & slotMask;
  }

  private int coordinate(int index, int axis) {
    return axis == 0 ? latitudes[index] : longitudes[index];
  }

  private void buildTree(int left, int right, int axis) {
    if (right - left <= LEAF_SIZE) {
      return;
    }
    int middle = (left + right) >>> 1;
    select(middle, left, right, axis);
    buildTree(left, middle - 1, 1 - axis);
    buildTree(middle + 1, right, 1 - axis);
  }

  /** Reorders [left, right] so that k holds its sorted value, smaller or equal ones before it. */
  private void select(int k, int left, int right, int axis) {
    while (right > left) {
      int pivot = coordinate((left + right) >>> 1, axis);
      int i = left;
      int j = right;
      while (i <= j) {
        while (coordinate(i, axis) < pivot) {
          i++;
        }
        while (coordinate(j, axis) > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return;
      }
    }
  }

  private void swap(int i, int j) {
    int lat = latitudes[i];
    latitudes[i] = latitudes[j];
    latitudes[j] = lat;
    int lon = longitudes[i];
    longitudes[i] = longitudes[j];
    longitudes[j] = lon;
    Feature feature = treeOrder[i];
    treeOrder[i] = treeOrder[j];
    treeOrder[j] = feature;
  }

  /** Depth-first walk of the k-d tree with an explicit stack, one result at a time. */
  private final class RangeIterator implements Iterator<Feature> {
    private final int minLat;
    private final int maxLat;
    private final int minLon;
    private final int maxLon;
    // Triples of (left, right, axis); a tree over 2^31 entries is at most 32 levels deep.
    private final int[] stack = new int[3 * 2 * 34];
    private int stackSize;
    private int scan;
    private int scanEnd;
    private Feature next;

    RangeIterator(Rectangle area) {
      minLat = area.minLatitudeE7();
      maxLat = area.maxLatitudeE7();
      minLon = area.minLongitudeE7();
      maxLon = area.maxLongitudeE7();
      scan = 0;
      scanEnd = -1;
      if (treeOrder.length > 0) {
        push(0, treeOrder.length - 1, 0);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Feature next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more features in the rectangle");
      }
      Feature result = next;
      next = null;
      return result;
    }

    private Feature advance() {
      while (true) {
        while (scan <= scanEnd) {
          int i = scan++;
          if (inside(i)) {
            return treeOrder[i];
          }
        }
        if (stackSize == 0) {
          return null;
        }
        int axis = stack[--stackSize];
        int right = stack[--stackSize];
        int left = stack[--stackSize];
        if (right - left <= LEAF_SIZE) {
          scan = left;
          scanEnd = right;
          continue;
        }
        int middle = (left + right) >>> 1;
        int value = coordinate(middle, axis);
        int low = axis == 0 ? minLat : minLon;
        int high = axis == 0 ? maxLat : maxLon;
        if (high >= value) {
          push(middle + 1, right, 1 - axis);
        }
        if (low <= value) {
          push(left, middle - 1, 1 - axis);
        }
        scan = middle;
        scanEnd = middle;
      }
    }

    private boolean inside(int i) {
      int lat = latitudes[i];
      int lon = longitudes[i];
      return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }

    private void push(int left, int right, int axis) {
      if (left > right) {
        return;
      }
      stack[stackSize++] = left;
      stack[stackSize++] = right;
      stack[stackSize++] = axis;
    }
  }

  @Override
  public String toString() {
    return "FeatureCatalogue[" + features.size() + " features]";
  }
}
