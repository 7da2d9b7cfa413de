package dev.routeguide.core;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;

/**
 * One RecordRoute in progress: points are sent one by one, then {@link #finish()} ends the route
 * and returns its summary. {@link #close()} without {@code finish()} cancels it. Not thread-safe.
 *
 * @since 0.1.0
 */
public interface RouteRecording extends AutoCloseable {

  /**
   * Sends the next point of the route.
   *
   * @throws NullPointerException if the point is null
   * @throws IllegalStateException if the recording is finished or cancelled
   */
  void send(Point point);

  /**
   * Ends the route and returns its summary, waiting for it if the route is remote.
   *
   * @throws IllegalStateException if the recording was already finished or cancelled
   */
  RouteSummary finish();

  /** Abandons the route; nothing is summarised. Idempotent, and harmless after finish. */
  void cancel();

  /** Cancels the recording unless it was finished. */
  @Override
  default void close() {
    cancel();
  }
}
