package dev.routeguide.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.geo.GreatCircle;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RouteGuide} implementation owes its callers, whatever carries the
 * calls. A transport subclasses this suite and implements {@link #connect} to return a client that
 * reaches the given backend over that transport; every test then runs against that client.
 *
 * <pre>{@code
 * class InProcessContractTest extends RouteGuideContract {
 *   protected RouteGuide connect(LocalRouteGuide backend) { ...serve backend, return a client... }
 *   protected void disconnect() { ...close client and server... }
 * }
 * }</pre>
 *
 * <p>The backend serves the canonical database, a note board whose messages are limited to
 * {@value #MAX_MESSAGE_LENGTH} chars, and a fixed clock (so elapsed times are zero).
 */
public abstract class RouteGuideContract {

  /** Longest note message the backend's board accepts. */
  protected static final int MAX_MESSAGE_LENGTH = 100;

  /** How long a test waits for anything asynchronous. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final List<Feature> DATABASE = FeatureDatabase.readCanonical();
  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409146138, -746188906);

  private LocalRouteGuide backend;
  private RouteGuide routeGuide;

  /**
   * Returns a route guide that reaches {@code backend} through the transport under test. Called
   * before each test with a fresh backend.
   */
  protected abstract RouteGuide connect(LocalRouteGuide backend) throws Exception;

  /** Releases what {@link #connect} opened; called after each test. */
  protected void disconnect() throws Exception {}

  /**
   * Asserts that {@code thrown} reports invalid input naming {@code field} first: an {@link
   * InvalidArgumentException} whatever the transport, as the {@link RouteGuide} contract says.
   */
  private static void assertInvalidArgument(Throwable thrown, String field) {
    assertThat(thrown).isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith(field);
  }

  /** The backend behind the route guide under test. */
  protected final LocalRouteGuide backend() {
    return backend;
  }

  @BeforeEach
  final void connectToFreshBackend() throws Exception {
    backend =
        new LocalRouteGuide(
            FeatureCatalogue.of(DATABASE),
            new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(MAX_MESSAGE_LENGTH)),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    routeGuide = connect(backend);
  }

  @AfterEach
  final void disconnectFromBackend() throws Exception {
    disconnect();
  }

  private static List<Feature> namedFeaturesIn(Rectangle area) {
    return DATABASE.stream()
        .filter(Feature::isNamed)
        .filter(feature -> area.contains(feature.location()))
        .collect(Collectors.toList());
  }

  private static List<Feature> drain(FeatureStream stream) {
    List<Feature> features = new ArrayList<>();
    stream.forEachRemaining(features::add);
    return features;
  }

  @Nested
  @DisplayName("GetFeature")
  class GetFeature {

    @Test
    void returnsTheNamedFeatureAtAKnownPoint() {
      assertThat(routeGuide.getFeature(BERKSHIRE_VALLEY))
          .isEqualTo(
              Feature.named("Berkshire Valley Management Area Trail, Jefferson, NJ, USA",
                  BERKSHIRE_VALLEY));
    }

    @Test
    void returnsEveryDatabaseFeatureAtItsOwnLocation() {
      for (Feature feature : DATABASE) {
        Feature answer = routeGuide.getFeature(feature.location());
        assertThat(answer.location()).isEqualTo(feature.location());
        assertThat(answer.name()).isEqualTo(feature.name());
      }
    }

    @Test
    void answersAnUnknownPointWithAnUnnamedFeatureThere() {
      Point nowhere = Point.ofE7(0, 0);
      assertThat(routeGuide.getFeature(nowhere)).isEqualTo(Feature.unnamed(nowhere));
    }

    @Test
    void answersAnUnnamedDatabaseEntryWithAnUnnamedFeature() {
      Point unnamedEntry = Point.ofE7(407113723, -749746483);
      assertThat(routeGuide.getFeature(unnamedEntry).isNamed()).isFalse();
    }

    @Test
    void acceptsTheExtremeCorners() {
      Point corner = Point.ofE7(-Point.MAX_LATITUDE_E7, Point.MAX_LONGITUDE_E7);
      assertThat(routeGuide.getFeature(corner)).isEqualTo(Feature.unnamed(corner));
    }
  }

  @Nested
  @DisplayName("ListFeatures")
  class ListFeatures {

    private final Rectangle tutorialBox =
        Rectangle.spanning(Point.ofE7(400000000, -750000000), Point.ofE7(420000000, -730000000));

    @Test
    void streamsTheNamedFeaturesInsideTheTutorialRectangle() {
      try (FeatureStream stream = routeGuide.listFeatures(tutorialBox)) {
        List<Feature> features = drain(stream);
        assertThat(features).hasSize(64).containsExactlyInAnyOrderElementsOf(
            namedFeaturesIn(tutorialBox));
      }
    }

    @Test
    void treatsSwappedCornersAsTheSameRectangle() {
      Rectangle swapped =
          new Rectangle(Point.ofE7(420000000, -750000000), Point.ofE7(400000000, -730000000));
      try (FeatureStream stream = routeGuide.listFeatures(swapped)) {
        assertThat(drain(stream)).containsExactlyInAnyOrderElementsOf(namedFeaturesIn(tutorialBox));
      }
    }

    @Test
    void streamsNothingForARectangleWithoutFeatures() {
      Rectangle ocean = Rectangle.spanning(Point.ofE7(0, 0), Point.ofE7(10_000_000, 10_000_000));
      try (FeatureStream stream = routeGuide.listFeatures(ocean)) {
        assertThat(stream.hasNext()).isFalse();
      }
    }

    @Test
    void includesFeaturesOnTheEdges() {
      Rectangle exactlyOnePoint = Rectangle.spanning(BERKSHIRE_VALLEY, BERKSHIRE_VALLEY);
      try (FeatureStream stream = routeGuide.listFeatures(exactlyOnePoint)) {
        assertThat(drain(stream)).extracting(Feature::location).containsExactly(BERKSHIRE_VALLEY);
      }
    }

    @Test
    void neverStreamsUnnamedEntries() {
      try (FeatureStream stream = routeGuide.listFeatures(Rectangle.world())) {
        List<Feature> features = drain(stream);
        assertThat(features).hasSize(64).allMatch(Feature::isNamed);
      }
    }

    @Test
    void stopsCleanlyWhenClosedEarly() {
      FeatureStream stream = routeGuide.listFeatures(tutorialBox);
      assertThat(stream.next().isNamed()).isTrue();
      stream.close();
      assertThat(stream.hasNext()).isFalse();
      stream.close();
      // The guide is still usable afterwards.
      assertThat(routeGuide.getFeature(BERKSHIRE_VALLEY).isNamed()).isTrue();
    }

    @Test
    void canBeConsumedAsAJavaStream() {
      try (FeatureStream stream = routeGuide.listFeatures(tutorialBox)) {
        assertThat(stream.stream().limit(3)).hasSize(3);
      }
    }
  }

  @Nested
  @DisplayName("RecordRoute")
  class RecordRoute {

    @Test
    void summarisesAnEmptyRouteAsZeros() {
      assertThat(routeGuide.recordRoute(List.of())).isEqualTo(new RouteSummary(0, 0, 0, 0));
    }

    @Test
    void roundsTheSummedDistanceOnce() {
      List<Point> diagonal =
          List.of(
              Point.ofE7(1000, 1000),
              Point.ofE7(2000, 2000),
              Point.ofE7(3000, 3000),
              Point.ofE7(4000, 4000));
      // grpc-java's reference truncates every leg and reports 45 m; the exact sum is 47.2 m.
      assertThat(routeGuide.recordRoute(diagonal)).isEqualTo(new RouteSummary(4, 0, 47, 0));
    }

    @Test
    void countsPointsAtNamedFeaturesOnly() {
      List<Point> route =
          List.of(
              DATABASE.get(0).location(),
              Point.ofE7(407113723, -749746483), // an unnamed database entry
              DATABASE.get(1).location(),
              Point.ofE7(0, 0),
              DATABASE.get(0).location());
      double meters = 0;
      for (int i = 1; i < route.size(); i++) {
        meters += GreatCircle.distanceMeters(route.get(i - 1), route.get(i));
      }
      RouteSummary summary = routeGuide.recordRoute(route);
      assertThat(summary.pointCount()).isEqualTo(5);
      assertThat(summary.featureCount()).isEqualTo(3);
      assertThat(summary.distanceMeters()).isEqualTo(Math.round(meters));
      assertThat(summary.elapsedSeconds()).isZero();
    }

    @Test
    void acceptsPointsOneAtATime() {
      try (RouteRecording recording = routeGuide.recordRoute()) {
        for (int i = 0; i < 1000; i++) {
          recording.send(Point.ofE7(400000000 + i, -740000000));
        }
        RouteSummary summary = recording.finish();
        assertThat(summary.pointCount()).isEqualTo(1000);
        assertThat(summary.featureCount()).isZero();
      }
    }

    @Test
    void refusesToFinishTwice() {
      try (RouteRecording recording = routeGuide.recordRoute()) {
        recording.send(BERKSHIRE_VALLEY);
        assertThat(recording.finish().featureCount()).isEqualTo(1);
        assertThatThrownBy(recording::finish).isInstanceOf(IllegalStateException.class);
      }
    }

    @Test
    void refusesPointsAfterCancel() {
      RouteRecording recording = routeGuide.recordRoute();
      recording.send(BERKSHIRE_VALLEY);
      recording.cancel();
      assertThatThrownBy(() -> recording.send(BERKSHIRE_VALLEY))
          .isInstanceOf(IllegalStateException.class);
      recording.close();
    }
  }

  @Nested
  @DisplayName("RouteChat")
  class RouteChatContract {

    private final Point p1 = Point.ofE7(0, 1);
    private final Point p2 = Point.ofE7(0, 2);

    @Test
    void repliesWithEarlierNotesAtTheSameLocationOldestFirst() throws Exception {
      // grpc-java's reference sequence: 0, 0, 1, 2, 4, 7 replies in total after each post.
      List<RouteNote> sent =
          List.of(
              RouteNote.at(p1, "m1"),
              RouteNote.at(p2, "m2"),
              RouteNote.at(p1, "m3"),
              RouteNote.at(p2, "m4"),
              RouteNote.at(p1, "m5"),
              RouteNote.at(p1, "m6"));
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(inbox)) {
        sent.forEach(chat::send);
        chat.complete();
        assertThat(inbox.awaitAll(TIMEOUT))
            .extracting(RouteNote::message)
            .containsExactly("m1", "m2", "m1", "m3", "m1", "m3", "m5");
      }
    }

    @Test
    void sharesHistoryAcrossSeparateChats() throws Exception {
      NoteInbox first = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(first)) {
        chat.send(RouteNote.at(p1, "from the first caller"));
        chat.complete();
        assertThat(first.awaitAll(TIMEOUT)).isEmpty();
      }
      NoteInbox second = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(second)) {
        chat.send(RouteNote.at(p1, "from the second caller"));
        chat.complete();
        assertThat(second.awaitAll(TIMEOUT))
            .containsExactly(RouteNote.at(p1, "from the first caller"));
      }
    }

    @Test
    void completesWithoutRepliesWhenNothingIsSent() throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(inbox)) {
        chat.complete();
        assertThat(inbox.awaitAll(TIMEOUT)).isEmpty();
      }
    }

    @Test
    void rejectsAMessageLongerThanTheBoardAllowsAndDoesNotStoreIt() throws Exception {
      NoteInbox inbox = new NoteInbox();
      RouteChat chat = routeGuide.routeChat(inbox);
      Throwable thrown =
          catchThrowable(
              () -> {
                chat.send(RouteNote.at(p1, "x".repeat(MAX_MESSAGE_LENGTH + 1)));
                chat.complete();
                inbox.awaitAll(TIMEOUT);
              });
      chat.close();
      assertInvalidArgument(thrown, "message");

      NoteInbox later = new NoteInbox();
      try (RouteChat next = routeGuide.routeChat(later)) {
        next.send(RouteNote.at(p1, "x".repeat(MAX_MESSAGE_LENGTH)));
        next.complete();
        assertThat(later.awaitAll(TIMEOUT)).isEmpty();
      }
    }

    @Test
    void refusesEverySendAfterAFailureWithThatSameFailure() throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(inbox)) {
        // A local chat throws the refusal from this send too; a remote one cannot know yet.
        Throwable fromSend =
            catchThrowable(() -> chat.send(RouteNote.at(p1, "x".repeat(MAX_MESSAGE_LENGTH + 1))));
        Throwable received = catchThrowable(() -> inbox.awaitAll(TIMEOUT));
        assertInvalidArgument(received, "message");
        assertThat(fromSend == null || fromSend == received)
            .as("the send that failed threw nothing or the receiver's failure, not " + fromSend)
            .isTrue();
        assertThat(catchThrowable(() -> chat.send(RouteNote.at(p2, "later")))).isSameAs(received);
      }
    }

    @Test
    void refusesToSendAfterComplete() throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = routeGuide.routeChat(inbox)) {
        chat.complete();
        assertThatThrownBy(() -> chat.send(RouteNote.at(p1, "late")))
            .isInstanceOf(IllegalStateException.class);
        assertThat(inbox.awaitAll(TIMEOUT)).isEmpty();
      }
    }

    @Test
    void keepsNotesPostedBeforeACancel() throws Exception {
      NoteInbox inbox = new NoteInbox();
      RouteChat chat = routeGuide.routeChat(inbox);
      chat.send(RouteNote.at(p2, "before cancel"));
      // A second note at the same place proves the first was processed before the cancel.
      chat.send(RouteNote.at(p2, "probe"));
      assertThat(inbox.poll(TIMEOUT)).contains(RouteNote.at(p2, "before cancel"));
      chat.cancel();

      NoteInbox later = new NoteInbox();
      try (RouteChat next = routeGuide.routeChat(later)) {
        next.send(RouteNote.at(p2, "after"));
        next.complete();
        assertThat(later.awaitAll(TIMEOUT))
            .extracting(RouteNote::message)
            .containsExactly("before cancel", "probe");
      }
    }
  }
}
