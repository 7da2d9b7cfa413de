package dev.routeguide.core;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureCursor;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.core.route.RouteSummarizer;
import dev.routeguide.core.route.RouteSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p><b>Live chat</b> (off by default, {@link #withLiveChat}): each chat also receives, while it is
 * open, the notes that others post later at the locations it has posted at, through a {@link
 * NoteSession} of the board. Those arrive on the posters' threads (or the board's); calls to the
 * chat's receiver never overlap, and live notes that arrive while a note is being posted are
 * delivered after its reply. An interrupted live delivery ends the chat with the board's reason
 * ({@link NoteReceiver#onError}). A live chat may be cancelled from any thread, including from
 * within its receiver.
 *
 * @since 0.1.0
 */
public final class LocalRouteGuide implements RouteGuide {

  private final FeatureCatalogue catalogue;
  private final NoteBoard noteBoard;
  private final Clock clock;
  private final RouteGuideObserver observer;
  private final boolean liveChat;

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
    this(catalogue, noteBoard, clock, observer, false);
  }

  private LocalRouteGuide(
      FeatureCatalogue catalogue,
      NoteBoard noteBoard,
      Clock clock,
      RouteGuideObserver observer,
      boolean liveChat) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.noteBoard = Objects.requireNonNull(noteBoard, "noteBoard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.liveChat = liveChat;
  }

  /**
   * Returns a route guide over the same parts whose chats do or do not receive live notes (see
   * the class description). With it on, every chat opens a {@link NoteSession} of the board.
   *
   * @throws UnsupportedOperationException if {@code liveChat} is true and the board has no live
   *     delivery
   * @since 0.2.0
   */
  public LocalRouteGuide withLiveChat(boolean liveChat) {
    if (liveChat) {
      noteBoard.openSession(IGNORING_LISTENER).close(); // fail here, not on the first chat
    }
    return new LocalRouteGuide(catalogue, noteBoard, clock, observer, liveChat);
  }

  /**
   * Whether chats receive live notes.
   *
   * @since 0.2.0
   */
  public boolean liveChat() {
    return liveChat;
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
    Feature feature = catalogue.lookup(Objects.requireNonNull(location, "location"));
    observer.featureLookedUp(feature.isNamed());
    return feature;
  }

  @Override
  public FeatureStream listFeatures(Rectangle area) {
    return new LocalFeatureStream(
        catalogue.cursorWithin(Objects.requireNonNull(area, "area")), observer);
  }

  @Override
  public RouteRecording recordRoute() {
    return new LocalRouteRecording(new RouteSummarizer(catalogue, clock), observer);
  }

  @Override
  public RouteChat routeChat(NoteReceiver receiver) {
    Objects.requireNonNull(receiver, "receiver");
    RouteChat chat = liveChat
        ? new LiveRouteChat(noteBoard, receiver, observer)
        : new LocalRouteChat(noteBoard, receiver, observer);
    observer.chatOpened();
    return chat;
  }

  private static final LiveNoteListener IGNORING_LISTENER = new LiveNoteListener() {
    @Override
    public void onLiveNote(RouteNote note) {}

    @Override
    public void onLiveInterrupted(RouteGuideException reason) {}
  };

  @Override
  public String toString() {
    return "LocalRouteGuide[" + catalogue.size() + " features" + (liveChat ? ", live chat" : "")
        + "]";
  }

  /**
   * A query's features, pulled either as {@code Feature}s or in place ({@link FeatureCursor}, for
   * a transport's mapper); both count towards what the observer is told was listed.
   */
  private static final class LocalFeatureStream implements FeatureStream, FeatureCursor {
    private final RouteGuideObserver observer;
    private FeatureCursor features; // null once closed
    private long handedOut;
    private boolean exhausted;
    private boolean peeked; // hasNext() moved the cursor to a feature not yet handed out

    LocalFeatureStream(FeatureCursor features, RouteGuideObserver observer) {
      this.features = features;
      this.observer = observer;
    }

    @Override
    public boolean hasNext() {
      if (features == null) {
        return false;
      }
      if (peeked || features.advance()) {
        peeked = true;
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
      peeked = false;
      handedOut++;
      return features.feature();
    }

    @Override
    public boolean advance() {
      if (!hasNext()) {
        return false;
      }
      peeked = false;
      handedOut++;
      return true;
    }

    @Override
    public int latitudeE7() {
      return open().latitudeE7();
    }

    @Override
    public int longitudeE7() {
      return open().longitudeE7();
    }

    @Override
    public Feature feature() {
      return open().feature();
    }

    @Override
    public boolean nameInUtf8() {
      return open().nameInUtf8();
    }

    @Override
    public byte[] nameUtf8() {
      return open().nameUtf8();
    }

    private FeatureCursor open() {
      if (features == null || peeked) {
        throw new IllegalStateException(features == null
            ? "feature stream is closed"
            : "hasNext() moved past the current feature; advance() to read it");
      }
      return features;
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

  /** A chat without live delivery: everything happens on the owner's thread, within its calls. */
  private static final class LocalRouteChat extends AbstractRouteChat {
    private final NoteBoard noteBoard;
    private final RouteGuideObserver observer;

    LocalRouteChat(NoteBoard noteBoard, NoteReceiver receiver, RouteGuideObserver observer) {
      super(receiver);
      this.noteBoard = noteBoard;
      this.observer = observer;
    }

    @Override
    protected void post(RouteNote note) {
      List<RouteNote> earlier;
      try {
        earlier = noteBoard.post(note);
      } catch (RouteGuideException e) {
        // A remote chat ends with the same error; match it so callers see one behaviour.
        observer.chatClosed();
        endWithFailure(e);
        throw e;
      }
      for (RouteNote reply : earlier) {
        deliver(reply);
      }
    }

    @Override
    protected void halfClose() {
      observer.chatClosed();
      endWithCompletion();
    }

    @Override
    protected void abandon() {
      observer.chatClosed();
    }
  }

  /**
   * A chat with live delivery. One lock orders every call to the receiver; the board's session
   * is opened first and closed before the lock is taken, because the board may hold its own
   * locks while it hands this chat a live note.
   */
  private static final class LiveRouteChat extends AbstractRouteChat implements LiveNoteListener {
    private final RouteGuideObserver observer;
    private final NoteSession session;
    private final Object receiverLock = new Object();
    private final List<RouteNote> heldBack = new ArrayList<>(); // guarded by receiverLock
    private boolean posting; // guarded by receiverLock
    /** The receiver cancelled during a delivery: the session is closed once the lock is left. */
    private boolean closeAfterDelivery; // guarded by receiverLock
    private final AtomicBoolean closed = new AtomicBoolean();

    LiveRouteChat(NoteBoard noteBoard, NoteReceiver receiver, RouteGuideObserver observer) {
      super(receiver);
      this.observer = observer;
      this.session = noteBoard.openSession(this);
    }

    @Override
    protected void post(RouteNote note) {
      synchronized (receiverLock) {
        posting = true;
      }
      List<RouteNote> earlier;
      try {
        earlier = session.post(note);
      } catch (RuntimeException e) {
        if (e instanceof RouteGuideException failure) {
          closeSession();
          synchronized (receiverLock) {
            posting = false;
            heldBack.clear();
            endWithFailure(failure);
          }
        } else {
          synchronized (receiverLock) {
            posting = false;
          }
        }
        throw e;
      }
      boolean close;
      synchronized (receiverLock) {
        posting = false;
        for (RouteNote reply : earlier) {
          deliver(reply);
        }
        if (!heldBack.isEmpty()) {
          // Taken out first: the receiver may cancel, which clears heldBack, while it is handed on.
          List<RouteNote> held = new ArrayList<>(heldBack);
          heldBack.clear();
          for (RouteNote live : held) {
            deliverLive(live);
          }
        }
        close = closeAfterDelivery;
      }
      if (close) {
        closeSession();
      }
    }

    @Override
    public void onLiveNote(RouteNote note) {
      synchronized (receiverLock) {
        if (posting) {
          heldBack.add(note);
          return;
        }
        try {
          deliverLive(note);
          if (!closeAfterDelivery) {
            return;
          }
        } catch (RuntimeException e) {
          // On another poster's thread: the chat ends saying why, rather than the board closing
          // the session under it and the chat going on without its live notes.
          heldBack.clear();
          endWithFailure(new UnavailableException(
              "live notes stopped: this chat's receiver failed on one (" + e + ")", e));
        }
      }
      closeSession();
    }

    @Override
    public void onLiveInterrupted(RouteGuideException reason) {
      synchronized (receiverLock) {
        heldBack.clear();
        endWithFailure(reason);
      }
      closeSession();
    }

    @Override
    protected void halfClose() {
      closeSession();
      synchronized (receiverLock) {
        endWithCompletion();
      }
    }

    @Override
    protected void abandon() {
      if (Thread.holdsLock(receiverLock)) {
        // The receiver cancels from within a delivery. The board takes its session's lock before
        // this one to deliver a live note, so the session is closed once this lock is left.
        heldBack.clear();
        closeAfterDelivery = true;
        return;
      }
      closeSession();
      synchronized (receiverLock) { // waits out a delivery in progress on another thread
        heldBack.clear();
      }
    }

    /** Closes the board's session (never under the receiver lock) and reports it, once. */
    private void closeSession() {
      if (closed.compareAndSet(false, true)) {
        session.close();
        observer.chatClosed();
      }
    }
  }
}
