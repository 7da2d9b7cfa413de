package dev.routeguide.redis;

import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link NoteSession} of a {@link RedisNoteBoard}: the first post at a location subscribes to
 * the location's channel before the note is stored, so nothing published afterwards is missed.
 *
 * <p>Every stored note carries its location's sequence number. From the session's first post at a
 * location, every later note there is delivered, except the session's own: the notes before that
 * first post are in its reply only, the ones after it live (and, as on every board, in the replies
 * to the session's later posts there). Live notes that arrive while a post at their location is in
 * flight wait in a buffer of {@code bufferCapacity} notes until the post's number is known, so its
 * own echo can be told apart; a full buffer ends live delivery with {@link
 * ResourceExhaustedException}. Notes delivered are reported to the board's observer, and so are
 * the notes discarded when a post fails or live delivery is interrupted: those waiting in the
 * buffer (which may include the session's own echo, not told apart yet), the one that overflowed
 * it, and any live ones (own echoes excepted) that arrive after an interruption until the session
 * is closed. A listener that throws is handed nothing more: its note is counted dropped, and the
 * session is closed, as {@link LiveNoteListener} says.
 */
final class RedisNoteSession implements NoteSession {

  private static final Logger logger = Logger.getLogger(RedisNoteBoard.class.getName());

  private final RedisNoteBoard board;
  private final LiveFeed feed;
  private final LiveNoteListener listener;
  private final int bufferCapacity;
  private final NoteBoardObserver observer;
  private final Object lock = new Object();
  // All guarded by lock.
  private final Map<Point, Followed> followed = new HashMap<>();
  private final ArrayDeque<StoredNote> waiting = new ArrayDeque<>();
  private LiveFeed.Subscription subscription;
  private Point posting;
  private boolean closed;
  private boolean interrupted;
  /** Set when the listener threw and the session closed itself: unfollows outside the lock. */
  private Runnable unfollowAfterFailure;

  /** What the session knows about a location it follows. */
  private static final class Followed {
    /** Notes numbered above this are delivered; until the first post returns, none. */
    long since = Long.MAX_VALUE;
    /** The session's own notes there whose echo has not come back yet, oldest first. */
    final ArrayDeque<Long> ownUnechoed = new ArrayDeque<>();
  }

  RedisNoteSession(
      RedisNoteBoard board,
      LiveFeed feed,
      LiveNoteListener listener,
      int bufferCapacity,
      NoteBoardObserver observer) {
    this.board = board;
    this.feed = feed;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.bufferCapacity = bufferCapacity;
    this.observer = observer;
  }

  @Override
  public List<RouteNote> post(RouteNote note) {
    Objects.requireNonNull(note, "note");
    board.requireWithinLimits(note);
    Point location = note.location();
    boolean follow;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("note session is closed");
      }
      follow = !interrupted && !followed.containsKey(location);
      posting = location;
    }
    try {
      if (follow) {
        followLocation(location);
      }
      RedisNoteBoard.Posted posted = board.store(note);
      synchronized (lock) {
        posting = null;
        Followed state = followed.get(location);
        if (state != null && !closed && !interrupted) {
          if (state.since == Long.MAX_VALUE) {
            state.since = posted.sequence();
          }
          state.ownUnechoed.add(posted.sequence());
          while (!waiting.isEmpty()) {
            offerLocked(location, state, waiting.poll());
          }
        }
        waiting.clear();
      }
      unfollowIfListenerFailed();
      return posted.earlier();
    } catch (RuntimeException e) {
      synchronized (lock) {
        posting = null;
        if (!waiting.isEmpty() && !interrupted) {
          observer.liveNotesDropped(waiting.size()); // their post's outcome is unknown
        }
        waiting.clear();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    Runnable unfollow;
    synchronized (lock) {
      unfollow = closeLocked();
    }
    unfollow.run();
  }

  /** Marks the session closed and returns what is left to do outside the lock: unfollowing. */
  private Runnable closeLocked() {
    if (closed) {
      return () -> {};
    }
    closed = true;
    LiveFeed.Subscription following = subscription;
    List<Point> locations = List.copyOf(followed.keySet());
    followed.clear();
    waiting.clear();
    return following == null ? () -> {} : () -> following.unfollow(this, locations);
  }

  /** A note stored at a location this session follows; called on the subscriber's I/O thread. */
  void offer(Point location, StoredNote stored) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (interrupted) {
        Followed state = followed.get(location);
        if (state != null && isLiveNote(state, stored)) {
          observer.liveNotesDropped(1); // would have been delivered: not an own echo, not earlier
        }
        return;
      }
      if (location.equals(posting)) {
        if (waiting.size() == bufferCapacity) {
          observer.liveNotesDropped(1); // this note; the waiting ones are counted at interruption
          interruptLocked(new ResourceExhaustedException("live notes at " + location
              + " overflowed this chat's buffer of " + bufferCapacity
              + " while its post there was in flight"));
          return;
        }
        waiting.add(stored);
        return;
      }
      Followed state = followed.get(location);
      if (state != null) {
        offerLocked(location, state, stored);
      }
    }
    unfollowIfListenerFailed();
  }

  /** Live delivery stopped for a reason of the board's: tells the listener, once. */
  void interrupt(RouteGuideException reason) {
    synchronized (lock) {
      interruptLocked(reason);
    }
  }

  private void offerLocked(Point location, Followed state, StoredNote stored) {
    if (!isLiveNote(state, stored)) {
      return;
    }
    try {
      listener.onLiveNote(RouteNote.at(location, stored.message()));
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "live note listener failed; closing its session", e);
      // Notes wait only for the post in flight. Once it has returned (posting is null: this is
      // its drain) they are at this location and can be told apart; before, not yet.
      int behind = posting == null ? liveAmong(state, waiting) : waiting.size();
      unfollowAfterFailure = closeLocked();
      observer.liveNotesDropped(1 + behind); // this note and the ones waiting behind it
      return;
    }
    observer.liveNotesDelivered(1);
  }

  private static int liveAmong(Followed state, Iterable<StoredNote> notes) {
    int live = 0;
    for (StoredNote note : notes) {
      live += isLiveNote(state, note) ? 1 : 0;
    }
    return live;
  }

  /** Finishes closing the session, outside the lock, if its listener failed. */
  private void unfollowIfListenerFailed() {
    Runnable unfollow;
    synchronized (lock) {
      unfollow = unfollowAfterFailure;
      unfollowAfterFailure = null;
    }
    if (unfollow != null) {
      unfollow.run();
    }
  }

  /**
   * Whether a note stored where this session follows is live for it: not the echo of its own post
   * (consumed here) and after the session's first post there.
   */
  private static boolean isLiveNote(Followed state, StoredNote stored) {
    // Notes at one location arrive in sequence order, so an own note numbered below this one
    // has had its echo already (or never will): forget it.
    while (!state.ownUnechoed.isEmpty() && state.ownUnechoed.peek() < stored.sequence()) {
      state.ownUnechoed.poll();
    }
    if (!state.ownUnechoed.isEmpty() && state.ownUnechoed.peek() == stored.sequence()) {
      state.ownUnechoed.poll();
      return false;
    }
    return stored.sequence() > state.since;
  }

  private void followLocation(Point location) {
    LiveFeed.Subscription following = feed.follow(this, location);
    boolean closedMeanwhile;
    synchronized (lock) {
      subscription = following;
      closedMeanwhile = closed;
      if (!closedMeanwhile) {
        followed.put(location, new Followed());
      }
    }
    if (closedMeanwhile) {
      following.unfollow(this, List.of(location));
    }
  }

  private void interruptLocked(RouteGuideException reason) {
    if (closed || interrupted) {
      return;
    }
    interrupted = true;
    if (!waiting.isEmpty()) {
      observer.liveNotesDropped(waiting.size());
      waiting.clear();
    }
    try {
      listener.onLiveInterrupted(reason);
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "a live-note listener failed on interruption", e);
    }
  }
}
