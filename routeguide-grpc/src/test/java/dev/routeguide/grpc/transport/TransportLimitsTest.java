package dev.routeguide.grpc.transport;

import static dev.routeguide.grpc.transport.EchoRouteGuideService.nameFor;
import static dev.routeguide.grpc.transport.EchoRouteGuideService.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransportLimitsTest {

  private RouteGuideServer server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow();
      assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A point padded with an unknown field so that it serialises to exactly this many bytes. */
  private static Point pointOfSize(int bytes) {
    Point bare = point(1, 2);
    int padding = bytes - bare.getSerializedSize() - 4; // tag (2 bytes) + length (2 bytes)
    Point padded =
        bare.toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        1000,
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFrom(new byte[padding]))
                            .build())
                    .build())
            .build();
    assertThat(padded.getSerializedSize()).isEqualTo(bytes);
    return padded;
  }

  private Feature getFeature(Point point) {
    return RouteGuideGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getFeature(point);
  }

  @Nested
  class Validation {

    @Test
    void namesTheFieldOfANonPositiveSize() {
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withMaxInboundMessageSize(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxInboundMessageSize")
          .hasMessageContaining("0");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withFlowControlWindow(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("flowControlWindow");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withMaxConcurrentCallsPerConnection(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConcurrentCallsPerConnection");
    }

    @Test
    void namesTheFieldOfANonPositiveResetOrConnectionLimit() {
      assertThatThrownBy(
              () -> TransportLimits.DEFAULT.withMaxRstFramesPerWindow(0, Duration.ofSeconds(10)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxRstFramesPerWindow");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withMaxRstFramesPerWindow(10, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("rstFramesWindow");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withMaxConnections(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConnections");
    }

    @Test
    void refusesAResetWindowShorterThanOneSecond() {
      assertThatThrownBy(
              () -> TransportLimits.DEFAULT.withMaxRstFramesPerWindow(10, Duration.ofMillis(999)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rstFramesWindow must be at least one second");
    }

    @Test
    void namesTheFieldOfAZeroOrNegativeDuration() {
      assertThatThrownBy(
              () -> TransportLimits.DEFAULT.withKeepAlive(Duration.ZERO, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("keepAliveTime");
      assertThatThrownBy(
              () -> TransportLimits.DEFAULT.withKeepAlive(Duration.ofSeconds(1), Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("keepAliveTimeout");
      assertThatThrownBy(
              () -> TransportLimits.DEFAULT.withPermittedKeepAlive(Duration.ofSeconds(-1), true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("permitKeepAliveTime");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withMaxConnectionIdle(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConnectionIdle");
      assertThatThrownBy(
              () ->
                  TransportLimits.DEFAULT.withMaxConnectionAge(
                      Duration.ofSeconds(-5), Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConnectionAge");
      assertThatThrownBy(
              () ->
                  TransportLimits.DEFAULT.withMaxConnectionAge(Duration.ofMinutes(1), Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxConnectionAgeGrace");
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withHandshakeTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("handshakeTimeout");
    }

    @Test
    void rejectsNullDurationsNamingThem() {
      assertThatThrownBy(() -> TransportLimits.DEFAULT.withHandshakeTimeout(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("handshakeTimeout");
      assertThatThrownBy(() -> RouteGuideServer.builder(EchoRouteGuideService.answering())
              .transportLimits(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("limits");
    }

    @Test
    void changesOnlyTheFieldsItNames() {
      TransportLimits aged =
          TransportLimits.DEFAULT.withMaxConnectionAge(Duration.ofHours(1), Duration.ofMinutes(2));

      assertThat(aged.maxConnectionAge()).contains(Duration.ofHours(1));
      assertThat(aged.maxConnectionAgeGrace()).isEqualTo(Duration.ofMinutes(2));
      assertThat(aged.handshakeTimeout()).isEqualTo(TransportLimits.DEFAULT.handshakeTimeout());
      assertThat(aged.withoutMaxConnectionAge().maxConnectionAge()).isEqualTo(Optional.empty());
      assertThat(
              TransportLimits.DEFAULT
                  .withMaxConnectionAge(
                      Duration.ofHours(1), TransportLimits.DEFAULT.maxConnectionAgeGrace())
                  .withoutMaxConnectionAge())
          .isEqualTo(TransportLimits.DEFAULT);
    }
  }

  @Nested
  class OverTcp {

    @Test
    void acceptsAMessageOfExactlyTheMaximumSizeAndRefusesOneByteMore() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withMaxInboundMessageSize(1000))
              .start();
      channel = RouteGuideChannels.plaintext(server.target());

      assertThat(getFeature(pointOfSize(1000)).getName()).isEqualTo(nameFor(point(1, 2)));
      assertThatThrownBy(() -> getFeature(pointOfSize(1001)))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(e.getStatus().getDescription()).contains("1000").contains("1001");
              });
    }

    @Test
    void refusesMessagesOverSixteenKibibytesByDefault() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering()).tcp("localhost", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());

      assertThat(getFeature(pointOfSize(16 * 1024)).getName()).isEqualTo(nameFor(point(1, 2)));
      assertThatThrownBy(() -> getFeature(pointOfSize(16 * 1024 + 1)))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void makesACallBeyondTheConnectionsLimitWaitForAnEarlierOneToEnd() throws Exception {
      EchoRouteGuideService holding = EchoRouteGuideService.holding();
      server =
          RouteGuideServer.builder(holding)
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withMaxConcurrentCallsPerConnection(1))
              .start();
      channel = RouteGuideChannels.plaintext(server.target());
      RouteGuideGrpc.RouteGuideStub stub =
          RouteGuideGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
      CompletableFuture<Feature> first = new CompletableFuture<>();
      stub.getFeature(point(1, 1), completing(first));
      assertThat(holding.awaitCall()).isTrue();

      CompletableFuture<Feature> second = new CompletableFuture<>();
      stub.getFeature(point(2, 2), completing(second));
      // the second call must not reach the held service until the first ends; then both end
      holding.release();

      assertThat(first.get(10, TimeUnit.SECONDS).getName()).isEqualTo(nameFor(point(1, 1)));
      assertThat(second.get(10, TimeUnit.SECONDS).getName()).isEqualTo(nameFor(point(2, 2)));
      assertThat(holding.callsStarted()).isEqualTo(2);
      assertThat(holding.maxCallsAtOnce()).isEqualTo(1);
    }

    @Test
    void closesAConnectionBeyondTheLimitUnreadWhileServingThoseWithin() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withMaxConnections(1))
              .start();
      channel = RouteGuideChannels.plaintext(server.target());
      assertThat(getFeature(point(1, 1)).getName()).isEqualTo(nameFor(point(1, 1)));

      try (Socket beyond = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        beyond.setSoTimeout(10_000);
        long started = System.nanoTime();

        readUntilClosed(beyond.getInputStream());

        // closed at accept, not after the handshake timeout (10 s by default)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      }
      assertThat(getFeature(point(2, 2)).getName()).isEqualTo(nameFor(point(2, 2)));
    }

    @Test
    void admitsANewConnectionOnceAnEarlierOneHasClosed() throws Exception {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withMaxConnections(1))
              .start();
      for (int i = 1; i <= 3; i++) {
        ManagedChannel each = RouteGuideChannels.plaintext(server.target());
        try {
          assertThat(RouteGuideGrpc.newBlockingStub(each).withDeadlineAfter(10, TimeUnit.SECONDS)
                  .withWaitForReady().getFeature(point(i, i)).getName())
              .isEqualTo(nameFor(point(i, i)));
        } finally {
          each.shutdownNow();
          assertThat(each.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
      }
    }

    @Test
    void neverRefusesACallOfAClientThatWaitsForItsTurn() throws Exception {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withMaxConcurrentCallsPerConnection(1))
              .start();
      channel = RouteGuideChannels.plaintext(server.target());
      getFeature(point(0, 0)); // connected: the client knows the limit from here on
      java.util.concurrent.ExecutorService callers =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      java.util.concurrent.atomic.AtomicInteger refused =
          new java.util.concurrent.atomic.AtomicInteger();
      try {
        java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
          runs.add(callers.submit(() -> {
            for (int i = 0; i < 200; i++) {
              try {
                getFeature(point(i, i));
              } catch (StatusRuntimeException e) {
                refused.incrementAndGet();
              }
            }
          }));
        }
        for (java.util.concurrent.Future<?> run : runs) {
          run.get(60, TimeUnit.SECONDS);
        }
      } finally {
        callers.shutdownNow();
      }

      assertThat(refused.get()).as("calls refused though the client waited").isZero();
    }

    @Test
    void closesAConnectionThatSendsNothingOnceTheHandshakeTimeoutHasPassed() throws IOException {
      server =
          RouteGuideServer.builder(EchoRouteGuideService.answering())
              .tcp("localhost", 0)
              .transportLimits(TransportLimits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(300)))
              .start();
      try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        silent.setSoTimeout(10_000);
        long started = System.nanoTime();
        InputStream in = silent.getInputStream();

        readUntilClosed(in);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isBetween(Duration.ofMillis(250), Duration.ofSeconds(9));
      }
    }
  }

  /**
   * Reads and discards until the peer closes or resets the connection; a read timeout (the peer
   * kept it open) propagates as a {@link java.net.SocketTimeoutException}.
   */
  private static void readUntilClosed(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    try {
      while (in.read(buffer) >= 0) {
        // whatever the server says before closing (a SETTINGS frame, a GOAWAY) is not the point
      }
    } catch (java.net.SocketException reset) {
      // closed with a reset: closed all the same
    }
  }

  private static StreamObserver<Feature> completing(CompletableFuture<Feature> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Feature value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
