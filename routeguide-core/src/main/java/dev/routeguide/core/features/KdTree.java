package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import java.util.concurrent.RecursiveAction;

/**
 * A static k-d tree over E7 points in one flat array, in the median-split layout of KDBush: the
 * points of a subtree occupy a contiguous range of indexes, split at its middle index by latitude,
 * then longitude, alternately, down to ranges of {@link #LEAF_SIZE}. Coordinates are interleaved
 * ({@code coordinates[2i]} is the latitude of point {@code i}, {@code coordinates[2i + 1]} its
 * longitude), so one cache line serves both.
 *
 * <p>{@link #build} reorders the points in place, carrying along a parallel array of indexes so
 * the caller can follow where each point went. Each split is a quickselect (Floyd-Rivest's sampled
 * pivot on long ranges, a median of three on short ones) with a work budget; a range that uses up its budget (a crafted or unlucky input) is
 * heap-sorted instead, so building never costs more than O(n log² n), whatever the input.
 *
 * <p>Below a split the two halves are independent: ranges longer than {@link #PARALLEL_RANGE} are
 * split as fork-join tasks, on the pool of the calling thread when it is a fork-join worker, else
 * on {@link java.util.concurrent.ForkJoinPool#commonPool()}, the caller working too. Every range
 * is split by the same deterministic steps whichever thread takes it, so the order is the same
 * whatever the number of threads.
 */
final class KdTree {

  static final int LEAF_SIZE = 64;

  // A quickselect may touch this many times its range's length before falling back to heapsort;
  // random data needs about 1.5 times with a sampled pivot.
  static final int SELECT_BUDGET = 8;

  // Ranges longer than this take their pivot from a sample (Floyd-Rivest), shorter ones from a
  // median of three.
  private static final int SAMPLED_RANGE = 600;

  /**
   * Ranges longer than this are split as tasks: about 256 KB of coordinates, large enough that a
   * task's cost dwarfs its scheduling, small enough to balance two to a few dozen threads.
   */
  static final int PARALLEL_RANGE = 1 << 15;

  private final int[] coordinates;
  private final int[] carried;
  private final int selectBudget;

  private KdTree(int[] coordinates, int[] carried, int selectBudget) {
    this.coordinates = coordinates;
    this.carried = carried;
    this.selectBudget = selectBudget;
  }

  /**
   * Reorders {@code coordinates} (interleaved latitude, longitude pairs) into k-d tree order,
   * applying the same swaps to {@code carried} (one entry per point).
   */
  static void build(int[] coordinates, int[] carried) {
    build(coordinates, carried, SELECT_BUDGET, PARALLEL_RANGE);
  }

  /**
   * As {@link #build(int[], int[])}, with the quickselect's budget (0 heap-sorts every split) and
   * the longest range split on the calling thread alone ({@link Integer#MAX_VALUE}: no task; at
   * least {@link #LEAF_SIZE}, so that tasks split ranges exactly as the calling thread would).
   */
  static void build(int[] coordinates, int[] carried, int selectBudget, int parallelRange) {
    int taskRange = Math.max(parallelRange, LEAF_SIZE);
    int n = carried.length;
    if (n == 0) {
      return;
    }
    KdTree tree = new KdTree(coordinates, carried, selectBudget);
    if (n - 1 > taskRange) {
      new Split(tree, 0, n - 1, 0, taskRange).invoke();
    } else {
      tree.split(0, n - 1, 0);
    }
  }

  /** One range's split as a fork-join task: the two halves below it run as two more. */
  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;

    private final transient KdTree tree;
    private final int left;
    private final int right;
    private final int axis;
    private final int parallelRange;

    Split(KdTree tree, int left, int right, int axis, int parallelRange) {
      this.tree = tree;
      this.left = left;
      this.right = right;
      this.axis = axis;
      this.parallelRange = parallelRange;
    }

    @Override
    protected void compute() {
      if (right - left <= parallelRange) {
        tree.split(left, right, axis);
        return;
      }
      int middle = (left + right) >>> 1;
      tree.select(middle, left, right, axis);
      invokeAll(
          new Split(tree, left, middle - 1, 1 - axis, parallelRange),
          new Split(tree, middle + 1, right, 1 - axis, parallelRange));
    }
  }

  private void split(int left, int right, int axis) {
    while (right - left > LEAF_SIZE) {
      int middle = (left + right) >>> 1;
      select(middle, left, right, axis);
      // Recurse on one half and loop on the other.
      split(left, middle - 1, 1 - axis);
      left = middle + 1;
      axis = 1 - axis;
    }
  }

  private int coordinate(int index, int axis) {
    return coordinates[2 * index + axis];
  }

  /**
   * Reorders [left, right] so that k holds its sorted value, smaller or equal ones before it: a
   * quickselect whose pivot, on ranges above {@link #SAMPLED_RANGE}, is first selected within a
   * sample around k (Floyd and Rivest's algorithm, as KDBush does), so that one partition leaves
   * k in a small range: about 1.5 passes over the range instead of 3.4 with a median of three.
   */
  private void select(int k, int left, int right, int axis) {
    long budget = (long) selectBudget * (right - left + 1);
    while (right > left) {
      budget -= right - left + 1;
      if (budget < 0) {
        heapSort(left, right, axis);
        return;
      }
      int pivot;
      if (right - left > SAMPLED_RANGE) {
        selectInSample(k, left, right, axis);
        pivot = coordinate(k, axis);
      } else {
        pivot =
            medianOf(
                coordinate(left, axis),
                coordinate((left + right) >>> 1, axis),
                coordinate(right, axis));
      }
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

  /**
   * Selects k within a sample of about n^(2/3) points around it, sized and placed (Floyd and
   * Rivest's formulas) so that the k-th of the sample is, with high probability, within a few
   * standard deviations of the k-th of the whole range.
   */
  private void selectInSample(int k, int left, int right, int axis) {
    double n = right - left + 1;
    double m = k - left + 1;
    double z = Math.log(n);
    double sample = 0.5 * Math.exp(2 * z / 3);
    double deviation =
        0.5 * Math.sqrt(z * sample * (n - sample) / n) * (m < n / 2 ? -1 : 1);
    int sampleLeft = (int) Math.max(left, Math.floor(k - m * sample / n + deviation));
    int sampleRight = (int) Math.min(right, Math.floor(k + (n - m) * sample / n + deviation));
    select(k, sampleLeft, sampleRight, axis);
  }

  private static int medianOf(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private void heapSort(int left, int right, int axis) {
    int n = right - left + 1;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(left, i, n, axis);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(left, left + end);
      siftDown(left, 0, end, axis);
    }
  }

  private void siftDown(int base, int root, int n, int axis) {
    while (true) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n
          && coordinate(base + child + 1, axis) > coordinate(base + child, axis)) {
        child++;
      }
      if (coordinate(base + root, axis) >= coordinate(base + child, axis)) {
        return;
      }
      swap(base + root, base + child);
      root = child;
    }
  }

  private void swap(int i, int j) {
    int[] c = coordinates;
    int lat = c[2 * i];
    int lon = c[2 * i + 1];
    c[2 * i] = c[2 * j];
    c[2 * i + 1] = c[2 * j + 1];
    c[2 * j] = lat;
    c[2 * j + 1] = lon;
    int index = carried[i];
    carried[i] = carried[j];
    carried[j] = index;
  }

  /**
   * A depth-first walk of the tree for the points inside a rectangle, one index at a time, with
   * an explicit stack and no allocation after construction. A subtree whose every point is known
   * to lie inside (its bounds, from the splits above it, are within the rectangle) is handed out
   * as one run of indexes without testing a coordinate.
   */
  static final class RangeCursor {
    private static final int MIN_LAT = 1;
    private static final int MAX_LAT = 2;
    private static final int MIN_LON = 4;
    private static final int MAX_LON = 8;
    private static final int ALL_SIDES = 15;

    private final int[] coordinates;
    private final int minLat;
    private final int maxLat;
    private final int minLon;
    private final int maxLon;
    // Triples of (left, right, axis | covered sides << 1); each level pushes at most 2.
    private final int[] stack = new int[3 * 2 * 34];
    private int stackSize;
    private int scan;
    private int scanEnd;
    private boolean scanCovered;

    RangeCursor(
        int[] coordinates, int size, int minLat, int maxLat, int minLon, int maxLon) {
      this.coordinates = coordinates;
      this.minLat = minLat;
      this.maxLat = maxLat;
      this.minLon = minLon;
      this.maxLon = maxLon;
      scan = 0;
      scanEnd = -1;
      int covered =
          (minLat <= -Point.MAX_LATITUDE_E7 ? MIN_LAT : 0)
              | (maxLat >= Point.MAX_LATITUDE_E7 ? MAX_LAT : 0)
              | (minLon <= -Point.MAX_LONGITUDE_E7 ? MIN_LON : 0)
              | (maxLon >= Point.MAX_LONGITUDE_E7 ? MAX_LON : 0);
      if (minLat <= maxLat && minLon <= maxLon) {
        push(0, size - 1, 0, covered);
      }
    }

    /** The index of the next point inside the rectangle, or -1 when there is none. */
    int next() {
      while (true) {
        if (scan <= scanEnd) {
          if (scanCovered) {
            return scan++;
          }
          int[] c = coordinates;
          do {
            int i = scan++;
            int lat = c[2 * i];
            int lon = c[2 * i + 1];
            if (lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon) {
              return i;
            }
          } while (scan <= scanEnd);
        }
        if (stackSize == 0) {
          return -1;
        }
        int state = stack[--stackSize];
        int right = stack[--stackSize];
        int left = stack[--stackSize];
        int axis = state & 1;
        int covered = state >>> 1;
        scan = left;
        if (covered == ALL_SIDES) {
          scanEnd = right;
          scanCovered = true;
          continue;
        }
        scanCovered = false;
        if (right - left <= LEAF_SIZE) {
          scanEnd = right;
          continue;
        }
        int middle = (left + right) >>> 1;
        int value = coordinates[2 * middle + axis];
        int low = axis == 0 ? minLat : minLon;
        int high = axis == 0 ? maxLat : maxLon;
        // Points after the middle are >= value, points before it <= value.
        if (high >= value) {
          push(middle + 1, right, 1 - axis, covered | (low <= value ? lowSide(axis) : 0));
        }
        if (low <= value) {
          push(left, middle - 1, 1 - axis, covered | (high >= value ? highSide(axis) : 0));
        }
        scan = middle;
        scanEnd = middle;
      }
    }

    private static int lowSide(int axis) {
      return axis == 0 ? MIN_LAT : MIN_LON;
    }

    private static int highSide(int axis) {
      return axis == 0 ? MAX_LAT : MAX_LON;
    }

    private void push(int left, int right, int axis, int covered) {
      if (left > right) {
        return;
      }
      stack[stackSize++] = left;
      stack[stackSize++] = right;
      stack[stackSize++] = axis | covered << 1;
    }
  }
}
