package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The floor: no-op RPCs of the four RouteGuide shapes, with the same message types, so that what
 * they cost is what gRPC itself costs. Served next to the real service on the same server.
 *
 * <ul>
 *   <li>GetFeature answers a pre-built feature.
 *   <li>ListFeatures streams a pre-built feature {@code lo.latitude} times (the benchmark puts
 *       there the number of results the real query returns), with flow control.
 *   <li>RecordRoute counts the points and answers that count.
 *   <li>RouteChat answers a pre-built note for every second note received (the benchmark's
 *       chat pattern draws one earlier note for every second note from the real service).
 * </ul>
 */
final class FloorRouteGuide extends RouteGuideGrpc.RouteGuideImplBase {

  static final String SERVICE_NAME = "routeguide.bench.Floor";

  private static final Feature FEATURE =
      Feature.newBuilder()
          .setName("Feature 123456")
          .setLocation(Point.newBuilder().setLatitude(404_123_456).setLongitude(-743_123_456))
          .build();
  private static final RouteNote NOTE =
      RouteNote.newBuilder()
          .setLocation(Point.newBuilder().setLatitude(123_456_789).setLongitude(-123_456_789))
          .setMessage(RouteChatBenchmark.MESSAGE)
          .build();

  /** A ListFeatures request that makes the floor stream {@code count} features. */
  static Rectangle listRequest(int count) {
    return Rectangle.newBuilder().setLo(Point.newBuilder().setLatitude(count)).build();
  }

  @Override
  public void getFeature(Point request, StreamObserver<Feature> responseObserver) {
    responseObserver.onNext(FEATURE);
    responseObserver.onCompleted();
  }

  @Override
  public void listFeatures(Rectangle request, StreamObserver<Feature> responseObserver) {
    ServerCallStreamObserver<Feature> responses =
        (ServerCallStreamObserver<Feature>) responseObserver;
    int count = request.getLo().getLatitude();
    responses.setOnCancelHandler(() -> {});
    responses.setOnReadyHandler(
        new Runnable() {
          private int sent;
          private boolean completed;

          @Override
          public void run() {
            while (sent < count && responses.isReady() && !responses.isCancelled()) {
              responses.onNext(FEATURE);
              sent++;
            }
            if (sent == count && !completed) {
              completed = true;
              responses.onCompleted();
            }
          }
        });
  }

  @Override
  public StreamObserver<Point> recordRoute(StreamObserver<RouteSummary> responseObserver) {
    return new StreamObserver<>() {
      private int points;

      @Override
      public void onNext(Point point) {
        points++;
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responseObserver.onNext(RouteSummary.newBuilder().setPointCount(points).build());
        responseObserver.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<RouteNote> routeChat(StreamObserver<RouteNote> responseObserver) {
    return new StreamObserver<>() {
      private long received;

      @Override
      public void onNext(RouteNote note) {
        if (received++ % 2 == 1) {
          responseObserver.onNext(NOTE);
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responseObserver.onCompleted();
      }
    };
  }
}
