package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.core.RouteGuide;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RouteGuideService} over a backend, served in-process under a unique name, with one
 * channel to it: the plain grpc-java set-up for this module's tests. {@link #close()} shuts both
 * down and fails if they do not terminate.
 */
public final class InProcessServer implements AutoCloseable {

  /** How callbacks run on both sides. */
  public enum Executor {
    /** On the thread that triggers them: deterministic, but hides threading bugs. */
    DIRECT,
    /** On gRPC's default thread pools, as in production. */
    POOLED
  }

  private final Server server;
  private final ManagedChannel channel;

  private InProcessServer(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  public static InProcessServer serving(RouteGuide backend, Executor executor) {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder serverBuilder =
        InProcessServerBuilder.forName(name).addService(new RouteGuideService(backend));
    InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name);
    if (executor == Executor.DIRECT) {
      serverBuilder.directExecutor();
      channelBuilder.directExecutor();
    }
    try {
      return new InProcessServer(serverBuilder.build().start(), channelBuilder.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      assertThat(channel.awaitTermination(10, TimeUnit.SECONDS)).as("channel terminated").isTrue();
      assertThat(server.awaitTermination(10, TimeUnit.SECONDS)).as("server terminated").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while shutting down", e);
    }
  }
}
