package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
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
 * <p><b>Layout.</b> The catalogue keeps no {@code Feature} objects: coordinates live in one flat
 * int array and names as UTF-8 in a few large byte arrays with one offset each, both in k-d tree
 * order, so a rectangle's results are read from neighbouring memory. A {@code Feature} is created
 * (and only its name decoded) when it is handed out. About 23 bytes per feature beyond the name's
 * UTF-8 bytes: 8 of coordinates, 4 of name offset, 4 to list the features in input order and
 * about 6.7 of exact-lookup table.
 *
 * <p><b>Indexing.</b> Exact lookup goes through an open-addressing hash table of int slots keyed
 * by the E7 coordinates: O(1), and no allocation beyond the returned feature ({@link #hasFeatureAt}
 * allocates nothing). Rectangle queries use a static k-d tree in the median-split layout of KDBush:
 * building costs O(n log n), guarded against crafted inputs, and a query visits O(√n + k) entries
 * for k results whatever the rectangle; subtrees wholly inside the rectangle are read without
 * testing a coordinate. A k-d tree was chosen over a uniform grid because it adapts to clustered
 * data (real features crowd into cities) and over an R-tree because points need no bounding boxes.
 * Results are produced lazily, so a query matching millions of features can be streamed without
 * materialising a list.
 *
 * <p>A large catalogue is read at random, a few cache misses per lookup: a JVM holding one
 * benefits from huge pages ({@code -XX:+UseTransparentHugePages}, where the kernel's transparent
 * huge pages are enabled or in {@code madvise} mode), which made lookups at 100 million features
 * about 1.2 times faster in this library's measurements (see BENCHMARKS.md).
 *
 * <p>Instances are immutable and safe to share between threads. Build one with {@link #of} from a
 * collection, or feature by feature with a {@link #builder} when the features should never all be
 * in memory as objects at once.
 *
 * @since 0.1.0
 */
public final class FeatureCatalogue {

  /**
   * Most features a catalogue can hold: two coordinates each in one Java array.
   *
   * @since 0.2.0
   */
  public static final int MAX_SIZE = (Integer.MAX_VALUE - 8) / 2;

  private static final FeatureCatalogue EMPTY = builder().build();

  // Everything in k-d tree order: point i has coordinates[2i], coordinates[2i + 1] and name i.
  private final int[] coordinates;
  private final NameTable names;
  // Where the i-th named feature of the input went in tree order.
  private final int[] treeIndexOfInput;
  private final LocationTable locations;
  private final List<Feature> inputOrder = new InputOrder();

  private FeatureCatalogue(
      int[] coordinates, NameTable names, int[] treeIndexOfInput, LocationTable locations) {
    this.coordinates = coordinates;
    this.names = names;
    this.treeIndexOfInput = treeIndexOfInput;
    this.locations = locations;
  }

  /**
   * Builds a catalogue from any collection of features; unnamed entries are left out.
   *
   * @throws NullPointerException if the collection or one of its elements is null; the message
   *     is {@code features} or {@code features[i]}
   */
  public static FeatureCatalogue of(Collection<Feature> features) {
    Objects.requireNonNull(features, "features");
    Builder builder = new Builder(features.size());
    int index = 0;
    for (Feature feature : features) {
      if (feature == null) {
        throw new NullPointerException("features[" + index + "]");
      }
      builder.add(feature);
      index++;
    }
    return builder.build();
  }

  /**
   * Returns a builder that takes features one at a time, for catalogues too large to hold as a
   * collection of {@link Feature} objects first.
   *
   * @since 0.2.0
   */
  public static Builder builder() {
    return new Builder(16);
  }

  /**
   * Returns a builder sized for about {@code expectedSize} named features, so its arrays need not
   * grow.
   *
   * @throws IllegalArgumentException if {@code expectedSize} is negative or above the largest
   *     catalogue, {@value #MAX_SIZE} features
   * @since 0.2.0
   */
  public static Builder builder(int expectedSize) {
    if (expectedSize < 0 || expectedSize > MAX_SIZE) {
      throw new IllegalArgumentException(
          "expectedSize must be within [0, " + MAX_SIZE + "], got " + expectedSize);
    }
    return new Builder(expectedSize);
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
    return treeIndexOfInput.length;
  }

  /**
   * All named features, in the order they were given; an unmodifiable list that creates each
   * {@code Feature} when it is read.
   */
  public List<Feature> features() {
    return inputOrder;
  }

  /** The feature at exactly this location, or empty if there is none. */
  public Optional<Feature> featureAt(Point location) {
    int index = indexAt(location);
    return index < 0 ? Optional.empty() : Optional.of(featureAt(index, location));
  }

  /**
   * The feature at exactly this location, or {@link Feature#unnamed an unnamed feature} there if
   * there is none: the GetFeature answer. The search allocates nothing ({@link #hasFeatureAt});
   * the answer is created for the caller, with {@code location} as its location and, when found,
   * its name decoded from UTF-8: one {@code Feature}, one {@code String} and its bytes, about
   * 64 bytes plus the name's length, since the catalogue keeps no {@code Feature} objects.
   */
  public Feature lookup(Point location) {
    int index = indexAt(location);
    return index < 0 ? Feature.unnamed(location) : featureAt(index, location);
  }

  /**
   * Whether a named feature exists at exactly this location: the search alone, which allocates
   * nothing and touches one slot of the location table and, on a fingerprint match, the
   * coordinates it points to. This is the call for "is there a feature here" (RecordRoute's
   * feature count); use {@link #lookup} only when the feature itself is needed.
   */
  public boolean hasFeatureAt(Point location) {
    return indexAt(location) >= 0;
  }

  /**
   * How many of the first {@code pointCount} points of {@code pointsE7} are at a named feature,
   * a point counted each time it occurs: the same count as calling {@link #hasFeatureAt} for each
   * of them, but faster on a large catalogue, because the searches of a block of points overlap
   * their memory accesses instead of waiting for one after the other. This is RecordRoute's
   * feature count for points buffered as they arrive. Allocates nothing; coordinates outside the
   * valid range simply match no feature.
   *
   * @param pointsE7 the points as interleaved E7 pairs: latitude of point i at {@code 2i},
   *     longitude at {@code 2i + 1}; only the first {@code 2 × pointCount} entries are read
   * @throws NullPointerException if {@code pointsE7} is null
   * @throws IllegalArgumentException if {@code pointCount} is negative or {@code pointsE7} holds
   *     fewer than {@code pointCount} pairs
   * @since 0.2.0
   */
  public int countFeaturesAt(int[] pointsE7, int pointCount) {
    Objects.requireNonNull(pointsE7, "pointsE7");
    if (pointCount < 0 || pointCount > pointsE7.length / 2) {
      throw new IllegalArgumentException("pointCount must be in [0, " + pointsE7.length / 2
          + "] for " + pointsE7.length + " coordinates, was " + pointCount);
    }
    return locations.countPresent(coordinates, pointsE7, pointCount);
  }

  /**
   * Lazily iterates over the features inside the rectangle, edges included, in no particular but
   * repeatable order. Each call starts a new, independent query; each feature is created as it is
   * returned.
   */
  public Iterator<Feature> iteratorWithin(Rectangle area) {
    Objects.requireNonNull(area, "area");
    return new RangeIterator(cursor(area));
  }

  /**
   * Starts a query of the features inside the rectangle, edges included, read in place: the same
   * features in the same order as {@link #iteratorWithin}, without creating any of them unless
   * asked ({@link FeatureCursor#feature()}). Each call starts a new, independent query.
   *
   * @since 0.2.0
   */
  public FeatureCursor cursorWithin(Rectangle area) {
    Objects.requireNonNull(area, "area");
    return new InPlaceCursor(cursor(area));
  }

  /** The features inside the rectangle, edges included, as a lazy sequential stream. */
  public Stream<Feature> featuresWithin(Rectangle area) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iteratorWithin(area), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Number of features inside the rectangle, edges included, without creating any of them. */
  public long countWithin(Rectangle area) {
    Objects.requireNonNull(area, "area");
    KdTree.RangeCursor cursor = cursor(area);
    long count = 0;
    while (cursor.next() >= 0) {
      count++;
    }
    return count;
  }

  /**
   * Bytes of heap this catalogue holds, counted from its arrays (with 16-byte array headers, as
   * on a 64-bit JVM); the features' names account for their UTF-8 length.
   */
  long footprintBytes() {
    return 16L + 4L * coordinates.length
        + names.footprintBytes()
        + 16L + 4L * treeIndexOfInput.length
        + locations.footprintBytes();
  }

  private KdTree.RangeCursor cursor(Rectangle area) {
    return new KdTree.RangeCursor(
        coordinates,
        size(),
        area.minLatitudeE7(),
        area.maxLatitudeE7(),
        area.minLongitudeE7(),
        area.maxLongitudeE7());
  }

  private int indexAt(Point location) {
    Objects.requireNonNull(location, "location");
    return locations.indexOf(coordinates, location.latitudeE7(), location.longitudeE7());
  }

  private Feature featureAt(int index) {
    return featureAt(index, Point.ofE7(coordinates[2 * index], coordinates[2 * index + 1]));
  }

  private Feature featureAt(int index, Point location) {
    return new Feature(names.name(index), location);
  }

  /** The named features in input order, each created when read. */
  private final class InputOrder extends AbstractList<Feature> implements RandomAccess {
    @Override
    public Feature get(int index) {
      return featureAt(treeIndexOfInput[Objects.checkIndex(index, treeIndexOfInput.length)]);
    }

    @Override
    public int size() {
      return treeIndexOfInput.length;
    }
  }

  /** The features of a {@link KdTree.RangeCursor}, created one at a time. */
  private final class RangeIterator implements Iterator<Feature> {
    private final KdTree.RangeCursor cursor;
    private int next;

    RangeIterator(KdTree.RangeCursor cursor) {
      this.cursor = cursor;
      this.next = cursor.next();
    }

    @Override
    public boolean hasNext() {
      return next >= 0;
    }

    @Override
    public Feature next() {
      if (next < 0) {
        throw new NoSuchElementException("no more features in the rectangle");
      }
      Feature result = featureAt(next);
      next = cursor.next();
      return result;
    }
  }

  /** A {@link KdTree.RangeCursor}'s features read from the catalogue's arrays. */
  private final class InPlaceCursor implements FeatureCursor {
    private final KdTree.RangeCursor cursor;
    private int current = -1;
    private boolean ended;

    InPlaceCursor(KdTree.RangeCursor cursor) {
      this.cursor = cursor;
    }

    @Override
    public boolean advance() {
      if (ended) {
        return false;
      }
      int next = cursor.next();
      if (next < 0) {
        ended = true;
        current = -1;
        return false;
      }
      current = next;
      return true;
    }

    @Override
    public int latitudeE7() {
      return coordinates[2 * current()];
    }

    @Override
    public int longitudeE7() {
      return coordinates[2 * current() + 1];
    }

    @Override
    public Feature feature() {
      return featureAt(current());
    }

    @Override
    public boolean nameInUtf8() {
      return names.inUtf8(current());
    }

    @Override
    public byte[] nameUtf8() {
      if (!nameInUtf8()) {
        throw new IllegalStateException("this feature's name is not held as UTF-8; read feature()");
      }
      return names.utf8(current);
    }

    private int current() {
      if (current < 0) {
        throw new IllegalStateException(
            ended ? "the cursor is past the last feature" : "advance() the cursor first");
      }
      return current;
    }
  }

  /**
   * Collects features one at a time, then builds the catalogue; unnamed features are left out.
   * Holds each feature as its coordinates and UTF-8 name only. Not thread-safe; use once.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private int[] coordinates;
    private NameTable names;
    private int size;
    private boolean built;

    private Builder(int expectedSize) {
      coordinates = new int[2 * expectedSize];
      names = new NameTable(expectedSize);
    }

    /**
     * Adds a feature; an unnamed one is left out.
     *
     * @return this builder
     * @throws NullPointerException if {@code feature} is null
     * @throws IllegalStateException if the catalogue was already built or already holds {@value
     *     FeatureCatalogue#MAX_SIZE} features
     */
    public Builder add(Feature feature) {
      Objects.requireNonNull(feature, "feature");
      checkNotBuilt();
      if (!feature.isNamed()) {
        return this;
      }
      if (size == MAX_SIZE) {
        throw new IllegalStateException("a catalogue holds at most " + MAX_SIZE + " features");
      }
      if (2 * size == coordinates.length) {
        coordinates =
            Arrays.copyOf(coordinates, 2 * Math.min(MAX_SIZE, NameTable.grow(size)));
      }
      coordinates[2 * size] = feature.location().latitudeE7();
      coordinates[2 * size + 1] = feature.location().longitudeE7();
      names.append(feature.name());
      size++;
      return this;
    }

    /**
     * Indexes the features added so far into a catalogue; the builder cannot be used afterwards.
     *
     * <p>For more than about 32,000 features, the independent parts of the work (the two halves
     * below each k-d split, the names' copy into tree order beside the location table) run as
     * fork-join tasks on the pool of the calling thread if it is a fork-join worker, else on
     * {@link java.util.concurrent.ForkJoinPool#commonPool()}, with the calling thread working
     * too: at most the pool's parallelism (by default one less than the processors, set with
     * {@code java.util.concurrent.ForkJoinPool.common.parallelism}; 0 leaves all of it to the
     * caller) plus the caller. The catalogue starts no thread of its own (the common pool starts
     * its workers on first use and keeps idle ones for its keep-alive time), and no task of the
     * build outlives it, even when it fails. The catalogue is the same whatever the number of
     * threads. To choose the threads without a JVM-wide setting, use {@link #build(ForkJoinPool)}
     * or {@link #buildSequentially()}.
     *
     * @throws IllegalStateException if the catalogue was already built
     */
    public FeatureCatalogue build() {
      checkNotBuilt();
      built = true;
      return index(true);
    }

    /**
     * As {@link #build()}, with every task of the build on {@code pool}: the whole build runs as
     * one task there, and the calling thread waits for it (or, as {@link ForkJoinPool#invoke}
     * allows, runs part of it). The same catalogue as {@link #build()}. The pool is not shut down;
     * a rejected argument, or a pool that refuses the build before it starts, leaves the builder
     * usable.
     *
     * @throws NullPointerException if {@code pool} is null
     * @throws IllegalArgumentException if {@code pool} is shut down, or refuses the build
     * @throws IllegalStateException if the catalogue was already built
     * @since 0.2.0
     */
    public FeatureCatalogue build(ForkJoinPool pool) {
      Objects.requireNonNull(pool, "pool");
      if (pool.isShutdown()) {
        throw new IllegalArgumentException("pool is shut down: " + pool);
      }
      checkNotBuilt();
      try {
        // Marked built by the task itself, so that a pool that refuses it leaves the builder as
        // it was (invoke's join makes the task's writes visible here).
        return pool.invoke(ForkJoinTask.adapt(() -> {
          built = true;
          return index(true);
        }));
      } catch (RejectedExecutionException e) {
        if (built) {
          throw e; // shut down during the build, which has consumed the builder's input
        }
        throw new IllegalArgumentException("pool refused the build: " + pool, e);
      }
    }

    /**
     * As {@link #build()}, all of the work on the calling thread: no task, on no pool. The same
     * catalogue as {@link #build()}, in more time where there are processors to spare (1.75 times
     * {@code build()}'s for 1M features on two processors: BENCHMARKS.md, "Scaling").
     *
     * @throws IllegalStateException if the catalogue was already built
     * @since 0.2.0
     */
    public FeatureCatalogue buildSequentially() {
      checkNotBuilt();
      built = true;
      return index(false);
    }

    /** The build itself; {@code parallel} false runs it all on this thread. */
    private FeatureCatalogue index(boolean parallel) {
      int[] tree = coordinates.length == 2 * size ? coordinates : Arrays.copyOf(coordinates, 2 * size);
      coordinates = null;
      int[] inputIndexOfTree = new int[size];
      for (int i = 0; i < size; i++) {
        inputIndexOfTree[i] = i;
      }
      KdTree.build(
          tree,
          inputIndexOfTree,
          KdTree.SELECT_BUDGET,
          parallel ? KdTree.PARALLEL_RANGE : Integer.MAX_VALUE);

      NameTable inputNames = names;
      names = null;
      inputNames.finish();
      // The names' gather and the location table read the tree, never write it: one runs as a
      // task while this thread builds the other, then takes the task back if no thread has.
      ForkJoinTask<NameTable> gather =
          parallel && size > KdTree.PARALLEL_RANGE
              ? ForkJoinTask.adapt(() -> NameTable.inOrder(inputNames, inputIndexOfTree)).fork()
              : null;
      int[] treeIndexOfInput;
      LocationTable locations;
      try {
        treeIndexOfInput = new int[size];
        for (int i = 0; i < size; i++) {
          treeIndexOfInput[inputIndexOfTree[i]] = i;
        }
        locations = LocationTable.build(tree, inputIndexOfTree);
      } catch (RuntimeException | Error e) {
        if (gather != null) {
          // Not left copying names (and allocating their pages) after this build has failed.
          gather.cancel(false);
          gather.quietlyJoin();
        }
        throw e;
      }
      NameTable treeNames =
          gather != null ? gather.join() : NameTable.inOrder(inputNames, inputIndexOfTree);
      return new FeatureCatalogue(tree, treeNames, treeIndexOfInput, locations);
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("this builder has already built its catalogue");
      }
    }
  }

  @Override
  public String toString() {
    return "FeatureCatalogue[" + size() + " features]";
  }
}
