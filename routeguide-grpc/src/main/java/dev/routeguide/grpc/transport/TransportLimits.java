package dev.routeguide.grpc.transport;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What clients may make a server hold, per connection and in connections: the bounds {@link
 * RouteGuideServer} applies to its socket transports (TCP and Unix sockets; the in-process
 * transport has no sockets and ignores them). {@link #DEFAULT} is sized for RouteGuide, whose
 * messages are a few hundred bytes, on a server with a heap of a few hundred megabytes.
 *
 * <pre>{@code
 * RouteGuideServer.builder(backend)
 *     .tcp("localhost", 50051)
 *     .transportLimits(TransportLimits.DEFAULT
 *         .withMaxConcurrentCallsPerConnection(5_000)
 *         .withMaxConnectionAge(Duration.ofMinutes(30), Duration.ofMinutes(1)))
 *     .start();
 * }</pre>
 *
 * <p>An embedding application that builds its own gRPC server applies the same bounds with {@link
 * #applyTo(NettyServerBuilder)}. Immutable; the constructor throws {@link IllegalArgumentException}
 * naming the first field out of range.
 *
 * @param maxInboundMessageSize the largest message a call may send, in bytes (after
 *     decompression); a larger one ends the call with {@code RESOURCE_EXHAUSTED}
 * @param maxConcurrentCallsPerConnection calls one connection may have open at once, advertised as
 *     HTTP/2 {@code SETTINGS_MAX_CONCURRENT_STREAMS} (a gRPC client's further calls wait for one to
 *     end) and enforced by the transport from the connection's first stream, acknowledged or not:
 *     a stream beyond it is reset ({@code RST_STREAM REFUSED_STREAM}) before it becomes a call, so
 *     no interceptor or service ever sees it
 * @param flowControlWindow bytes a connection, and each call on it, may send before the server has
 *     consumed them (HTTP/2 flow-control window); fixed, not auto-tuned
 * @param keepAliveTime how long a connection may stay silent before the server pings it
 * @param keepAliveTimeout how long the server waits for that ping's answer before closing
 * @param permitKeepAliveTime the shortest interval at which a client may ping; a client that pings
 *     more often is sent {@code GOAWAY} ({@code ENHANCE_YOUR_CALM}, "too_many_pings")
 * @param permitKeepAliveWithoutCalls whether a client may ping while it has no call open
 * @param maxConnectionIdle how long a connection may have no call open before the server closes it
 *     (with {@code GOAWAY}; a client reconnects when it next calls)
 * @param maxConnectionAge how long a connection may live before the server asks the client to
 *     reconnect, so that load balancers can rebalance; empty for no limit
 * @param maxConnectionAgeGrace once a connection is past its age, how long its open calls may run
 *     before they are cancelled
 * @param handshakeTimeout how long a new connection may take to complete its TLS and HTTP/2
 *     handshakes before it is closed
 * @param maxRstFramesPerWindow RST_STREAM frames one connection may send within {@code
 *     rstFramesWindow} (the HTTP/2 "rapid reset" defence, CVE-2023-44487); one more and the server
 *     sends {@code GOAWAY} ({@code ENHANCE_YOUR_CALM}, "too_many_rststreams") and closes it
 * @param rstFramesWindow the window over which RST_STREAM frames are counted, in whole seconds (at
 *     least one; a fraction is dropped)
 * @param maxConnections connections the server holds open at once; one accepted beyond it is
 *     closed at once, unread. Enforced by {@link RouteGuideServer} only: {@link
 *     #applyTo(NettyServerBuilder)} cannot (it would need the builder's event loops), so embedding
 *     applications cap connections where they arrive (a proxy, a load balancer, {@code ulimit -n})
 * @since 0.2.0
 */
public record TransportLimits(
    int maxInboundMessageSize,
    int maxConcurrentCallsPerConnection,
    int flowControlWindow,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    boolean permitKeepAliveWithoutCalls,
    Duration maxConnectionIdle,
    Optional<Duration> maxConnectionAge,
    Duration maxConnectionAgeGrace,
    Duration handshakeTimeout,
    int maxRstFramesPerWindow,
    Duration rstFramesWindow,
    int maxConnections) {

  /**
   * The defaults, and why: messages up to 16 KiB (a RouteGuide message is at most a few KiB: a
   * 1,024-char note is under 4 KiB of UTF-8); 1,000 calls per connection (a gateway multiplexes
   * many users' RouteChats on one connection, yet one connection cannot open unbounded state); a
   * 64 KiB flow-control window (HTTP/2's own default, so 500 connections pin 32 MiB, not gRPC's 1
   * MiB each); a ping after 1 minute of silence, answered within 20 seconds (so a vanished peer's
   * calls are freed in minutes, not when TCP gives up); clients may ping every 5 minutes at most,
   * and only during calls (gRPC's defaults, gRFC A8); idle connections closed after 5 minutes; no
   * connection age (it would cut long RouteChats), with 30 seconds of grace once one is set; 10
   * seconds to finish the handshakes (gRPC's default of 120 lets silent sockets pile up); 2,000
   * stream resets per connection in 10 seconds (twice the calls a connection may have open, so a
   * client may cancel all of them at once, while a rapid-reset attack resets thousands a second);
   * 1,000 connections at once (each pins at most its window of unread input beyond the messages
   * its calls have asked for, so 1,000 windows fit a small heap, and a flood of connections is
   * refused at accept instead of piling up).
   */
  public static final TransportLimits DEFAULT =
      new TransportLimits(
          16 * 1024,
          1_000,
          64 * 1024,
          Duration.ofMinutes(1),
          Duration.ofSeconds(20),
          Duration.ofMinutes(5),
          false,
          Duration.ofMinutes(5),
          Optional.empty(),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          2_000,
          Duration.ofSeconds(10),
          1_000);

  /** Checks every field: sizes and counts positive, durations positive, none null. */
  public TransportLimits {
    requirePositive("maxInboundMessageSize", maxInboundMessageSize);
    requirePositive("maxConcurrentCallsPerConnection", maxConcurrentCallsPerConnection);
    requirePositive("flowControlWindow", flowControlWindow);
    requirePositive("keepAliveTime", keepAliveTime);
    requirePositive("keepAliveTimeout", keepAliveTimeout);
    requirePositive("permitKeepAliveTime", permitKeepAliveTime);
    requirePositive("maxConnectionIdle", maxConnectionIdle);
    Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
    maxConnectionAge.ifPresent(age -> requirePositive("maxConnectionAge", age));
    requirePositive("maxConnectionAgeGrace", maxConnectionAgeGrace);
    requirePositive("handshakeTimeout", handshakeTimeout);
    requirePositive("maxRstFramesPerWindow", maxRstFramesPerWindow);
    Objects.requireNonNull(rstFramesWindow, "rstFramesWindow");
    if (rstFramesWindow.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "rstFramesWindow must be at least one second, got " + rstFramesWindow);
    }
    requirePositive("maxConnections", maxConnections);
  }

  /** Returns these limits with another largest inbound message, in bytes. */
  public TransportLimits withMaxInboundMessageSize(int bytes) {
    return with(copy -> copy.maxInboundMessageSize = bytes);
  }

  /** Returns these limits with another number of calls one connection may have open. */
  public TransportLimits withMaxConcurrentCallsPerConnection(int calls) {
    return with(copy -> copy.maxConcurrentCallsPerConnection = calls);
  }

  /** Returns these limits with another inbound flow-control window, in bytes. */
  public TransportLimits withFlowControlWindow(int bytes) {
    return with(copy -> copy.flowControlWindow = bytes);
  }

  /** Returns these limits with another silence before a ping and another wait for its answer. */
  public TransportLimits withKeepAlive(Duration time, Duration timeout) {
    return with(copy -> {
      copy.keepAliveTime = time;
      copy.keepAliveTimeout = timeout;
    });
  }

  /** Returns these limits with another policy for the pings clients may send. */
  public TransportLimits withPermittedKeepAlive(Duration minimumInterval, boolean withoutCalls) {
    return with(copy -> {
      copy.permitKeepAliveTime = minimumInterval;
      copy.permitKeepAliveWithoutCalls = withoutCalls;
    });
  }

  /** Returns these limits with another time a connection may stay without calls. */
  public TransportLimits withMaxConnectionIdle(Duration idle) {
    return with(copy -> copy.maxConnectionIdle = idle);
  }

  /** Returns these limits with connections asked to reconnect at this age, after this grace. */
  public TransportLimits withMaxConnectionAge(Duration age, Duration grace) {
    Objects.requireNonNull(age, "maxConnectionAge");
    return with(copy -> {
      copy.maxConnectionAge = Optional.of(age);
      copy.maxConnectionAgeGrace = grace;
    });
  }

  /** Returns these limits with connections of any age. */
  public TransportLimits withoutMaxConnectionAge() {
    return with(copy -> copy.maxConnectionAge = Optional.empty());
  }

  /** Returns these limits with another time for a new connection's handshakes. */
  public TransportLimits withHandshakeTimeout(Duration timeout) {
    return with(copy -> copy.handshakeTimeout = timeout);
  }

  /** Returns these limits with another number of stream resets a connection may send per window. */
  public TransportLimits withMaxRstFramesPerWindow(int frames, Duration window) {
    return with(copy -> {
      copy.maxRstFramesPerWindow = frames;
      copy.rstFramesWindow = window;
    });
  }

  /** Returns these limits with another number of connections the server holds open at once. */
  public TransportLimits withMaxConnections(int connections) {
    return with(copy -> copy.maxConnections = connections);
  }

  /** These limits with the change applied: the one place that lists every component. */
  private TransportLimits with(Consumer<Components> change) {
    Components copy = new Components(this);
    change.accept(copy);
    return copy.limits();
  }

  /** The components of a {@link TransportLimits}, to change some and check them all again. */
  private static final class Components {
    int maxInboundMessageSize;
    int maxConcurrentCallsPerConnection;
    int flowControlWindow;
    Duration keepAliveTime;
    Duration keepAliveTimeout;
    Duration permitKeepAliveTime;
    boolean permitKeepAliveWithoutCalls;
    Duration maxConnectionIdle;
    Optional<Duration> maxConnectionAge;
    Duration maxConnectionAgeGrace;
    Duration handshakeTimeout;
    int maxRstFramesPerWindow;
    Duration rstFramesWindow;
    int maxConnections;

    Components(TransportLimits limits) {
      maxInboundMessageSize = limits.maxInboundMessageSize;
      maxConcurrentCallsPerConnection = limits.maxConcurrentCallsPerConnection;
      flowControlWindow = limits.flowControlWindow;
      keepAliveTime = limits.keepAliveTime;
      keepAliveTimeout = limits.keepAliveTimeout;
      permitKeepAliveTime = limits.permitKeepAliveTime;
      permitKeepAliveWithoutCalls = limits.permitKeepAliveWithoutCalls;
      maxConnectionIdle = limits.maxConnectionIdle;
      maxConnectionAge = limits.maxConnectionAge;
      maxConnectionAgeGrace = limits.maxConnectionAgeGrace;
      handshakeTimeout = limits.handshakeTimeout;
      maxRstFramesPerWindow = limits.maxRstFramesPerWindow;
      rstFramesWindow = limits.rstFramesWindow;
      maxConnections = limits.maxConnections;
    }

    TransportLimits limits() {
      return new TransportLimits(maxInboundMessageSize, maxConcurrentCallsPerConnection,
          flowControlWindow, keepAliveTime, keepAliveTimeout, permitKeepAliveTime,
          permitKeepAliveWithoutCalls, maxConnectionIdle, maxConnectionAge, maxConnectionAgeGrace,
          handshakeTimeout, maxRstFramesPerWindow, rstFramesWindow, maxConnections);
    }
  }

  /**
   * Sets every limit but {@link #maxConnections()} on a grpc-netty-shaded server builder, for
   * applications that build their own server. (For the unshaded {@code grpc-netty}, call the
   * builder methods of the same names.)
   *
   * @return the same builder
   * @throws NullPointerException if builder is null
   */
  public NettyServerBuilder applyTo(NettyServerBuilder builder) {
    Objects.requireNonNull(builder, "builder");
    builder
        .maxInboundMessageSize(maxInboundMessageSize)
        .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
        .flowControlWindow(flowControlWindow)
        .keepAliveTime(nanos(keepAliveTime), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(nanos(keepAliveTimeout), TimeUnit.NANOSECONDS)
        .permitKeepAliveTime(nanos(permitKeepAliveTime), TimeUnit.NANOSECONDS)
        .permitKeepAliveWithoutCalls(permitKeepAliveWithoutCalls)
        .maxConnectionIdle(nanos(maxConnectionIdle), TimeUnit.NANOSECONDS)
        .handshakeTimeout(nanos(handshakeTimeout), TimeUnit.NANOSECONDS)
        .maxRstFramesPerWindow(maxRstFramesPerWindow,
            (int) Math.min(Integer.MAX_VALUE, rstFramesWindow.toSeconds()));
    maxConnectionAge.ifPresent(
        age ->
            builder
                .maxConnectionAge(nanos(age), TimeUnit.NANOSECONDS)
                .maxConnectionAgeGrace(nanos(maxConnectionAgeGrace), TimeUnit.NANOSECONDS));
    return builder;
  }

  /** Nanoseconds, saturated: gRPC reads a duration of centuries as "never". */
  private static long nanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : duration.toNanos();
  }

  private static void requirePositive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }
}
