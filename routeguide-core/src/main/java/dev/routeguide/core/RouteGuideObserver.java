package dev.routeguide.core;

/**
 * What a {@link LocalRouteGuide} reports about the calls it serves, for metrics: lookups, streamed
 * features, recorded points and open chats. Every method does nothing by default; {@link #NONE}
 * is the observer that ignores everything.
 *
 * <p>Methods are called on the caller's thread, from inside the operation, so they must be cheap
 * and must not block or throw. Implementations are thread-safe. The OpenTelemetry implementation
 * lives outside the core (module {@code routeguide-opentelemetry}).
 *
 * @since 0.2.0
 */
public interface RouteGuideObserver {

  /** The observer that ignores everything. */
  RouteGuideObserver NONE = new RouteGuideObserver() {};

  /**
   * A GetFeature was answered.
   *
   * @param named true if a named feature was found at the point, false for an unnamed answer
   */
  default void featureLookedUp(boolean named) {}

  /**
   * A ListFeatures stream ended (exhausted or closed), having handed out this many features.
   * Reported once per stream.
   */
  default void featuresListed(long count) {}

  /**
   * A RecordRoute recording ended (finished or cancelled), having received this many points.
   * Reported once per recording.
   */
  default void routePointsReceived(long count) {}

  /** A RouteChat was opened; {@link #chatClosed()} follows exactly once. */
  default void chatOpened() {}

  /** A RouteChat that was opened has ended: completed, cancelled, failed or closed. */
  default void chatClosed() {}
}
