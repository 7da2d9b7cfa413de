package dev.routeguide.grpc.transport;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Channels to a {@link RouteGuideServer} (or any gRPC server) on each transport it offers. Every
 * method returns a new {@link ManagedChannel} that the caller owns and must shut down, for example
 * by handing it to {@code RouteGuideClient.owning(channel)}. Channels connect lazily: a wrong
 * address or a failed TLS handshake shows as {@code UNAVAILABLE} on the first call. Channels that
 * record gRPC's client metrics come from {@link #withMetrics}.
 *
 * @since 0.1.0
 */
public final class RouteGuideChannels {

  private RouteGuideChannels() {}

  /**
   * The same channels, recording gRPC's client metrics (gRFC A66: {@code
   * grpc.client.attempt.started}, {@code grpc.client.attempt.duration}, {@code
   * grpc.client.call.duration}, ...) to this OpenTelemetry instance, for those channels only;
   * nothing is registered globally. Needs {@code io.grpc:grpc-opentelemetry} on the class path (an
   * optional dependency of this module).
   *
   * <pre>{@code
   * RouteGuideClient client = RouteGuideClient.owning(
   *     RouteGuideChannels.withMetrics(openTelemetry).plaintext("localhost:8980"));
   * }</pre>
   *
   * @throws NullPointerException if openTelemetry is null
   * @since 0.2.0
   */
  public static Metered withMetrics(OpenTelemetry openTelemetry) {
    return new Metered(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * A channel to the in-process server of this name in this JVM.
   *
   * @throws IllegalArgumentException if name is null or blank
   */
  public static ManagedChannel inProcess(String name) {
    return inProcessBuilder(name).build();
  }

  /**
   * A plaintext (no TLS) channel to a target such as {@code localhost:8980}, {@code
   * dns:///host:port} or {@code unix:/path}.
   *
   * @throws IllegalArgumentException if target is null or not a valid target
   */
  public static ManagedChannel plaintext(String target) {
    return builder(target, InsecureChannelCredentials.create()).build();
  }

  /**
   * A TLS channel to a target such as {@code localhost:8443}, trusting only server certificates
   * issued by a CA in the given PEM file. The server's certificate must name the target's host.
   *
   * @throws IOException if the CA file cannot be read
   * @throws IllegalArgumentException if target or trustedServerCa is null, or target is invalid
   */
  public static ManagedChannel tls(String target, Path trustedServerCa) throws IOException {
    requireNonNull(trustedServerCa, "trustedServerCa");
    return builder(target, tlsCredentials(trustedServerCa).build()).build();
  }

  /**
   * A mutual-TLS channel: as {@link #tls}, and presenting this client certificate chain and
   * private key (PEM files, the key in PKCS#8) to a server that requires one.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if an argument is null, or target is invalid
   */
  public static ManagedChannel mutualTls(
      String target, Path trustedServerCa, Path clientCertChain, Path clientPrivateKey)
      throws IOException {
    return mutualTlsBuilder(target, trustedServerCa, clientCertChain, clientPrivateKey).build();
  }

  private static ManagedChannelBuilder<?> mutualTlsBuilder(
      String target, Path trustedServerCa, Path clientCertChain, Path clientPrivateKey)
      throws IOException {
    requireNonNull(trustedServerCa, "trustedServerCa");
    requireNonNull(clientCertChain, "clientCertChain");
    requireNonNull(clientPrivateKey, "clientPrivateKey");
    TlsChannelCredentials.Builder credentials = tlsCredentials(trustedServerCa);
    try {
      credentials.keyManager(clientCertChain.toFile(), clientPrivateKey.toFile());
    } catch (IOException e) {
      throw new IOException(
          "cannot read clientCertChain " + clientCertChain + " or clientPrivateKey "
              + clientPrivateKey,
          e);
    }
    return builder(target, credentials.build());
  }

  /**
   * A plaintext channel to a server listening on a Unix domain socket at this path.
   *
   * @throws IllegalArgumentException if path is null
   * @throws IllegalStateException if Netty's native epoll transport, which carries Unix sockets,
   *     is unavailable here (it ships for Linux x86-64 and aarch64 only)
   */
  public static ManagedChannel unixSocket(Path path) {
    return unixSocketBuilder(path).build();
  }

  private static ManagedChannelBuilder<?> inProcessBuilder(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("inProcess name must not be null or blank");
    }
    return InProcessChannelBuilder.forName(name);
  }

  private static ManagedChannelBuilder<?> unixSocketBuilder(Path path) {
    requireNonNull(path, "unixSocket path");
    UnixSockets.requireAvailable("unixSocket(" + path + ")");
    return builder(UnixSockets.target(path), InsecureChannelCredentials.create());
  }

  private static TlsChannelCredentials.Builder tlsCredentials(Path trustedServerCa)
      throws IOException {
    try {
      return TlsChannelCredentials.newBuilder().trustManager(trustedServerCa.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read trustedServerCa " + trustedServerCa, e);
    }
  }

  private static ManagedChannelBuilder<?> builder(String target, ChannelCredentials credentials) {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target must not be null or blank");
    }
    return Grpc.newChannelBuilder(target, credentials);
  }

  private static void requireNonNull(Path path, String name) {
    if (path == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /**
   * Channel factories like {@link RouteGuideChannels}' own, whose channels record gRPC's client
   * metrics to one OpenTelemetry instance. From {@link RouteGuideChannels#withMetrics}; each method
   * behaves (and fails) as the static method of the same name. Immutable and thread-safe.
   *
   * @since 0.2.0
   */
  public static final class Metered {
    private final OpenTelemetry openTelemetry;

    private Metered(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /** As {@link RouteGuideChannels#inProcess}, with metrics. */
    public ManagedChannel inProcess(String name) {
      return metered(inProcessBuilder(name));
    }

    /** As {@link RouteGuideChannels#plaintext}, with metrics. */
    public ManagedChannel plaintext(String target) {
      return metered(builder(target, InsecureChannelCredentials.create()));
    }

    /**
     * As {@link RouteGuideChannels#tls}, with metrics.
     *
     * @throws IOException if the CA file cannot be read
     */
    public ManagedChannel tls(String target, Path trustedServerCa) throws IOException {
      requireNonNull(trustedServerCa, "trustedServerCa");
      return metered(builder(target, tlsCredentials(trustedServerCa).build()));
    }

    /**
     * As {@link RouteGuideChannels#mutualTls}, with metrics.
     *
     * @throws IOException if a file cannot be read
     */
    public ManagedChannel mutualTls(
        String target, Path trustedServerCa, Path clientCertChain, Path clientPrivateKey)
        throws IOException {
      return metered(mutualTlsBuilder(target, trustedServerCa, clientCertChain, clientPrivateKey));
    }

    /** As {@link RouteGuideChannels#unixSocket}, with metrics. */
    public ManagedChannel unixSocket(Path path) {
      return metered(unixSocketBuilder(path));
    }

    private ManagedChannel metered(ManagedChannelBuilder<?> builder) {
      GrpcMetrics.install(builder, openTelemetry);
      return builder.build();
    }
  }
}
