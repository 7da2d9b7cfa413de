package dev.routeguide.core;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.util.Objects;

/**
 * The four RouteGuide operations, free of any transport: {@link LocalRouteGuide} runs them in
 * this process, and a remote client runs them over the network. Code written against this
 * interface works with either.
 *
 * <p>Streaming operations return handles that let the caller pace the exchange and stop it early:
 * {@link FeatureStream} is pulled one feature at a time and cancels when closed, {@link
 * RouteRecording} sends points one at a time, and {@link RouteChat} delivers replies to a {@link
 * NoteReceiver}. Every handle is {@link AutoCloseable}; use it in try-with-resources.
 *
 * <p>Failures are unchecked {@link RouteGuideException}s of the same type whatever the transport:
 * bad input is an {@link InvalidArgumentException} whose message starts with the field, a limit
 * reached a {@link ResourceExhaustedException}, and so on; remote implementations add a subclass
 * of their own for failures that exist only over a network. A null argument is a {@link
 * NullPointerException} naming the parameter. Implementations are thread-safe; the handles they
 * return are for one thread at a time.
 *
 * @since 0.1.0
 */
public interface RouteGuide {

  /**
   * Returns the feature at exactly this location, or an {@link Feature#unnamed unnamed feature}
   * there if none is known: never "not found".
   */
  Feature getFeature(Point location);

  /**
   * Streams the named features inside the rectangle, edges included, in no particular order.
   * Features are produced as the caller pulls them; closing the stream early stops the query.
   */
  FeatureStream listFeatures(Rectangle area);

  /** Starts recording a route: send its points, then {@link RouteRecording#finish() finish}. */
  RouteRecording recordRoute();

  /**
   * Records a whole route and returns its summary.
   *
   * @throws NullPointerException if points or one of them is null
   */
  default RouteSummary recordRoute(Iterable<Point> points) {
    Objects.requireNonNull(points, "points");
    try (RouteRecording recording = recordRoute()) {
      for (Point point : points) {
        recording.send(point);
      }
      return recording.finish();
    }
  }

  /**
   * Opens a chat. For every note sent, the receiver gets the notes posted earlier at exactly that
   * location, oldest first, by any caller.
   *
   * @param receiver where replies, completion and failure are delivered
   */
  RouteChat routeChat(NoteReceiver receiver);
}
