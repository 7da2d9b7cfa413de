package dev.routeguide.grpc.server;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * Inbound flow control for one client-streaming call on the server: keeps up to {@link #SIZE}
 * messages requested ahead of the handler instead of gRPC's one at a time, topping up by half a
 * window each time half a window has been handled. The transport can then deliver a batch of
 * messages per thread hand-off, while no more than {@link #SIZE} messages are ever requested and
 * not yet handled: that, times the server's maximum inbound message size, bounds what one call can
 * make the server hold.
 *
 * <p>Used from the call's own callbacks, which gRPC runs one at a time; not thread-safe.
 */
final class InboundWindow {

  /**
   * Messages requested ahead. Measured with a no-op RecordRoute (BENCHMARKS.md, "Choosing the
   * inbound window"): in-process throughput doubles from 16 to 32 and again to 64 and then
   * flattens, over Netty it is flat from 32 on; 64 tiny points are about a kilobyte.
   */
  static final int SIZE = 64;

  private final ServerCallStreamObserver<?> call;
  private int handledSinceTopUp;
  private boolean closed;

  private InboundWindow(ServerCallStreamObserver<?> call) {
    this.call = call;
  }

  /**
   * Takes charge of the call's inbound flow control. Must be called during the initial handler
   * call, before it returns; nothing is requested until {@link #open()}.
   */
  static InboundWindow takeOver(ServerCallStreamObserver<?> call) {
    call.disableAutoRequest();
    return new InboundWindow(call);
  }

  /** Requests the first window of messages. */
  void open() {
    call.request(SIZE);
  }

  /** Records that one message has been handled, and tops the window up when half is used. */
  void handled() {
    if (!closed && ++handledSinceTopUp == SIZE / 2) {
      handledSinceTopUp = 0;
      call.request(SIZE / 2);
    }
  }

  /** Stops requesting: the call has ended or failed, and no more messages are wanted. */
  void close() {
    closed = true;
  }
}
