package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Rectangle;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ListFeatures for a 0.01° square (about 67 results among 1,000,000 features): the catalogue's k-d
 * tree against a linear scan that tests every feature (grpc-java's {@code listFeatures}). Both hand
 * every result to a {@link Blackhole}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RectangleBenchmark {

  private static final int QUERIES = 1 << 10;

  private List<Feature> list;
  private FeatureCatalogue catalogue;
  private Rectangle[] queries;
  private int next;

  /** Builds the data once per fork. */
  @Setup
  public void setUp() {
    list = NewJersey.features(NewJersey.FEATURE_COUNT, NewJersey.SEED);
    catalogue = FeatureCatalogue.of(list);
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 2);
    queries = new Rectangle[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = NewJersey.smallRectangle(random);
    }
  }

  private Rectangle nextQuery() {
    Rectangle query = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return query;
  }

  /** The rectangle through the catalogue's lazy k-d tree walk. */
  @Benchmark
  public int catalogue(Blackhole blackhole) {
    int count = 0;
    for (Iterator<Feature> it = catalogue.iteratorWithin(nextQuery()); it.hasNext(); ) {
      blackhole.consume(it.next());
      count++;
    }
    return count;
  }

  /** The rectangle by testing every feature of the list, as the reference servers do. */
  @Benchmark
  public int linearScan(Blackhole blackhole) {
    Rectangle query = nextQuery();
    int count = 0;
    for (Feature feature : list) {
      if (query.contains(feature.location())) {
        blackhole.consume(feature);
        count++;
      }
    }
    return count;
  }
}
