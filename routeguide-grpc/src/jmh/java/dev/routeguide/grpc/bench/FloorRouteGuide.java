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
 *       there the number of results the real query returns), sending while the call is ready: as
 *       fast as the client's window lets.
 *   <li>RecordRoute counts the points and answers that count.
 *   <li>RouteChat answers a pre-built note for every second note received (the benchmark's
 *       chat pattern draws one earlier note for every second note from the real service).
 * </ul>
 *
 * <p>Inbound, the floor keeps {@code inboundWindow} messages requested ahead ({@code
 * disableAutoRequest()} and {@code request(n)}, topped up by half a window whenever half has been
 * read), which is as fast as gRPC delivers a client stream while memory stays bounded. RouteChat
 * tops up only while its replies can be sent, as a server must whose replies answer notes. With
 * {@code inboundWindow} 0 it leaves inbound flow control to gRPC, which requests one message at a
 * time: the "one at a time" baseline, what a plain stub service gets.
 */
final class FloorRouteGuide extends RouteGuideGrpc.RouteGuideImplBase {

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

  private final int inboundWindow;

  /**
   * A floor with this inbound window.
   *
   * @param inboundWindow messages requested ahead on client streams (even, at least 2), or 0 for
   *     gRPC's one at a time
   */
  FloorRouteGuide(int inboundWindow) {
    if (inboundWindow != 0 && (inboundWindow < 2 || inboundWindow % 2 != 0)) {
      throw new IllegalArgumentException(
          "inboundWindow must be 0 or an even number >= 2, was " + inboundWindow);
    }
    this.inboundWindow = inboundWindow;
  }

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
    Window window = Window.open(responseObserver, inboundWindow, false);
    return new StreamObserver<>() {
      private int points;

      @Override
      public void onNext(Point point) {
        points++;
        window.read();
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
    Window window = Window.open(responseObserver, inboundWindow, true);
    return new StreamObserver<>() {
      private long received;

      @Override
      public void onNext(RouteNote note) {
        if (received++ % 2 == 1) {
          responseObserver.onNext(NOTE);
        }
        window.read();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        responseObserver.onCompleted();
      }
    };
  }

  /**
   * Inbound flow control of one call: nothing with a window of 0 (gRPC's auto-request), else
   * half a window requested each time half a window has been read; when {@code gated}, a top-up
   * waits until the call's outbound side is ready.
   */
  private static final class Window {
    private final ServerCallStreamObserver<?> call;
    private final int half;
    private final boolean gated;
    private int read;
    private int owed;

    private Window(ServerCallStreamObserver<?> call, int size, boolean gated) {
      this.call = call;
      this.half = size / 2;
      this.gated = gated;
    }

    static Window open(StreamObserver<?> responseObserver, int size, boolean gated) {
      ServerCallStreamObserver<?> call = (ServerCallStreamObserver<?>) responseObserver;
      Window window = new Window(call, size, gated);
      if (size > 0) {
        call.disableAutoRequest();
        if (gated) {
          call.setOnReadyHandler(window::payOwed);
        }
        call.request(size);
      }
      return window;
    }

    void read() {
      if (half > 0 && ++read == half) {
        read = 0;
        owed += half;
        if (!gated || call.isReady()) {
          payOwed();
        }
      }
    }

    private void payOwed() {
      if (owed > 0 && (!gated || call.isReady())) {
        call.request(owed);
        owed = 0;
      }
    }
  }
}
