package dev.routeguide.grpc.bench;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The transports benchmarked: a JMH parameter. Both use gRPC's default executors on each side,
 * as an application would.
 */
public enum Transport {

  /** gRPC's in-process transport: messages passed by reference, no serialisation. */
  IN_PROCESS {
    @Override
    Endpoint start(List<ServerServiceDefinition> services) throws IOException {
      String name = InProcessServerBuilder.generateName();
      InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
      services.forEach(builder::addService);
      Server server = builder.build().start();
      return new Endpoint(server, InProcessChannelBuilder.forName(name).build());
    }
  },

  /** Netty over TCP on the loopback interface, plaintext HTTP/2. */
  NETTY {
    @Override
    Endpoint start(List<ServerServiceDefinition> services) throws IOException {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      services.forEach(builder::addService);
      Server server = builder.build().start();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()))
              .usePlaintext()
              .build();
      return new Endpoint(server, channel);
    }
  };

  /** Starts a server with the services and opens a channel to it. */
  abstract Endpoint start(List<ServerServiceDefinition> services) throws IOException;
}
