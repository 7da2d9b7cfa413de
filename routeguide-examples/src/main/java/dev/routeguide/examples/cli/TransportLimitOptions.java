package dev.routeguide.examples.cli;

import dev.routeguide.grpc.transport.TransportLimits;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} flags that bound what clients may make it hold, one per field of {@link
 * TransportLimits}; defaults are {@link TransportLimits#DEFAULT}'s.
 */
final class TransportLimitOptions {

  private static final TransportLimits DEFAULT = TransportLimits.DEFAULT;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Connections held open at once; one accepted beyond is closed at once, unread."
          + " Default: ${DEFAULT-VALUE} (so a flood of connections cannot pile up).")
  int maxConnections = DEFAULT.maxConnections();

  @Option(
      names = "--max-inbound-message-size",
      paramLabel = "BYTES",
      description = "Largest message a call may send; larger ends the call with RESOURCE_EXHAUSTED."
          + " Default: ${DEFAULT-VALUE} (RouteGuide messages are a few hundred bytes; a 1,024-char"
          + " note is under 4 KiB).")
  int maxInboundMessageSize = DEFAULT.maxInboundMessageSize();

  @Option(
      names = "--max-concurrent-calls-per-connection",
      paramLabel = "N",
      description = "Calls one connection may have open at once; a client's further calls wait"
          + " (streams beyond it are refused before they become calls)."
          + " Default: ${DEFAULT-VALUE}.")
  int maxConcurrentCallsPerConnection = DEFAULT.maxConcurrentCallsPerConnection();

  @Option(
      names = "--flow-control-window",
      paramLabel = "BYTES",
      description = "Bytes a connection (and each call) may send before the server consumes them."
          + " Default: ${DEFAULT-VALUE} (HTTP/2's default; bounds the memory a client can pin).")
  int flowControlWindow = DEFAULT.flowControlWindow();

  @Option(
      names = "--keepalive-time",
      paramLabel = "SECONDS",
      description = "Ping a connection silent this long, to find vanished clients."
          + " Default: ${DEFAULT-VALUE}.")
  long keepAliveTimeSeconds = DEFAULT.keepAliveTime().toSeconds();

  @Option(
      names = "--keepalive-timeout",
      paramLabel = "SECONDS",
      description = "Close a connection whose ping is unanswered this long. Default: ${DEFAULT-VALUE}.")
  long keepAliveTimeoutSeconds = DEFAULT.keepAliveTimeout().toSeconds();

  @Option(
      names = "--permit-keepalive-time",
      paramLabel = "SECONDS",
      description = "Shortest interval at which a client may ping; faster pingers get GOAWAY"
          + " (too_many_pings). Default: ${DEFAULT-VALUE} (gRPC's).")
  long permitKeepAliveTimeSeconds = DEFAULT.permitKeepAliveTime().toSeconds();

  @Option(
      names = "--permit-keepalive-without-calls",
      description = "Let clients ping while they have no call open. Default: off (gRPC's).")
  boolean permitKeepAliveWithoutCalls = DEFAULT.permitKeepAliveWithoutCalls();

  @Option(
      names = "--max-connection-idle",
      paramLabel = "SECONDS",
      description = "Close a connection that has had no call open this long (clients reconnect"
          + " when they next call). Default: ${DEFAULT-VALUE}.")
  long maxConnectionIdleSeconds = DEFAULT.maxConnectionIdle().toSeconds();

  @Option(
      names = "--max-connection-age",
      paramLabel = "SECONDS",
      description = "Ask clients to reconnect after this long, so load balancers can rebalance."
          + " Default: off (it would cut long RouteChats).")
  Long maxConnectionAgeSeconds;

  @Option(
      names = "--max-connection-age-grace",
      paramLabel = "SECONDS",
      description = "With --max-connection-age: how long open calls may then run before they are"
          + " cancelled. Default: 30.")
  Long maxConnectionAgeGraceSeconds;

  @Option(
      names = "--handshake-timeout",
      paramLabel = "SECONDS",
      description = "Close a new connection that has not finished its TLS and HTTP/2 handshakes"
          + " this long after connecting. Default: ${DEFAULT-VALUE}.")
  long handshakeTimeoutSeconds = DEFAULT.handshakeTimeout().toSeconds();

  @Option(
      names = "--max-rst-frames-per-window",
      paramLabel = "N",
      description = "Stream resets (RST_STREAM) one connection may send per --rst-frames-window;"
          + " one more gets GOAWAY (too_many_rststreams), the HTTP/2 rapid-reset defence."
          + " Default: ${DEFAULT-VALUE}.")
  int maxRstFramesPerWindow = DEFAULT.maxRstFramesPerWindow();

  @Option(
      names = "--rst-frames-window",
      paramLabel = "SECONDS",
      description = "The window over which --max-rst-frames-per-window counts resets."
          + " Default: ${DEFAULT-VALUE}.")
  long rstFramesWindowSeconds = DEFAULT.rstFramesWindow().toSeconds();

  /**
   * The limits these flags describe.
   *
   * @throws ParameterException naming the first flag whose value is out of range
   */
  TransportLimits limits(CommandSpec spec) {
    if (maxConnectionAgeGraceSeconds != null && maxConnectionAgeSeconds == null) {
      throw new ParameterException(
          spec.commandLine(), "--max-connection-age-grace needs --max-connection-age");
    }
    TransportLimits limits = DEFAULT;
    limits = apply(spec, limits, "--max-connections", maxConnections,
        l -> l.withMaxConnections(maxConnections));
    limits = apply(spec, limits, "--max-inbound-message-size", maxInboundMessageSize,
        l -> l.withMaxInboundMessageSize(maxInboundMessageSize));
    limits = apply(spec, limits, "--max-concurrent-calls-per-connection",
        maxConcurrentCallsPerConnection,
        l -> l.withMaxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection));
    limits = apply(spec, limits, "--flow-control-window", flowControlWindow,
        l -> l.withFlowControlWindow(flowControlWindow));
    limits = apply(spec, limits, "--keepalive-time", keepAliveTimeSeconds,
        l -> l.withKeepAlive(Duration.ofSeconds(keepAliveTimeSeconds), l.keepAliveTimeout()));
    limits = apply(spec, limits, "--keepalive-timeout", keepAliveTimeoutSeconds,
        l -> l.withKeepAlive(l.keepAliveTime(), Duration.ofSeconds(keepAliveTimeoutSeconds)));
    limits = apply(spec, limits, "--permit-keepalive-time", permitKeepAliveTimeSeconds,
        l -> l.withPermittedKeepAlive(
            Duration.ofSeconds(permitKeepAliveTimeSeconds), permitKeepAliveWithoutCalls));
    limits = apply(spec, limits, "--max-connection-idle", maxConnectionIdleSeconds,
        l -> l.withMaxConnectionIdle(Duration.ofSeconds(maxConnectionIdleSeconds)));
    if (maxConnectionAgeSeconds != null) {
      limits = apply(spec, limits, "--max-connection-age", maxConnectionAgeSeconds,
          l -> l.withMaxConnectionAge(
              Duration.ofSeconds(maxConnectionAgeSeconds), l.maxConnectionAgeGrace()));
    }
    if (maxConnectionAgeGraceSeconds != null) {
      limits = apply(spec, limits, "--max-connection-age-grace", maxConnectionAgeGraceSeconds,
          l -> l.withMaxConnectionAge(
              l.maxConnectionAge().orElseThrow(),
              Duration.ofSeconds(maxConnectionAgeGraceSeconds)));
    }
    limits = apply(spec, limits, "--handshake-timeout", handshakeTimeoutSeconds,
        l -> l.withHandshakeTimeout(Duration.ofSeconds(handshakeTimeoutSeconds)));
    limits = apply(spec, limits, "--max-rst-frames-per-window", maxRstFramesPerWindow,
        l -> l.withMaxRstFramesPerWindow(maxRstFramesPerWindow, l.rstFramesWindow()));
    limits = apply(spec, limits, "--rst-frames-window", rstFramesWindowSeconds,
        l -> l.withMaxRstFramesPerWindow(
            l.maxRstFramesPerWindow(), Duration.ofSeconds(rstFramesWindowSeconds)));
    return limits;
  }

  /** Applies one flag; the record refuses only values that are not positive. */
  private static TransportLimits apply(CommandSpec spec, TransportLimits limits, String flag,
      long value, UnaryOperator<TransportLimits> change) {
    try {
      return change.apply(limits);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flag + " must be positive, got " + value);
    }
  }
}
