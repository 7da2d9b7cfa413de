package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RecordRoute's feature count on 1,000,000 features: a route of {@value #ROUTE} points, every
 * other one at a feature and the rest random points in the same box, walked {@value #POINTS}
 * points per invocation, counted point by point with {@code hasFeatureAt} (the baseline) and in
 * blocks of 64 with {@code countFeaturesAt}, as {@code RouteSummarizer} does. Both read the same
 * flat array of coordinates. Scores are nanoseconds per point. The route is longer than the caches
 * hold, and the catalogue's table is read at random, as a long route's points are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureCountBenchmark {

  private static final int ROUTE = 1 << 20;
  private static final int POINTS = 1 << 14;
  private static final int BLOCK = 64;

  private FeatureCatalogue catalogue;
  private int[] routeE7;
  private int start;
  private final int[] block = new int[2 * BLOCK];

  /** Builds the catalogue and the route once per fork. */
  @Setup
  public void setUp() {
    List<Feature> features = NewJersey.features(NewJersey.FEATURE_COUNT, NewJersey.SEED);
    catalogue = FeatureCatalogue.of(features);
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 3);
    routeE7 = new int[2 * ROUTE];
    for (int i = 0; i < ROUTE; i++) {
      Point point =
          i % 2 == 0
              ? features.get(random.nextInt(features.size())).location()
              : NewJersey.randomPoint(random);
      routeE7[2 * i] = point.latitudeE7();
      routeE7[2 * i + 1] = point.longitudeE7();
    }
  }

  /** One {@code hasFeatureAt} per point. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int oneByOne() {
    int from = nextWindow();
    int count = 0;
    for (int i = from; i < from + POINTS; i++) {
      if (catalogue.hasFeatureAt(Point.ofE7(routeE7[2 * i], routeE7[2 * i + 1]))) {
        count++;
      }
    }
    return count;
  }

  /** Points copied into a 64-point buffer as they come, counted when it is full. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int inBlocks() {
    int from = nextWindow();
    int count = 0;
    for (int i = from; i < from + POINTS; i += BLOCK) {
      System.arraycopy(routeE7, 2 * i, block, 0, 2 * BLOCK);
      count += catalogue.countFeaturesAt(block, BLOCK);
    }
    return count;
  }

  /** The first point of this invocation's stretch of the route; the next one follows it. */
  private int nextWindow() {
    int from = start;
    start = (start + POINTS) & (ROUTE - 1);
    return from;
  }
}
