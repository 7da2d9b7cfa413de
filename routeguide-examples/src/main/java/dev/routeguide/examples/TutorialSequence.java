package dev.routeguide.examples;

import dev.routeguide.core.FeatureStream;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.RouteSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gRPC tutorial's "try it out" client sequence, run against any {@link RouteGuide}: GetFeature
 * twice, ListFeatures over the tutorial rectangle, RecordRoute of random database points and
 * RouteChat with five notes. Output is meant for people, with coordinates in E7 and degrees.
 *
 * @since 0.1.0
 */
public final class TutorialSequence {

  private static final Duration CHAT_TIMEOUT = Duration.ofSeconds(30);

  private final RouteGuide routeGuide;
  private final List<Feature> database;
  private final PrintWriter out;
  private final Random random;
  private final Duration pause;

  /**
   * A sequence against a route guide.
   *
   * @param database the features RecordRoute picks its random points from; must not be empty
   * @param random the source of the random route
   * @param pause how long to wait between the points of the route
   */
  public TutorialSequence(
      RouteGuide routeGuide, List<Feature> database, PrintWriter out, Random random,
      Duration pause) {
    this.routeGuide = Objects.requireNonNull(routeGuide, "routeGuide");
    this.database = List.copyOf(database);
    if (this.database.isEmpty()) {
      throw new IllegalArgumentException("database must not be empty");
    }
    this.out = Objects.requireNonNull(out, "out");
    this.random = Objects.requireNonNull(random, "random");
    this.pause = Objects.requireNonNull(pause, "pause");
  }

  /** Runs all four RPCs in the tutorial's order. */
  public void run() throws InterruptedException {
    getFeature(Point.ofE7(409146138, -746188906));
    getFeature(Point.ofE7(0, 0));
    listFeatures(Rectangle.spanning(Point.ofE7(400000000, -750000000),
        Point.ofE7(420000000, -730000000)));
    recordRoute(10);
    routeChat();
  }

  private void getFeature(Point location) {
    out.println("*** GetFeature: " + describe(location));
    Feature feature = routeGuide.getFeature(location);
    if (feature.isNamed()) {
      out.println("Found feature called \"" + feature.name() + "\" at " + describe(location));
    } else {
      out.println("Found no feature at " + describe(location));
    }
  }

  private void listFeatures(Rectangle area) {
    out.println("*** ListFeatures: lowest " + describe(area.southWest()) + ", highest "
        + describe(area.northEast()));
    int count = 0;
    try (FeatureStream features = routeGuide.listFeatures(area)) {
      while (features.hasNext()) {
        Feature feature = features.next();
        count++;
        out.println("Feature \"" + feature.name() + "\" at " + describe(feature.location()));
      }
    }
    out.println("ListFeatures streamed " + count + " features");
  }

  private void recordRoute(int points) throws InterruptedException {
    out.println("*** RecordRoute: " + points + " random points from the database");
    RouteSummary summary;
    try (RouteRecording recording = routeGuide.recordRoute()) {
      for (int i = 0; i < points; i++) {
        Point point = database.get(random.nextInt(database.size())).location();
        out.println("Visiting point " + describe(point));
        recording.send(point);
        Thread.sleep(pause.toMillis());
      }
      summary = recording.finish();
    }
    out.println("Finished trip with " + summary.pointCount() + " points. Passed "
        + summary.featureCount() + " features. Travelled " + summary.distanceMeters()
        + " meters. It took " + summary.elapsedSeconds() + " seconds.");
  }

  private void routeChat() throws InterruptedException {
    out.println("*** RouteChat");
    List<RouteNote> notes =
        List.of(
            RouteNote.at(Point.ofE7(0, 0), "First message"),
            RouteNote.at(Point.ofE7(0, 1), "Second message"),
            RouteNote.at(Point.ofE7(1, 0), "Third message"),
            RouteNote.at(Point.ofE7(0, 0), "Fourth message"),
            RouteNote.at(Point.ofE7(1, 0), "Fifth message"));
    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<RouteNote> received = new ArrayList<>();
    NoteReceiver receiver =
        new NoteReceiver() {
          @Override
          public void onNote(RouteNote note) {
            synchronized (received) {
              received.add(note);
            }
            out.println("Got message \"" + note.message() + "\" at " + describe(note.location()));
          }

          @Override
          public void onCompleted() {
            finished.countDown();
          }

          @Override
          public void onError(Throwable error) {
            failure.set(error);
            finished.countDown();
          }
        };
    try (RouteChat chat = routeGuide.routeChat(receiver)) {
      for (RouteNote note : notes) {
        out.println("Sending message \"" + note.message() + "\" at "
            + describe(note.location()));
        chat.send(note);
      }
      chat.complete();
      if (!finished.await(CHAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("RouteChat did not complete within " + CHAT_TIMEOUT);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("RouteChat failed: " + failure.get().getMessage(),
          failure.get());
    }
    out.println("RouteChat received " + received.size() + " notes");
  }

  private static String describe(Point point) {
    return "(" + point.latitudeE7() + ", " + point.longitudeE7() + ") = "
        + String.format("%.7f°, %.7f°", point.latitudeDegrees(), point.longitudeDegrees());
  }
}
