package dev.routeguide.grpc.transport;

import com.google.common.util.concurrent.MoreExecutors;
import dev.routeguide.grpc.authz.PolicyAuthorization;
import dev.routeguide.grpc.server.TurnExecutor;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * Options for a {@link RouteGuideServer}. Exactly one transport must be chosen ({@link
 * #inProcess}, {@link #tcp}, {@link #unixSocket}); the last call wins. Arguments are checked
 * when given; combinations (TLS in process, mutual TLS without TLS, no transport) are checked by
 * {@link #start()}. Not thread-safe. Obtained from {@link RouteGuideServer#builder}.
 *
 * @since 0.2.0
 */
public final class RouteGuideServerBuilder {
  private RouteGuideServer.Transport transport;
  private String inProcessName;
  private String host;
  private int port;
  private Path socketPath;
  private Path certChain;
  private Path privateKey;
  private Path trustedClientCa;
  private TlsServerCredentials.ClientAuth clientAuth;
  private boolean health;
  private boolean reflection;
  private final List<BindableService> services = new ArrayList<>();
  private final List<ServerServiceDefinition> serviceDefinitions = new ArrayList<>();
  private final List<ServerInterceptor> interceptors = new ArrayList<>();
  private Executor executor;
  private boolean directExecutor;
  private Duration grace = RouteGuideServer.DEFAULT_GRACE;
  private Duration drain = RouteGuideServer.DEFAULT_DRAIN;
  private TransportLimits transportLimits = TransportLimits.DEFAULT;
  private OpenTelemetry openTelemetry;
  private Path authorizationPolicy;
  private final List<Consumer<? super ServerBuilder<?>>> serverBuilderConfigurators =
      new ArrayList<>();

  RouteGuideServerBuilder() {}

  /**
   * Serves in this process only, under a name that in-process channels connect to; no socket is
   * opened. Names must be unique among running in-process servers.
   *
   * @throws NullPointerException if name is null
   * @throws IllegalArgumentException if name is blank
   */
  public RouteGuideServerBuilder inProcess(String name) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("inProcess name must not be blank");
    }
    this.transport = RouteGuideServer.Transport.IN_PROCESS;
    this.inProcessName = name;
    return this;
  }

  /**
   * Listens on TCP on all interfaces.
   *
   * @param port 0 to 65535; 0 picks a free port, read back with {@link RouteGuideServer#port()}
   * @throws IllegalArgumentException if the port is out of range
   */
  public RouteGuideServerBuilder tcp(int port) {
    return tcp(null, port);
  }

  /**
   * Listens on TCP on one local address.
   *
   * @param host a host name or IP literal of this machine, such as {@code localhost}; null for
   *     all interfaces. It is resolved at {@link #start()}.
   * @param port 0 to 65535; 0 picks a free port, read back with {@link RouteGuideServer#port()}
   * @throws IllegalArgumentException if the port is out of range or host is blank
   */
  public RouteGuideServerBuilder tcp(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("tcp port must be within 0..65535, was " + port);
    }
    if (host != null && host.isBlank()) {
      throw new IllegalArgumentException("tcp host must not be blank (use null for any)");
    }
    this.transport = RouteGuideServer.Transport.TCP;
    this.host = host;
    this.port = port;
    return this;
  }

  /**
   * Listens on a Unix domain socket created at this path, which must not exist yet ({@link
   * #start()} refuses to replace a file, even a stale socket) and must be short (about 100 bytes
   * at most, an OS limit). The file is removed when the server stops. Needs
   * Netty's native epoll transport (Linux x86-64 or aarch64): {@link #start()} checks.
   *
   * @throws NullPointerException if path is null
   */
  public RouteGuideServerBuilder unixSocket(Path path) {
    this.socketPath = Objects.requireNonNull(path, "path");
    this.transport = RouteGuideServer.Transport.UNIX_SOCKET;
    return this;
  }

  /**
   * Serves TLS with this certificate chain and private key, both PEM files (the key in PKCS#8).
   * Only for {@link #tcp} and {@link #unixSocket}.
   *
   * @throws NullPointerException if an argument is null
   */
  public RouteGuideServerBuilder tls(Path certChain, Path privateKey) {
    this.certChain = Objects.requireNonNull(certChain, "certChain");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    return this;
  }

  /**
   * Requires every client to present a certificate issued by one of the CAs in this PEM file
   * (mutual TLS); clients without one fail to connect. Needs {@link #tls}; replaces {@link
   * #acceptClientCertificates}, and the other way round.
   *
   * @throws NullPointerException if trustedClientCa is null
   */
  public RouteGuideServerBuilder requireClientCertificates(Path trustedClientCa) {
    this.trustedClientCa = Objects.requireNonNull(trustedClientCa, "trustedClientCa");
    this.clientAuth = TlsServerCredentials.ClientAuth.REQUIRE;
    return this;
  }

  /**
   * Accepts clients with and without a certificate: one that presents a certificate must have it
   * issued by one of the CAs in this PEM file (else its handshake fails), and is known by its
   * subject to the {@linkplain #authorizationPolicy authorization policy}; one without is {@code
   * anonymous}. For a policy such as "everyone reads, only certified clients write". Needs {@link
   * #tls}; replaces {@link #requireClientCertificates}, and the other way round.
   *
   * @throws NullPointerException if trustedClientCa is null
   * @since 0.2.0
   */
  public RouteGuideServerBuilder acceptClientCertificates(Path trustedClientCa) {
    this.trustedClientCa = Objects.requireNonNull(trustedClientCa, "trustedClientCa");
    this.clientAuth = TlsServerCredentials.ClientAuth.OPTIONAL;
    return this;
  }

  /**
   * Also serves the standard health service ({@code grpc.health.v1.Health}), reporting {@code
   * SERVING} for the server as a whole ({@code ""}) and for each added service, and {@code
   * NOT_SERVING} as soon as shutdown begins, through the {@linkplain #drainPeriod drain period}.
   */
  public RouteGuideServerBuilder withHealth() {
    this.health = true;
    return this;
  }

  /**
   * Also serves server reflection, both {@code grpc.reflection.v1.ServerReflection} and the older
   * {@code v1alpha} that some tools still speak, so tools such as {@code grpcurl} can list and
   * call services without the {@code .proto} files.
   */
  public RouteGuideServerBuilder withReflection() {
    this.reflection = true;
    return this;
  }

  /**
   * Adds another service to serve.
   *
   * @throws NullPointerException if service is null
   */
  public RouteGuideServerBuilder addService(BindableService service) {
    services.add(Objects.requireNonNull(service, "service"));
    return this;
  }

  /**
   * Adds another service to serve, given by its definition (for example an intercepted one).
   *
   * @throws NullPointerException if service is null
   */
  public RouteGuideServerBuilder addService(ServerServiceDefinition service) {
    serviceDefinitions.add(Objects.requireNonNull(service, "service"));
    return this;
  }

  /**
   * Runs every call through this interceptor. As with {@link ServerBuilder#intercept}, the last
   * interceptor added runs first. On sockets the calls-per-connection limit ({@link
   * TransportLimits#maxConcurrentCallsPerConnection()}) is the transport's, ahead of all of them: a
   * stream beyond it is refused before it becomes a call, so no interceptor ever sees it.
   *
   * @throws NullPointerException if interceptor is null
   */
  public RouteGuideServerBuilder interceptor(ServerInterceptor interceptor) {
    interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /**
   * Runs service code on this executor, which the caller owns and shuts down after the server,
   * through a {@link TurnExecutor} over it (so that RouteChat's replies go out in batches): the
   * service's threads are the executor's own, named as it names them. Guava's {@code
   * MoreExecutors.directExecutor()} is taken as {@link #directExecutor()}, as gRPC's own builders
   * take it. By default {@link TurnExecutor#shared()} is used: a cached pool of daemon threads
   * named {@code routeguide-server-N}, as gRPC's own default.
   *
   * @throws NullPointerException if executor is null
   */
  public RouteGuideServerBuilder executor(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor == MoreExecutors.directExecutor()) {
      return directExecutor();
    }
    this.executor = executor;
    this.directExecutor = false;
    return this;
  }

  /**
   * Runs service code on the transport's threads instead of handing every callback to a cached
   * thread pool (the default, {@link TurnExecutor#shared()}), and without RouteChat's batched
   * replies: faster or level for handlers that never block (BENCHMARKS.md,
   * "Executors"). Over TCP or a Unix socket the callbacks then run on the connections' event
   * loops, so a handler that blocks stalls every call of every connection on that loop. Safe for a
   * {@link dev.routeguide.core.LocalRouteGuide} over the in-memory note board, which never blocks
   * (live notes included: they are written from the posting call's thread without waiting). Never
   * use it with a backend that can block: a note board over Redis (a command may wait up to its
   * timeout; the CLI refuses {@code --direct-executor} with {@code --redis}), any remote store, or
   * interceptors and services of your own that do I/O.
   *
   * <p>In process there are no transport threads: service code runs on the thread of the client
   * call that triggers it, so a blocking backend blocks the caller. Use a direct executor on the
   * clients' channels too ({@code InProcessChannelBuilder.directExecutor()}), or on neither side:
   * gRPC's direct executor serialises a call's callbacks only against re-entry on one thread, and
   * with a direct server and a pooled channel two threads enter one call's executor at once (the
   * call started on the caller's thread while its ready handler sends on a pool thread), which
   * breaks inside gRPC ({@code ArrayIndexOutOfBoundsException} in {@code
   * SerializeReentrantCallsDirectExecutor}, seen in the end-to-end benchmark).
   */
  public RouteGuideServerBuilder directExecutor() {
    this.directExecutor = true;
    this.executor = null;
    return this;
  }

  /**
   * How long {@link RouteGuideServer#shutdown()} lets calls in flight finish before cancelling
   * them; 5 seconds by default.
   *
   * @throws NullPointerException if grace is null
   * @throws IllegalArgumentException if grace is negative
   */
  public RouteGuideServerBuilder shutdownGrace(Duration grace) {
    if (Objects.requireNonNull(grace, "grace").isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must be zero or positive, was " + grace);
    }
    this.grace = grace;
    return this;
  }

  /**
   * How long {@link RouteGuideServer#shutdown()} goes on serving every call, new ones included,
   * after the health service has turned {@code NOT_SERVING}, before it refuses new calls and
   * starts the {@linkplain #shutdownGrace grace period}: long enough for readiness probes or a
   * load balancer's health checks to see the server leave (their period times the failures they
   * need, or the time an orchestrator takes to remove the endpoint). Zero by default: an embedded
   * or test server has no probes unless its application sets them up, and then the application
   * knows their timing; the {@code routeguide server} command defaults to 5 seconds.
   *
   * @throws NullPointerException if drain is null
   * @throws IllegalArgumentException if drain is negative
   * @since 0.2.0
   */
  public RouteGuideServerBuilder drainPeriod(Duration drain) {
    if (Objects.requireNonNull(drain, "drain").isNegative()) {
      throw new IllegalArgumentException("drainPeriod must be zero or positive, was " + drain);
    }
    this.drain = drain;
    return this;
  }

  /**
   * Bounds what clients may make the server hold on TCP and Unix sockets (connections, message
   * size, calls per connection, flow-control window, keepalive, idle and age, handshake time,
   * stream resets); {@link
   * TransportLimits#DEFAULT} unless set. The in-process transport ignores them.
   *
   * @throws NullPointerException if limits is null
   */
  public RouteGuideServerBuilder transportLimits(TransportLimits limits) {
    this.transportLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Records gRPC's server metrics (gRFC A66: {@code grpc.server.call.started}, {@code
   * grpc.server.call.duration}, sent and received message sizes, per method and status) to this
   * OpenTelemetry instance, for this server only; nothing is registered globally. Needs {@code
   * io.grpc:grpc-opentelemetry} on the class path (an optional dependency of this module).
   *
   * @throws NullPointerException if openTelemetry is null
   */
  public RouteGuideServerBuilder metrics(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /**
   * Lets a call through only if this policy file allows the caller's identity (its TLS client
   * certificate's subject, or {@code anonymous}) to call the method, on every service of the
   * server; others end with {@code PERMISSION_DENIED}. The file is read at {@link #start()} and
   * reread when it changes: see {@link PolicyAuthorization} for its format. Needs {@code
   * org.casbin:jcasbin} on the class path (an optional dependency of this module).
   *
   * @throws NullPointerException if policyFile is null
   */
  public RouteGuideServerBuilder authorizationPolicy(Path policyFile) {
    this.authorizationPolicy = Objects.requireNonNull(policyFile, "policyFile");
    return this;
  }

  /**
   * Escape hatch: also applies this configurator to the underlying grpc-java {@link
   * ServerBuilder}, for settings this builder does not offer (keep-alive, message-size limits,
   * handshake timeouts, ...). Configurators run in the order added, at {@link #start()}, after
   * every option of this builder, so they can override them; for TCP and Unix sockets the builder
   * is a {@code NettyServerBuilder} (grpc-netty-shaded), in process an {@code
   * InProcessServerBuilder}.
   *
   * @throws NullPointerException if configurator is null
   */
  public RouteGuideServerBuilder configureServerBuilder(
      Consumer<? super ServerBuilder<?>> configurator) {
    serverBuilderConfigurators.add(Objects.requireNonNull(configurator, "configurator"));
    return this;
  }

  /**
   * Validates the options, binds the transport and starts serving.
   *
   * @throws IllegalStateException if no transport was chosen, TLS was asked for in process,
   *     client certificates were required without TLS, or a Unix socket was asked for where
   *     Netty's native epoll transport is unavailable
   * @throws IOException if a TLS file cannot be read, the host does not resolve, or the address
   *     cannot be bound (in use, no permission, socket file already exists); the message names
   *     the address or file
   * @throws IllegalArgumentException if a TLS file is not valid PEM key material
   * @throws dev.routeguide.grpc.authz.InvalidPolicyException if the authorization policy cannot
   *     be read or does not parse; the message names the file and line
   */
  public RouteGuideServer start() throws IOException {
    validate();
    // Typed as the interface, so that servers without a policy never load the policy engine.
    ServerInterceptor authorization =
        authorizationPolicy == null ? null : PolicyAuthorization.fromFile(authorizationPolicy);
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    services.forEach(service -> definitions.add(service.bindService()));
    definitions.addAll(serviceDefinitions);
    HealthStatusManager healthManager = health ? new HealthStatusManager() : null;
    List<EventLoopGroup> eventLoopGroups = new ArrayList<>();
    Server server = startServer(definitions, healthManager, authorization, eventLoopGroups);
    String target =
        switch (transport) {
          case IN_PROCESS -> null;
          case TCP -> targetHost() + ":" + server.getPort();
          case UNIX_SOCKET -> UnixSockets.target(socketPath);
        };
    if (healthManager != null) {
      markServing(healthManager, definitions);
    }
    return new RouteGuideServer(
        server, transport, healthManager, eventLoopGroups, grace, drain, describe(target), target);
  }

  /** Builds and starts the server; on failure releases what it created and names the address. */
  private Server startServer(
      List<ServerServiceDefinition> definitions,
      HealthStatusManager healthManager,
      ServerInterceptor authorization,
      List<EventLoopGroup> eventLoopGroups)
      throws IOException {
    try {
      ServerBuilder<?> builder = transportBuilder(eventLoopGroups);
      configure(builder, definitions, healthManager, authorization);
      Server server = builder.build();
      try {
        return server.start();
      } catch (IOException | RuntimeException e) {
        server.shutdownNow();
        throw e;
      }
    } catch (IOException e) {
      shutDownNow(eventLoopGroups);
      throw e instanceof FileAlreadyExistsException || e instanceof UnknownHostException
          ? e
          : new IOException("cannot start " + describe(null) + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      shutDownNow(eventLoopGroups);
      throw e;
    }
  }

  /** Applies every transport-neutral option to a server builder bound to the transport. */
  private void configure(
      ServerBuilder<?> builder,
      List<ServerServiceDefinition> definitions,
      HealthStatusManager healthManager,
      ServerInterceptor authorization) {
    definitions.forEach(builder::addService);
    if (healthManager != null) {
      builder.addService(healthManager.getHealthService());
    }
    if (reflection) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
      builder.addService(legacyReflection());
    }
    interceptors.forEach(builder::intercept);
    if (authorization != null) {
      builder.intercept(authorization); // added last, so it runs first
    }
    if (openTelemetry != null) {
      GrpcMetrics.install(builder, openTelemetry);
    }
    if (directExecutor) {
      builder.directExecutor();
    } else {
      builder.executor(executor == null ? TurnExecutor.shared() : TurnExecutor.wrapping(executor));
    }
    serverBuilderConfigurators.forEach(configurator -> configurator.accept(builder));
  }

  private static void markServing(
      HealthStatusManager healthManager, List<ServerServiceDefinition> definitions) {
    healthManager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    for (ServerServiceDefinition definition : definitions) {
      healthManager.setStatus(definition.getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
  }

  /** A server builder bound to the chosen transport; event loops it creates go to the list. */
  private ServerBuilder<?> transportBuilder(List<EventLoopGroup> eventLoopGroups)
      throws IOException {
    switch (transport) {
      case IN_PROCESS:
        return InProcessServerBuilder.forName(inProcessName);
      case TCP:
        InetSocketAddress address =
            host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
          throw new UnknownHostException("tcp host " + host + " does not resolve");
        }
        NettyServerBuilder tcp = NettyServerBuilder.forAddress(address, credentials());
        transportLimits.applyTo(tcp);
        return withOwnEventLoops(tcp, "routeguide-tcp", eventLoopGroups);
      case UNIX_SOCKET:
        // Netty unlinks whatever is at the path before binding, which would silently take the
        // socket over from a running server (or delete an unrelated file): refuse instead.
        if (Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(
              socketPath.toAbsolutePath().toString(),
              null,
              "cannot start Unix socket server: the path already exists (remove it if it is a"
                  + " stale socket)");
        }
        ServerCredentials credentials = credentials();
        NettyServerBuilder uds =
            NettyServerBuilder.forAddress(
                new DomainSocketAddress(socketPath.toAbsolutePath().toString()), credentials);
        transportLimits.applyTo(uds);
        uds.channelFactory(new ConnectionLimit(transportLimits.maxConnections())
            .listeningChannels(EpollServerDomainSocketChannel::new));
        return withEventLoops(uds, "routeguide-uds", EpollIoHandler.newFactory(), eventLoopGroups);
      default:
        throw new AssertionError(transport);
    }
  }

  /**
   * Gives a TCP server event loops of its own (epoll where Netty's native transport loaded, as
   * gRPC's defaults would, NIO elsewhere) and a listening channel that enforces {@link
   * TransportLimits#maxConnections()}; a listening channel of one's own needs loops of one's own.
   */
  private NettyServerBuilder withOwnEventLoops(
      NettyServerBuilder builder, String threadNamePrefix, List<EventLoopGroup> eventLoopGroups) {
    ConnectionLimit connectionLimit = new ConnectionLimit(transportLimits.maxConnections());
    boolean epoll = UnixSockets.isAvailable();
    builder.channelFactory(epoll
        ? connectionLimit.listeningChannels(EpollServerSocketChannel::new)
        : connectionLimit.listeningChannels(NioServerSocketChannel::new));
    return withEventLoops(builder, threadNamePrefix,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory(), eventLoopGroups);
  }

  /**
   * Gives the server a boss loop and worker loops of daemon threads named after the prefix,
   * recorded in eventLoopGroups so that they are shut down with the server.
   */
  private static NettyServerBuilder withEventLoops(NettyServerBuilder builder,
      String threadNamePrefix, IoHandlerFactory io, List<EventLoopGroup> eventLoopGroups) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory(threadNamePrefix + "-boss", true), io);
    eventLoopGroups.add(boss);
    EventLoopGroup worker = new MultiThreadIoEventLoopGroup(
        0, new DefaultThreadFactory(threadNamePrefix + "-worker", true), io);
    eventLoopGroups.add(worker);
    return builder.bossEventLoopGroup(boss).workerEventLoopGroup(worker);
  }

  /** Names the server in messages: by its target once bound ({@code target} not null). */
  private String describe(String target) {
    return switch (transport) {
      case IN_PROCESS -> "in-process server " + inProcessName;
      case TCP -> "TCP server " + (target != null ? target : targetHost() + ":" + port);
      case UNIX_SOCKET ->
          "Unix socket server " + (target != null ? target : socketPath.toAbsolutePath());
    };
  }

  private static void shutDownNow(List<EventLoopGroup> eventLoopGroups) {
    for (EventLoopGroup group : eventLoopGroups) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  // grpcurl before 1.9, Postman and older grpcui and Evans speak only v1alpha reflection.
  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  private void validate() {
    if (transport == null) {
      throw new IllegalStateException(
          "no transport chosen: call inProcess(name), tcp(host, port) or unixSocket(path)");
    }
    if (transport == RouteGuideServer.Transport.IN_PROCESS && certChain != null) {
      throw new IllegalStateException(
          "tls(...) is not supported by the in-process transport; use tcp or unixSocket");
    }
    if (trustedClientCa != null && certChain == null) {
      throw new IllegalStateException(clientCertificatesOption() + "(...) needs tls(...) as well");
    }
    if (transport == RouteGuideServer.Transport.UNIX_SOCKET) {
      UnixSockets.requireAvailable("unixSocket(" + socketPath + ")");
    }
  }

  private ServerCredentials credentials() throws IOException {
    if (certChain == null) {
      return InsecureServerCredentials.create();
    }
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
    try {
      tls.keyManager(certChain.toFile(), privateKey.toFile());
    } catch (IOException e) {
      throw new IOException(
          "cannot read tls certChain " + certChain + " or privateKey " + privateKey, e);
    }
    if (trustedClientCa != null) {
      try {
        tls.trustManager(trustedClientCa.toFile());
      } catch (IOException e) {
        throw new IOException(
            "cannot read " + clientCertificatesOption() + " CA file " + trustedClientCa, e);
      }
      tls.clientAuth(clientAuth);
    }
    return tls.build();
  }

  private String clientCertificatesOption() {
    return clientAuth == TlsServerCredentials.ClientAuth.OPTIONAL
        ? "acceptClientCertificates"
        : "requireClientCertificates";
  }

  /** The host part of the target clients should use. */
  private String targetHost() {
    if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "localhost";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
