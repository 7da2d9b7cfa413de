package dev.routeguide.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureCursor;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MutableClock;
import dev.routeguide.core.route.RouteSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("LocalRouteGuide")
class LocalRouteGuideTest {

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409_146_138, -746_188_906);
  private static final Point UNNAMED_ENTRY = Point.ofE7(407_113_723, -749_746_483);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final InMemoryNoteBoard board =
      new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(10));
  private final LocalRouteGuide guide =
      new LocalRouteGuide(FeatureCatalogue.canonical(), board, clock);

  @Test
  void exposesItsParts() {
    assertThat(guide.catalogue().size()).isEqualTo(64);
    assertThat(guide.noteBoard()).isSameAs(board);
    assertThat(LocalRouteGuide.of(FeatureCatalogue.empty()).noteBoard())
        .isInstanceOf(InMemoryNoteBoard.class);
  }

  @Test
  void rejectsMissingParts() {
    assertThatThrownBy(() -> new LocalRouteGuide(null, board, clock))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new LocalRouteGuide(FeatureCatalogue.empty(), null, clock))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new LocalRouteGuide(FeatureCatalogue.empty(), board, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Nested
  @DisplayName("getFeature")
  class GetFeature {

    @Test
    void returnsTheNamedFeatureAtAKnownPoint() {
      assertThat(guide.getFeature(BERKSHIRE_VALLEY))
          .isEqualTo(
              Feature.named(
                  "Berkshire Valley Management Area Trail, Jefferson, NJ, USA", BERKSHIRE_VALLEY));
    }

    @Test
    void answersAnUnknownPointWithAnUnnamedFeatureAtThatPointNeverNotFound() {
      Point unknown = Point.ofE7(0, 0);

      assertThat(guide.getFeature(unknown)).isEqualTo(Feature.unnamed(unknown));
    }

    @Test
    void answersAnUnnamedDatabaseEntryWithAnUnnamedFeature() {
      assertThat(guide.getFeature(UNNAMED_ENTRY)).isEqualTo(Feature.unnamed(UNNAMED_ENTRY));
    }

    @Test
    void rejectsAMissingPoint() {
      assertThatThrownBy(() -> guide.getFeature(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
    }
  }

  @Nested
  @DisplayName("listFeatures")
  class ListFeatures {

    // grpc-java's client asks for this box; it holds every feature of the canonical database.
    private final Rectangle newJersey =
        Rectangle.spanning(
            Point.ofE7(400_000_000, -750_000_000), Point.ofE7(420_000_000, -730_000_000));

    @Test
    void streamsTheNamedFeaturesInTheRectangle() {
      List<Feature> features = new ArrayList<>();
      try (FeatureStream stream = guide.listFeatures(newJersey)) {
        stream.forEachRemaining(features::add);
      }

      assertThat(features).hasSize(64).allMatch(Feature::isNamed);
      assertThat(features).containsExactlyInAnyOrderElementsOf(guide.catalogue().features());
    }

    @Test
    void acceptsCornersInEitherOrderWithInclusiveEdges() {
      Rectangle justTheTrail = Rectangle.spanning(BERKSHIRE_VALLEY, BERKSHIRE_VALLEY);
      try (FeatureStream stream = guide.listFeatures(justTheTrail)) {
        assertThat(stream.next().location()).isEqualTo(BERKSHIRE_VALLEY);
        assertThat(stream.hasNext()).isFalse();
      }
    }

    @Test
    void returnsNothingForAnEmptyArea() {
      try (FeatureStream stream =
          guide.listFeatures(Rectangle.spanning(Point.ofE7(0, 0), Point.ofE7(1, 1)))) {
        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next)
            .isInstanceOf(NoSuchElementException.class)
            .hasMessageContaining("no more features");
      }
    }

    @Test
    void stopsWhenClosedEarly() {
      FeatureStream stream = guide.listFeatures(newJersey);
      stream.next();

      stream.close();
      stream.close(); // idempotent

      assertThat(stream.hasNext()).isFalse();
      assertThatThrownBy(stream::next)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void closingTheJavaStreamClosesTheFeatureStream() {
      FeatureStream features = guide.listFeatures(newJersey);
      try (Stream<Feature> stream = features.stream()) {
        assertThat(stream.limit(3)).hasSize(3);
      }

      assertThat(features.hasNext()).isFalse();
    }

    @Test
    void canBeReadInPlaceMixedWithNextAndCountsBothAsListed() {
      List<Long> listed = new ArrayList<>();
      RouteGuideObserver observer = new RouteGuideObserver() {
        @Override
        public void featuresListed(long count) {
          listed.add(count);
        }
      };
      LocalRouteGuide observed =
          new LocalRouteGuide(FeatureCatalogue.canonical(), board, clock, observer);
      List<Feature> features = new ArrayList<>();
      try (FeatureStream stream = observed.listFeatures(newJersey)) {
        FeatureCursor cursor = (FeatureCursor) stream;
        features.add(stream.next());
        while (cursor.advance()) {
          Feature feature = cursor.feature();
          assertThat(Point.ofE7(cursor.latitudeE7(), cursor.longitudeE7()))
              .isEqualTo(feature.location());
          features.add(feature);
          if (stream.hasNext()) { // moves on: the cursor's feature is gone until advance()
            assertThatThrownBy(cursor::feature)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("advance()");
          }
        }
        assertThatThrownBy(cursor::feature)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
      }

      assertThat(features).containsExactlyInAnyOrderElementsOf(guide.catalogue().features());
      assertThat(listed).containsExactly((long) guide.catalogue().size());
    }

    @Test
    void rejectsAMissingRectangle() {
      assertThatThrownBy(() -> guide.listFeatures(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("area");
    }
  }

  @Nested
  @DisplayName("recordRoute")
  class RecordRoute {

    @Test
    void summarisesTheRouteWithTheInjectedClock() {
      RouteSummary summary;
      try (RouteRecording recording = guide.recordRoute()) {
        recording.send(BERKSHIRE_VALLEY);
        recording.send(UNNAMED_ENTRY);
        clock.advance(Duration.ofMillis(5_500));
        recording.send(BERKSHIRE_VALLEY);
        summary = recording.finish();
      }

      assertThat(summary.pointCount()).isEqualTo(3);
      assertThat(summary.featureCount()).isEqualTo(2);
      assertThat(summary.elapsedSeconds()).isEqualTo(5);
      // Twice the leg between the two points: 2 × 37,511.5275 m by the chord method.
      assertThat(summary.distanceMeters()).isEqualTo(75_023);
    }

    @Test
    void recordsAWholeRouteAtOnce() {
      RouteSummary summary =
          guide.recordRoute(
              List.of(
                  Point.ofE7(1000, 1000),
                  Point.ofE7(2000, 2000),
                  Point.ofE7(3000, 3000),
                  Point.ofE7(4000, 4000)));

      assertThat(summary).isEqualTo(new RouteSummary(4, 0, 47, 0));
    }

    @Test
    void refusesPointsAfterFinish() {
      RouteRecording recording = guide.recordRoute();
      recording.finish();

      assertThatThrownBy(() -> recording.send(BERKSHIRE_VALLEY))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(recording::finish).isInstanceOf(IllegalStateException.class);
      recording.cancel(); // harmless after finish
      recording.close();
    }

    @Test
    void refusesPointsAndFinishAfterCancelOrClose() {
      RouteRecording cancelled = guide.recordRoute();
      cancelled.cancel();
      cancelled.cancel(); // idempotent
      RouteRecording closed = guide.recordRoute();
      closed.close();

      assertThatThrownBy(() -> cancelled.send(BERKSHIRE_VALLEY))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(cancelled::finish).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(closed::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAMissingPoint() {
      try (RouteRecording recording = guide.recordRoute()) {
        assertThatThrownBy(() -> recording.send(null)).isInstanceOf(NullPointerException.class);
      }
    }
  }

  @Nested
  @DisplayName("routeChat")
  class RouteChatting {

    private final Point p1 = Point.ofE7(0, 1);
    private final Point p2 = Point.ofE7(0, 2);

    @Test
    void followsTheGrpcJavaSequence() {
      RecordingReceiver receiver = new RecordingReceiver();
      List<Integer> cumulative = new ArrayList<>();
      try (RouteChat chat = guide.routeChat(receiver)) {
        Point[] sequence = {p1, p2, p1, p2, p1, p1};
        for (int i = 0; i < sequence.length; i++) {
          chat.send(RouteNote.at(sequence[i], "m" + i));
          // The local chat delivers replies within send.
          cumulative.add(receiver.events.size());
        }
        chat.complete();
      }

      assertThat(cumulative).containsExactly(0, 0, 1, 2, 4, 7);
      assertThat(receiver.events).last().isEqualTo("completed");
    }

    @Test
    void deliversEarlierNotesOldestFirstAndCompletes() throws Exception {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = guide.routeChat(inbox)) {
        chat.send(RouteNote.at(p1, "first"));
        chat.send(RouteNote.at(p1, "second"));
        chat.send(RouteNote.at(p1, "third"));
        chat.complete();
      }

      assertThat(inbox.awaitAll(Duration.ofSeconds(5)))
          .extracting(RouteNote::message)
          .containsExactly("first", "first", "second");
    }

    @Test
    void sharesTheHistoryWithOtherChatsAndOtherGuidesOnTheSameBoard() throws Exception {
      try (RouteChat alice = guide.routeChat(new NoteInbox())) {
        alice.send(RouteNote.at(p1, "alice"));
        alice.complete();
      }
      LocalRouteGuide sameBoard = new LocalRouteGuide(FeatureCatalogue.empty(), board, clock);
      NoteInbox bob = new NoteInbox();
      try (RouteChat chat = sameBoard.routeChat(bob)) {
        chat.send(RouteNote.at(p1, "bob"));
        chat.complete();
      }

      assertThat(bob.awaitAll(Duration.ofSeconds(5))).containsExactly(RouteNote.at(p1, "alice"));
    }

    @Test
    void completesOnceAndRefusesNotesAfterwards() {
      RecordingReceiver receiver = new RecordingReceiver();
      RouteChat chat = guide.routeChat(receiver);
      chat.complete();
      chat.complete();
      chat.close(); // after complete, close does nothing

      assertThat(receiver.events).containsExactly("completed");
      assertThatThrownBy(() -> chat.send(RouteNote.at(p1, "late")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsTheChatOnAnOversizedNote() {
      RecordingReceiver receiver = new RecordingReceiver();
      RouteChat chat = guide.routeChat(receiver);

      Throwable failure = catchThrowable(() -> chat.send(RouteNote.at(p1, "much too long")));
      assertThat(failure)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("message");
      chat.complete(); // no completion after the error

      assertThat(receiver.events)
          .hasSize(1)
          .first()
          .asString()
          .startsWith("error: InvalidArgumentException");
      // As over gRPC: every later send throws the chat's failure.
      assertThat(catchThrowable(() -> chat.send(RouteNote.at(p1, "short")))).isSameAs(failure);
      assertThat(board.noteCount()).isZero();
    }

    @Test
    void anOversizedNoteReachesAnInboxAsTheSameError() {
      NoteInbox inbox = new NoteInbox();
      try (RouteChat chat = guide.routeChat(inbox)) {
        assertThatThrownBy(() -> chat.send(RouteNote.at(p1, "much too long")))
            .isInstanceOf(InvalidArgumentException.class);
      }

      assertThatThrownBy(() -> inbox.awaitAll(Duration.ofSeconds(5)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("message");
    }

    @Test
    void deliversNothingAfterCancelAndRefusesNotes() {
      RecordingReceiver receiver = new RecordingReceiver();
      RouteChat chat = guide.routeChat(receiver);
      chat.cancel();
      chat.complete();
      chat.close();

      assertThat(receiver.events).isEmpty();
      assertThatThrownBy(() -> chat.send(RouteNote.at(p1, "x")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingWithoutCompletingCancels() {
      RecordingReceiver receiver = new RecordingReceiver();
      RouteChat chat = guide.routeChat(receiver);
      chat.close();

      assertThat(receiver.events).isEmpty();
      assertThatThrownBy(() -> chat.send(RouteNote.at(p1, "x")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsMissingArguments() {
      assertThatThrownBy(() -> guide.routeChat(null)).isInstanceOf(NullPointerException.class);
      try (RouteChat chat = guide.routeChat(new NoteInbox())) {
        assertThatThrownBy(() -> chat.send(null)).isInstanceOf(NullPointerException.class);
      }
    }
  }

  /** Records the receiver calls in order. */
  private static final class RecordingReceiver implements NoteReceiver {
    final List<String> events = new ArrayList<>();

    @Override
    public void onNote(RouteNote note) {
      events.add("note: " + note.message());
    }

    @Override
    public void onCompleted() {
      events.add("completed");
    }

    @Override
    public void onError(Throwable error) {
      events.add("error: " + error.getClass().getSimpleName() + ": " + error.getMessage());
    }
  }
}
