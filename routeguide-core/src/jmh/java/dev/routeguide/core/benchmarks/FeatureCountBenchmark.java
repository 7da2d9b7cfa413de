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
 * RecordRoute's feature count on 1,000,000 features: a route of {@value #POINTS} points, every
 * other one at a feature and the rest random points in the same box, counted point by point with
 * {@code hasFeatureAt} (the baseline) and in blocks of 64 with {@code countFeaturesAt}, as {@code
 * RouteSummarizer} does. Scores are nanoseconds per point. The route is longer than the caches
 * hold of the table, so every point's search goes to memory in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureCountBenchmark {

  private static final int POINTS = 1 << 14;
  private static final int BLOCK = 64;

  private FeatureCatalogue catalogue;
  private Point[] route;
  private int[] routeE7;
  private final int[] block = new int[2 * BLOCK];

  /** Builds the catalogue and the route once per fork. */
  @Setup
  public void setUp() {
    List<Feature> features = NewJersey.features(NewJersey.FEATURE_COUNT, NewJersey.SEED);
    catalogue = FeatureCatalogue.of(features);
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 3);
    route = new Point[POINTS];
    routeE7 = new int[2 * POINTS];
    for (int i = 0; i < POINTS; i++) {
      route[i] =
          i % 2 == 0
              ? features.get(random.nextInt(features.size())).location()
              : NewJersey.randomPoint(random);
      routeE7[2 * i] = route[i].latitudeE7();
      routeE7[2 * i + 1] = route[i].longitudeE7();
    }
  }

  /** One {@code hasFeatureAt} per point. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int oneByOne() {
    int count = 0;
    for (Point point : route) {
      if (catalogue.hasFeatureAt(point)) {
        count++;
      }
    }
    return count;
  }

  /** Points copied into a 64-point buffer as they come, counted when it is full. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int inBlocks() {
    int count = 0;
    for (int start = 0; start < POINTS; start += BLOCK) {
      System.arraycopy(routeE7, 2 * start, block, 0, 2 * BLOCK);
      count += catalogue.countFeaturesAt(block, BLOCK);
    }
    return count;
  }
}
