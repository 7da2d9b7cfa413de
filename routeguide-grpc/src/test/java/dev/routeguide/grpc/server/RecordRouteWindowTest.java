package dev.routeguide.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ForwardingRouteGuide;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.grpc.transport.RouteGuideServerBuilder;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RecordRoute's inbound window on the server ({@link InboundWindow}): the service keeps a window
 * of points requested ahead (the network window over TCP, the larger one in process), never more, whatever the client sends and however slow the backend
 * is; the backend sees every point in the client's order; and once the call is cancelled or past
 * its deadline, points already requested never reach the backend. Observed from an interceptor
 * that sees every {@code request(n)} and from a backend that can hold its first point.
 */
class RecordRouteWindowTest {

  private static final long TIMEOUT_SECONDS = 10;

  /** How the server and the channel run. */
  enum Setup {
    /** In-process, both sides on gRPC's default executors. */
    IN_PROCESS_POOLED(InboundWindow.IN_PROCESS_SIZE),
    /** In-process, both sides on the calling thread: the backend must not block. */
    IN_PROCESS_DIRECT(InboundWindow.IN_PROCESS_SIZE),
    /** Netty over TCP on loopback, default executors. */
    TCP(InboundWindow.POINTS_OVER_NETWORK);

    /** The window the service must keep on this transport. */
    final int window;

    Setup(int window) {
      this.window = window;
    }
  }

  private RouteGuideServer server;
  private ManagedChannel channel;
  private GatedBackend backend;
  private RequestWatch requests;

  private void serve(Setup setup) throws IOException {
    backend = new GatedBackend(LocalRouteGuide.of(FeatureCatalogue.canonical()));
    requests = new RequestWatch(backend::pointsReceived);
    RouteGuideServerBuilder builder =
        RouteGuideServer.builder(backend).interceptor(requests).shutdownGrace(Duration.ZERO);
    String name = InProcessServerBuilder.generateName();
    switch (setup) {
      case IN_PROCESS_POOLED -> {
        server = builder.inProcess(name).start();
        channel = InProcessChannelBuilder.forName(name).build();
      }
      case IN_PROCESS_DIRECT -> {
        server = builder.inProcess(name).directExecutor().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
      }
      case TCP -> {
        server = builder.tcp("127.0.0.1", 0).start();
        channel = RouteGuideChannels.plaintext(server.target());
      }
    }
    // Connect before any deadline starts to run.
    RouteGuideGrpc.newBlockingStub(channel).getFeature(ProtoMapper.toProto(Point.ofE7(0, 0)));
  }

  @AfterEach
  void shutDown() throws InterruptedException {
    if (backend != null) {
      backend.release();
    }
    if (channel != null) {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<Point> route(int length) {
    SplittableRandom random = new SplittableRandom(13);
    List<Point> points = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      points.add(Point.ofE7(random.nextInt(400_000_000, 410_000_000),
          random.nextInt(-750_000_000, -740_000_000)));
    }
    return points;
  }

  /**
   * Starts a RecordRoute call that sends every point at once, ignoring {@code isReady()}, and
   * half-closes if asked to.
   */
  private Call sendIgnoringReadiness(List<Point> points, boolean halfClose) {
    return sendIgnoringReadiness(RouteGuideGrpc.newStub(channel), points, halfClose);
  }

  private static Call sendIgnoringReadiness(
      RouteGuideGrpc.RouteGuideStub stub, List<Point> points, boolean halfClose) {
    Call call = new Call();
    StreamObserver<dev.routeguide.grpc.proto.Point> out = stub.recordRoute(call);
    for (Point point : points) {
      out.onNext(ProtoMapper.toProto(point));
    }
    if (halfClose) {
      out.onCompleted();
    }
    return call;
  }

  @Nested
  @DisplayName("the window")
  class Window {

    @ParameterizedTest
    @EnumSource(Setup.class)
    void keepsOneWindowRequestedAheadAndNeverMoreWhileTheBackendIsStuck(Setup setup)
        throws Exception {
      serve(setup);
      // Held on the caller's thread, a direct server could not be released: only hold it pooled.
      if (setup != Setup.IN_PROCESS_DIRECT) {
        backend.holdFirstPoint();
      }
      List<Point> route = route(4_000);
      Call call = sendIgnoringReadiness(route, true);
      if (setup != Setup.IN_PROCESS_DIRECT) {
        backend.awaitHolding();
        assertThat(requests.requested()).isEqualTo(setup.window);
        backend.release();
      }

      RouteSummary summary = ProtoMapper.fromProto(call.awaitSummary());

      assertThat(requests.mostRequestedAhead()).isEqualTo(setup.window);
      assertThat(backend.points()).containsExactlyElementsOf(route);
      assertThat(summary.pointCount()).isEqualTo(route.size());
      assertThat(summary.distanceMeters())
          .isEqualTo(LocalRouteGuide.of(FeatureCatalogue.canonical()).recordRoute(route)
              .distanceMeters());
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void letsTheTypedClientSendAWholeRouteInOrder(Setup setup) throws Exception {
      serve(setup);
      List<Point> route = route(2_000);

      RouteSummary summary = RouteGuideClient.over(channel).recordRoute(route);

      assertThat(summary.pointCount()).isEqualTo(route.size());
      assertThat(backend.points()).containsExactlyElementsOf(route);
      assertThat(requests.mostRequestedAhead()).isEqualTo(setup.window);
    }
  }

  @Nested
  @DisplayName("with a window of points queued")
  class Queued {

    @ParameterizedTest
    @EnumSource(value = Setup.class, names = {"IN_PROCESS_POOLED", "TCP"})
    void handsNoQueuedPointToTheBackendOnceTheClientCancels(Setup setup) throws Exception {
      serve(setup);
      backend.holdFirstPoint();
      Call call = sendIgnoringReadiness(route(1_000), false);
      Context callContext = backend.awaitHolding();
      call.requests.get().cancel("the client gives up", null);
      awaitCancelled(callContext);
      backend.release();

      assertThat(call.awaitFailure().getCode()).isEqualTo(Status.Code.CANCELLED);
      assertThat(backend.awaitEnding()).isEqualTo("cancelled");
      assertThat(backend.points()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Setup.class, names = {"IN_PROCESS_POOLED", "TCP"})
    void handsNoQueuedPointToTheBackendOnceTheDeadlinePasses(Setup setup) throws Exception {
      serve(setup);
      backend.holdFirstPoint();
      Call call =
          sendIgnoringReadiness(
              RouteGuideGrpc.newStub(channel).withDeadlineAfter(500, TimeUnit.MILLISECONDS),
              route(1_000),
              false);
      Context callContext = backend.awaitHolding();
      awaitCancelled(callContext);
      backend.release();

      assertThat(call.awaitFailure().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(backend.awaitEnding()).isEqualTo("cancelled");
      assertThat(backend.points()).hasSize(1);
    }

    private void awaitCancelled(Context context) throws InterruptedException {
      CountDownLatch cancelled = new CountDownLatch(1);
      context.addListener(c -> cancelled.countDown(), Runnable::run);
      assertThat(cancelled.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("the server saw the call end in time")
          .isTrue();
    }
  }

  /** The client side of one raw RecordRoute call. */
  private static final class Call
      implements ClientResponseObserver<
          dev.routeguide.grpc.proto.Point, dev.routeguide.grpc.proto.RouteSummary> {
    final AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.Point>> requests =
        new AtomicReference<>();
    private final CompletableFuture<dev.routeguide.grpc.proto.RouteSummary> summary =
        new CompletableFuture<>();

    @Override
    public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.Point> call) {
      requests.set(call);
    }

    @Override
    public void onNext(dev.routeguide.grpc.proto.RouteSummary value) {
      summary.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      summary.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {}

    dev.routeguide.grpc.proto.RouteSummary awaitSummary() throws Exception {
      return summary.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    Status awaitFailure() throws InterruptedException {
      try {
        summary.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        return Status.fromThrowable(e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError("the call did not fail in time", e);
      }
      throw new AssertionError("the call succeeded");
    }
  }

  /**
   * Counts what the service requests on RecordRoute calls, against the points the backend has
   * received: requested minus received is what the service has asked for and not yet handled.
   */
  private static final class RequestWatch implements ServerInterceptor {
    private final LongSupplier received;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong mostAhead = new AtomicLong();

    RequestWatch(LongSupplier received) {
      this.received = received;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      if (!call.getMethodDescriptor().equals(RouteGuideGrpc.getRecordRouteMethod())) {
        return next.startCall(call, headers);
      }
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void request(int messages) {
              long ahead = requested.addAndGet(messages) - received.getAsLong();
              mostAhead.accumulateAndGet(ahead, Math::max);
              super.request(messages);
            }
          },
          headers);
    }

    long requested() {
      return requested.get();
    }

    long mostRequestedAhead() {
      return mostAhead.get();
    }
  }

  /**
   * A backend whose recordings keep every point received and, once asked, hold the first point
   * until released. Records how the recording ended.
   */
  private static final class GatedBackend extends ForwardingRouteGuide {
    private final List<Point> points = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CompletableFuture<Context> holding = new CompletableFuture<>();
    private final CompletableFuture<String> ending = new CompletableFuture<>();
    private volatile boolean hold;

    GatedBackend(RouteGuide delegate) {
      super(delegate);
    }

    void holdFirstPoint() {
      hold = true;
    }

    /** Waits until the first point is held, and returns the call's context at that moment. */
    Context awaitHolding() throws Exception {
      return holding.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void release() {
      gate.countDown();
    }

    synchronized long pointsReceived() {
      return points.size();
    }

    synchronized List<Point> points() {
      return List.copyOf(points);
    }

    String awaitEnding() throws Exception {
      return ending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public RouteRecording recordRoute() {
      RouteRecording recording = delegate.recordRoute();
      return new RouteRecording() {
        @Override
        public void send(Point point) {
          boolean first;
          synchronized (GatedBackend.this) {
            first = points.isEmpty();
            points.add(point);
          }
          recording.send(point);
          if (first && hold) {
            holding.complete(Context.current());
            try {
              assertThat(gate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new AssertionError(e);
            }
          }
        }

        @Override
        public RouteSummary finish() {
          RouteSummary summary = recording.finish();
          ending.complete("finished");
          return summary;
        }

        @Override
        public void cancel() {
          recording.cancel();
          ending.complete("cancelled");
        }
      };
    }
  }
}
