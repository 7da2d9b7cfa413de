package dev.routeguide.grpc.bench;

import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.proto.Point;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RecordRoute: one route of {@code routeLength} points per call, sent with flow control, by the
 * plain stub client or by the library's typed client. The
 * primary score is routes per second; the {@code messages} counter gives points per second.
 * Every other point is a feature's location, the rest random points in the New Jersey box.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordRouteBenchmark {

  /** The route sent on every call. */
  @State(Scope.Benchmark)
  public static class Route {
    /**
     * Points per route: 100,000, except for the reference-style service on 1,000,000 features,
     * which scans the whole list for every point and runs a shorter route (see the report).
     */
    @Param("100000")
    public int routeLength;

    Point[] points;
    dev.routeguide.core.geo.Point[] corePoints;

    /** Builds the route once per trial. */
    @Setup(Level.Trial)
    public void prepare(EndToEnd e2e) {
      SplittableRandom random = new SplittableRandom(NewJersey.SEED + 2);
      points = new Point[routeLength];
      corePoints = new dev.routeguide.core.geo.Point[routeLength];
      for (int i = 0; i < routeLength; i++) {
        corePoints[i] =
            i % 2 == 0
                ? e2e.named.get(random.nextInt(e2e.named.size())).location()
                : NewJersey.randomPoint(random);
        points[i] = EndToEnd.toProto(corePoints[i]);
      }
    }
  }

  /** One whole route per call. */
  @Benchmark
  public long route(EndToEnd e2e, Route route, MessageCounter counter) {
    Point[] points = route.points;
    Calls.streaming(e2e.channel(), e2e.methods.recordRoute(), points.length, i -> points[i]);
    counter.messages += points.length;
    return points.length;
  }

  /**
   * One whole route per call through the typed client's {@link RouteRecording}, whose {@code send}
   * blocks while the call is not ready: the library's own sender, against our service only.
   */
  @Benchmark
  public RouteSummary typedClient(EndToEnd e2e, Route route, MessageCounter counter) {
    RouteSummary summary;
    try (RouteRecording recording = e2e.typedClient().recordRoute()) {
      for (dev.routeguide.core.geo.Point point : route.corePoints) {
        recording.send(point);
      }
      summary = recording.finish();
    }
    if (summary.pointCount() != route.corePoints.length) {
      throw new IllegalStateException("expected " + route.corePoints.length + " points, got "
          + summary.pointCount());
    }
    counter.messages += route.corePoints.length;
    return summary;
  }
}
