package dev.routeguide.grpc.client;

import dev.routeguide.core.RouteGuideException;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The sending half of one client-streaming call, shared by the blocking senders ({@link
 * RemoteRouteRecording}, {@link RemoteRouteChat}). {@link #send} makes a fast sender wait until
 * the call can take another message instead of queueing without limit inside gRPC: the call's
 * ready handler and its end both {@link #signal()}, and the wait re-checks under the same lock, so
 * no wake-up is lost.
 *
 * <p>Once this side has cancelled the call (the owner cancelled, the server sent an invalid
 * response, the sender was interrupted), nothing more is sent and {@link #halfClose()} does
 * nothing: gRPC would refuse either with its own {@code IllegalStateException}. Cancelling, sending
 * and half-closing are serialised, so a cancel from a gRPC callback cannot slip in between the
 * check and the send of the owner's thread.
 *
 * <p>The wait has no time limit of its own: it ends when the call is ready, when it ends (by its
 * deadline, among others) or when the thread is interrupted. Do not send from a gRPC callback of
 * the same call: its ready handler could not run.
 */
final class OutboundCall<T> {

  private final Object lock = new Object();
  private final ClientCallStreamObserver<T> call;
  private boolean cancelled; // guarded by lock

  /** Takes charge of sending on the call; to be created in {@code beforeStart}. */
  OutboundCall(ClientCallStreamObserver<T> call) {
    this.call = call;
    call.setOnReadyHandler(this::signal);
  }

  /** Wakes every waiting sender to re-check the call; called when the call ends. */
  void signal() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Waits until the call is ready or {@code ended} holds, then throws the call's failure if it has
   * one, or sends the message unless the call was cancelled by this side.
   *
   * @param ended whether the call is over (failed, completed or cancelled by its owner)
   * @param failure the call's failure, or null while it has none
   * @throws RouteGuideException the call's failure; {@code CANCELLED} if the thread is interrupted,
   *     the call is then cancelled and the thread's interrupt flag is set again
   */
  void send(T message, BooleanSupplier ended, Supplier<? extends RouteGuideException> failure) {
    synchronized (lock) {
      while (!call.isReady() && !ended.getAsBoolean()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel("interrupted while waiting to send", e);
          throw new RouteGuideStatusException(
              Status.CANCELLED.withDescription("interrupted while waiting to send").withCause(e));
        }
      }
      RouteGuideException error = failure.get();
      if (error != null) {
        throw error;
      }
      if (!cancelled) {
        call.onNext(message);
      }
    }
  }

  /** Half-closes the call, unless this side has cancelled it. */
  void halfClose() {
    synchronized (lock) {
      if (!cancelled) {
        call.onCompleted();
      }
    }
  }

  /** Cancels the call once; later sends and half-closes do nothing. Wakes waiting senders. */
  void cancel(String reason, Throwable cause) {
    synchronized (lock) {
      if (!cancelled) {
        cancelled = true;
        call.cancel(reason, cause);
      }
      lock.notifyAll();
    }
  }
}
