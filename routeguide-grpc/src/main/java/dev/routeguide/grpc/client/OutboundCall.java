package dev.routeguide.grpc.client;

import com.google.protobuf.MessageLite;
import dev.routeguide.core.RouteGuideException;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending half of one client-streaming call, for the blocking senders ({@link
 * RemoteRouteRecording}, {@link RemoteRouteChat}): {@link #send} hands a message straight to gRPC
 * on the caller's thread, and parks the caller only once the call has not been ready for {@value
 * #OVERDRAFT_BYTES} bytes of messages, so a fast sender can neither queue without limit inside
 * gRPC nor pay a thread hand-off per message. gRPC's readiness turns false when its own buffer
 * holds a threshold of bytes (32 KiB by default) or, in process, when the server has no message
 * requested; the overdraft lets the transport always have the next messages at hand when the
 * server asks for more, instead of waiting for the woken sender, and makes one wake-up serve that
 * many bytes. What one call holds unsent is then at most gRPC's threshold, the overdraft and one
 * message. The call's ready handler, its end and a cancel unpark the waiting sender, which then
 * looks again; the sender publishes itself before it re-checks, so no wake-up is lost.
 *
 * <p>Once this side has cancelled the call (the owner cancelled, the server sent an invalid
 * response, the sender was interrupted), nothing more is sent and {@link #halfClose()} does
 * nothing: gRPC would refuse either with its own {@code IllegalStateException}. Sending,
 * half-closing and cancelling are serialised by a lock that nothing holds while waiting, so a
 * cancel from a gRPC callback cannot slip in between the check and the send of the owner's thread.
 *
 * <p>The wait has no time limit of its own: it ends when the call is ready, when it ends (by its
 * deadline, among others), when it is cancelled or when the thread is interrupted. One sending
 * thread at a time; never from a gRPC callback of the same call, whose ready handler could then
 * not run.
 */
final class OutboundCall<T extends MessageLite> implements SingleResponse.RequestSide<T> {

  /** Bytes of messages (their serialised size) sent while the call is not ready, then it waits. */
  static final int OVERDRAFT_BYTES = 32 * 1024;

  private final String rpc;
  private final BooleanSupplier ended;
  private final Supplier<? extends RouteGuideException> failure;
  private final Object lock = new Object();
  private ClientCallStreamObserver<T> call; // set before the call starts
  private volatile RuntimeException cancellation; // what sends throw once cancelled; under lock
  private volatile Thread waiting;
  private int overdraftBytes; // the sending thread's own

  /**
   * @param rpc the method's name, for messages
   * @param ended whether the call is over (completed, failed, or cancelled by its owner)
   * @param failure the call's failure, or null while it has none
   */
  OutboundCall(String rpc, BooleanSupplier ended, Supplier<? extends RouteGuideException> failure) {
    this.rpc = rpc;
    this.ended = ended;
    this.failure = failure;
  }

  @Override
  public void start(ClientCallStreamObserver<T> call) {
    this.call = call;
    call.setOnReadyHandler(this::wake);
  }

  /** Unparks the waiting sender, if any, to look at the call again. */
  void wake() {
    Thread sender = waiting;
    if (sender != null) {
      LockSupport.unpark(sender);
    }
  }

  @Override
  public void responseEnded() {
    wake();
  }

  /**
   * Sends the message, once the call is ready if the overdraft is spent.
   *
   * @throws RouteGuideException the call's failure; {@code CANCELLED} if the thread is interrupted
   *     while it waits, the call is then cancelled and the thread's interrupt flag set again
   * @throws IllegalStateException if the call is over without a failure, or its owner cancelled
   *     it
   */
  void send(T message) {
    if (call.isReady()) {
      overdraftBytes = 0;
    } else {
      int size = message.getSerializedSize();
      if (overdraftBytes + size > OVERDRAFT_BYTES) {
        awaitReadyOrOver();
        overdraftBytes = 0;
      } else {
        overdraftBytes += size;
      }
    }
    synchronized (lock) {
      if (cancellation != null) {
        throw cancellation;
      }
      // The end first, then the failure: a response that fails the call records its failure
      // before it ends the call, so a call seen over shows its failure (read the other way
      // round, a failure arriving in between would surface as "already over").
      boolean over = ended.getAsBoolean();
      RouteGuideException error = failure.get();
      if (error != null) {
        throw error;
      }
      if (over) {
        throw new IllegalStateException(rpc + " call is already over");
      }
      call.onNext(message);
    }
  }

  private void awaitReadyOrOver() {
    waiting = Thread.currentThread();
    try {
      // Published first, then checked: a ready handler that runs in between unparks us.
      while (!call.isReady() && cancellation == null && !ended.getAsBoolean()) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          RouteGuideStatusException interrupted =
              RouteGuideStatusException.interrupted("to send");
          cancel(interrupted.description(), interrupted);
          throw interrupted;
        }
      }
    } finally {
      waiting = null;
    }
  }

  /** Half-closes the call, unless this side has cancelled it. */
  void halfClose() {
    synchronized (lock) {
      if (cancellation == null) {
        call.onCompleted();
      }
    }
  }

  /**
   * Cancels the call once; half-closes then do nothing, and sends throw the cause if it is a
   * {@link RouteGuideException} (an invalid response, an interrupt), else an {@link
   * IllegalStateException} (the owner cancelled). Wakes the sender.
   */
  @Override
  public void cancel(String reason, Throwable cause) {
    synchronized (lock) {
      if (cancellation == null) {
        cancellation = cause instanceof RouteGuideException failure
            ? failure
            : new IllegalStateException(rpc + " call was cancelled by the client");
        call.cancel(reason, cause);
      }
    }
    wake();
  }
}
