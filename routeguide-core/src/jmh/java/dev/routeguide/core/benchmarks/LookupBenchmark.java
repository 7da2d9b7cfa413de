package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GetFeature on 1,000,000 features: the catalogue's hash lookup against the linear scan every
 * reference server does (grpc-java's {@code checkFeature}: first feature whose location equals),
 * and against a {@code HashMap} from point to stored {@code Feature} objects (the 0.1 catalogue's
 * design: no feature to create, about 100 bytes more per feature). Every query hits an existing
 * feature, which favours the scan (it stops half-way on average).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

  private static final int QUERIES = 1 << 12;

  private List<Feature> list;
  private FeatureCatalogue catalogue;
  private Map<Point, Feature> stored;
  private Point[] queries;
  private int next;

  /** Builds the data once per fork. */
  @Setup
  public void setUp() {
    list = NewJersey.features(NewJersey.FEATURE_COUNT, NewJersey.SEED);
    catalogue = FeatureCatalogue.of(list);
    stored = new HashMap<>(2 * list.size());
    for (Feature feature : list) {
      stored.putIfAbsent(feature.location(), feature);
    }
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 1);
    queries = new Point[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = list.get(random.nextInt(list.size())).location();
    }
  }

  private Point nextQuery() {
    Point query = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return query;
  }

  /** Exact lookup through the catalogue's hash table, the found feature created for the caller. */
  @Benchmark
  public Feature catalogue() {
    return catalogue.lookup(nextQuery());
  }

  /** The catalogue's location search alone ({@code hasFeatureAt}): no feature is created. */
  @Benchmark
  public boolean catalogueSearch() {
    return catalogue.hasFeatureAt(nextQuery());
  }

  /** Exact lookup in a map of stored features: nothing created, the 0.1 design's memory. */
  @Benchmark
  public Feature storedFeatures() {
    Point query = nextQuery();
    Feature found = stored.get(query);
    return found != null ? found : Feature.unnamed(query);
  }

  /** Exact lookup by scanning the list, as the reference servers do. */
  @Benchmark
  public Feature linearScan() {
    Point query = nextQuery();
    for (Feature feature : list) {
      if (feature.location().latitudeE7() == query.latitudeE7()
          && feature.location().longitudeE7() == query.longitudeE7()) {
        return feature;
      }
    }
    return Feature.unnamed(query);
  }
}
