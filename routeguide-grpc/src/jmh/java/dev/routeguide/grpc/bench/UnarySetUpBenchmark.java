package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Where a blocking unary call's time goes, one caller: the no-op GetFeature served by a bare
 * {@code InProcessServerBuilder} / {@code NettyServerBuilder} and by the ready-made {@link
 * RouteGuideServer} (its transport limits, per-connection call limit and interceptors), each with
 * gRPC's default executor and with the direct executor. The blocking stub already runs the
 * response on the caller's thread, so the server's executor is the one hand-off left to choose.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class UnarySetUpBenchmark {

  /** Which server serves the no-op. */
  public enum ServerKind {
    /** gRPC's own builder, nothing set but the service (and the executor). */
    BARE,
    /** {@link RouteGuideServer#builder}, with its default transport limits. */
    READY_MADE
  }

  /** The transport between client and server. */
  @Param
  public Transport transport;

  /** Which server serves the no-op. */
  @Param
  public ServerKind server;

  /** Where the server runs service code. */
  @Param
  public ServerExecutor executor;

  private Server bare;
  private RouteGuideServer readyMade;
  private ManagedChannel channel;
  private final Point request = Point.newBuilder().setLatitude(1).setLongitude(2).build();

  /** Starts the server and connects. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    ServerServiceDefinition floor = Service.FLOOR.methods.bind(new FloorRouteGuide(0));
    String loopback = InetAddress.getLoopbackAddress().getHostAddress();
    String name = InProcessServerBuilder.generateName();
    int port;
    if (server == ServerKind.BARE) {
      ServerBuilder<?> builder = transport == Transport.IN_PROCESS
          ? InProcessServerBuilder.forName(name)
          : NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0));
      if (executor == ServerExecutor.DIRECT) {
        builder.directExecutor();
      }
      bare = builder.addService(floor).build().start();
      port = bare.getPort();
    } else {
      var builder = RouteGuideServer.builder(() -> floor).shutdownGrace(Duration.ZERO);
      readyMade = executor.apply(transport == Transport.IN_PROCESS
          ? builder.inProcess(name) : builder.tcp(loopback, 0)).start();
      port = transport == Transport.IN_PROCESS ? -1 : readyMade.port();
    }
    channel = transport == Transport.IN_PROCESS
        ? InProcessChannelBuilder.forName(name).build()
        : NettyChannelBuilder.forAddress(loopback, port).usePlaintext().build();
    Calls.unary(channel, Service.FLOOR.methods.getFeature(), request);
  }

  /** Closes the channel and the server. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    if (bare != null) {
      bare.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (readyMade != null) {
      readyMade.close();
    }
  }

  /** One blocking GetFeature of the no-op. */
  @Benchmark
  @Threads(1)
  public Feature oneCaller() {
    return Calls.unary(channel, Service.FLOOR.methods.getFeature(), request);
  }
}
