package dev.routeguide.grpc.server;

import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.FeatureCursor;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.grpc.proto.Feature;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One ListFeatures call on the server: pulls features from the backend's {@link FeatureStream}
 * only while the call is ready to send, so at most the transport's small outbound window is
 * queued for a slow reader. The backend stream is closed exactly once, when the call completes,
 * fails, is cancelled or passes its deadline.
 *
 * <p>When the backend's stream is also a {@link FeatureCursor} (the local backend's is), each
 * result is read in place and its message built without a core {@code Feature} or a decoded name
 * ({@link ProtoMapper#toProto(FeatureCursor)}); any other stream is read feature by feature.
 *
 * <p>gRPC runs the ready and cancel handlers of one call one at a time, so no locking is needed.
 */
final class ListFeaturesCall {

  private final ServerCallStreamObserver<Feature> out;
  private final FeatureStream features;
  private final FeatureCursor inPlace; // the same stream, or null if it cannot be read in place
  private boolean done;

  private ListFeaturesCall(ServerCallStreamObserver<Feature> out, FeatureStream features) {
    this.out = out;
    this.features = features;
    this.inPlace = features instanceof FeatureCursor cursor ? cursor : null;
  }

  /** Validates the request, opens the backend stream and starts sending as the call allows. */
  static void start(
      RouteGuide backend,
      dev.routeguide.grpc.proto.Rectangle request,
      StreamObserver<Feature> responseObserver) {
    ServerCallStreamObserver<Feature> out = (ServerCallStreamObserver<Feature>) responseObserver;
    Rectangle area;
    try {
      area = ProtoMapper.fromProto(request);
    } catch (IllegalArgumentException e) {
      out.onError(FailureStatus.invalidArgument(e));
      return;
    }
    FeatureStream features;
    try {
      features = backend.listFeatures(area);
    } catch (RuntimeException e) {
      out.onError(FailureStatus.fromBackend("ListFeatures", e));
      return;
    }
    ListFeaturesCall call = new ListFeaturesCall(out, features);
    // Both handlers must be set before this handler returns.
    out.setOnCancelHandler(call::stop);
    out.setOnReadyHandler(call::drain);
    call.drain();
  }

  private void drain() {
    if (done) {
      return;
    }
    try {
      // The ready handler may fire spuriously, and a cancellation is only reported once this
      // callback returns: re-check both before every feature.
      while (out.isReady()) {
        if (out.isCancelled()) {
          stop();
          return;
        }
        Feature next = nextMessage();
        if (next == null) {
          stop();
          out.onCompleted();
          return;
        }
        out.onNext(next);
      }
    } catch (RuntimeException e) {
      stop();
      out.onError(FailureStatus.fromBackend("ListFeatures", e));
    }
  }

  /** The next result as a message, or null at the end. */
  private Feature nextMessage() {
    if (inPlace != null) {
      return inPlace.advance() ? ProtoMapper.toProto(inPlace) : null;
    }
    return features.hasNext() ? ProtoMapper.toProto(features.next()) : null;
  }

  private void stop() {
    if (!done) {
      done = true;
      features.close();
    }
  }
}
