package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("KdTree")
class KdTreeTest {

  @Nested
  @DisplayName("building")
  class Building {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {"random", "sorted", "reversed", "organ pipe", "all equal", "sawtooth", "crafted"})
    void ordersEveryShapeOfInputIntoAValidTreeCarryingTheIndexes(String shape) {
      int[] latitudes = latitudes(shape, 20_000);
      int[] coordinates = interleave(latitudes, new SplittableRandom(1));
      int[] original = coordinates.clone();
      int[] carried = identity(latitudes.length);

      KdTree.build(coordinates, carried);

      assertValidTree(coordinates, 0, latitudes.length - 1, 0);
      assertCarried(coordinates, original, carried);
    }

    @ParameterizedTest(name = "{0} points")
    @ValueSource(ints = {65, 255, 256, 257, 600, 601, 602, 1_201, 4_099})
    void ordersRangesOfManySizesWithFewDistinctValues(int n) {
      // Values 0..4 only: most comparisons meet the pivot's value, around the leaf size and the
      // sampled pivot's threshold.
      SplittableRandom random = new SplittableRandom(n);
      int[] latitudes = new int[n];
      for (int i = 0; i < n; i++) {
        latitudes[i] = random.nextInt(5);
      }
      int[] coordinates = interleave(latitudes, random);
      for (int i = 0; i < n; i++) {
        coordinates[2 * i + 1] = random.nextInt(5);
      }
      int[] original = coordinates.clone();
      int[] carried = identity(n);

      KdTree.build(coordinates, carried);

      assertValidTree(coordinates, 0, n - 1, 0);
      assertCarried(coordinates, original, carried);
    }

    @Test
    void theHeapsortFallbackAloneBuildsAValidTree() {
      int[] latitudes = latitudes("random", 5_000);
      int[] coordinates = interleave(latitudes, new SplittableRandom(2));
      int[] original = coordinates.clone();
      int[] carried = identity(latitudes.length);

      KdTree.build(coordinates, carried, 0, Integer.MAX_VALUE);

      assertValidTree(coordinates, 0, latitudes.length - 1, 0);
      assertCarried(coordinates, original, carried);
    }

    @Test
    void anInputCraftedAgainstAMiddlePivotBuildsInLinearithmicTime() {
      // Against the middle-pivot quickselect of 0.1, this input makes the root split alone take
      // about 3n²/8 steps: 1.5 × 10^10 for n = 200,000 (40,000 took 4.5 s on the 2-core machine).
      int n = 200_000;
      int[] coordinates = interleave(latitudes("crafted", n), new SplittableRandom(3));
      int[] carried = identity(n);

      long started = System.nanoTime();
      KdTree.build(coordinates, carried);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(Duration.ofSeconds(3));
      assertValidTree(coordinates, 0, n - 1, 0);
    }
  }

  @Nested
  @DisplayName("building with tasks")
  class BuildingWithTasks {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 5})
    void ordersThePointsExactlyAsTheCallingThreadAloneDoes(int threads) throws Exception {
      int n = 60_000;
      int[] latitudes = latitudes("random", n);
      for (int i = 0; i < n; i += 7) {
        latitudes[i] = latitudes[i / 2]; // repeated values, so ties must break the same way
      }
      int[] alone = interleave(latitudes, new SplittableRandom(4));
      int[] original = alone.clone();
      int[] aloneCarried = identity(n);
      KdTree.build(alone, aloneCarried, KdTree.SELECT_BUDGET, Integer.MAX_VALUE);

      int[] tasks = original.clone();
      int[] tasksCarried = identity(n);
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        // Ranges above 1,000 points as tasks: six levels of them for 60,000 points.
        pool.submit(() -> KdTree.build(tasks, tasksCarried, KdTree.SELECT_BUDGET, 1_000))
            .get(10, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }

      assertThat(tasks).isEqualTo(alone);
      assertThat(tasksCarried).isEqualTo(aloneCarried);
      assertValidTree(tasks, 0, n - 1, 0);
      assertCarried(tasks, original, tasksCarried);
    }

    @Test
    void theDefaultBuildSplitsLongRangesAsTasksOnTheCommonPoolWithTheSameResult() {
      int n = 3 * KdTree.PARALLEL_RANGE;
      int[] alone = interleave(latitudes("random", n), new SplittableRandom(5));
      int[] tasks = alone.clone();
      int[] aloneCarried = identity(n);
      int[] tasksCarried = identity(n);

      KdTree.build(alone, aloneCarried, KdTree.SELECT_BUDGET, Integer.MAX_VALUE);
      KdTree.build(tasks, tasksCarried);

      assertThat(tasks).isEqualTo(alone);
      assertThat(tasksCarried).isEqualTo(aloneCarried);
    }
  }

  /**
   * Latitudes of one shape. "crafted" is the adversary's input for a Hoare quickselect that
   * pivots on the middle element's value: McIlroy's trick of fixing each value only when the
   * algorithm first reads it, worked out in closed form. Every round, the middle of the range
   * [t, n) gets the smallest value left, t, and is swapped to position t; the range then shrinks
   * by one while the scan crosses all of it.
   */
  static int[] latitudes(String shape, int n) {
    int[] values = new int[n];
    switch (shape) {
      case "random" -> {
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
          values[i] = random.nextInt(-900_000_000, 900_000_001);
        }
      }
      case "sorted" -> {
        for (int i = 0; i < n; i++) {
          values[i] = i;
        }
      }
      case "reversed" -> {
        for (int i = 0; i < n; i++) {
          values[i] = n - i;
        }
      }
      case "organ pipe" -> {
        for (int i = 0; i < n; i++) {
          values[i] = Math.min(i, n - i);
        }
      }
      case "all equal" -> {
        // values stay 0
      }
      case "sawtooth" -> {
        for (int i = 0; i < n; i++) {
          values[i] = i % 97;
        }
      }
      case "crafted" -> {
        int[] idAt = identity(n);
        int[] value = new int[n];
        java.util.Arrays.fill(value, -1);
        int k = (n - 1) >>> 1;
        for (int t = 0; t < k; t++) {
          int middle = (t + n - 1) >>> 1;
          value[idAt[middle]] = t;
          int id = idAt[t];
          idAt[t] = idAt[middle];
          idAt[middle] = id;
        }
        int next = k;
        for (int position = 0; position < n; position++) {
          if (value[idAt[position]] < 0) {
            value[idAt[position]] = next++;
          }
        }
        for (int id = 0; id < n; id++) {
          values[id] = value[id] - 900_000_000 / 2;
        }
      }
      default -> throw new IllegalArgumentException(shape);
    }
    return values;
  }

  static int[] interleave(int[] latitudes, SplittableRandom random) {
    int[] coordinates = new int[2 * latitudes.length];
    for (int i = 0; i < latitudes.length; i++) {
      coordinates[2 * i] = latitudes[i];
      coordinates[2 * i + 1] = random.nextInt(-1_800_000_000, 1_800_000_001);
    }
    return coordinates;
  }

  private static int[] identity(int n) {
    int[] indexes = new int[n];
    for (int i = 0; i < n; i++) {
      indexes[i] = i;
    }
    return indexes;
  }

  /** Every split's middle point is >= all points before it and <= all after, on its axis. */
  private static void assertValidTree(int[] coordinates, int left, int right, int axis) {
    if (right - left <= KdTree.LEAF_SIZE) {
      return;
    }
    int middle = (left + right) >>> 1;
    int value = coordinates[2 * middle + axis];
    for (int i = left; i < middle; i++) {
      if (coordinates[2 * i + axis] > value) {
        assertThat(coordinates[2 * i + axis]).as("point %d before split %d", i, middle)
            .isLessThanOrEqualTo(value);
      }
    }
    for (int i = middle + 1; i <= right; i++) {
      if (coordinates[2 * i + axis] < value) {
        assertThat(coordinates[2 * i + axis]).as("point %d after split %d", i, middle)
            .isGreaterThanOrEqualTo(value);
      }
    }
    assertValidTree(coordinates, left, middle - 1, 1 - axis);
    assertValidTree(coordinates, middle + 1, right, 1 - axis);
  }

  private static void assertCarried(int[] coordinates, int[] original, int[] carried) {
    boolean[] seen = new boolean[carried.length];
    for (int i = 0; i < carried.length; i++) {
      int from = carried[i];
      assertThat(seen[from]).as("index %d carried twice", from).isFalse();
      seen[from] = true;
      assertThat(coordinates[2 * i]).isEqualTo(original[2 * from]);
      assertThat(coordinates[2 * i + 1]).isEqualTo(original[2 * from + 1]);
    }
  }
}
