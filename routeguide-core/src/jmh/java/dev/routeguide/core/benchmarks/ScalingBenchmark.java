package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.util.Iterator;
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
 * The queries of the scaling curve, on a catalogue that {@link ScalingReport} builds in the same
 * JVM (JMH runs in-process, without forking, so that a 100M-feature catalogue is built once):
 * exact lookup of existing features, the allocation-free search alone, a 0.01° square and the
 * whole New Jersey box.
 *
 * <p>The exact queries go to {@value #PROBES} existing features drawn at random over the whole
 * catalogue (its whole sample at 1M), so that at every size they touch far more memory than the
 * caches hold, as a server's requests do: a small set of probes, repeated, would be served from
 * the caches at 1M and 100M alike and say nothing of the catalogue's size.
 */
@State(Scope.Benchmark)
public class ScalingBenchmark {

  private static final int QUERIES = 1 << 12;

  /** Existing features the exact queries pick from. */
  static final int PROBES = 1 << 20;

  /** The catalogue under test, set by {@link ScalingReport} before JMH runs. */
  static FeatureCatalogue catalogue;

  /** Interleaved latitude, longitude pairs of features in the catalogue, set with it. */
  static int[] sample;

  /**
   * Interleaved latitude, longitude pairs of the probed features: one flat array, so a probe costs
   * the harness no reference to follow on the lookup's dependent chain, at every size alike.
   */
  private int[] hits;
  private Rectangle[] boxes;
  private Rectangle wholeBox;
  private int next;
  private int box;

  /** Picks the queries: existing points, 0.01° squares inside the box. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 3);
    hits = new int[2 * PROBES];
    for (int i = 0; i < PROBES; i++) {
      int at = random.nextInt(sample.length / 2);
      hits[2 * i] = sample[2 * at];
      hits[2 * i + 1] = sample[2 * at + 1];
    }
    boxes = smallBoxes();
    wholeBox = NewJersey.wholeBox();
  }

  /**
   * Exact lookup of an existing feature, the GetFeature answer with its name decoded, as the
   * latency of one lookup: the next probe is chosen by the answer (its name's length steps through
   * the probes), so a lookup's cache misses cannot overlap the next one's. That is what a server
   * sees, whose lookups are one per request with the transport's work between them.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Feature lookup() {
    Feature feature = catalogue.lookup(hit(next));
    next = (next + feature.name().length()) & (PROBES - 1);
    return feature;
  }

  /**
   * The location search alone, without creating the feature, as throughput: the searches are
   * independent, so the processor overlaps the misses of consecutive ones (a route's points
   * searched in a batch; one search per message costs nearer to a lookup's latency).
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean search() {
    next = (next + 1) & (PROBES - 1);
    return catalogue.hasFeatureAt(hit(next));
  }

  private Point hit(int probe) {
    return Point.ofE7(hits[2 * probe], hits[2 * probe + 1]);
  }

  /** Every feature of a 0.01° square, handed to a blackhole. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void smallBox(Blackhole blackhole) {
    box = (box + 1) & (QUERIES - 1);
    for (Iterator<Feature> it = catalogue.iteratorWithin(boxes[box]); it.hasNext(); ) {
      blackhole.consume(it.next());
    }
  }

  /** Every feature of the catalogue, through a query of the whole box. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void wholeBox(Blackhole blackhole) {
    for (Iterator<Feature> it = catalogue.iteratorWithin(wholeBox); it.hasNext(); ) {
      blackhole.consume(it.next());
    }
  }

  /** The 0.01° squares the benchmark queries, the same every run. */
  static Rectangle[] smallBoxes() {
    SplittableRandom random = new SplittableRandom(NewJersey.SEED + 4);
    Rectangle[] boxes = new Rectangle[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      boxes[i] = NewJersey.smallRectangle(random);
    }
    return boxes;
  }

  /** Average number of features in the 0.01° squares the benchmark queries. */
  static double meanSmallBoxResults() {
    long total = 0;
    for (Rectangle box : smallBoxes()) {
      total += catalogue.countWithin(box);
    }
    return (double) total / QUERIES;
  }
}
