package dev.routeguide.examples.embedding;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.examples.clock.ClockGrpc;
import dev.routeguide.examples.clock.NowRequest;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.server.RouteGuideService;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An existing gRPC server that hosts a service of its own and adds RouteGuide with one call.
 * RouteGuide runs on the server's executor and behind the server's interceptors, like any other
 * service there.
 *
 * @since 0.1.0
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /** Runs the example on an ephemeral loopback port, printing to standard output. */
  public static void main(String[] args) throws IOException, InterruptedException {
    run(System.out, new CallCountingInterceptor());
  }

  /** Runs the example, printing to the given stream and counting calls with the interceptor. */
  public static void run(PrintStream out, CallCountingInterceptor callCounter)
      throws IOException, InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    // tag::embedding[]
    Server server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .executor(executor) // shared by every service on this server
            .intercept(callCounter) // sees every service's calls
            .addService(new ClockService(Clock.systemUTC()))
            .addService(RouteGuideService.of(FeatureCatalogue.canonical()))
            .build()
            .start();
    // end::embedding[]
    ManagedChannel channel =
        Grpc.newChannelBuilder("localhost:" + server.getPort(), InsecureChannelCredentials.create())
            .build();
    try (RouteGuideClient routeGuide = RouteGuideClient.over(channel)) {
      String now = ClockGrpc.newBlockingStub(channel).now(NowRequest.getDefaultInstance())
          .getInstant();
      out.println("Clock/Now answered " + now);
      String name = routeGuide.getFeature(Point.ofE7(409146138, -746188906)).name();
      out.println("RouteGuide/GetFeature answered \"" + name + "\"");
      out.println("The shared interceptor counted "
          + callCounter.callsTo("example.clock.Clock/Now") + " Clock call(s) and "
          + callCounter.callsTo("routeguide.RouteGuide/GetFeature") + " RouteGuide call(s)");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
      executor.shutdown();
    }
  }
}
