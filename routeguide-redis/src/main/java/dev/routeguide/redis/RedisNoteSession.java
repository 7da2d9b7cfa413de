package dev.routeguide.redis;

import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.LiveNoteListener;
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
 * <p>Every stored note carries its location's sequence number. The session remembers the number
 * its own latest post got at each location and delivers a live note only if it is newer: its own
 * notes and the notes already in a reply are never delivered. Live notes that arrive while a post
 * at their location is in flight wait in a buffer of {@code bufferCapacity} notes until the post's
 * number is known; a full buffer ends live delivery with {@link ResourceExhaustedException}.
 */
final class RedisNoteSession implements NoteSession {

  private static final Logger logger = Logger.getLogger(RedisNoteBoard.class.getName());

  private final RedisNoteBoard board;
  private final LiveFeed feed;
  private final LiveNoteListener listener;
  private final int bufferCapacity;
  private final Object lock = new Object();
  // All guarded by lock.
  private final Map<Point, Long> ownLatestSequence = new HashMap<>();
  private final ArrayDeque<RouteNote> waiting = new ArrayDeque<>();
  private final ArrayDeque<Long> waitingSequences = new ArrayDeque<>();
  private LiveFeed.Subscription subscription;
  private Point posting;
  private boolean closed;
  private boolean interrupted;

  RedisNoteSession(
      RedisNoteBoard board, LiveFeed feed, LiveNoteListener listener, int bufferCapacity) {
    this.board = board;
    this.feed = feed;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.bufferCapacity = bufferCapacity;
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
      follow = !interrupted && !ownLatestSequence.containsKey(location);
      posting = location;
    }
    try {
      if (follow) {
        followLocation(location);
      }
      RedisNoteBoard.Posted posted = board.store(note);
      synchronized (lock) {
        posting = null;
        if (!closed && !interrupted) {
          ownLatestSequence.put(location, posted.sequence());
          while (!waiting.isEmpty()) {
            RouteNote live = waiting.poll();
            if (waitingSequences.poll() > posted.sequence()) {
              deliverLocked(live);
            }
          }
        }
        waiting.clear();
        waitingSequences.clear();
      }
      return posted.earlier();
    } catch (RuntimeException e) {
      synchronized (lock) {
        posting = null;
        waiting.clear();
        waitingSequences.clear();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    LiveFeed.Subscription followed;
    List<Point> locations;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      followed = subscription;
      locations = List.copyOf(ownLatestSequence.keySet());
      ownLatestSequence.clear();
      waiting.clear();
      waitingSequences.clear();
    }
    if (followed != null) {
      followed.unfollow(this, locations);
    }
  }

  /** A note stored at a location this session follows; called on the subscriber's I/O thread. */
  void offer(Point location, StoredNote stored) {
    synchronized (lock) {
      if (closed || interrupted) {
        return;
      }
      RouteNote note = RouteNote.at(location, stored.message());
      if (location.equals(posting)) {
        if (waiting.size() == bufferCapacity) {
          interruptLocked(new ResourceExhaustedException("live notes at " + location
              + " overflowed this chat's buffer of " + bufferCapacity
              + " while its post there was in flight"));
          return;
        }
        waiting.add(note);
        waitingSequences.add(stored.sequence());
        return;
      }
      Long own = ownLatestSequence.get(location);
      if (own != null && stored.sequence() > own) {
        deliverLocked(note);
      }
    }
  }

  /** Live delivery stopped for a reason of the board's: tells the listener, once. */
  void interrupt(RouteGuideException reason) {
    synchronized (lock) {
      interruptLocked(reason);
    }
  }

  private void followLocation(Point location) {
    LiveFeed.Subscription followed = feed.follow(this, location);
    boolean closedMeanwhile;
    synchronized (lock) {
      subscription = followed;
      closedMeanwhile = closed;
      if (!closedMeanwhile) {
        // Known as followed from now on; the real number replaces this once the post returns.
        ownLatestSequence.put(location, Long.MAX_VALUE);
      }
    }
    if (closedMeanwhile) {
      followed.unfollow(this, List.of(location));
    }
  }

  private void interruptLocked(RouteGuideException reason) {
    if (closed || interrupted) {
      return;
    }
    interrupted = true;
    waiting.clear();
    waitingSequences.clear();
    try {
      listener.onLiveInterrupted(reason);
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "a live-note listener failed on interruption", e);
    }
  }

  private void deliverLocked(RouteNote note) {
    try {
      listener.onLiveNote(note);
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "a live-note listener failed; its note is not retried", e);
    }
  }
}
