package dev.routeguide.testing.grpc;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.client.RouteGuideClient;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A RouteGuide gRPC server and a client talking to it, in this JVM and without sockets: a {@link
 * dev.routeguide.grpc.server.RouteGuideService} over a backend, an in-process server under a
 * unique name, a channel to it and a {@link RouteGuideClient} on that channel. For tests of code
 * that uses the client.
 *
 * <pre>{@code
 * try (InProcessRouteGuide routeGuide = InProcessRouteGuide.start()) {
 *   Feature feature = routeGuide.client().getFeature(Point.ofE7(409146138, -746188906));
 * }
 * }</pre>
 *
 * <p>{@link #close()} releases the client, channel and server in that order, gracefully, within
 * a time limit (5 seconds by default); if a call is still open by then (a stream the test forgot
 * to close), everything is cancelled and {@code close()} throws, so leaks surface as failures.
 * JUnit 5 tests can let {@link RouteGuideExtension} do all of this per test.
 *
 * <p>Note that the in-process transport passes messages by reference, without serialising them
 * or enforcing size limits: run transport-sensitive tests over TCP too. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InProcessRouteGuide implements AutoCloseable {

  private final String serverName;
  private final RouteGuide backend;
  private final Server server;
  private final ManagedChannel channel;
  private final RouteGuideClient client;
  private final Duration shutdownTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Takes charge of a started server and channel; see {@link InProcessOptions#start}. */
  InProcessRouteGuide(
      String serverName,
      RouteGuide backend,
      Server server,
      ManagedChannel channel,
      Duration shutdownTimeout) {
    this.serverName = serverName;
    this.backend = backend;
    this.server = server;
    this.channel = channel;
    this.client = RouteGuideClient.over(channel);
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Starts one over a fresh {@link LocalRouteGuide} of the canonical 100-feature catalogue, with
   * an empty note board.
   */
  public static InProcessRouteGuide start() {
    return builder().start();
  }

  /**
   * Starts one serving the given backend.
   *
   * @throws NullPointerException if backend is null
   */
  public static InProcessRouteGuide start(RouteGuide backend) {
    return builder().backend(backend).start();
  }

  /** Options for starting one: backend, executor and shutdown time limit. */
  public static Builder builder() {
    return new Builder();
  }

  /** The typed client connected to the server; closed by {@link #close()}. */
  public RouteGuideClient client() {
    return client;
  }

  /** The channel to the server, for generated stubs; shut down by {@link #close}. */
  public ManagedChannel channel() {
    return channel;
  }

  /** The backend the server serves. */
  public RouteGuide backend() {
    return backend;
  }

  /** The unique in-process name the server is registered under. */
  public String serverName() {
    return serverName;
  }

  /**
   * Closes the client and shuts down the channel and the server gracefully, waiting for open calls
   * to end within the shutdown time limit. Does nothing if already closed.
   *
   * @throws IllegalStateException if something did not terminate in time; it has then been shut
   *     down forcefully (open calls cancelled)
   */
  @Override
  public void close() {
    release(true);
  }

  /**
   * Cancels every open call at once and shuts everything down, waiting up to the shutdown time
   * limit: for when a test has already failed and open calls are to be expected. Does nothing if
   * already closed.
   *
   * @throws IllegalStateException if something still did not terminate in time
   */
  public void closeNow() {
    release(false);
  }

  @Override
  public String toString() {
    return "InProcessRouteGuide[" + serverName + " serving " + backend + "]";
  }

  private void release(boolean graceful) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    boolean interrupted = false;
    try {
      client.close();
      if (graceful) {
        channel.shutdown();
        server.shutdown();
      } else {
        channel.shutdownNow();
        server.shutdownNow();
      }
      try {
        awaitUntil(deadline);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      List<String> stuck = stillRunning();
      if (stuck.isEmpty()) {
        return;
      }
      channel.shutdownNow();
      server.shutdownNow();
      try {
        awaitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
      } catch (InterruptedException e) {
        interrupted = true;
      }
      throw new IllegalStateException(
          this
              + ": "
              + String.join(" and ", stuck)
              + " did not terminate within "
              + shutdownTimeout
              + (graceful
                  ? "; a call was probably left open (close every stream); forced shutdown"
                  : " even after a forced shutdown")
              + (interrupted ? " (interrupted while waiting)" : ""));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitUntil(long deadline) throws InterruptedException {
    channel.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private List<String> stillRunning() {
    List<String> stuck = new ArrayList<>(2);
    if (!channel.isTerminated()) {
      stuck.add("the channel");
    }
    if (!server.isTerminated()) {
      stuck.add("the server");
    }
    return stuck;
  }

  /** Options for an {@link InProcessRouteGuide}. Not thread-safe; reusable. */
  public static final class Builder extends OptionsBuilder<Builder> {
    private Builder() {}

    /**
     * Serves this backend; by default a fresh {@link LocalRouteGuide} of the canonical catalogue.
     *
     * @throws NullPointerException if backend is null
     */
    public Builder backend(RouteGuide backend) {
      Objects.requireNonNull(backend, "backend");
      options = options.withBackends(() -> backend);
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Starts the service, server, channel and client.
     *
     * @throws UncheckedIOException if the in-process server cannot start
     */
    public InProcessRouteGuide start() {
      return options.start(options.backends().get());
    }
  }
}
