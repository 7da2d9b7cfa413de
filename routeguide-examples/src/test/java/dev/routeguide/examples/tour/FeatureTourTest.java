package dev.routeguide.examples.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.testing.grpc.RouteGuideExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a user tests their own RouteGuide code: the extension starts an in-process server over the
 * canonical database for each test and injects a client; no ports, no cleanup code.
 */
class FeatureTourTest {

  // tag::testing[]
  @RegisterExtension final RouteGuideExtension routeGuide = new RouteGuideExtension();

  @Test
  void plansTheNamedFeaturesInsideTheAreaSouthToNorth(RouteGuideClient client) {
    Rectangle northernNewJersey =
        Rectangle.spanning(Point.ofDegrees(40.9, -74.7), Point.ofDegrees(41.0, -74.5));

    List<Feature> stops = new FeatureTour(client).plan(northernNewJersey, 10);

    assertThat(stops).isNotEmpty().allMatch(stop -> northernNewJersey.contains(stop.location()));
    assertThat(stops).isSortedAccordingTo(
        (a, b) -> Integer.compare(a.location().latitudeE7(), b.location().latitudeE7()));
  }
  // end::testing[]

  @Test
  void stopsAtTheLimitAndCancelsTheRest(RouteGuideClient client) {
    List<Feature> stops = new FeatureTour(client).plan(Rectangle.world(), 3);
    assertThat(stops).hasSize(3);
    // The server is still healthy for the next call after the early close.
    assertThat(client.getFeature(Point.ofE7(409146138, -746188906)).isNamed()).isTrue();
  }

  @Test
  void recordsATourThroughEveryStopAsAFeature(RouteGuideClient client) {
    FeatureTour tour = new FeatureTour(client);
    List<Feature> stops = tour.plan(Rectangle.world(), 5);

    RouteSummary summary = tour.record(stops);

    assertThat(summary.pointCount()).isEqualTo(5);
    assertThat(summary.featureCount()).isEqualTo(5);
    assertThat(summary.distanceMeters()).isPositive();
  }

  @Test
  void rejectsANegativeLimit(RouteGuideClient client) {
    assertThatThrownBy(() -> new FeatureTour(client).plan(Rectangle.world(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }
}
