package dev.routeguide.examples;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.GreatCircle;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.route.RouteSummarizer;
import dev.routeguide.core.route.RouteSummary;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The RouteGuide domain with no gRPC at all: look up features, query a rectangle, measure a
 * distance and summarise a route, straight from {@code routeguide-core}.
 *
 * @since 0.1.0
 */
public final class PureCoreExample {

  private PureCoreExample() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to the given stream. */
  public static void run(PrintStream out) {
    // tag::core[]
    FeatureCatalogue catalogue = FeatureCatalogue.canonical();

    Point trail = Point.ofE7(409146138, -746188906);
    Feature feature = catalogue.lookup(trail); // an unnamed Feature if nothing is there

    Rectangle box = Rectangle.spanning(Point.ofDegrees(40.0, -75.0), Point.ofDegrees(42.0, -73.0));
    long inBox = catalogue.featuresWithin(box).count(); // lazy: nothing is materialised

    Point kingston = Point.ofE7(419999544, -740371136);
    double meters = GreatCircle.distanceMeters(trail, kingston);

    RouteSummarizer route = new RouteSummarizer(catalogue, Clock.systemUTC());
    route.add(trail);
    route.add(kingston);
    RouteSummary summary = route.summary();
    // end::core[]

    out.printf("%d features in the canonical database%n", catalogue.size());
    out.printf("at %s: %s%n", trail.toDegreesString(), feature.name());
    out.printf("%d features between 40N 75W and 42N 73W%n", inBox);
    out.printf("%.0f m from the trail to Kingston%n", meters);
    out.printf(
        "route: %d points, %d features, %d m%n",
        summary.pointCount(), summary.featureCount(), summary.distanceMeters());
  }
}
