package dev.routeguide.grpc.transport;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFactory;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Holds a server to at most a number of connections open at once: a connection accepted beyond
 * it is closed at once, before a byte of it is read, so that a flood of connections costs the
 * server an accept and a close each instead of a handshake, a read of its window and its calls,
 * and cannot pile up faster than the server works through them. Counted on the listening channel,
 * which hands each accepted connection to this handler before gRPC sees it.
 */
final class ConnectionLimit {

  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** Makes listening channels of the given kind that enforce this limit on what they accept. */
  <C extends ServerChannel> ChannelFactory<C> listeningChannels(Supplier<C> kind) {
    ChannelHandler admission = new Admission();
    return () -> {
      C listening = kind.get();
      // first in the pipeline, ahead of the acceptor that the server bootstrap adds later
      listening.pipeline().addLast(admission);
      return listening;
    };
  }

  /** Connections open now, for tests. */
  int open() {
    return open.get();
  }

  @ChannelHandler.Sharable
  private final class Admission extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
      Channel connection = (Channel) accepted;
      if (open.incrementAndGet() > maxConnections) {
        open.decrementAndGet();
        connection.unsafe().closeForcibly();
        return;
      }
      connection.closeFuture().addListener(closed -> open.decrementAndGet());
      ctx.fireChannelRead(connection);
    }
  }
}
