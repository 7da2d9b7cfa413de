package dev.routeguide.grpc.client;

import dev.routeguide.core.RouteGuideException;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The client's side of one RecordRoute call, sent point by point. {@link #send} waits while the
 * call is not ready for another message, so a fast sender cannot queue without limit; {@link
 * #finish()} half-closes and waits for the summary.
 *
 * <p>For one owner thread, as {@link RouteRecording} says; gRPC's callbacks complete the result
 * from their own threads.
 */
final class RemoteRouteRecording
    implements RouteRecording,
        ClientResponseObserver<dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.RouteSummary> {

  private final CompletableFuture<RouteSummary> result = new CompletableFuture<>();
  private OutboundCall<dev.routeguide.grpc.proto.Point> requests;
  private volatile RouteGuideException failure;
  private boolean ended;

  private RemoteRouteRecording() {}

  /** Starts the call; points can be sent at once. */
  static RemoteRouteRecording start(Channel channel, CallOptions options) {
    RemoteRouteRecording recording = new RemoteRouteRecording();
    ClientCalls.asyncClientStreamingCall(
        channel.newCall(RouteGuideGrpc.getRecordRouteMethod(), options), recording);
    return recording;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> requests) {
    this.requests = new OutboundCall<>(requests);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks while the transport is not ready for another point.
   *
   * @throws RouteGuideException if the call has failed (by deadline, among others)
   */
  @Override
  public void send(Point point) {
    Objects.requireNonNull(point, "point");
    requireOpen();
    requests.send(ProtoMapper.toProto(point), result::isDone, () -> failure);
  }

  /**
   * {@inheritDoc}
   *
   * @throws RouteGuideException if the call failed
   */
  @Override
  public RouteSummary finish() {
    requireOpen();
    ended = true;
    requests.halfClose();
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted while waiting for the route summary", e);
      throw new RouteGuideStatusException(
          Status.CANCELLED.withDescription("interrupted while waiting for the route summary")
              .withCause(e));
    } catch (ExecutionException e) {
      throw RouteGuideStatusException.from(e.getCause());
    }
  }

  @Override
  public void cancel() {
    if (!ended) {
      ended = true;
      requests.cancel("route recording cancelled by the client", null);
    }
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteSummary summary) {
    try {
      result.complete(ProtoMapper.fromProto(summary));
    } catch (IllegalArgumentException e) {
      fail(RouteGuideStatusException.invalidResponse(e));
      requests.cancel("invalid response from server", e);
    }
  }

  @Override
  public void onError(Throwable error) {
    fail(RouteGuideStatusException.from(error));
  }

  @Override
  public void onCompleted() {
    fail(
        new RouteGuideStatusException(
            Status.INTERNAL.withDescription("server completed RecordRoute without a summary")));
  }

  // gRPC callbacks of one call never overlap, so the first outcome wins without a race.
  private void fail(RouteGuideException error) {
    if (!result.isDone()) {
      failure = error;
      result.completeExceptionally(error);
    }
    requests.signal();
  }

  private void requireOpen() {
    if (ended) {
      throw new IllegalStateException("route recording is already finished or cancelled");
    }
  }
}
