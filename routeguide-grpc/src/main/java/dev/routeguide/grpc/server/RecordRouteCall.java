package dev.routeguide.grpc.server;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One RecordRoute call on the server: each point received is sent to the backend's {@link
 * RouteRecording}, the client's half-close finishes it and answers the summary, and a client
 * cancel, an expired deadline or a bad point cancels it. The recording ends exactly once.
 *
 * <p>Inbound points are requested one at a time by gRPC, so nothing queues here. gRPC delivers the
 * callbacks of one call one at a time, so no locking is needed.
 */
final class RecordRouteCall implements StreamObserver<dev.routeguide.grpc.proto.Point> {

  private final RouteRecording recording;
  private final StreamObserver<dev.routeguide.grpc.proto.RouteSummary> out;
  private boolean ended;
  private long pointsReceived;

  private RecordRouteCall(
      RouteRecording recording, StreamObserver<dev.routeguide.grpc.proto.RouteSummary> out) {
    this.recording = recording;
    this.out = out;
  }

  /** Starts the backend recording and returns the observer for the client's points. */
  static StreamObserver<dev.routeguide.grpc.proto.Point> start(
      RouteGuide backend, StreamObserver<dev.routeguide.grpc.proto.RouteSummary> responseObserver) {
    ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteSummary> out =
        (ServerCallStreamObserver<dev.routeguide.grpc.proto.RouteSummary>) responseObserver;
    RouteRecording recording;
    try {
      recording = backend.recordRoute();
    } catch (RuntimeException e) {
      out.onError(FailureStatus.fromBackend("RecordRoute", e));
      return new IgnoringObserver<>();
    }
    RecordRouteCall call = new RecordRouteCall(recording, out);
    out.setOnCancelHandler(call::abandon);
    return call;
  }

  @Override
  public void onNext(dev.routeguide.grpc.proto.Point message) {
    if (ended) {
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
    }
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
      recording.cancel();
    }
  }
}
