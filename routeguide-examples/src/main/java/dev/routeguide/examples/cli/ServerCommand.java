package dev.routeguide.examples.cli;

import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import dev.routeguide.grpc.transport.TransportLimits;
import dev.routeguide.opentelemetry.RouteGuideMetrics;
import dev.routeguide.redis.RedisNoteBoard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code routeguide server}: serves RouteGuide until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Serves RouteGuide until stopped with SIGTERM or Ctrl-C.",
      "TCP (plaintext, TLS or mutual TLS) or a Unix domain socket, with the gRPC health and"
          + " reflection services. On SIGTERM or Ctrl-C its health turns NOT_SERVING while it keeps"
          + " serving for the drain period; then it stops taking calls, lets calls in flight"
          + " finish within the grace period, and exits (with the signal's usual status, 143 or"
          + " 130).",
      "RouteChat notes are kept in memory, or with --redis in Redis, shared by every server"
          + " started with the same --redis and --redis-key-prefix. Redis must answer at start"
          + " (else exit 1); if it stops later, RouteChat calls fail with UNAVAILABLE, the other"
          + " RPCs and health keep serving, and RouteChat recovers once Redis is back."
    })
final class ServerCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions options;

  @Mixin private RedisOptions redis;

  @Mixin private TransportLimitOptions transportLimits;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port; 0 picks a free one. Default: 50051.")
  private Integer port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Interface to listen on. Default: 127.0.0.1 (loopback only, the safe choice).")
  private String host;

  @Option(
      names = "--all-interfaces",
      description = "Listen on every interface (0.0.0.0), reachable from other machines.")
  private boolean allInterfaces;

  @Option(
      names = "--unix-socket",
      paramLabel = "PATH",
      description = "Listen on a Unix domain socket at PATH instead of TCP (Linux).")
  private Path unixSocket;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain: serve TLS.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Server private key (PKCS#8) for --tls-cert.")
  private Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "PEM",
      description = "Client certificates must be issued by this CA (mutual TLS); see --tls-client-auth.")
  private Path tlsClientCa;

  @Option(
      names = "--tls-client-auth",
      paramLabel = "require|optional",
      description = "With --tls-client-ca: require a client certificate (clients without one cannot"
          + " connect), or accept clients without one as \"anonymous\" for --authz-policy."
          + " Default: require.")
  private String tlsClientAuth;

  @Option(
      names = "--drain-period",
      paramLabel = "SECONDS",
      description =
          "On shutdown, how long health says NOT_SERVING while every call, new ones included, is"
              + " still served, so probes and load balancers stop sending calls before the server"
              + " refuses them. Default: ${DEFAULT-VALUE}.")
  private int drainPeriodSeconds = 5;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve gRPC and RouteGuide metrics in the Prometheus text format at"
              + " http://HOST:PORT/metrics (HOST: 127.0.0.1, or 0.0.0.0 with --all-interfaces)."
              + " Default: off.")
  private Integer metricsPort;

  @Option(
      names = "--authz-policy",
      paramLabel = "FILE",
      description =
          "Allow only the calls this jCasbin policy file allows (lines \"p, SUBJECT, METHOD\" and"
              + " \"g, IDENTITY, ROLE\"), by the client certificate's subject or \"anonymous\";"
              + " reread when it changes. Default: every call allowed.")
  private Path authzPolicy;

  @Override
  public Integer call() throws Exception {
    TransportLimits limits = validate();
    OutOfMemoryHalt.install();
    CliErrors.requireReadable("--tls-cert", tlsCert);
    CliErrors.requireReadable("--tls-key", tlsKey);
    CliErrors.requireReadable("--tls-client-ca", tlsClientCa);
    CliErrors.requireReadable("--authz-policy", authzPolicy);
    MetricsEndpoint metrics =
        metricsPort == null
            ? null
            : MetricsEndpoint.start(allInterfaces ? "0.0.0.0" : "127.0.0.1", metricsPort);
    try {
      RouteGuideMetrics domainMetrics = metrics == null ? null : metrics.domainMetrics();
      if (!redis.enabled()) {
        return serve(options.loadService(options.inMemoryBoard(domainMetrics), domainMetrics),
            null, limits, metrics);
      }
      try (RedisNoteBoard board = redis.connect(options.noteBoardLimits(),
          domainMetrics == null ? NoteBoardObserver.NONE : domainMetrics)) {
        return serve(options.loadService(board, domainMetrics), board, limits, metrics);
      }
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  private int serve(
      ServerOptions.LoadedService service,
      NoteBoard board,
      TransportLimits limits,
      MetricsEndpoint metrics)
      throws Exception {
    RouteGuideServerBuilder builder =
        options
            .serverBuilder(service)
            .transportLimits(limits)
            .drainPeriod(Duration.ofSeconds(drainPeriodSeconds));
    if (metrics != null) {
      builder.metrics(metrics.openTelemetry());
    }
    if (authzPolicy != null) {
      builder.authorizationPolicy(authzPolicy);
    }
    String transport;
    if (unixSocket != null) {
      builder.unixSocket(unixSocket);
      transport = "unix socket";
    } else {
      String bindHost = allInterfaces ? "0.0.0.0" : host == null ? "127.0.0.1" : host;
      builder.tcp(bindHost, port == null ? 50051 : port);
      transport = "tcp";
    }
    if (tlsCert != null) {
      builder.tls(tlsCert, tlsKey);
      if (tlsClientCa == null) {
        transport += ", TLS";
      } else if ("optional".equals(tlsClientAuth)) {
        builder.acceptClientCertificates(tlsClientCa);
        transport += ", TLS with optional client certificates";
      } else {
        builder.requireClientCertificates(tlsClientCa);
        transport += ", mutual TLS";
      }
    } else {
      transport += ", plaintext";
    }
    if (options.directExecutor) {
      transport += ", direct executor";
    }
    if (authzPolicy != null) {
      transport += ", authorization policy " + authzPolicy;
    }
    RouteGuideServer server = start(builder);
    Thread shutdown =
        new Thread(
            () -> {
              spec.commandLine().getOut().println("Shutting down RouteGuide server gracefully");
              server.shutdown();
            },
            "routeguide-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    service.announce(spec.commandLine().getOut(), server, transport);
    if (board != null) {
      spec.commandLine().getOut().println(RedisOptions.describe(board));
    }
    if (metrics != null) {
      spec.commandLine().getOut().println("Metrics for Prometheus at " + metrics.url());
    }
    server.awaitTermination();
    return 0;
  }

  private RouteGuideServer start(RouteGuideServerBuilder builder) throws IOException {
    try {
      return builder.start();
    } catch (IllegalArgumentException e) {
      if (tlsCert == null) {
        throw e;
      }
      throw new IOException("cannot use --tls-cert " + tlsCert + " with --tls-key " + tlsKey
          + (tlsClientCa == null ? "" : " and --tls-client-ca " + tlsClientCa) + ": "
          + CliErrors.describe(e));
    }
  }

  private TransportLimits validate() {
    options.validate(spec);
    redis.validate(spec);
    TransportLimits limits = transportLimits.limits(spec);
    // a note's bytes on the wire: up to 3 UTF-8 bytes per char, plus its location and framing
    long largestNote = 3L * options.maxMessageLength + 32;
    if (largestNote > limits.maxInboundMessageSize()) {
      throw usage("--max-message-length " + options.maxMessageLength
          + " needs --max-inbound-message-size of at least " + largestNote + ", got "
          + limits.maxInboundMessageSize());
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw usage("--port must be within [0, 65535], got " + port);
    }
    if (drainPeriodSeconds < 0) {
      throw usage("--drain-period must not be negative, got " + drainPeriodSeconds);
    }
    if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
      throw usage("--metrics-port must be within [1, 65535], got " + metricsPort);
    }
    if (allInterfaces && host != null) {
      throw usage("--host and --all-interfaces exclude each other");
    }
    if (options.directExecutor && redis.enabled()) {
      throw usage("--direct-executor cannot be used with --redis: Redis commands block, and would"
          + " stall the transport's threads");
    }
    if (unixSocket != null && (port != null || host != null || allInterfaces)) {
      throw usage("--unix-socket excludes --port, --host and --all-interfaces");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw usage("--tls-cert and --tls-key go together");
    }
    if (tlsClientCa != null && tlsCert == null) {
      throw usage("--tls-client-ca needs --tls-cert and --tls-key");
    }
    if (tlsClientAuth != null && !tlsClientAuth.equals("require")
        && !tlsClientAuth.equals("optional")) {
      throw usage("--tls-client-auth must be require or optional, got " + tlsClientAuth);
    }
    if (tlsClientAuth != null && tlsClientCa == null) {
      throw usage("--tls-client-auth needs --tls-client-ca");
    }
    return limits;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
