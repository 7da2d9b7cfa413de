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
 * {@link Clock}, reporting what it does to a {@link RouteGuideObserver}. This is what the gRPC
 * service serves.
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
  private final RouteGuideObserver observer;

  /**
   * A route guide over the given parts, observed by nobody.
   *
   * @throws NullPointerException if an argument is null
   */
  public LocalRouteGuide(FeatureCatalogue catalogue, NoteBoard noteBoard, Clock clock) {
    this(catalogue, noteBoard, clock, RouteGuideObserver.NONE);
  }

  /**
   * A route guide over the given parts that reports its calls to the observer.
   *
   * @throws NullPointerException if an argument is null
   * @since 0.2.0
   */
  public LocalRouteGuide(
      FeatureCatalogue catalogue, NoteBoard noteBoard, Clock clock, RouteGuideObserver observer) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.noteBoard = Objects.requireNonNull(noteBoard, "noteBoard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
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
    Feature feature = catalogue.lookup(requireArgument(location, "location"));
    observer.featureLookedUp(feature.isNamed());
    return feature;
  }

  @Override
  public FeatureStream listFeatures(Rectangle area) {
    return new LocalFeatureStream(
        catalogue.iteratorWithin(requireArgument(area, "area")), observer);
  }

  @Override
  public RouteRecording recordRoute() {
    return new LocalRouteRecording(new RouteSummarizer(catalogue, clock), observer);
  }

  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    Objects.requireNonNull(receiver, "receiver");
    observer.chatOpened();
    return new LocalRouteChat(noteBoard, receiver, observer);
  }

  @Override
  public String toString() {
    return "LocalRouteGuide[" + catalogue.size() + " features]";
  }

  private static <T> T requireArgument(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  private static final class LocalFeatureStream implements FeatureStream {
    private final RouteGuideObserver observer;
    private Iterator<Feature> features;
    private long handedOut;
    private boolean exhausted;

    LocalFeatureStream(Iterator<Feature> features, RouteGuideObserver observer) {
      this.features = features;
      this.observer = observer;
    }

    @Override
    public boolean hasNext() {
      if (features == null) {
        return false;
      }
      if (features.hasNext()) {
        return true;
      }
      exhausted = true;
      close();
      return false;
    }

    @Override
    public Feature next() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            exhausted ? "no more features" : "feature stream is closed");
      }
      Feature next = features.next();
      handedOut++;
      return next;
    }

    @Override
    public void close() {
      if (features != null) {
        features = null;
        observer.featuresListed(handedOut);
      }
    }
  }

  private static final class LocalRouteRecording implements RouteRecording {
    private final RouteSummarizer summarizer;
    private final RouteGuideObserver observer;
    private long received;
    private boolean ended;

    LocalRouteRecording(RouteSummarizer summarizer, RouteGuideObserver observer) {
      this.summarizer = summarizer;
      this.observer = observer;
    }

    @Override
    public void send(Point point) {
      Objects.requireNonNull(point, "point");
      requireOpen();
      summarizer.add(point);
      received++;
    }

    @Override
    public RouteSummary finish() {
      requireOpen();
      end();
      return summarizer.summary();
    }

    @Override
    public void cancel() {
      if (!ended) {
        end();
      }
    }

    private void end() {
      ended = true;
      observer.routePointsReceived(received);
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
    private final RouteGuideObserver observer;
    private boolean completed;
    private boolean cancelled;

    LocalRouteChat(NoteBoard noteBoard, NoteReceiver receiver, RouteGuideObserver observer) {
      this.noteBoard = noteBoard;
      this.receiver = receiver;
      this.observer = observer;
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
        observer.chatClosed();
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
        observer.chatClosed();
        receiver.onCompleted();
      }
    }

    @Override
    public void cancel() {
      if (!completed && !cancelled) {
        cancelled = true;
        observer.chatClosed();
      }
    }

    @Override
    public void close() {
      if (!completed) {
        cancel();
      }
    }
  }
}
