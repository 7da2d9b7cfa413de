package dev.routeguide.grpc;

import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * An in-process server that accepts RecordRoute and RouteChat calls and never reads them: a
 * client streaming to it is never ready, so its sender must wait. {@link #close()} shuts the
 * channel and the server down at once and waits for both.
 */
public final class DeafServer implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;

  private DeafServer(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** Starts one under a new unique name, with a channel to it. */
  public static DeafServer start() throws IOException {
    ServerCallHandler<Object, Object> neverRequest =
        (ServerCall<Object, Object> call, Metadata headers) -> new ServerCall.Listener<>() {};
    ServerServiceDefinition deaf =
        ServerServiceDefinition.builder(RouteGuideGrpc.SERVICE_NAME)
            .addMethod(RouteGuideGrpc.getRecordRouteMethod(), cast(neverRequest))
            .addMethod(RouteGuideGrpc.getRouteChatMethod(), cast(neverRequest))
            .build();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).addService(deaf).build().start();
    return new DeafServer(server, InProcessChannelBuilder.forName(name).build());
  }

  @SuppressWarnings("unchecked")
  private static <ReqT, RespT> ServerCallHandler<ReqT, RespT> cast(
      ServerCallHandler<Object, Object> handler) {
    return (ServerCallHandler<ReqT, RespT>) (ServerCallHandler<?, ?>) handler;
  }

  /** The channel to the server. */
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    try {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while shutting down", e);
    }
  }
}
