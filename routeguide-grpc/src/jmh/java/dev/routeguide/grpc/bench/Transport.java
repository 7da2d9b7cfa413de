package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The transports benchmarked: a JMH parameter. The server is the ready-made {@link
 * RouteGuideServer} with the given {@link ServerExecutor}; the client channel uses gRPC's default
 * executor, as an application would, except in process with a direct server: there the channel is
 * direct too, because the in-process transport runs the server's callbacks on the client's
 * threads, and a direct server's per-call executor must not be entered by two of them at once.
 */
public enum Transport {

  /** gRPC's in-process transport: messages passed by reference, no serialisation. */
  IN_PROCESS {
    @Override
    Endpoint start(List<ServerServiceDefinition> services, ServerExecutor executor)
        throws IOException {
      String name = InProcessServerBuilder.generateName();
      RouteGuideServer server = executor.apply(builder(services).inProcess(name)).start();
      InProcessChannelBuilder channel = InProcessChannelBuilder.forName(name);
      if (executor == ServerExecutor.DIRECT) {
        channel.directExecutor();
      }
      return new Endpoint(server, channel.build());
    }
  },

  /** Netty over TCP on the loopback interface, plaintext HTTP/2. */
  NETTY {
    @Override
    Endpoint start(List<ServerServiceDefinition> services, ServerExecutor executor)
        throws IOException {
      String loopback = InetAddress.getLoopbackAddress().getHostAddress();
      RouteGuideServer server = executor.apply(builder(services).tcp(loopback, 0)).start();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(new InetSocketAddress(loopback, server.port()))
              .usePlaintext()
              .build();
      return new Endpoint(server, channel);
    }
  };

  /** Starts a server with the services and opens a channel to it. */
  abstract Endpoint start(List<ServerServiceDefinition> services, ServerExecutor executor)
      throws IOException;

  /** Starts a server with the services on its default executor and opens a channel to it. */
  Endpoint start(List<ServerServiceDefinition> services) throws IOException {
    return start(services, ServerExecutor.DEFAULT);
  }

  private static RouteGuideServerBuilder builder(List<ServerServiceDefinition> services) {
    ServerServiceDefinition first = services.get(0);
    BindableService firstService = () -> first;
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(firstService).shutdownGrace(Duration.ZERO);
    services.subList(1, services.size()).forEach(builder::addService);
    return builder;
  }
}
