package dev.routeguide.testing.grpc;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.server.RouteGuideService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an in-process RouteGuide is started with, for {@link InProcessRouteGuide.Builder} and
 * {@link RouteGuideExtension.Builder} alike: where backends come from, whether gRPC runs on a
 * direct executor, and the shutdown time limit; with their defaults, their checks, and the start
 * itself. Immutable.
 */
record InProcessOptions(
    Supplier<? extends RouteGuide> backends, boolean directExecutor, Duration shutdownTimeout) {

  /**
   * A fresh {@link LocalRouteGuide} of the canonical catalogue (with an empty note board) for each
   * start, gRPC's thread pool, and 5 seconds to shut down.
   */
  static final InProcessOptions DEFAULT =
      new InProcessOptions(
          () -> LocalRouteGuide.of(CanonicalCatalogue.get()), false, Duration.ofSeconds(5));

  /**
   * These options with backends from the supplier, called once per start.
   *
   * @throws NullPointerException if backends is null
   */
  InProcessOptions withBackends(Supplier<? extends RouteGuide> backends) {
    return new InProcessOptions(
        Objects.requireNonNull(backends, "backends"), directExecutor, shutdownTimeout);
  }

  /** These options with or without gRPC's direct executor, for server and channel alike. */
  InProcessOptions withDirectExecutor(boolean directExecutor) {
    return new InProcessOptions(backends, directExecutor, shutdownTimeout);
  }

  /**
   * These options with another shutdown time limit.
   *
   * @throws NullPointerException if timeout is null
   * @throws IllegalArgumentException if timeout is zero or negative
   */
  InProcessOptions withShutdownTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "shutdownTimeout").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("shutdownTimeout must be positive, was " + timeout);
    }
    return new InProcessOptions(backends, directExecutor, timeout);
  }

  /**
   * Starts a service over the backend, an in-process server under a new unique name, a channel
   * to it and a client on the channel.
   *
   * @throws UncheckedIOException if the in-process server cannot start
   */
  InProcessRouteGuide start(RouteGuide backend) {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder serverBuilder =
        InProcessServerBuilder.forName(name).addService(new RouteGuideService(backend));
    InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
    if (directExecutor) {
      serverBuilder.directExecutor();
      channelBuilder.directExecutor();
    }
    Server server;
    try {
      server = serverBuilder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start in-process server " + name, e);
    }
    ManagedChannel channel = channelBuilder.build();
    return new InProcessRouteGuide(name, backend, server, channel, shutdownTimeout);
  }
}
