package dev.routeguide.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routeguide.grpc.server.RouteGuideService;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.client.RouteGuideStatusException;
import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ObservedRouteGuide.Ending;
import dev.routeguide.grpc.ObservedRouteGuide.ObservedFeatureStream;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteGuideClient} beyond the shared contract: futures, deadlines, early close, incremental
 * senders that wait for the transport, failures as core's types or {@link
 * RouteGuideStatusException}, and who owns
 * the channel.
 */
class RouteGuideClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SHORT_DEADLINE = Duration.ofSeconds(1);
  /** What the typed client's blocking senders queue past a call that is not ready (32 KiB). */
  private static final int SENDER_OVERDRAFT_BYTES = 32 * 1024;
  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409146138, -746188906);
  private static final Feature BERKSHIRE_VALLEY_TRAIL =
      Feature.named("Berkshire Valley Management Area Trail, Jefferson, NJ, USA", BERKSHIRE_VALLEY);
  private static final int MAX_MESSAGE_LENGTH = 100;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ObservedRouteGuide backend;
  private RouteGuideClient client;

  @BeforeEach
  void connectToTheCanonicalDatabase() {
    backend =
        new ObservedRouteGuide(
            new LocalRouteGuide(
                FeatureCatalogue.canonical(),
                new InMemoryNoteBoard(
                    NoteBoardLimits.DEFAULT.withMaxMessageLength(MAX_MESSAGE_LENGTH)),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));
    InProcessServer server = InProcessServer.serving(backend, InProcessServer.Executor.POOLED);
    toClose.add(server);
    client = RouteGuideClient.over(server.channel());
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /** A client of a server that accepts RecordRoute and RouteChat calls but never reads them. */
  private RouteGuideClient clientOfAServerThatNeverReads() throws Exception {
    DeafServer deaf = DeafServer.start();
    toClose.add(deaf);
    return RouteGuideClient.over(deaf.channel());
  }

  private static RouteGuideStatusException statusFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
    return (RouteGuideStatusException) thrown;
  }

  @Nested
  @DisplayName("GetFeature")
  class GetFeature {

    @Test
    void returnsTheCoreFeatureBlocking() {
      assertThat(client.getFeature(BERKSHIRE_VALLEY)).isEqualTo(BERKSHIRE_VALLEY_TRAIL);
    }

    @Test
    void returnsTheCoreFeatureAsAFuture() throws Exception {
      CompletableFuture<Feature> feature = client.getFeatureAsync(BERKSHIRE_VALLEY);
      assertThat(feature.get(10, TimeUnit.SECONDS)).isEqualTo(BERKSHIRE_VALLEY_TRAIL);
    }

    @Test
    void rejectsANullLocationLocallyLikeTheLocalImplementation() {
      assertThatThrownBy(() -> client.getFeature(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
      assertThatThrownBy(() -> client.getFeatureAsync(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
    }

    @Test
    void raisesUnavailableWhenThereIsNoServer() {
      ManagedChannel nowhere =
          InProcessChannelBuilder.forName(InProcessServerBuilder.generateName()).build();
      try (RouteGuideClient lost = RouteGuideClient.owning(nowhere)) {
        UnavailableException blocking =
            catchThrowableOfType(
                UnavailableException.class, () -> lost.getFeature(BERKSHIRE_VALLEY));
        assertThat(RouteGuideStatusException.statusOf(blocking).orElseThrow().getCode())
            .isEqualTo(Status.Code.UNAVAILABLE);

        ExecutionException async =
            catchThrowableOfType(
                ExecutionException.class,
                () -> lost.getFeatureAsync(BERKSHIRE_VALLEY).get(10, TimeUnit.SECONDS));
        assertThat(async.getCause()).isInstanceOf(UnavailableException.class);
      }
    }
  }

  @Nested
  @DisplayName("ListFeatures")
  class ListFeatures {

    private final Rectangle world = Rectangle.world();

    @Test
    void isConsumedLazilyAndEarlyCloseCancelsTheCall() throws Exception {
      FeatureStream features = client.listFeatures(world);
      assertThat(features.next().isNamed()).isTrue();
      ObservedFeatureStream served = backend.nextFeatureStream();
      features.close();

      served.awaitClosed();
      assertThat(served.pulled()).isLessThan(64);
      assertThat(features.hasNext()).isFalse();
    }

    @Test
    void closingTheJavaStreamClosesTheCall() throws Exception {
      try (Stream<Feature> features = client.listFeatures(world).stream()) {
        assertThat(features.limit(2).count()).isEqualTo(2);
      }
      backend.nextFeatureStream().awaitClosed();
    }

    @Test
    void failsWithDeadlineExceededWhenTheReaderIsTooSlow() throws Exception {
      FeatureStream features = client.withDeadline(SHORT_DEADLINE).listFeatures(world);
      features.next();
      backend.nextFeatureStream().awaitClosed();

      Throwable thrown = catchThrowable(() -> features.forEachRemaining(feature -> {}));
      assertThat(statusFailure(thrown).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(features.hasNext()).isFalse();
    }

    @Test
    void rejectsANullAreaLocally() {
      assertThatThrownBy(() -> client.listFeatures(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("area");
    }
  }

  @Nested
  @DisplayName("RecordRoute")
  class RecordRoute {

    private final List<Point> route =
        List.of(Point.ofE7(1000, 1000), Point.ofE7(2000, 2000), Point.ofE7(3000, 3000),
            Point.ofE7(4000, 4000));
    private final RouteSummary expected = new RouteSummary(4, 0, 47, 0);

    @Test
    void recordsAJavaStreamOfPoints() {
      assertThat(client.recordRoute(route.stream())).isEqualTo(expected);
    }

    @Test
    void recordsAnIterableWithoutBlocking() throws Exception {
      assertThat(client.recordRouteAsync(route).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    @Test
    void failsTheFutureAndCancelsTheCallOnANullPoint() throws Exception {
      List<Point> withNull = new ArrayList<>(route);
      withNull.add(1, null);
      ExecutionException thrown =
          catchThrowableOfType(
              ExecutionException.class,
              () -> client.recordRouteAsync(withNull).get(10, TimeUnit.SECONDS));
      assertThat(thrown.getCause()).isInstanceOf(NullPointerException.class);
      assertThat(backend.nextRecording().awaitEnding()).isEqualTo(Ending.CANCELLED);
    }

    @Test
    void cancellingTheFutureCancelsAnEndlessRoute() throws Exception {
      Iterable<Point> endless = Stream.generate(() -> BERKSHIRE_VALLEY)::iterator;
      CompletableFuture<RouteSummary> summary = client.recordRouteAsync(endless);
      ObservedRouteGuide.ObservedRecording recording = backend.nextRecording();
      recording.awaitSent(100);
      summary.cancel(true);
      assertThat(recording.awaitEnding()).isEqualTo(Ending.CANCELLED);
    }

    @Test
    void cancelsTheServerRecordingWhenClosedUnfinished() throws Exception {
      ObservedRouteGuide.ObservedRecording served;
      try (RouteRecording recording = client.recordRoute()) {
        recording.send(BERKSHIRE_VALLEY);
        served = backend.nextRecording();
        served.awaitSent(1);
      }
      assertThat(served.awaitEnding()).isEqualTo(Ending.CANCELLED);
    }

    @Test
    void anIncrementalSenderWaitsForTheTransportAfterABoundedOverdraft() throws Exception {
      RouteGuideClient deaf = clientOfAServerThatNeverReads().withDeadline(SHORT_DEADLINE);
      RouteRecording recording = deaf.recordRoute();
      int sent = 0;
      Throwable thrown = null;
      while (thrown == null && sent < 1_000_000) {
        try {
          recording.send(BERKSHIRE_VALLEY);
          sent++;
        } catch (RuntimeException e) {
          thrown = e;
        }
      }
      assertThat(statusFailure(thrown).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      // The call is never ready: the sender queues its overdraft of 32 KiB, then waits.
      int pointBytes = ProtoMapper.toProto(BERKSHIRE_VALLEY).getSerializedSize();
      assertThat(sent).isEqualTo(SENDER_OVERDRAFT_BYTES / pointBytes);
      recording.close();
    }

    @Test
    void finishRaisesTheCallsFailure() throws Exception {
      RouteGuideClient deaf = clientOfAServerThatNeverReads().withDeadline(SHORT_DEADLINE);
      RouteRecording recording = deaf.recordRoute();
      Throwable thrown = catchThrowable(recording::finish);
      assertThat(statusFailure(thrown).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
  }

  @Nested
  @DisplayName("RouteChat")
  class RouteChatSession {

    private final Point here = Point.ofE7(7, 7);

    @Test
    void deliversRepliesByCallbackAndBlockingTake() throws Exception {
      NoteInbox earlier = new NoteInbox();
      try (RouteChat first = client.routeChat(earlier)) {
        first.send(RouteNote.at(here, "one"));
        first.send(RouteNote.at(here, "two"));
        first.complete();
        assertThat(earlier.awaitAll(TIMEOUT)).containsExactly(RouteNote.at(here, "one"));
      }
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(here, "three"));
        assertThat(inbox.poll(TIMEOUT)).contains(RouteNote.at(here, "one"));
        assertThat(inbox.poll(TIMEOUT)).contains(RouteNote.at(here, "two"));
        chat.complete();
        assertThat(inbox.poll(TIMEOUT)).isEmpty();
      }
    }

    @Test
    void reportsAnOverlongNoteToTheReceiverAsInvalidArgumentAndThenRefusesToSend()
        throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.routeChat(inbox)) {
        chat.send(RouteNote.at(here, "x".repeat(MAX_MESSAGE_LENGTH + 1)));
        Throwable failure = catchThrowable(() -> inbox.poll(TIMEOUT));
        assertThat(failure)
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("message is 101 chars long");
        assertThat(RouteGuideStatusException.statusOf(failure).orElseThrow().getCode())
            .isEqualTo(Status.Code.INVALID_ARGUMENT);

        Throwable late = catchThrowable(() -> chat.send(RouteNote.at(here, "late")));
        assertThat(late).isSameAs(failure);
      }
    }

    @Test
    void cancelEndsTheServerChat() throws Exception {
      RouteChat chat = client.routeChat(new NoteInbox());
      chat.send(RouteNote.at(here, "hello"));
      ObservedRouteGuide.ObservedChat served = backend.nextChat();
      served.awaitSent(1);
      chat.cancel();
      assertThat(served.awaitEnding()).isEqualTo(Ending.CANCELLED);
      assertThatThrownBy(() -> chat.send(RouteNote.at(here, "after")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeadlineEndsTheChatWithDeadlineExceeded() throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = client.withDeadline(SHORT_DEADLINE).routeChat(inbox)) {
        chat.send(RouteNote.at(here, "and then silence"));
        Throwable thrown = catchThrowable(() -> inbox.poll(TIMEOUT));
        assertThat(statusFailure(thrown).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      }
    }

    @Test
    void aSenderWaitsForTheTransportAfterABoundedOverdraft() throws Exception {
      RouteGuideClient deaf = clientOfAServerThatNeverReads().withDeadline(SHORT_DEADLINE);
      NoteInbox inbox = new NoteInbox();
      RouteChat chat = deaf.routeChat(inbox);
      int sent = 0;
      Throwable thrown = null;
      while (thrown == null && sent < 1_000_000) {
        try {
          chat.send(RouteNote.at(here, "note " + sent));
          sent++;
        } catch (RuntimeException e) {
          thrown = e;
        }
      }
      assertThat(statusFailure(thrown).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      // The call is never ready: the sender queues at most its overdraft of 32 KiB, then waits.
      int smallestNoteBytes =
          ProtoMapper.toProto(RouteNote.at(here, "note 0")).getSerializedSize();
      assertThat(sent).isPositive().isLessThanOrEqualTo(SENDER_OVERDRAFT_BYTES / smallestNoteBytes);
      chat.close();
    }
  }

  @Nested
  @DisplayName("channel ownership")
  class Ownership {

    @Test
    void overLeavesTheChannelOpen() {
      ManagedChannel channel =
          InProcessChannelBuilder.forName(InProcessServerBuilder.generateName()).build();
      toClose.add(() -> channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
      RouteGuideClient.over(channel).close();
      assertThat(channel.isShutdown()).isFalse();
    }

    @Test
    void owningShutsTheChannelDown() {
      ManagedChannel channel =
          InProcessChannelBuilder.forName(InProcessServerBuilder.generateName()).build();
      RouteGuideClient.owning(channel).close();
      assertThat(channel.isTerminated()).isTrue();
    }

    @Test
    void aViewLeavesItsParentsChannelOpen() {
      ManagedChannel channel =
          InProcessChannelBuilder.forName(InProcessServerBuilder.generateName()).build();
      try (RouteGuideClient parent = RouteGuideClient.owning(channel)) {
        parent.withDeadline(Duration.ofSeconds(1)).close();
        parent.withCompression("gzip").close();
        parent.withMetadata(new io.grpc.Metadata()).close();
        assertThat(channel.isShutdown()).isFalse();
      }
      assertThat(channel.isTerminated()).isTrue();
    }

    @Test
    void rejectsANonPositiveDeadline() {
      assertThatThrownBy(() -> client.withDeadline(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> client.withDeadline(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectOpensAPlaintextChannelToATargetOverTcp() throws Exception {
      Server server =
          Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
              .addService(RouteGuideService.of(FeatureCatalogue.canonical()))
              .build()
              .start();
      toClose.add(() -> server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
      try (RouteGuideClient tcp = RouteGuideClient.connect("localhost:" + server.getPort())) {
        assertThat(tcp.withDeadline(TIMEOUT).getFeature(BERKSHIRE_VALLEY))
            .isEqualTo(BERKSHIRE_VALLEY_TRAIL);
        try (FeatureStream features = tcp.listFeatures(Rectangle.world())) {
          assertThat(features.stream().count()).isEqualTo(64);
        }
      }
    }
  }
}
