package dev.routeguide.grpc.client;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.function.BooleanSupplier;

/**
 * Lets a client thread wait until a call can take another message, so that a fast sender blocks
 * instead of queueing without limit inside gRPC. The call's ready handler and its end both {@link
 * #signal()}; {@link #awaitReady} re-checks under the same lock, so no wake-up is lost.
 *
 * <p>The wait has no time limit of its own: it ends when the call is ready, when it ends (by its
 * deadline, among others) or when the thread is interrupted. Do not wait from a gRPC callback of
 * the same call: its ready handler could not run.
 */
final class ReadySignal {

  private final Object lock = new Object();

  /** Wakes every waiter to re-check its call; called from the ready handler and when a call ends. */
  void signal() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Waits until the call is ready or {@code ended} holds.
   *
   * @throws RouteGuideStatusException with {@code CANCELLED} if the thread is interrupted; the call
   *     is then cancelled and the thread's interrupt flag is set again
   */
  void awaitReady(ClientCallStreamObserver<?> call, BooleanSupplier ended) {
    synchronized (lock) {
      while (!call.isReady() && !ended.getAsBoolean()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          call.cancel("interrupted while waiting to send", e);
          throw new RouteGuideStatusException(
              Status.CANCELLED.withDescription("interrupted while waiting to send").withCause(e));
        }
      }
    }
  }
}
