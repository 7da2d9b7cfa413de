package dev.routeguide.core.notes;

import dev.routeguide.core.geo.Point;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link NoteBoard} in memory, shared by all callers of one process and bounded by {@link
 * NoteBoardLimits}: at most so many notes per location (the oldest dropped first), so many
 * locations and so many bytes of notes (the least recently posted-to locations evicted first, as
 * {@link NoteFootprint its model of the heap} counts them). Eviction is silent by design and
 * counted: see {@link #evictedLocationCount()}.
 *
 * <p>Live delivery: {@link #openSession} follows every location the session posts at, and a note
 * stored there later by anyone else is handed to the session's listener on the posting thread,
 * before that post returns, so a listener must be quick and must not post to this board.
 *
 * <p>Thread-safe. Posts at different locations run in parallel: each location is guarded by one
 * of {@value #STRIPES} locks, held for the copy of its history, the append and the live
 * delivery, so a post costs O(notes kept at that location). The global bounds are kept exact by a
 * second, short lock that only counts locations, bytes and notes and orders locations by recency;
 * the index entries of the locations a post evicts are removed after that lock, before the post
 * returns.
 *
 * @since 0.1.0
 */
public final class InMemoryNoteBoard implements NoteBoard {

  private static final Logger logger = Logger.getLogger(InMemoryNoteBoard.class.getName());

  /** Locks over the locations: 2 to this power, several per core of a large server. */
  private static final int STRIPE_BITS = 6;

  private static final int STRIPES = 1 << STRIPE_BITS;

  private final NoteBoardLimits limits;
  private final NoteBoardObserver observer;
  private final Object[] stripes = new Object[STRIPES];
  private final Map<Point, Location> locations = new ConcurrentHashMap<>();
  private final Map<Point, Set<Session>> followers = new ConcurrentHashMap<>();
  private final AtomicInteger openSessions = new AtomicInteger();

  /** The global bounds' state, and the lock that guards it: never held while taking a stripe. */
  private final Accounts accounts = new Accounts();

  /** A board with the {@link NoteBoardLimits#DEFAULT default limits}. */
  public InMemoryNoteBoard() {
    this(NoteBoardLimits.DEFAULT);
  }

  /**
   * A board with the given limits.
   *
   * @throws NullPointerException if limits is null
   */
  public InMemoryNoteBoard(NoteBoardLimits limits) {
    this(limits, NoteBoardObserver.NONE);
  }

  /**
   * A board with the given limits that reports stored, refused, evicted and live-delivered notes
   * to the observer.
   *
   * @throws NullPointerException if an argument is null
   * @since 0.2.0
   */
  public InMemoryNoteBoard(NoteBoardLimits limits, NoteBoardObserver observer) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.observer = Objects.requireNonNull(observer, "observer");
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /** The limits this board keeps to. */
  public NoteBoardLimits limits() {
    return limits;
  }

  @Override
  public List<RouteNote> post(RouteNote note) {
    return post(Objects.requireNonNull(note, "note"), null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>In memory, live notes are delivered on the thread of the post that stores them.
   *
   * @since 0.2.0
   */
  @Override
  public NoteSession openSession(LiveNoteListener listener) {
    Session session = new Session(Objects.requireNonNull(listener, "listener"));
    openSessions.incrementAndGet();
    return session;
  }

  /** Number of locations holding notes now. O(1). */
  public int locationCount() {
    synchronized (accounts) {
      return accounts.locationsHeld;
    }
  }

  /** Number of notes kept now, over all locations. O(1). */
  public long noteCount() {
    synchronized (accounts) {
      return accounts.notesHeld;
    }
  }

  /**
   * Heap retained by the notes kept now, in bytes as counted against {@link
   * NoteBoardLimits#maxNoteBytes()}. O(1).
   *
   * @since 0.2.0
   */
  public long bytesHeld() {
    synchronized (accounts) {
      return accounts.bytesHeld;
    }
  }

  /**
   * Locations in the board's index: every one it counts and, once no post is under way, no evicted
   * one; for tests.
   */
  int indexedLocationCount() {
    return locations.size();
  }

  /** Notes a post at {@code point} would read back now (0 if none is indexed there); for tests. */
  int notesIndexedAt(Point point) {
    synchronized (stripeOf(point)) {
      Location location = locations.get(point);
      return location == null || location.evicted ? 0 : location.notes.size();
    }
  }

  /**
   * Locations evicted since this board was made, by the location cap or the byte cap. O(1).
   *
   * @since 0.2.0
   */
  public long evictedLocationCount() {
    synchronized (accounts) {
      return accounts.evictedLocations;
    }
  }

  /**
   * Live sessions opened and not yet closed. O(1).
   *
   * @since 0.2.0
   */
  public int openSessionCount() {
    return openSessions.get();
  }

  /**
   * Locations that some open session follows. O(1).
   *
   * @since 0.2.0
   */
  public int followedLocationCount() {
    return followers.size();
  }

  private List<RouteNote> post(RouteNote note, Session from) {
    limits.requireMessageWithinLimit(note, observer);
    long noteBytes = NoteFootprint.of(note);
    Point point = note.location();
    synchronized (stripeOf(point)) {
      // Only holders of this stripe change this location's notes, so the copy is consistent;
      // eviction only unlinks a location, which the accounting below notices.
      Location location = locations.get(point);
      List<RouteNote> earlier = location == null ? List.of() : location.history();
      Location fresh = null;
      if (location == null) {
        // Indexed before the accounts lock, which every post takes, so that lock guards
        // arithmetic only: until it is linked below, no post can evict it, so no conditional
        // removal can miss it; and only holders of this stripe put at this point.
        fresh = new Location(point);
        locations.put(point, fresh);
        location = fresh;
      }
      int drop;
      Location evicted;
      int perLocationCap;
      int locationCap;
      int bytesCap;
      synchronized (accounts) {
        if (location != fresh && location.evicted) {
          // Evicted by another post that has not yet taken it out of the index (rare).
          fresh = new Location(point);
          earlier = List.of();
          locations.put(point, fresh);
          location = fresh;
        }
        if (location == fresh) {
          accounts.locationsHeld++;
          location.bytes = NoteFootprint.LOCATION_BYTES;
          accounts.bytesHeld += NoteFootprint.LOCATION_BYTES;
          accounts.linkNewest(location);
        } else if (accounts.newest != location) {
          accounts.unlink(location);
          accounts.linkNewest(location);
        }
        drop = account(location, noteBytes);
        evicted = accounts.toUnindex;
        accounts.toUnindex = null;
        perLocationCap = accounts.evictedForPerLocationCap;
        locationCap = accounts.evictedForLocationCap;
        bytesCap = accounts.evictedForBytesCap;
      }
      unindex(evicted);
      for (int i = 0; i < drop; i++) {
        location.notes.removeFirst();
      }
      location.notes.addLast(note);
      observer.noteStored();
      // Reported once the board is consistent again: an observer that throws (against its
      // contract) fails this post, not the board's accounts or index.
      report(NoteEviction.PER_LOCATION_CAP, perLocationCap);
      report(NoteEviction.LOCATION_CAP, locationCap);
      report(NoteEviction.BYTES_CAP, bytesCap);
      if (from != null) {
        from.follow(point);
      }
      if (openSessions.get() > 0) {
        // Only an open session follows a location, and it does so under this stripe: with none
        // open, nobody follows this one.
        deliver(note, from);
      }
      return earlier;
    }
  }

  /**
   * Counts a note about to be added to {@code location} (the newest location), evicts the least
   * recently posted-to others while a bound is passed, and returns how many of the location's own
   * oldest notes to drop: one beyond its cap, more if it alone passes the byte cap. Leaves the
   * evicted notes' counts, by reason, for the post to report after the lock.
   */
  private int account(Location location, long noteBytes) {
    ArrayDeque<RouteNote> notes = location.notes;
    int drop = notes.size() == limits.maxNotesPerLocation() ? 1 : 0;
    int perLocationCap = drop;
    int locationCap = 0;
    int bytesCap = 0;
    Iterator<RouteNote> oldestFirst = notes.iterator();
    long freed = 0;
    for (int i = 0; i < drop; i++) {
      freed += NoteFootprint.of(oldestFirst.next());
    }
    location.bytes += noteBytes - freed;
    location.count += 1 - drop;
    accounts.bytesHeld += noteBytes - freed;
    accounts.notesHeld += 1 - drop;
    while (accounts.oldest != location
        && (accounts.bytesHeld > limits.maxNoteBytes()
            || accounts.locationsHeld > limits.maxLocations())) {
      Location evicted = accounts.oldest;
      boolean tooManyLocations = accounts.locationsHeld > limits.maxLocations();
      evict(evicted);
      if (tooManyLocations) {
        locationCap += evicted.count;
      } else {
        bytesCap += evicted.count;
      }
    }
    // Alone over the byte cap (a cap smaller than one full location): drop its own oldest notes.
    while (accounts.bytesHeld > limits.maxNoteBytes()) {
      long bytes = NoteFootprint.of(oldestFirst.next());
      drop++;
      bytesCap++;
      location.bytes -= bytes;
      location.count--;
      accounts.bytesHeld -= bytes;
      accounts.notesHeld--;
    }
    accounts.evictedForPerLocationCap = perLocationCap;
    accounts.evictedForLocationCap = locationCap;
    accounts.evictedForBytesCap = bytesCap;
    return drop;
  }

  private void report(NoteEviction reason, int count) {
    if (count > 0) {
      observer.notesEvicted(reason, count);
    }
  }

  private void evict(Location location) {
    accounts.unlink(location);
    location.evicted = true;
    location.nextToUnindex = accounts.toUnindex;
    accounts.toUnindex = location;
    accounts.locationsHeld--;
    accounts.bytesHeld -= location.bytes;
    accounts.notesHeld -= location.count;
    accounts.evictedLocations++;
  }

  /**
   * Takes locations just evicted out of the index, after the accounts lock: their index entries are
   * cold, and the lock every post takes is held for arithmetic only. Until then a poster at such a
   * location finds it marked evicted and starts it afresh; the removal leaves a fresh one alone.
   */
  private void unindex(Location evicted) {
    while (evicted != null) {
      Location next = evicted.nextToUnindex;
      evicted.nextToUnindex = null;
      locations.remove(evicted.point, evicted);
      evicted = next;
    }
  }

  private void deliver(RouteNote note, Session from) {
    Set<Session> following = followers.get(note.location());
    if (following != null) {
      for (Session session : following) {
        if (session != from) {
          session.deliver(note);
        }
      }
    }
  }

  private Object stripeOf(Point point) {
    // Fibonacci hashing: the top bits of the product. A point's hash is linear in its
    // coordinates, so its low bits would put points 64 apart on one stripe, and chats walking
    // neighbouring points in step (a route, a grid) would queue behind each other point after
    // point; multiplied, neighbours land on unrelated stripes.
    return stripes[(point.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS)];
  }

  /** One location's notes, oldest first, and its place in the recency list. */
  private static final class Location {
    final Point point;
    // Grown on demand from one slot, as NoteFootprint counts it: most locations hold few notes,
    // and the default 16 slots would be more heap than the board accounts for.
    final ArrayDeque<RouteNote> notes = new ArrayDeque<>(1); // guarded by its stripe
    // The rest is guarded by the board's accounts lock.
    Location older;
    Location newer;
    long bytes;
    int count;
    boolean evicted;
    Location nextToUnindex; // set under the accounts lock, then read by the evicting post alone

    Location(Point point) {
      this.point = point;
    }

    /** The notes kept here, oldest first, as an immutable list; called under its stripe. */
    List<RouteNote> history() {
      return switch (notes.size()) {
        case 0 -> List.of();
        case 1 -> List.of(notes.getFirst());
        default -> List.copyOf(notes);
      };
    }
  }

  /**
   * The counts the global bounds are kept by, and the recency list of locations, in one object
   * apart from the board's read-mostly fields: every post writes these under this object's lock,
   * so a post on another core then misses one line here rather than the board's too.
   */
  private static final class Accounts {
    /** The least recently posted-to location, or null; its {@code newer} is the next. */
    Location oldest;
    /** The most recently posted-to location, or null. */
    Location newest;
    int locationsHeld;
    long bytesHeld;
    long notesHeld;
    /** Locations evicted by the post holding the lock, to be taken out of the index after it. */
    Location toUnindex;
    /** Notes the post holding the lock evicted, by reason, to be reported after it. */
    int evictedForPerLocationCap;
    int evictedForLocationCap;
    int evictedForBytesCap;
    long evictedLocations;

    /**
     * Takes a location out of the recency list and forgets its neighbours: an evicted location
     * that the collector has promoted must not keep younger ones reachable (a chain through every
     * location ever evicted, copied by every young collection until a full one).
     */
    void unlink(Location location) {
      if (location.older == null) {
        oldest = location.newer;
      } else {
        location.older.newer = location.newer;
      }
      if (location.newer == null) {
        newest = location.older;
      } else {
        location.newer.older = location.older;
      }
      location.older = null;
      location.newer = null;
    }

    /** Links a location that is not in the list as the newest. */
    void linkNewest(Location location) {
      location.older = newest;
      if (newest == null) {
        oldest = location;
      } else {
        newest.newer = location;
      }
      newest = location;
    }
  }

  /**
   * A live session. Its monitor is taken while holding a location's stripe (to deliver or to
   * follow), never the other way round, so close takes no stripe.
   */
  private final class Session implements NoteSession {
    private final LiveNoteListener listener;
    private final Set<Point> followed = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    Session(LiveNoteListener listener) {
      this.listener = listener;
    }

    @Override
    public List<RouteNote> post(RouteNote note) {
      Objects.requireNonNull(note, "note");
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("note session is closed");
        }
      }
      return InMemoryNoteBoard.this.post(note, this);
    }

    /** Follows a location; called while holding its stripe, right after storing a note there. */
    void follow(Point point) {
      synchronized (this) {
        if (closed || !followed.add(point)) {
          return;
        }
        followers.compute(point, (key, sessions) -> {
          Set<Session> set = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
          set.add(this);
          return set;
        });
      }
    }

    /** Hands a note to the listener unless closed; called while holding the note's stripe. */
    void deliver(RouteNote note) {
      synchronized (this) {
        if (closed) {
          return;
        }
        try {
          listener.onLiveNote(note);
        } catch (RuntimeException e) {
          logger.log(Level.WARNING, "live note listener failed; closing its session", e);
          observer.liveNotesDropped(1);
          close();
          return;
        }
        observer.liveNotesDelivered(1);
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (Point point : followed) {
        followers.computeIfPresent(point, (key, sessions) -> {
          sessions.remove(this);
          return sessions.isEmpty() ? null : sessions;
        });
      }
      followed.clear();
      openSessions.decrementAndGet();
    }
  }
}
