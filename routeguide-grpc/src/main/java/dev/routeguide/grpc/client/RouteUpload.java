package dev.routeguide.grpc.client;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * One RecordRoute call that sends a whole route without blocking anyone: points are pulled from
 * the iterator in the call's ready handler, only while the transport is ready, and the summary
 * completes a future. Cancelling the future cancels the call.
 *
 * <p>The iterator is advanced on gRPC's threads, one callback at a time.
 */
final class RouteUpload
    implements ClientResponseObserver<
        dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.RouteSummary> {

  private final Iterator<Point> points;
  private final CompletableFuture<RouteSummary> result = new CompletableFuture<>();
  private ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> requests;
  private boolean halfClosed;

  private RouteUpload(Iterator<Point> points) {
    this.points = points;
  }

  /** Starts sending the points and returns the future summary. */
  static CompletableFuture<RouteSummary> start(
      Channel channel, CallOptions options, Iterator<Point> points) {
    RouteUpload upload = new RouteUpload(points);
    ClientCall<dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.RouteSummary> call =
        channel.newCall(RouteGuideGrpc.getRecordRouteMethod(), options);
    upload.result.whenComplete(
        (summary, failure) -> {
          if (upload.result.isCancelled()) {
            call.cancel("route upload cancelled by the client", null);
          }
        });
    ClientCalls.asyncClientStreamingCall(call, upload);
    return upload.result;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> requests) {
    this.requests = requests;
    requests.setOnReadyHandler(this::sendWhileReady);
  }

  private void sendWhileReady() {
    if (halfClosed || result.isDone()) {
      return;
    }
    try {
      while (requests.isReady()) {
        if (!points.hasNext()) {
          halfClosed = true;
          requests.onCompleted();
          return;
        }
        Point point = points.next();
        if (point == null) {
          throw new NullPointerException("points must not contain null");
        }
        requests.onNext(ProtoMapper.toProto(point));
      }
    } catch (RuntimeException e) {
      // The caller's points failed: report their exception as is, and stop the call.
      halfClosed = true;
      result.completeExceptionally(e);
      requests.cancel("the route's points could not be read", e);
    }
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.RouteSummary summary) {
    try {
      result.complete(ProtoMapper.fromProto(summary));
    } catch (IllegalArgumentException e) {
      result.completeExceptionally(RouteGuideStatusException.invalidResponse(e));
      requests.cancel("invalid response from server", e);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(RouteGuideStatusException.from(error));
  }

  @Override
  public void onCompleted() {
    result.completeExceptionally(
        new RouteGuideStatusException(
            Status.INTERNAL.withDescription("server completed RecordRoute without a summary")));
  }
}
