package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that something serves the four RouteGuide RPCs from the canonical database, once through
 * the generated stubs and once through a {@link RouteGuide} client. Expected answers come from a
 * {@link LocalRouteGuide} in the test, not from the server. Each check chats at locations of its
 * own, so checks can share one server's note board. Shared in the test-jar with the example
 * application's tests.
 */
public final class ServesAllFourRpcs {

  /** How long each call may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Point BERKSHIRE_VALLEY = Point.ofE7(409146138, -746188906);
  private static final Rectangle TUTORIAL_AREA =
      Rectangle.spanning(Point.ofE7(400000000, -750000000), Point.ofE7(420000000, -730000000));
  private static final AtomicInteger CHAT_LOCATIONS = new AtomicInteger();

  private static final LocalRouteGuide ORACLE = LocalRouteGuide.of(FeatureCatalogue.canonical());

  private ServesAllFourRpcs() {}

  /** Calls GetFeature, ListFeatures, RecordRoute and RouteChat with stubs over the channel. */
  public static void overGeneratedStubs(Channel channel) throws Exception {
    overGeneratedStubs(RouteGuideGrpc.newBlockingStub(channel), RouteGuideGrpc.newStub(channel));
  }

  /**
   * Calls GetFeature and ListFeatures with the blocking stub, RecordRoute and RouteChat with the
   * asynchronous one.
   */
  public static void overGeneratedStubs(
      RouteGuideGrpc.RouteGuideBlockingStub blockingStub, RouteGuideGrpc.RouteGuideStub asyncStub)
      throws Exception {
    var blocking = blockingStub.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    var async = asyncStub.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(ProtoMapper.fromProto(blocking.getFeature(ProtoMapper.toProto(BERKSHIRE_VALLEY))))
        .isEqualTo(ORACLE.getFeature(BERKSHIRE_VALLEY));

    List<Feature> listed = new ArrayList<>();
    blocking
        .listFeatures(ProtoMapper.toProto(TUTORIAL_AREA))
        .forEachRemaining(feature -> listed.add(ProtoMapper.fromProto(feature)));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expectedWithinTutorialArea());

    Collected<dev.routeguide.grpc.proto.RouteSummary> summary = new Collected<>();
    StreamObserver<dev.routeguide.grpc.proto.Point> route = async.recordRoute(summary);
    for (Point point : route()) {
      route.onNext(ProtoMapper.toProto(point));
    }
    route.onCompleted();
    assertSameRoute(ProtoMapper.fromProto(summary.single()));

    Collected<dev.routeguide.grpc.proto.RouteNote> replies = new Collected<>();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> chat = async.routeChat(replies);
    List<RouteNote> notes = tutorialChat();
    for (RouteNote note : notes) {
      chat.onNext(ProtoMapper.toProto(note));
    }
    chat.onCompleted();
    assertThat(replies.all().stream().map(ProtoMapper::fromProto).toList())
        .containsExactlyElementsOf(expectedReplies(notes));
  }

  /** Calls the four RPCs through a {@link RouteGuide}, typically a {@code RouteGuideClient}. */
  public static void overClient(RouteGuide client) throws Exception {
    assertThat(client.getFeature(BERKSHIRE_VALLEY)).isEqualTo(ORACLE.getFeature(BERKSHIRE_VALLEY));

    List<Feature> listed = new ArrayList<>();
    try (FeatureStream features = client.listFeatures(TUTORIAL_AREA)) {
      features.forEachRemaining(listed::add);
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expectedWithinTutorialArea());

    var recording = client.recordRoute();
    for (Point point : route()) {
      recording.send(point);
    }
    assertSameRoute(recording.finish());

    NoteInbox inbox = new NoteInbox();
    List<RouteNote> notes = tutorialChat();
    try (RouteChat chat = client.routeChat(inbox)) {
      for (RouteNote note : notes) {
        chat.send(note);
      }
      chat.complete();
    }
    assertThat(inbox.awaitAll(TIMEOUT)).containsExactlyElementsOf(expectedReplies(notes));
  }

  private static List<Feature> expectedWithinTutorialArea() {
    List<Feature> expected = new ArrayList<>();
    try (FeatureStream features = ORACLE.listFeatures(TUTORIAL_AREA)) {
      features.forEachRemaining(expected::add);
    }
    assertThat(expected).isNotEmpty();
    return expected;
  }

  /** Ten features of the canonical database, in database order, and one place without any. */
  private static List<Point> route() {
    List<Point> points = new ArrayList<>();
    ORACLE.catalogue().features().stream().limit(10).map(Feature::location).forEach(points::add);
    points.add(Point.ofE7(0, 0));
    return points;
  }

  private static void assertSameRoute(RouteSummary served) {
    var recording = ORACLE.recordRoute();
    route().forEach(recording::send);
    RouteSummary expected = recording.finish();
    assertThat(served.pointCount()).isEqualTo(expected.pointCount());
    assertThat(served.featureCount()).isEqualTo(expected.featureCount());
    assertThat(served.distanceMeters()).isEqualTo(expected.distanceMeters());
  }

  /** grpc-java's sequence: p1, p2, p1, p2, p1, p1, at two locations no other check uses. */
  private static List<RouteNote> tutorialChat() {
    int n = CHAT_LOCATIONS.incrementAndGet();
    Point p1 = Point.ofE7(-10_000 * n, 1);
    Point p2 = Point.ofE7(-10_000 * n, 2);
    List<RouteNote> notes = new ArrayList<>();
    int i = 0;
    for (Point at : List.of(p1, p2, p1, p2, p1, p1)) {
      notes.add(RouteNote.at(at, "note " + i++));
    }
    return notes;
  }

  /** The replies the protocol owes: before each note, the earlier notes at its location. */
  private static List<RouteNote> expectedReplies(List<RouteNote> notes) {
    List<RouteNote> replies = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (notes.get(j).location().equals(notes.get(i).location())) {
          replies.add(notes.get(j));
        }
      }
    }
    assertThat(replies).hasSize(7);
    return replies;
  }

  /** The messages of one call, awaited with a deadline. */
  private static final class Collected<T> implements StreamObserver<T> {
    private final List<T> messages = new ArrayList<>();
    private final CompletableFuture<List<T>> done = new CompletableFuture<>();

    @Override
    public synchronized void onNext(T message) {
      messages.add(message);
    }

    @Override
    public synchronized void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public synchronized void onCompleted() {
      done.complete(List.copyOf(messages));
    }

    List<T> all() throws Exception {
      return done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    T single() throws Exception {
      List<T> all = all();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
