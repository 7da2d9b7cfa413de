package dev.routeguide.grpc.server;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.ServerCallStreamObserver;
import java.net.SocketAddress;

/**
 * Inbound flow control for one client-streaming call on the server: keeps a window of messages
 * requested ahead of the handler instead of gRPC's one at a time, topping up by half a window
 * each time half a window has been handled. The transport can then deliver a batch of messages
 * per thread hand-off, while no more than the window is ever requested and not yet handled.
 *
 * <p>The window depends on the transport and on what a message requested ahead can cost
 * (BENCHMARKS.md, "Choosing the inbound window"). Over a network, each may be a deframed message of
 * up to the server's maximum inbound message size held in memory until its handler runs:
 *
 * <ul>
 *   <li>RecordRoute handles each point the moment it is delivered and never parks one, so its
 *       points wait only while the call's executor is behind the transport. Its window is
 *       {@value #POINTS_OVER_NETWORK}: 4 KB of real points, and for a hostile client at most
 *       {@value #POINTS_OVER_NETWORK} times the size limit (4 MiB at the default 16 KiB).
 *   <li>RouteChat parks the notes of its window, unposted, while their client does not read its
 *       replies, so a stalled call holds them for as long as it stays open. Its window is {@value
 *       #NOTES_OVER_NETWORK}.
 * </ul>
 *
 * <p>In process, messages are references the calling code already holds and nothing is copied, so
 * the window is {@value #IN_PROCESS_SIZE} for both, where the in-process transport's thread
 * hand-offs stop mattering.
 *
 * <p>Used from the call's own callbacks, which gRPC runs one at a time; not thread-safe.
 */
final class InboundWindow {

  /** Points requested ahead on a RecordRoute call that came over a network (TCP, Unix socket). */
  static final int POINTS_OVER_NETWORK = 256;

  /** Notes requested ahead on a RouteChat call that came over a network (TCP, Unix socket). */
  static final int NOTES_OVER_NETWORK = 64;

  /** Messages requested ahead on an in-process call. */
  static final int IN_PROCESS_SIZE = 1024;

  /** Where gRPC's in-process socket addresses live. */
  private static final String IN_PROCESS_PACKAGE = "io.grpc.inprocess.";

  private static final Context.Key<Boolean> IN_PROCESS = Context.key("routeguide-in-process");

  /**
   * Marks each client-streaming call that comes from an in-process channel while its handler
   * starts, so that {@link #takeOver} can size its window; other calls pass through untouched.
   */
  static final ServerInterceptor TRANSPORT_MARKER =
      new ServerInterceptor() {
        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
          if (call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers);
          }
          SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
          // By name, not instanceof: grpc-inprocess is optional, and a server embedded without it
          // must not fail to link this class.
          if (remote == null || !remote.getClass().getName().startsWith(IN_PROCESS_PACKAGE)) {
            return next.startCall(call, headers);
          }
          // Only around the start, where takeOver reads it: the call's callbacks run in the
          // call's own context, with no attach and detach of a marked one around each message.
          Context marked = Context.current().withValue(IN_PROCESS, true);
          Context previous = marked.attach();
          try {
            return next.startCall(call, headers);
          } finally {
            marked.detach(previous);
          }
        }
      };

  private final ServerCallStreamObserver<?> call;
  private final int size;
  private int handledSinceTopUp;
  private boolean closed;

  private InboundWindow(ServerCallStreamObserver<?> call, int size) {
    this.call = call;
    this.size = size;
  }

  /**
   * Takes charge of the call's inbound flow control, with {@code overNetwork} messages requested
   * ahead if the call came over a network and {@link #IN_PROCESS_SIZE} if in process. Must be
   * called during the initial handler call, before it returns; nothing is requested until {@link
   * #open()}.
   */
  static InboundWindow takeOver(ServerCallStreamObserver<?> call, int overNetwork) {
    call.disableAutoRequest();
    return new InboundWindow(
        call, Boolean.TRUE.equals(IN_PROCESS.get()) ? IN_PROCESS_SIZE : overNetwork);
  }

  /** Requests the first window of messages. */
  void open() {
    call.request(size);
  }

  /** Records that one message has been handled, and tops the window up when half is used. */
  void handled() {
    if (!closed && ++handledSinceTopUp == size / 2) {
      handledSinceTopUp = 0;
      call.request(size / 2);
    }
  }

  /** Stops requesting: the call has ended or failed, and no more messages are wanted. */
  void close() {
    closed = true;
  }
}
