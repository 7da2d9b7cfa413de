package dev.routeguide.grpc.client;

import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import java.util.Objects;

/**
 * The client's side of one RecordRoute call, sent point by point: an {@link OutboundCall} sends,
 * and a {@link SingleResponse} receives the summary. {@link #send} waits once the call has not
 * been ready for a bounded overdraft of points, so a fast sender cannot queue without limit;
 * {@link #finish()} half-closes and waits for the summary.
 *
 * <p>For one owner thread, as {@link RouteRecording} says; gRPC's callbacks complete the result
 * from their own threads.
 */
final class RemoteRouteRecording implements RouteRecording {

  private final OutboundCall<dev.routeguide.grpc.proto.Point> requests;
  private final SingleResponse<dev.routeguide.grpc.proto.Point,
      dev.routeguide.grpc.proto.RouteSummary, RouteSummary> summary;
  private boolean ended;

  private RemoteRouteRecording() {
    requests = new OutboundCall<>("RecordRoute", this::summaryDecided, this::failure);
    summary = new SingleResponse<>("RecordRoute", ProtoMapper::fromProto, requests);
  }

  /**
   * Starts the call; points can be sent at once. Every callback of the call is this class's own
   * and never blocks (it unparks the sender or decides a future nobody else sees), so they run on
   * the transport's thread: when the call becomes ready again, the sender is unparked directly
   * instead of through one more thread of the channel's executor.
   */
  static RemoteRouteRecording start(Channel channel, CallOptions options) {
    RemoteRouteRecording recording = new RemoteRouteRecording();
    recording.summary.startClientStreaming(
        channel.newCall(
            RouteGuideGrpc.getRecordRouteMethod(), options.withExecutor(Runnable::run)));
    return recording;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks once the transport has not been ready for a bounded overdraft of points ({@link
   * OutboundCall}), until it is.
   *
   * @throws RouteGuideException if the call has failed (by deadline, among others)
   * @throws IllegalStateException also if the server has already answered
   */
  @Override
  public void send(Point point) {
    Objects.requireNonNull(point, "point");
    requireOpen();
    requests.send(ProtoMapper.toProto(point));
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
    return summary.await("for the route summary");
  }

  @Override
  public void cancel() {
    if (!ended) {
      ended = true;
      requests.cancel("route recording cancelled by the client", null);
    }
  }

  private boolean summaryDecided() {
    return summary.isDone();
  }

  private RouteGuideException failure() {
    return summary.failure();
  }

  private void requireOpen() {
    if (ended) {
      throw new IllegalStateException("route recording is already finished or cancelled");
    }
  }
}
