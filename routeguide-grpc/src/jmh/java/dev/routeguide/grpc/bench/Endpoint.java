package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** A running server and a channel to it, closed together. */
record Endpoint(RouteGuideServer server, ManagedChannel channel) implements AutoCloseable {

  /** Shuts both down now and waits for them to terminate (the server has no grace period). */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("channel did not terminate within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the channel", e);
    }
    server.close();
  }
}
