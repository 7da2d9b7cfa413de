package dev.routeguide.grpc.transport;

import dev.routeguide.core.RouteGuide;
import dev.routeguide.grpc.server.RouteGuideService;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running gRPC server on one transport: in-process, TCP (plain, TLS or mutual TLS) or a Unix
 * domain socket. Built by {@link #builder}, which validates the combination of options at {@link
 * RouteGuideServerBuilder#start()}.
 *
 * <pre>{@code
 * try (RouteGuideServer server =
 *     RouteGuideServer.builder(LocalRouteGuide.of(FeatureCatalogue.canonical()))
 *         .tcp("localhost", 0)
 *         .withHealth()
 *         .withReflection()
 *         .start()) {
 *   System.out.println("serving on " + server.target());
 *   server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>{@link #shutdown()} is graceful and goes in two steps: first the health service (if enabled)
 * turns {@code NOT_SERVING} while the server keeps serving every call, new ones included, for the
 * {@linkplain RouteGuideServerBuilder#drainPeriod drain period} (so probes and load balancers see
 * it leave and stop sending calls); then new calls are refused, calls in flight get the
 * {@linkplain RouteGuideServerBuilder#shutdownGrace grace period} to finish, and the rest are
 * cancelled. {@link #close()} does the same and throws if the server
 * still has not terminated. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RouteGuideServer implements AutoCloseable {

  /** How long a shutdown waits for cancelled calls to end once the grace period has run out. */
  static final Duration FORCED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  static final Duration DEFAULT_DRAIN = Duration.ZERO;

  private final Server server;
  private final Transport transport;
  private final HealthStatusManager health;
  private final List<EventLoopGroup> eventLoopGroups;
  private final Duration grace;
  private final Duration drain;
  private final String description;
  private final String target;
  private final SocketAddress address;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CountDownLatch drained = new CountDownLatch(1);

  RouteGuideServer(
      Server server,
      Transport transport,
      HealthStatusManager health,
      List<EventLoopGroup> eventLoopGroups,
      Duration grace,
      Duration drain,
      String description,
      String target) {
    this.server = server;
    this.transport = transport;
    this.health = health;
    this.eventLoopGroups = List.copyOf(eventLoopGroups);
    this.grace = grace;
    this.drain = drain;
    this.description = description;
    this.target = target;
    this.address = server.getListenSockets().get(0);
  }

  /**
   * Starts building a server that serves this backend as the RouteGuide service (through a {@link
   * RouteGuideService}), for example a {@link dev.routeguide.core.LocalRouteGuide}. The service
   * reports the live notes it drops to no observer: for that metric, pass {@code new
   * RouteGuideService(backend, observer)} to {@link #builder(RouteGuideService)} instead.
   *
   * @throws NullPointerException if backend is null
   */
  public static RouteGuideServerBuilder builder(RouteGuide backend) {
    return builder(new RouteGuideService(Objects.requireNonNull(backend, "backend")));
  }

  /**
   * Starts building a server for the given service, such as a {@link RouteGuideService}. More
   * services can be added with {@link RouteGuideServerBuilder#addService}.
   *
   * @throws NullPointerException if service is null
   * @throws IllegalStateException if a transport this class uses is missing from the class path;
   *     the message names it and {@code dev.routeguide:routeguide-transports}, which brings them
   */
  public static RouteGuideServerBuilder builder(BindableService service) {
    TransportDependencies.require("RouteGuideServer");
    return new RouteGuideServerBuilder().addService(service);
  }

  /**
   * The TCP port the server is bound to: the real one when it was asked for port 0.
   *
   * @throws IllegalStateException if the server does not listen on TCP
   */
  public int port() {
    if (transport != Transport.TCP) {
      throw new IllegalStateException(description + " has no TCP port");
    }
    return server.getPort();
  }

  /**
   * The address the server listens on: an {@link InetSocketAddress} for TCP, a Netty {@code
   * DomainSocketAddress} for a Unix socket, an {@code InProcessSocketAddress} in process.
   */
  public SocketAddress address() {
    return address;
  }

  /**
   * A target string for {@code Grpc.newChannelBuilder}, {@link RouteGuideChannels} or {@code
   * grpcurl}: {@code localhost:PORT} when bound to all interfaces or to {@code localhost}, {@code
   * HOST:PORT} for another host, {@code unix:/absolute/path} for a Unix socket.
   *
   * @throws IllegalStateException if the server is in-process, which has no target string: connect
   *     with {@link RouteGuideChannels#inProcess(String)} and the name it was built with
   */
  public String target() {
    if (target == null) {
      throw new IllegalStateException(
          description + " has no target string; use RouteGuideChannels.inProcess(name)");
    }
    return target;
  }

  /** Whether a shutdown has begun (its drain period included). */
  public boolean isShutdown() {
    return draining.get() || server.isShutdown();
  }

  /** Whether the server has shut down and every call has ended. */
  public boolean isTerminated() {
    return server.isTerminated();
  }

  /**
   * Shuts down gracefully and blocks until the server terminates: the health service (if enabled)
   * reports {@code NOT_SERVING} for every service while the server goes on serving every call for
   * the drain period; then new calls are refused (a health check too, with {@code UNAVAILABLE}),
   * calls in flight may run for up to the grace period, then the remaining calls are cancelled and
   * given up to 5 more seconds to end. Event loops this server created are released. Calling it
   * again, from any thread, waits again; the drain happens once.
   *
   * <p>If the calling thread is interrupted, the rest of the drain is skipped, the remaining calls
   * are cancelled at once and the interrupt flag is kept.
   *
   * @return true if the server terminated, false if calls were still running when the time ran out
   */
  public boolean shutdown() {
    try {
      drain();
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
      releaseEventLoops();
      return server.isTerminated();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        server.shutdownNow();
        server.awaitTermination(FORCED_SHUTDOWN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      releaseEventLoops();
    }
    return server.isTerminated();
  }

  /**
   * Waits for the server to terminate, for at most the given time; does not shut it down.
   *
   * @return true if it terminated in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits, without a time limit, for the server to terminate; for a {@code main} that serves until
   * another thread calls {@link #shutdown()}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * {@link #shutdown() Shuts down gracefully}.
   *
   * @throws IllegalStateException if the server did not terminate in time
   */
  @Override
  public void close() {
    if (!shutdown()) {
      throw new IllegalStateException(
          description
              + " did not terminate within its grace period of "
              + grace
              + " plus "
              + FORCED_SHUTDOWN_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "RouteGuideServer[" + description + "]";
  }

  /** Step one, once: says NOT_SERVING and keeps serving for the drain period; others wait. */
  private void drain() throws InterruptedException {
    if (!draining.compareAndSet(false, true)) {
      drained.await();
      return;
    }
    try {
      if (health != null) {
        health.enterTerminalState();
      }
      if (!drain.isZero()) {
        TimeUnit.NANOSECONDS.sleep(drain.toNanos()); // the drain is a period, not a condition
      }
    } finally {
      drained.countDown();
    }
  }

  private void releaseEventLoops() {
    for (EventLoopGroup group : eventLoopGroups) {
      group.shutdownGracefully(0, FORCED_SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    for (EventLoopGroup group : eventLoopGroups) {
      group.terminationFuture().awaitUninterruptibly(FORCED_SHUTDOWN_TIMEOUT.toMillis());
    }
  }

  /** The kind of transport a server listens on. */
  enum Transport {
    IN_PROCESS,
    TCP,
    UNIX_SOCKET
  }
}
