package dev.routeguide.grpc.transport;

import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport probe: answers GetFeature with a feature named after the requested point, and can
 * hold each call until {@link #release()} so shutdown behaviour can be observed mid-call.
 */
final class EchoRouteGuideService extends RouteGuideGrpc.RouteGuideImplBase {

  private final boolean holdCalls;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();

  private EchoRouteGuideService(boolean holdCalls) {
    this.holdCalls = holdCalls;
  }

  /** Answers at once. */
  static EchoRouteGuideService answering() {
    return new EchoRouteGuideService(false);
  }

  /** Holds every call until {@link #release()}. */
  static EchoRouteGuideService holding() {
    return new EchoRouteGuideService(true);
  }

  static String nameFor(Point point) {
    return "echo " + point.getLatitude() + "," + point.getLongitude();
  }

  static Point point(int latitude, int longitude) {
    return Point.newBuilder().setLatitude(latitude).setLongitude(longitude).build();
  }

  /** Waits until a call has reached the service. */
  boolean awaitCall() throws InterruptedException {
    return entered.await(10, TimeUnit.SECONDS);
  }

  void release() {
    released.countDown();
  }

  /** How many GetFeature calls have reached the service. */
  int callsStarted() {
    return started.get();
  }

  /** The most GetFeature calls that were inside the service at the same time. */
  int maxCallsAtOnce() {
    return mostRunning.get();
  }

  @Override
  public void getFeature(Point request, StreamObserver<Feature> responseObserver) {
    started.incrementAndGet();
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      answer(request, responseObserver);
    } finally {
      running.decrementAndGet();
    }
  }

  private void answer(Point request, StreamObserver<Feature> responseObserver) {
    entered.countDown();
    if (holdCalls) {
      try {
        if (!released.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("call was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    responseObserver.onNext(
        Feature.newBuilder().setName(nameFor(request)).setLocation(request).build());
    responseObserver.onCompleted();
  }
}
