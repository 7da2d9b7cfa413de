package dev.routeguide.grpc;

import static dev.routeguide.grpc.WireValues.note;
import static dev.routeguide.grpc.WireValues.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.grpc.proto.Feature;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.Rectangle;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.proto.RouteNote;
import dev.routeguide.grpc.proto.RouteSummary;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RouteGuideService} as any RouteGuide peer sees it: every RPC driven through the generated
 * stubs, not through our client, in-process on gRPC's thread pools.
 */
class RouteGuideServiceWireTest {

  private static final int MAX_MESSAGE_LENGTH = 100;
  private static final List<dev.routeguide.core.features.Feature> DATABASE =
      FeatureDatabase.readCanonical();
  private static final Point BERKSHIRE_VALLEY = point(409146138, -746188906);
  private static final Rectangle TUTORIAL_BOX =
      Rectangle.newBuilder()
          .setLo(point(400000000, -750000000))
          .setHi(point(420000000, -730000000))
          .build();

  private InProcessServer server;
  private RouteGuideGrpc.RouteGuideBlockingStub blocking;
  private RouteGuideGrpc.RouteGuideStub async;

  @BeforeEach
  void serveTheCanonicalDatabase() {
    LocalRouteGuide backend =
        new LocalRouteGuide(
            FeatureCatalogue.of(DATABASE),
            new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(MAX_MESSAGE_LENGTH)),
            new SteppingClock(7));
    server = InProcessServer.serving(backend, InProcessServer.Executor.POOLED);
    blocking = RouteGuideGrpc.newBlockingStub(server.channel());
    async = RouteGuideGrpc.newStub(server.channel());
  }

  @AfterEach
  void shutDown() {
    server.close();
  }

  private static Status statusOf(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus();
  }

  private static void assertInvalidArgument(Status status, String descriptionStart) {
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).startsWith(descriptionStart);
  }

  private static List<Feature> namedFeaturesIn(int minLat, int maxLat, int minLon, int maxLon) {
    List<Feature> expected = new ArrayList<>();
    for (dev.routeguide.core.features.Feature feature : DATABASE) {
      int lat = feature.location().latitudeE7();
      int lon = feature.location().longitudeE7();
      if (feature.isNamed() && lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon) {
        expected.add(ProtoMapper.toProto(feature));
      }
    }
    return expected;
  }

  private static <T> List<T> drain(Iterator<T> iterator) {
    List<T> all = new ArrayList<>();
    iterator.forEachRemaining(all::add);
    return all;
  }

  @Nested
  @DisplayName("GetFeature")
  class GetFeature {

    @Test
    void answersTheNamedFeatureAtAKnownPoint() {
      Feature feature = blocking.getFeature(BERKSHIRE_VALLEY);
      assertThat(feature.getName())
          .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
      assertThat(feature.getLocation()).isEqualTo(BERKSHIRE_VALLEY);
    }

    @Test
    void answersAnUnknownPointWithAnEmptyNameAndTheRequestedLocationNeverNotFound() {
      Point unknown = point(1, 2);
      Feature feature = blocking.getFeature(unknown);
      assertThat(feature.getName()).isEmpty();
      assertThat(feature.hasLocation()).isTrue();
      assertThat(feature.getLocation()).isEqualTo(unknown);
    }

    @Test
    void takesAnEmptyPointMessageAsTheValidPointZeroZero() {
      Feature feature = blocking.getFeature(Point.getDefaultInstance());
      assertThat(feature.getName()).isEmpty();
      assertThat(feature.hasLocation()).isTrue();
      assertThat(feature.getLocation()).isEqualTo(point(0, 0));
    }

    @Test
    void rejectsALatitudeAboveNinetyDegreesNamingTheFieldAndTheValue() {
      Status status = statusOf(() -> blocking.getFeature(point(900_000_001, 0)));
      assertInvalidArgument(status, "latitude must be within [-90, 90] degrees");
      assertThat(status.getDescription()).contains("900000001");
    }

    @Test
    void rejectsALatitudeBelowMinusNinetyDegrees() {
      assertInvalidArgument(
          statusOf(() -> blocking.getFeature(point(-900_000_001, 0))), "latitude");
    }

    @Test
    void rejectsALongitudeBelowMinusOneHundredEightyDegrees() {
      assertInvalidArgument(
          statusOf(() -> blocking.getFeature(point(0, -1_800_000_001))), "longitude");
    }

    @Test
    void rejectsALongitudeBeyondOneHundredEightyDegrees() {
      Status status = statusOf(() -> blocking.getFeature(point(0, 1_800_000_001)));
      assertInvalidArgument(status, "longitude must be within [-180, 180] degrees");
      assertThat(status.getDescription()).contains("1800000001");
    }
  }

  @Nested
  @DisplayName("ListFeatures")
  class ListFeatures {

    @Test
    void streamsTheSixtyFourNamedFeaturesOfTheTutorialRectangle() {
      List<Feature> features = drain(blocking.listFeatures(TUTORIAL_BOX));
      assertThat(features)
          .hasSize(64)
          .containsExactlyInAnyOrderElementsOf(
              namedFeaturesIn(400000000, 420000000, -750000000, -730000000));
    }

    @Test
    void sendsEachFeatureAsItsOwnMessageWithItsLocation() {
      List<Feature> features = drain(blocking.listFeatures(TUTORIAL_BOX));
      assertThat(features).allMatch(f -> !f.getName().isEmpty() && f.hasLocation());
    }

    @Test
    void treatsSwappedCornersAsTheSameRectangle() {
      Rectangle swapped =
          Rectangle.newBuilder().setLo(TUTORIAL_BOX.getHi()).setHi(TUTORIAL_BOX.getLo()).build();
      Rectangle crossed =
          Rectangle.newBuilder()
              .setLo(point(420000000, -750000000))
              .setHi(point(400000000, -730000000))
              .build();
      List<Feature> expected = drain(blocking.listFeatures(TUTORIAL_BOX));
      assertThat(drain(blocking.listFeatures(swapped)))
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(drain(blocking.listFeatures(crossed)))
          .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void completesWithNoMessagesForARectangleWithoutFeatures() {
      Rectangle ocean =
          Rectangle.newBuilder().setLo(point(0, 0)).setHi(point(10_000_000, 10_000_000)).build();
      assertThat(drain(blocking.listFeatures(ocean))).isEmpty();
    }

    @Test
    void completesWithNoMessagesForTwoPresentButEmptyCorners() {
      Rectangle zeroSized =
          Rectangle.newBuilder()
              .setLo(Point.getDefaultInstance())
              .setHi(Point.getDefaultInstance())
              .build();
      assertThat(drain(blocking.listFeatures(zeroSized))).isEmpty();
    }

    @Test
    void includesAFeatureOnADegenerateRectangle() {
      Rectangle onePoint =
          Rectangle.newBuilder().setLo(BERKSHIRE_VALLEY).setHi(BERKSHIRE_VALLEY).build();
      assertThat(drain(blocking.listFeatures(onePoint)))
          .extracting(Feature::getLocation)
          .containsExactly(BERKSHIRE_VALLEY);
    }

    @Test
    void rejectsAMissingLoCorner() {
      Rectangle noLo = Rectangle.newBuilder().setHi(BERKSHIRE_VALLEY).build();
      assertInvalidArgument(statusOf(() -> drain(blocking.listFeatures(noLo))), "lo must be set");
    }

    @Test
    void rejectsAMissingHiCorner() {
      Rectangle noHi = Rectangle.newBuilder().setLo(BERKSHIRE_VALLEY).build();
      assertInvalidArgument(statusOf(() -> drain(blocking.listFeatures(noHi))), "hi must be set");
    }

    @Test
    void rejectsAnEmptyRectangleMessage() {
      assertInvalidArgument(
          statusOf(() -> drain(blocking.listFeatures(Rectangle.getDefaultInstance()))),
          "lo must be set");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "lo.latitude,  900000001, 0, 0, 0",
      "lo.longitude, 0, -1800000001, 0, 0",
      "hi.latitude,  0, 0, -900000001, 0",
      "hi.longitude, 0, 0, 0, 1800000001"
    })
    void rejectsEachOutOfRangeCornerCoordinateNamingItsPath(
        String field, int loLat, int loLon, int hiLat, int hiLon) {
      Rectangle bad =
          Rectangle.newBuilder().setLo(point(loLat, loLon)).setHi(point(hiLat, hiLon)).build();
      assertInvalidArgument(
          statusOf(() -> drain(blocking.listFeatures(bad))), field + " must be within");
    }

    @Test
    void rejectsAnOutOfRangeCornerNamingItsPath() {
      Rectangle badLo =
          Rectangle.newBuilder().setLo(point(900_000_001, 0)).setHi(BERKSHIRE_VALLEY).build();
      Rectangle badHi =
          Rectangle.newBuilder().setLo(BERKSHIRE_VALLEY).setHi(point(0, -1_800_000_001)).build();
      assertInvalidArgument(statusOf(() -> drain(blocking.listFeatures(badLo))), "lo.latitude");
      assertInvalidArgument(statusOf(() -> drain(blocking.listFeatures(badHi))), "hi.longitude");
    }
  }

  @Nested
  @DisplayName("RecordRoute")
  class RecordRoute {

    private RouteSummary record(Point... points) throws InterruptedException {
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      StreamObserver<Point> requests = async.recordRoute(response);
      for (Point point : points) {
        requests.onNext(point);
      }
      requests.onCompleted();
      List<RouteSummary> summaries = response.awaitCompletion();
      assertThat(summaries).hasSize(1);
      return summaries.get(0);
    }

    @Test
    void summarisesAnEmptyRouteAsZeroPointsFeaturesAndDistance() throws Exception {
      RouteSummary summary = record();
      assertThat(summary.getPointCount()).isZero();
      assertThat(summary.getFeatureCount()).isZero();
      assertThat(summary.getDistance()).isZero();
    }

    @Test
    void reportsTheElapsedTimeInWholeSecondsFromTheBackendClock() throws Exception {
      // The stepping clock advances 7 s between the start of the call and its end.
      assertThat(record(BERKSHIRE_VALLEY).getElapsedTime()).isEqualTo(7);
    }

    @Test
    void sumsLegsBeforeRoundingUnlikeTheReferenceThatTruncates() throws Exception {
      RouteSummary summary =
          record(point(1000, 1000), point(2000, 2000), point(3000, 3000), point(4000, 4000));
      assertThat(summary.getPointCount()).isEqualTo(4);
      assertThat(summary.getFeatureCount()).isZero();
      assertThat(summary.getDistance()).isEqualTo(47);
    }

    @Test
    void countsPointsAtNamedFeaturesOnly() throws Exception {
      Point unnamedEntry = point(407113723, -749746483);
      RouteSummary summary = record(BERKSHIRE_VALLEY, unnamedEntry, BERKSHIRE_VALLEY);
      assertThat(summary.getPointCount()).isEqualTo(3);
      assertThat(summary.getFeatureCount()).isEqualTo(2);
    }

    @Test
    void countsEmptyPointMessagesAsThePointZeroZero() throws Exception {
      RouteSummary summary = record(Point.getDefaultInstance(), Point.getDefaultInstance());
      assertThat(summary.getPointCount()).isEqualTo(2);
      assertThat(summary.getDistance()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"latitude, 900000001, 0", "longitude, 0, -1800000001"})
    void rejectsAnOutOfRangeFirstPointNamingTheCoordinate(String field, int lat, int lon)
        throws Exception {
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      StreamObserver<Point> requests = async.recordRoute(response);
      requests.onNext(point(lat, lon));
      requests.onCompleted();
      assertInvalidArgument(response.awaitFailure(), "point 0: " + field + " must be within");
    }

    @Test
    void rejectsAnOutOfRangePointMidRouteNamingItsPosition() throws Exception {
      RecordingObserver<RouteSummary> response = new RecordingObserver<>();
      StreamObserver<Point> requests = async.recordRoute(response);
      requests.onNext(BERKSHIRE_VALLEY);
      requests.onNext(point(0, 1_800_000_001));
      requests.onNext(BERKSHIRE_VALLEY);
      requests.onCompleted();
      assertInvalidArgument(response.awaitFailure(), "point 1: longitude must be within");
      assertThat(response.values()).isEmpty();
    }
  }

  @Nested
  @DisplayName("RouteChat")
  class RouteChat {

    private final Point p1 = point(0, 1);
    private final Point p2 = point(0, 2);

    private List<RouteNote> chat(RouteNote... notes) throws InterruptedException {
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> requests = async.routeChat(replies);
      for (RouteNote note : notes) {
        requests.onNext(note);
      }
      requests.onCompleted();
      return replies.awaitCompletion();
    }

    @Test
    void repliesWithEachEarlierNoteAtTheSameLocationAsItsOwnMessageOldestFirst() throws Exception {
      // grpc-java's reference: p1, p2, p1, p2, p1, p1 gives 0, 0, 1, 2, 4, 7 replies in total.
      List<RouteNote> replies =
          chat(
              note(p1, "m1"), note(p2, "m2"), note(p1, "m3"),
              note(p2, "m4"), note(p1, "m5"), note(p1, "m6"));
      assertThat(replies)
          .extracting(RouteNote::getMessage)
          .containsExactly("m1", "m2", "m1", "m3", "m1", "m3", "m5");
      assertThat(replies.get(0)).isEqualTo(note(p1, "m1"));
    }

    @Test
    void keepsHistoryAcrossTwoSeparateCalls() throws Exception {
      assertThat(chat(note(p1, "first call"))).isEmpty();
      assertThat(chat(note(p1, "second call"))).containsExactly(note(p1, "first call"));
    }

    @Test
    void completesWithoutRepliesWhenTheClientSendsNothing() throws Exception {
      assertThat(chat()).isEmpty();
    }

    @Test
    void rejectsANoteWithoutLocation() throws Exception {
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> requests = async.routeChat(replies);
      requests.onNext(RouteNote.newBuilder().setMessage("nowhere").build());
      assertInvalidArgument(replies.awaitFailure(), "location must be set");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"location.latitude, 900000001, 0", "location.longitude, 0, 1800000001"})
    void rejectsEachOutOfRangeLocationCoordinateNamingItsPath(String field, int lat, int lon)
        throws Exception {
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      async.routeChat(replies).onNext(note(point(lat, lon), "off the map"));
      assertInvalidArgument(replies.awaitFailure(), field + " must be within");
    }

    @Test
    void rejectsAnOutOfRangeLocationNamingItsPath() throws Exception {
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> requests = async.routeChat(replies);
      requests.onNext(note(point(-900_000_001, 0), "south of the pole"));
      assertInvalidArgument(replies.awaitFailure(), "location.latitude must be within");
    }

    @Test
    void rejectsAMessageLongerThanTheBoardAllowsAndKeepsEarlierReplies() throws Exception {
      RecordingObserver<RouteNote> replies = new RecordingObserver<>();
      StreamObserver<RouteNote> requests = async.routeChat(replies);
      requests.onNext(note(p1, "fits"));
      requests.onNext(note(p1, "also fits"));
      requests.onNext(note(p1, "x".repeat(MAX_MESSAGE_LENGTH + 1)));
      Status status = replies.awaitFailure();
      assertInvalidArgument(status, "message is 101 chars long");
      assertThat(replies.values()).containsExactly(note(p1, "fits"));
      // The rejected note was not stored.
      assertThat(chat(note(p1, "later")))
          .extracting(RouteNote::getMessage)
          .containsExactly("fits", "also fits");
    }
  }

  /** A clock that moves forward a fixed number of seconds every time it is read. */
  static final class SteppingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();
    private final long stepSeconds;

    SteppingClock(long stepSeconds) {
      this.stepSeconds = stepSeconds;
    }

    @Override
    public Instant instant() {
      return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(stepSeconds * reads.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
