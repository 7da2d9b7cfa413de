package dev.routeguide.core.route;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.PathLength;
import dev.routeguide.core.geo.Point;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Summarises one route as its points arrive, in constant memory: the state behind RecordRoute.
 *
 * <p>Leg distances are summed in double precision ({@link PathLength}) and rounded once when the
 * summary is taken (references that truncate every leg lose up to a metre per leg); a total beyond
 * {@link Integer#MAX_VALUE} metres saturates rather than wraps. Elapsed time runs from
 * construction to {@link #summary()}, read from the injected clock and truncated to whole seconds.
 *
 * <p>The feature count is needed only in the summary, so points are counted in blocks of 64 with
 * {@link FeatureCatalogue#countFeaturesAt}, whose searches overlap their cache misses: a summariser
 * holds the coordinates of at most that many points (512 bytes) not yet counted.
 *
 * <p>Not thread-safe: one summariser serves one route, fed by one caller at a time.
 *
 * @since 0.1.0
 */
public final class RouteSummarizer {

  /** Points buffered before their features are counted together. */
  static final int BLOCK = 64;

  private final FeatureCatalogue catalogue;
  private final Clock clock;
  private final Instant start;
  private long pointCount;
  private long featureCount;
  private final PathLength path = new PathLength();
  // Interleaved E7 latitude, longitude of the points added since the last count.
  private final int[] uncounted = new int[2 * BLOCK];
  private int uncountedPoints;

  /**
   * Starts a route now, by the given clock.
   *
   * @throws NullPointerException if an argument is null
   */
  public RouteSummarizer(FeatureCatalogue catalogue, Clock clock) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.start = clock.instant();
  }

  /**
   * Adds the next point of the route.
   *
   * @throws NullPointerException if the point is null
   */
  public void add(Point point) {
    Objects.requireNonNull(point, "point");
    pointCount++;
    uncounted[2 * uncountedPoints] = point.latitudeE7();
    uncounted[2 * uncountedPoints + 1] = point.longitudeE7();
    if (++uncountedPoints == BLOCK) {
      countUncounted();
    }
    path.add(point);
  }

  private void countUncounted() {
    featureCount += catalogue.countFeaturesAt(uncounted, uncountedPoints);
    uncountedPoints = 0;
  }

  /** Number of points added so far. */
  public long pointCount() {
    return pointCount;
  }

  /** Summarises the route so far, with the elapsed time up to now. */
  public RouteSummary summary() {
    countUncounted();
    long elapsed = Duration.between(start, clock.instant()).getSeconds();
    return new RouteSummary(
        saturate(pointCount),
        saturate(featureCount),
        saturate(Math.round(path.meters())),
        saturate(Math.max(0, elapsed)));
  }

  private static int saturate(long value) {
    return (int) Math.min(value, Integer.MAX_VALUE);
  }
}
