package dev.routeguide.examples;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.RouteGuideServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serving RouteGuide with the library's own server helper: a database file, TCP on loopback,
 * health and reflection, graceful shutdown. Pass a database path, or none for the bundled one.
 *
 * @since 0.1.0
 */
public final class ServeExample {

  private ServeExample() {}

  /** Serves until the process is stopped. */
  public static void main(String[] args) throws IOException, InterruptedException {
    FeatureCatalogue catalogue =
        args.length > 0
            ? FeatureCatalogue.of(FeatureDatabase.read(Path.of(args[0])))
            : FeatureCatalogue.canonical();
    try (RouteGuideServer server = start(catalogue, 50051)) {
      System.out.println("serving on " + server.target());
      server.awaitTermination();
    }
  }

  /** Starts a loopback server for the catalogue on the port (0 for any free one). */
  public static RouteGuideServer start(FeatureCatalogue catalogue, int port) throws IOException {
    // tag::serve[]
    RouteGuideServer server =
        RouteGuideServer.builder(RouteGuideService.of(catalogue))
            .tcp("127.0.0.1", port) // port 0 picks a free one: server.port()
            .withHealth()
            .withReflection()
            .shutdownGrace(Duration.ofSeconds(5))
            .start();
    // end::serve[]
    return server;
  }
}
