package dev.routeguide.testing.grpc;

import java.time.Duration;

/**
 * The options {@link InProcessRouteGuide.Builder} and {@link RouteGuideExtension.Builder} share,
 * set once here for both; each adds its own way of choosing the backend. Not thread-safe.
 *
 * @param <B> the builder itself, returned for chaining
 */
abstract class OptionsBuilder<B extends OptionsBuilder<B>> {

  /** What has been chosen so far. */
  InProcessOptions options = InProcessOptions.DEFAULT;

  OptionsBuilder() {}

  /** This builder, typed as itself. */
  abstract B self();

  /**
   * Whether the server and the channel run callbacks on the thread that triggers them instead of
   * gRPC's thread pools: deterministic and fast, but it hides threading bugs. Always both sides
   * together, never one: in process, a direct server with a pooled channel lets two threads into
   * one call's executor, which breaks inside gRPC (see {@code
   * RouteGuideServerBuilder.directExecutor()}). The service then runs on the test's own thread,
   * so use it only with a backend that never blocks, such as a {@code LocalRouteGuide} over the
   * in-memory note board: a backend that blocks (a note board over Redis, which waits for each
   * command) blocks the test inside its call, and one that waits for work done on its own threads
   * can deadlock. Off by default.
   *
   * @return this builder
   */
  public B directExecutor(boolean directExecutor) {
    options = options.withDirectExecutor(directExecutor);
    return self();
  }

  /**
   * How long shutting down waits for the client, channel and server to terminate (in {@link
   * InProcessRouteGuide#close()}, and in the extension's teardown, which then fails the test); 5
   * seconds by default.
   *
   * @return this builder
   * @throws NullPointerException if timeout is null
   * @throws IllegalArgumentException if timeout is zero or negative
   */
  public B shutdownTimeout(Duration timeout) {
    options = options.withShutdownTimeout(timeout);
    return self();
  }
}
