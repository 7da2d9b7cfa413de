package dev.routeguide.grpc.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The benchmark client: the same plain gRPC stub calls against every service, so that differences
 * come from the server. Streaming requests are sent with client-side flow control ({@code
 * isReady()}). Streamed responses are counted and dropped, with {@value #WINDOW} of them requested
 * ahead and more requested as each half is read, as an HTTP/2 window would: the stub's default of
 * one request per message would make the in-process transport, whose server is ready only while
 * the client has requested, a ping-pong of thread hand-offs that no server can beat.
 */
final class Calls {

  private static final long TIMEOUT_SECONDS = 600;

  /** Responses requested ahead of the reader. */
  static final int WINDOW = 64;

  private Calls() {}

  static <ReqT, RespT> RespT unary(Channel channel, MethodDescriptor<ReqT, RespT> method,
      ReqT request) {
    return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request);
  }

  /** Makes a server-streaming call and returns the number of responses, once it has completed. */
  static <ReqT, RespT> long serverStreaming(
      Channel channel, MethodDescriptor<ReqT, RespT> method, ReqT request) {
    Counter<ReqT, RespT> counter = new Counter<>(0, i -> null);
    ClientCalls.asyncServerStreamingCall(
        channel.newCall(method, CallOptions.DEFAULT), request, counter);
    return counter.await();
  }

  /**
   * Sends {@code count} requests on a client-streaming or bidi call, half-closes, and returns the
   * number of responses once the call has completed.
   */
  static <ReqT, RespT> long streaming(
      Channel channel, MethodDescriptor<ReqT, RespT> method, int count,
      IntFunction<ReqT> requests) {
    Counter<ReqT, RespT> counter = new Counter<>(count, requests);
    if (method.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING) {
      ClientCalls.asyncClientStreamingCall(channel.newCall(method, CallOptions.DEFAULT), counter);
    } else {
      ClientCalls.asyncBidiStreamingCall(channel.newCall(method, CallOptions.DEFAULT), counter);
    }
    return counter.await();
  }

  /** Sends requests while the call is ready, counts responses. */
  private static final class Counter<ReqT, RespT> implements ClientResponseObserver<ReqT, RespT> {
    private final int toSend;
    private final IntFunction<ReqT> requests;
    private final CountDownLatch done = new CountDownLatch(1);
    private ClientCallStreamObserver<ReqT> requestStream;
    private int sent;
    private boolean halfClosed;
    // Written by the call's callbacks, read after the latch (which orders the two).
    private long received;
    private Throwable error;

    Counter(int toSend, IntFunction<ReqT> requests) {
      this.toSend = toSend;
      this.requests = requests;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
      this.requestStream = requestStream;
      requestStream.disableAutoRequestWithInitial(WINDOW);
      if (toSend > 0) {
        requestStream.setOnReadyHandler(this::sendWhileReady);
      }
    }

    private void sendWhileReady() {
      while (sent < toSend && requestStream.isReady()) {
        requestStream.onNext(requests.apply(sent++));
      }
      if (sent == toSend && !halfClosed) {
        halfClosed = true;
        requestStream.onCompleted();
      }
    }

    @Override
    public void onNext(RespT value) {
      if (++received % (WINDOW / 2) == 0) {
        requestStream.request(WINDOW / 2);
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }

    long await() {
      try {
        if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          requestStream.cancel("benchmark call timed out", null);
          throw new IllegalStateException("call did not complete in " + TIMEOUT_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        requestStream.cancel("interrupted", e);
        throw new IllegalStateException(e);
      }
      if (error != null) {
        throw new IllegalStateException("call failed: " + error, error);
      }
      return received;
    }
  }
}
