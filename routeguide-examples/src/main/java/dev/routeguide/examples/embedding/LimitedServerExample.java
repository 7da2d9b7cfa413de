package dev.routeguide.examples.embedding;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.transport.TransportLimits;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A gRPC server that an application builds itself, with RouteGuide's transport limits applied to
 * it: the bounds {@code routeguide server} uses, one of them changed.
 *
 * @since 0.2.0
 */
public final class LimitedServerExample {

  private LimitedServerExample() {}

  /**
   * Starts a plaintext server on this loopback port (0 for any free one) serving RouteGuide over
   * the canonical catalogue, with the default transport limits and a one-hour connection age.
   *
   * @throws IOException if the port cannot be bound
   */
  public static Server start(int port) throws IOException {
    // tag::embedding_limits[]
    TransportLimits limits =
        TransportLimits.DEFAULT.withMaxConnectionAge(Duration.ofHours(1), Duration.ofMinutes(1));
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create())
            .addService(RouteGuideService.of(FeatureCatalogue.canonical()));
    Server server = limits.applyTo(builder).build().start();
    // end::embedding_limits[]
    return server;
  }
}
