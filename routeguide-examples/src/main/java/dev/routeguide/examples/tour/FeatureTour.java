package dev.routeguide.examples.tour;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.route.RouteSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Application code of the kind a user writes on top of RouteGuide: plans a tour of the named
 * features inside an area, south to north, and records it. It depends only on the {@link
 * RouteGuide} interface, so it runs against a remote server, an in-process one in tests, or the
 * core directly.
 *
 * @since 0.1.0
 */
public final class FeatureTour {

  private final RouteGuide routeGuide;

  /** A planner that asks the given route guide. */
  public FeatureTour(RouteGuide routeGuide) {
    this.routeGuide = Objects.requireNonNull(routeGuide, "routeGuide");
  }

  /**
   * The named features inside the area, at most {@code limit} of them, ordered south to north.
   *
   * @throws IllegalArgumentException if limit is negative
   */
  public List<Feature> plan(Rectangle area, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    List<Feature> stops = new ArrayList<>();
    try (FeatureStream features = routeGuide.listFeatures(area)) {
      while (stops.size() < limit && features.hasNext()) {
        stops.add(features.next());
      }
    } // closing early cancels the rest of the stream
    stops.sort(Comparator.comparingInt((Feature f) -> f.location().latitudeE7()));
    return stops;
  }

  /** Records a tour through the planned stops and returns its summary. */
  public RouteSummary record(List<Feature> stops) {
    List<Point> route = new ArrayList<>(stops.size());
    for (Feature stop : stops) {
      route.add(stop.location());
    }
    return routeGuide.recordRoute(route);
  }
}
