package dev.routeguide.grpc.bench;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.util.concurrent.TimeUnit;

/** A running server and a channel to it, closed together. */
record Endpoint(Server server, ManagedChannel channel) implements AutoCloseable {

  /** Shuts both down now and waits up to 10 s each for them to terminate. */
  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      if (!channel.awaitTermination(10, TimeUnit.SECONDS)
          || !server.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("server or channel did not terminate within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the server", e);
    }
  }
}
