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
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link NoteBoard} in memory, shared by all callers of one process and bounded by {@link
 * NoteBoardLimits}: at most so many notes per location (the oldest dropped first), so many
 * locations and so many bytes of notes (as {@link NoteFootprint its model of the heap} counts
 * them). Eviction is silent by design and counted: see {@link #evictedLocationCount()}.
 *
 * <p><b>Segments.</b> Locations are split by a hash of their point into up to {@value
 * #MAX_SEGMENTS} segments, each with its own lock, its own index and an exact share of the
 * location and byte caps (the shares add up to the caps), as Guava's segmented caches split
 * theirs. A post takes its location's segment alone: posts at locations of different segments
 * share no lock and write no common object, so they run in parallel on as many cores. A segment
 * over its
 * share evicts its own least recently posted-to locations, so a location is evicted while the
 * board as a whole may hold fewer than its caps, when posts crowd one segment, and the least
 * recently posted-to location of the board may outlive a more recent one of another segment. The
 * board uses fewer segments (down to one, which is the board's exact recency order) when the caps
 * are small: when there are several, each keeps at least {@value #MIN_LOCATIONS_PER_SEGMENT}
 * locations and room for {@value #MIN_FULL_LOCATIONS_PER_SEGMENT} full locations of the longest
 * notes, so with the
 * default limits there are 16, and a flood of the longest notes finds 304 full locations' room
 * (one board-wide order: 312).
 *
 * <p>Live delivery: {@link #openSession} follows every location the session posts at, and a note
 * stored there later by anyone else is handed to the session's listener on the posting thread,
 * before that post returns, under the segment's lock, so a listener must be quick and must not
 * call this board at all (a post, or a count, which takes every segment's lock in turn).
 *
 * <p>Thread-safe. A post holds its segment's lock for the copy of its location's history, the
 * append, the evictions and the live delivery, so it costs O(notes kept at that location) and a
 * post and the history it reads back are one atomic step per location.
 *
 * @since 0.1.0
 */
public final class InMemoryNoteBoard implements NoteBoard {

  private static final Logger logger = Logger.getLogger(InMemoryNoteBoard.class.getName());

  /** Most segments: a power of two, several per core of a large server. */
  static final int MAX_SEGMENTS = 64;

  /** Fewest locations a segment's share of the location cap may hold. */
  static final int MIN_LOCATIONS_PER_SEGMENT = 64;

  /** Fewest full locations of the longest notes a segment's share of the byte cap must hold. */
  static final int MIN_FULL_LOCATIONS_PER_SEGMENT = 16;

  private final NoteBoardLimits limits;
  private final NoteBoardObserver observer;
  private final Segment[] segments;
  private final int segmentShift;
  private final Map<Point, Set<Session>> followers = new ConcurrentHashMap<>();
  private final AtomicInteger openSessions = new AtomicInteger();

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
    int count = segmentCount(limits);
    segments = new Segment[count];
    for (int i = 0; i < count; i++) {
      segments[i] = new Segment(
          share(limits.maxLocations(), count, i), share(limits.maxNoteBytes(), count, i));
    }
    segmentShift = Integer.SIZE - Integer.numberOfTrailingZeros(count);
  }

  /**
   * Segments for these limits: the most, a power of two up to {@value #MAX_SEGMENTS}, whose shares
   * each hold {@value #MIN_LOCATIONS_PER_SEGMENT} locations and {@value
   * #MIN_FULL_LOCATIONS_PER_SEGMENT} full locations of the longest notes; 1 if no split does.
   */
  static int segmentCount(NoteBoardLimits limits) {
    long fullLocation = fullLocationBytes(limits);
    int count = MAX_SEGMENTS;
    while (count > 1
        && (limits.maxLocations() / count < MIN_LOCATIONS_PER_SEGMENT
            || limits.maxNoteBytes() / count / MIN_FULL_LOCATIONS_PER_SEGMENT < fullLocation)) {
      count /= 2;
    }
    return count;
  }

  /** Bytes of a location full of the longest notes, or {@code Long.MAX_VALUE} if that overflows. */
  private static long fullLocationBytes(NoteBoardLimits limits) {
    try {
      return Math.addExact(NoteFootprint.LOCATION_BYTES, Math.multiplyExact(
          (long) limits.maxNotesPerLocation(),
          NoteFootprint.ofWidestMessage(limits.maxMessageLength())));
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /** Segment {@code index}'s share of {@code total} split {@code count} ways, adding up to it. */
  private static long share(long total, int count, int index) {
    return total / count + (index < total % count ? 1 : 0);
  }

  private static int share(int total, int count, int index) {
    return (int) share((long) total, count, index);
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

  /**
   * Number of locations holding notes now: the sum of every segment's, each read under its lock,
   * so exact once posts have stopped. O(segments).
   */
  public int locationCount() {
    return (int) sumOverSegments(segment -> segment.index.size());
  }

  /** Number of notes kept now, over all locations, summed as {@link #locationCount}. */
  public long noteCount() {
    return sumOverSegments(segment -> segment.notesHeld);
  }

  /**
   * Heap retained by the notes kept now, in bytes as counted against {@link
   * NoteBoardLimits#maxNoteBytes()}, summed as {@link #locationCount}.
   *
   * @since 0.2.0
   */
  public long bytesHeld() {
    return sumOverSegments(segment -> segment.bytesHeld);
  }

  /**
   * Locations evicted since this board was made, by the location cap or the byte cap, summed as
   * {@link #locationCount}.
   *
   * @since 0.2.0
   */
  public long evictedLocationCount() {
    return sumOverSegments(segment -> segment.evictedLocations);
  }

  /** Sums a count over the segments, each read under its lock. */
  private long sumOverSegments(ToLongFunction<Segment> count) {
    long sum = 0;
    for (Segment segment : segments) {
      synchronized (segment) {
        sum += count.applyAsLong(segment);
      }
    }
    return sum;
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

  /** Segments this board is split into; for tests. */
  int segmentCount() {
    return segments.length;
  }

  /** Notes a post at {@code point} would read back now (0 if none is kept there); for tests. */
  int notesIndexedAt(Point point) {
    Segment segment = segmentOf(point);
    synchronized (segment) {
      Location location = segment.index.get(PointTable.keyOf(point));
      return location == null ? 0 : location.notes.size();
    }
  }

  /** Whether both points' locations fall in one segment; for tests. */
  boolean sameSegment(Point a, Point b) {
    return segmentOf(a) == segmentOf(b);
  }

  private List<RouteNote> post(RouteNote note, Session from) {
    limits.requireMessageWithinLimit(note, observer);
    long noteBytes = NoteFootprint.of(note);
    Point point = note.location();
    Segment segment = segmentOf(point);
    long key = PointTable.keyOf(point);
    synchronized (segment) {
      Location location = segment.index.get(key);
      List<RouteNote> earlier;
      if (location == null) {
        earlier = List.of();
        location = new Location(key);
        segment.index.putNew(key, location);
        location.bytes = NoteFootprint.LOCATION_BYTES;
        segment.bytesHeld += NoteFootprint.LOCATION_BYTES;
        segment.linkNewest(location);
      } else {
        earlier = location.history();
        if (segment.newest != location) {
          segment.unlink(location);
          segment.linkNewest(location);
        }
      }
      int drop = account(segment, location, noteBytes);
      for (int i = 0; i < drop; i++) {
        location.notes.removeFirst();
      }
      location.notes.addLast(note);
      observer.noteStored();
      // Reported once the segment is consistent again: an observer that throws (against its
      // contract) fails this post, not the board's counts or index.
      report(NoteEviction.PER_LOCATION_CAP, segment.evictedForPerLocationCap);
      report(NoteEviction.LOCATION_CAP, segment.evictedForLocationCap);
      report(NoteEviction.BYTES_CAP, segment.evictedForBytesCap);
      if (from != null) {
        from.follow(point);
      }
      if (openSessions.get() > 0) {
        // Only an open session follows a location, and it does so under this segment's lock:
        // with none open, nobody follows this one.
        deliver(note, from);
      }
      return earlier;
    }
  }

  /**
   * Counts a note about to be added to {@code location} (its segment's newest), evicts the
   * segment's least recently posted-to others while its share of a cap is passed, and returns how
   * many of the location's own oldest notes to drop: one beyond its cap, more if it alone passes
   * the byte share. Leaves the evicted notes' counts, by reason, in the segment for the post to
   * report.
   */
  private int account(Segment segment, Location location, long noteBytes) {
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
    segment.bytesHeld += noteBytes - freed;
    segment.notesHeld += 1 - drop;
    while (segment.oldest != location
        && (segment.bytesHeld > segment.maxBytes
            || segment.index.size() > segment.maxLocations)) {
      Location evicted = segment.oldest;
      boolean tooManyLocations = segment.index.size() > segment.maxLocations;
      segment.evict(evicted);
      if (tooManyLocations) {
        locationCap += evicted.count;
      } else {
        bytesCap += evicted.count;
      }
    }
    // Alone over the byte share (a cap smaller than one full location): drop its own oldest notes.
    while (segment.bytesHeld > segment.maxBytes) {
      long bytes = NoteFootprint.of(oldestFirst.next());
      drop++;
      bytesCap++;
      location.bytes -= bytes;
      location.count--;
      segment.bytesHeld -= bytes;
      segment.notesHeld--;
    }
    segment.evictedForPerLocationCap = perLocationCap;
    segment.evictedForLocationCap = locationCap;
    segment.evictedForBytesCap = bytesCap;
    return drop;
  }

  private void report(NoteEviction reason, int count) {
    if (count > 0) {
      observer.notesEvicted(reason, count);
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

  private Segment segmentOf(Point point) {
    // Fibonacci hashing: the top bits of the product (with one segment the shift is 32, which
    // Java takes as 0, and the mask keeps none). A point's hash is linear in its
    // coordinates, so its low bits would put points a segment count apart in one segment, and
    // chats walking neighbouring points in step (a route, a grid) would queue behind each other
    // point after point; multiplied, neighbours land in unrelated segments.
    return segments[((point.hashCode() * 0x9E3779B9) >>> segmentShift) & (segments.length - 1)];
  }

  /**
   * One segment: its locations, their recency order, its counts and its shares of the caps, all
   * guarded by its own monitor.
   */
  private static final class Segment {
    final int maxLocations;
    final long maxBytes;
    final PointTable<Location> index = new PointTable<>();
    /** The least recently posted-to location, or null; its {@code newer} is the next. */
    Location oldest;
    /** The most recently posted-to location, or null. */
    Location newest;
    long bytesHeld;
    long notesHeld;
    long evictedLocations;
    /** Notes the post holding the lock evicted, by reason, to be reported by it. */
    int evictedForPerLocationCap;
    int evictedForLocationCap;
    int evictedForBytesCap;

    Segment(int maxLocations, long maxBytes) {
      this.maxLocations = maxLocations;
      this.maxBytes = maxBytes;
    }

    void evict(Location location) {
      unlink(location);
      index.remove(location.key);
      bytesHeld -= location.bytes;
      notesHeld -= location.count;
      evictedLocations++;
    }

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

  /** One location's notes, oldest first, and its place in its segment's recency list. */
  private static final class Location {
    /** Its point's key in the segment's index. */
    final long key;
    // Room for two notes (an ArrayDeque keeps one of its slots free, so this is an array of 3),
    // grown on demand beyond: most locations hold few notes, and the default 16 slots would be
    // more heap than the board accounts for; with room for one, every location's second note
    // copied the array.
    final ArrayDeque<RouteNote> notes = new ArrayDeque<>(2);
    Location older;
    Location newer;
    long bytes;
    int count;

    Location(long key) {
      this.key = key;
    }

    /** The notes kept here, oldest first, as an immutable list. */
    List<RouteNote> history() {
      return switch (notes.size()) {
        case 0 -> List.of();
        case 1 -> List.of(notes.getFirst());
        default -> List.copyOf(notes);
      };
    }
  }

  /**
   * A live session. Its monitor is taken while holding a location's segment (to deliver or to
   * follow), never the other way round, so close takes no segment.
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

    /** Follows a location; called while holding its segment, right after storing a note there. */
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

    /** Hands a note to the listener unless closed; called while holding the note's segment. */
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
