package dev.routeguide.examples;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.client.RouteGuideClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The typed client in a few lines: every RPC returns or streams core values, and failures arrive
 * as core's {@code RouteGuideException} types, as they would from a local {@code RouteGuide}. Pass the server's target, e.g. {@code localhost:50051}.
 *
 * @since 0.1.0
 */
public final class ClientExample {

  private ClientExample() {}

  /** Calls a server at {@code args[0]} (default {@code localhost:50051}). */
  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? args[0] : "localhost:50051", System.out);
  }

  /** Calls each RPC once against the target, printing what comes back. */
  public static void run(String target, PrintStream out) throws Exception {
    // tag::client[]
    try (RouteGuideClient client = RouteGuideClient.connect(target)) {
      RouteGuideClient quick = client.withDeadline(Duration.ofSeconds(5));
      Feature feature = quick.getFeature(Point.ofE7(409146138, -746188906));

      Rectangle box = Rectangle.spanning(Point.ofDegrees(40, -75), Point.ofDegrees(42, -73));
      try (FeatureStream features = client.listFeatures(box)) { // closing early cancels
        features.forEachRemaining(f -> out.println(f.name()));
      }

      RouteSummary summary = client.recordRoute(List.of(feature.location(), Point.ofE7(0, 0)));

      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(Point.ofE7(0, 0), "hello"));
        chat.complete();
        List<RouteNote> earlier = inbox.awaitAll(Duration.ofSeconds(5));
        out.println(earlier.size() + " earlier notes at (0, 0)");
      }
      out.println(feature.name() + "; route of " + summary.distanceMeters() + " m");
    }
    // end::client[]
  }
}
