package dev.routeguide.core;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.core.route.RouteSummarizer;
import dev.routeguide.core.route.RouteSummary;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * {@link RouteGuide} in this process, over a {@link FeatureCatalogue}, a {@link NoteBoard} and a
 * {@link Clock}. This is what the gRPC service serves.
 *
 * <pre>{@code
 * RouteGuide guide = LocalRouteGuide.of(FeatureCatalogue.canonical());
 * Feature feature = guide.getFeature(Point.ofE7(409146138, -746188906));
 * }</pre>
 *
 * <p>Thread-safe. Its streaming handles do their work on the caller's thread: a {@link RouteChat}
 * delivers replies to its receiver from within {@link RouteChat#send}.
 *
 * @since 0.1.0
 */
public final class LocalRouteGuide implements RouteGuide {

  private final FeatureCatalogue catalogue;
  private final NoteBoard noteBoard;
  private final Clock clock;

  /**
   * A route guide over the given parts.
   *
   * @throws NullPointerException if an argument is null
   */
  public LocalRouteGuide(FeatureCatalogue catalogue, NoteBoard noteBoard, Clock clock) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.noteBoard = Objects.requireNonNull(noteBoard, "noteBoard");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A route guide over the catalogue, with a new default {@link InMemoryNoteBoard} and a {@link
   * MonotonicClock} for elapsed times.
   */
  public static LocalRouteGuide of(FeatureCatalogue catalogue) {
    return new LocalRouteGuide(catalogue, new InMemoryNoteBoard(), MonotonicClock.startingNow());
  }

  /** The catalogue this guide answers from. */
  public FeatureCatalogue catalogue() {
    return catalogue;
  }

  /** The board RouteChat posts to. */
  public NoteBoard noteBoard() {
    return noteBoard;
  }

  @Override
  public Feature getFeature(Point location) {
    return catalogue.lookup(Objects.requireNonNull(location, "location"));
  }

  @Override
  public FeatureStream listFeatures(Rectangle area) {
    return new LocalFeatureStream(catalogue.iteratorWithin(Objects.requireNonNull(area, "area")));
  }

  @Override
  public RouteRecording recordRoute() {
    return new LocalRouteRecording(new RouteSummarizer(catalogue, clock));
  }

  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    return new LocalRouteChat(noteBoard, Objects.requireNonNull(receiver, "receiver"));
  }

  @Override
  public String toString() {
    return "LocalRouteGuide[" + catalogue.size() + " features]";
  }

  private static final class LocalFeatureStream implements FeatureStream {
    private Iterator<Feature> features;

    LocalFeatureStream(Iterator<Feature> features) {
      this.features = features;
    }

    @Override
    public boolean hasNext() {
      return features != null && features.hasNext();
    }

    @Override
    public Feature next() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            features == null ? "feature stream is closed" : "no more features");
      }
      return features.next();
    }

    @Override
    public void close() {
      features = null;
    }
  }

  private static final class LocalRouteRecording implements RouteRecording {
    private final RouteSummarizer summarizer;
    private boolean ended;

    LocalRouteRecording(RouteSummarizer summarizer) {
      this.summarizer = summarizer;
    }

    @Override
    public void send(Point point) {
      Objects.requireNonNull(point, "point");
      requireOpen();
      summarizer.add(point);
    }

    @Override
    public RouteSummary finish() {
      requireOpen();
      ended = true;
      return summarizer.summary();
    }

    @Override
    public void cancel() {
      ended = true;
    }

    private void requireOpen() {
      if (ended) {
        throw new IllegalStateException("route recording is already finished or cancelled");
      }
    }
  }

  private static final class LocalRouteChat implements RouteChat {
    private final NoteBoard noteBoard;
    private final NoteReceiver receiver;
    private boolean completed;
    private boolean cancelled;

    LocalRouteChat(NoteBoard noteBoard, NoteReceiver receiver) {
      this.noteBoard = noteBoard;
      this.receiver = receiver;
    }

    @Override
    public void send(RouteNote note) {
      Objects.requireNonNull(note, "note");
      if (completed || cancelled) {
        throw new IllegalStateException("route chat is already completed or cancelled");
      }
      List<RouteNote> earlier;
      try {
        earlier = noteBoard.post(note);
      } catch (RouteGuideException e) {
        // A remote chat ends with the same error; match it so callers see one behaviour.
        cancelled = true;
        receiver.onError(e);
        throw e;
      }
      for (RouteNote reply : earlier) {
        receiver.onNote(reply);
      }
    }

    @Override
    public void complete() {
      if (!completed && !cancelled) {
        completed = true;
        receiver.onCompleted();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public void close() {
      if (!completed) {
        cancel();
      }
    }
  }
}
