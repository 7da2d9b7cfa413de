package dev.routeguide.grpc.client;

import dev.routeguide.core.RouteGuideException;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The one response of a GetFeature or RecordRoute call, as a future of its core value; the only
 * place that turns "one message or an error" into the client's documented result. The first
 * outcome wins:
 *
 * <ul>
 *   <li>a message that decodes completes the future;
 *   <li>one that does not fails it with {@code INTERNAL} "invalid response from server: ..." and
 *       cancels the call through its {@link RequestSide};
 *   <li>a failed call fails it with the exception {@link RouteGuideStatusException#from} makes;
 *   <li>a call that completes without a message fails it with {@code INTERNAL}.
 * </ul>
 *
 * <p>Cancelling the future cancels the call. gRPC calls the observer methods one at a time.
 */
final class SingleResponse<ReqT, P, T> implements ClientResponseObserver<ReqT, P> {

  /** How the call's requests are sent, and how the call is cancelled. */
  interface RequestSide<ReqT> {

    /** Takes charge of the call's requests; called once, before the call starts. */
    void start(ClientCallStreamObserver<ReqT> call);

    /** Cancels the call; the response is no longer wanted. */
    void cancel(String reason, Throwable cause);

    /** The response's outcome is decided; a sender waiting for the transport should look again. */
    default void responseEnded() {}
  }

  private final String rpc;
  private final Function<? super P, ? extends T> decoder;
  private final RequestSide<ReqT> requests;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile RouteGuideException failure;

  /**
   * @param rpc the method's name, for the failure of a call completed without a response
   * @param decoder the core value of a message; {@link IllegalArgumentException} if invalid
   */
  SingleResponse(String rpc, Function<? super P, ? extends T> decoder, RequestSide<ReqT> requests) {
    this.rpc = rpc;
    this.decoder = decoder;
    this.requests = requests;
  }

  /** The request side of a call with one request: nothing to send, cancelled as it is. */
  static <ReqT> RequestSide<ReqT> oneRequest() {
    return new RequestSide<>() {
      private ClientCallStreamObserver<ReqT> call;

      @Override
      public void start(ClientCallStreamObserver<ReqT> call) {
        this.call = call;
      }

      @Override
      public void cancel(String reason, Throwable cause) {
        call.cancel(reason, cause);
      }
    };
  }

  /** Starts a unary call with this as its observer and returns the future. */
  CompletableFuture<T> startUnary(ClientCall<ReqT, P> call, ReqT request) {
    cancelWithFuture(call);
    ClientCalls.asyncUnaryCall(call, request, this);
    return result;
  }

  /** Starts a client-streaming call with this as its observer and returns the future. */
  CompletableFuture<T> startClientStreaming(ClientCall<ReqT, P> call) {
    cancelWithFuture(call);
    ClientCalls.asyncClientStreamingCall(call, this);
    return result;
  }

  private void cancelWithFuture(ClientCall<ReqT, P> call) {
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            call.cancel(rpc + " cancelled by the client", null);
          }
        });
  }

  /**
   * Waits for the value.
   *
   * @param waitingFor what is awaited, for the interrupt's message ("for the route summary")
   * @throws RouteGuideException the call's failure; {@code CANCELLED} if the thread is interrupted,
   *     the call is then cancelled and the thread's interrupt flag set again
   */
  T await(String waitingFor) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RouteGuideStatusException interrupted = RouteGuideStatusException.interrupted(waitingFor);
      requests.cancel(interrupted.description(), interrupted);
      throw interrupted;
    } catch (ExecutionException e) {
      throw RouteGuideStatusException.from(e.getCause());
    }
  }

  /** Whether the outcome is decided: a value, a failure, or the future cancelled. */
  boolean isDone() {
    return result.isDone();
  }

  /** The call's failure, or {@code null} while it has none. */
  RouteGuideException failure() {
    return failure;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ReqT> call) {
    requests.start(call);
  }

  @Override
  public void onNext(P message) {
    T value;
    try {
      value = RouteGuideStatusException.decode(decoder, message);
    } catch (RouteGuideStatusException invalid) {
      fail(invalid);
      requests.cancel("invalid response from server", invalid);
      return;
    }
    result.complete(value);
    requests.responseEnded();
  }

  @Override
  public void onError(Throwable error) {
    fail(RouteGuideStatusException.from(error));
  }

  @Override
  public void onCompleted() {
    if (!result.isDone()) {
      fail(
          new RouteGuideStatusException(
              Status.INTERNAL.withDescription("server completed " + rpc + " without a response")));
    }
  }

  /** Fails the future with the caller's own exception, as is (a route whose points failed). */
  void failWithCallersException(RuntimeException error) {
    result.completeExceptionally(error);
    requests.responseEnded();
  }

  private void fail(RouteGuideException error) {
    if (!result.isDone()) {
      failure = error; // before the future, so that a sender woken by it sees the failure
      result.completeExceptionally(error);
    }
    requests.responseEnded();
  }
}
