package dev.routeguide.grpc.server;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One RecordRoute call on the server: each point received is sent to the backend's {@link
 * RouteRecording}, the client's half-close finishes it and answers the summary, and a client
 * cancel, an expired deadline or a bad point cancels it. The recording ends exactly once.
 *
 * <p>Points are requested a window ahead ({@link InboundWindow}), not one at a time, so the transport
 * can hand them over in batches; at most that many wait for the backend, none are requested once
 * the recording has ended, and none reach the backend once the call is cancelled or past its
 * deadline. gRPC delivers the callbacks of one call one at a time and in the
 * order sent, so no locking is needed and the backend sees the points in the client's order.
 */
final class RecordRouteCall implements StreamObserver<dev.routeguide.grpc.proto.Point> {

  private final RouteRecording recording;
  private final StreamObserver<dev.routeguide.grpc.proto.RouteSummary> out;
  private final InboundWindow window;
  private volatile boolean cancelled; // set by the call's context the moment it is cancelled
  private boolean ended;
  private long pointsReceived;

  private RecordRouteCall(
      RouteRecording recording,
      StreamObserver<dev.routeguide.grpc.proto.RouteSummary> out,
      InboundWindow window) {
    this.recording = recording;
    this.out = out;
    this.window = window;
  }

  /** Starts the backend recording and returns the observer for the client's points. */
  static StreamObserver<dev.routeguide.grpc.proto.Point> start(
      RouteGuide backend, StreamObserver<dev.routeguide.grpc.proto.RouteSummary> responseObserver) {
    ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteSummary> out =
        (ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteSummary>) responseObserver;
    InboundWindow window = InboundWindow.takeOver(out, InboundWindow.POINTS_OVER_NETWORK);
    RouteRecording recording;
    try {
      recording = backend.recordRoute();
    } catch (RuntimeException e) {
      out.onError(FailureStatus.fromBackend("RecordRoute", e));
      return new IgnoringObserver<>();
    }
    RecordRouteCall call = new RecordRouteCall(recording, out, window);
    out.setOnCancelHandler(call::abandon);
    // A listener lands on the call's cancellable context (the current one, or its ancestor while
    // the in-process marker is attached), which every callback runs in; it is cheaper than
    // asking that context for every point (an uncontended lock up its chain of parents).
    Context.current().addListener(context -> call.cancelled = true, Runnable::run);
    window.open();
    return call;
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.Point message) {
    if (ended) {
      return;
    }
    // Points already requested may still be delivered after a cancellation or an expired
    // deadline, before the cancel handler runs; the call's context knows at once.
    if (cancelled) {
      abandon();
      return;
    }
    Point point;
    try {
      point = ProtoMapper.fromProto(message);
    } catch (IllegalArgumentException e) {
      abandon();
      // Name the point too: the client may have streamed thousands before this one.
      out.onError(FailureStatus.invalidArgument(
          new IllegalArgumentException("point " + pointsReceived + ": " + e.getMessage(), e)));
      return;
    }
    pointsReceived++;
    try {
      recording.send(point);
    } catch (RuntimeException e) {
      abandon();
      out.onError(FailureStatus.fromBackend("RecordRoute", e));
      return;
    }
    window.handled();
  }

  /** The client cancelled or the deadline passed; gRPC reports either here. */
  @Override
  public void onError(Throwable clientFailure) {
    abandon();
  }

  @Override
  public void onCompleted() {
    if (ended) {
      return;
    }
    ended = true;
    window.close();
    RouteSummary summary;
    try {
      summary = recording.finish();
    } catch (RuntimeException e) {
      recording.cancel();
      out.onError(FailureStatus.fromBackend("RecordRoute", e));
      return;
    }
    out.onNext(ProtoMapper.toProto(summary));
    out.onCompleted();
  }

  private void abandon() {
    if (!ended) {
      ended = true;
      window.close();
      recording.cancel();
    }
  }
}
