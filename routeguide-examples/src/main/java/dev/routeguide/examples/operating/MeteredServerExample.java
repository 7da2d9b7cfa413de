package dev.routeguide.examples.operating;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A server that records gRPC's and RouteGuide's metrics to the application's OpenTelemetry
 * instance and lets through only the calls a policy file allows.
 *
 * @since 0.2.0
 */
public final class MeteredServerExample {

  private MeteredServerExample() {}

  /**
   * Starts a loopback server on the port (0 for any free one), metered by openTelemetry and
   * authorized by the policy file; the caller closes the server, then the metrics.
   */
  public static RouteGuideServer start(
      OpenTelemetry openTelemetry, RouteGuideMetrics metrics, Path policy, int port)
      throws IOException {
    // tag::operating[]
    // metrics = RouteGuideMetrics.of(openTelemetry): the routeguide.* instruments
    InMemoryNoteBoard board = new InMemoryNoteBoard(NoteBoardLimits.DEFAULT, metrics);
    metrics.observeLocationsHeld(board::locationCount).observeBytesHeld(board::bytesHeld);
    LocalRouteGuide guide =
        new LocalRouteGuide(
            FeatureCatalogue.canonical(), board, MonotonicClock.startingNow(), metrics);
    RouteGuideServer server =
        // the service reports the live notes a slow reader's call drops (routeguide.notes.live.dropped)
        RouteGuideServer.builder(new RouteGuideService(guide, metrics))
            .tcp("127.0.0.1", port)
            .withHealth()
            .metrics(openTelemetry) // grpc.server.* (gRFC A66), this server only
            .authorizationPolicy(policy) // jCasbin policy file, reread when it changes
            .start();
    // end::operating[]
    return server;
  }
}
