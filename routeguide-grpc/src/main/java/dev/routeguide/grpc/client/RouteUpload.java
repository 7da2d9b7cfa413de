package dev.routeguide.grpc.client;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * The request side of one RecordRoute call that sends a whole route without blocking anyone:
 * points are pulled from the iterator in the call's ready handler, only while the transport is
 * ready, and a {@link SingleResponse} completes the future summary. Cancelling the future cancels
 * the call.
 *
 * <p>The iterator is advanced on gRPC's threads, one callback at a time.
 */
final class RouteUpload implements SingleResponse.RequestSide<dev.routeguide.grpc.proto.Point> {

  private final Iterator<Point> points;
  private final SingleResponse<dev.routeguide.grpc.proto.Point,
      dev.routeguide.grpc.proto.RouteSummary, RouteSummary> summary;
  private ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> requests;
  private boolean halfClosed;

  private RouteUpload(Iterator<Point> points) {
    this.points = points;
    this.summary = new SingleResponse<>("RecordRoute", ProtoMapper::fromProto, this);
  }

  /** Starts sending the points and returns the future summary. */
  static CompletableFuture<RouteSummary> start(
      Channel channel, CallOptions options, Iterator<Point> points) {
    return new RouteUpload(points).summary.startClientStreaming(
        channel.newCall(RouteGuideGrpc.getRecordRouteMethod(), options));
  }

  @Override
  public void start(ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> requests) {
    this.requests = requests;
    requests.setOnReadyHandler(this::sendWhileReady);
  }

  @Override
  public void cancel(String reason, Throwable cause) {
    requests.cancel(reason, cause);
  }

  private void sendWhileReady() {
    if (halfClosed) {
      return;
    }
    try {
      while (requests.isReady() && !summary.isDone()) {
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
      summary.failWithCallersException(e);
      requests.cancel("the route's points could not be read", e);
    }
  }
}
