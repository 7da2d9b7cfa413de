package dev.routeguide.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NoteBoard} owes RouteChat, whatever store holds the notes. An
 * implementation subclasses this suite and implements {@link #openBoards}: it returns several
 * board instances over <em>one</em> fresh, empty shared store (the same instance several times
 * for a board that lives in one process; one client per instance for a network store, as
 * several server replicas would hold). Tests post through different instances and expect one
 * history.
 *
 * <pre>{@code
 * class RedisNoteBoardContractTest extends NoteBoardContract {
 *   protected List<NoteBoard> openBoards(int count, NoteBoardLimits limits) {
 *     ...flush the store, return count boards over it...
 *   }
 *   protected void closeBoards() { ...close what openBoards opened... }
 * }
 * }</pre>
 *
 * <p>Covered: order, the per-location cap, the message-length limit, empty history, atomic posts
 * under concurrency across instances, and live delivery ({@link NoteBoard#openSession}). Caps on
 * locations or bytes are the in-memory board's own (a network store bounds them its own way) and
 * are tested with it.
 */
public abstract class NoteBoardContract {

  /** How long a test waits for anything asynchronous, such as a live note. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long a test waits to be sure that something does <em>not</em> arrive. */
  protected static final Duration QUIET_PERIOD = Duration.ofMillis(200);

  private static final Point HERE = Point.ofE7(407838351, -746143763);
  private static final Point THERE = Point.ofE7(407838351, -746143764);
  private static final Point FAR = Point.ofE7(-337935060, 1512079920);

  private final List<NoteSession> sessions = new ArrayList<>();

  /**
   * Returns {@code count} board instances over one fresh, empty shared store, each keeping to
   * {@code limits}. Called at most once per test; the instances are used from many threads.
   */
  protected abstract List<NoteBoard> openBoards(int count, NoteBoardLimits limits)
      throws Exception;

  /** Releases what {@link #openBoards} opened; called after each test. */
  protected void closeBoards() throws Exception {}

  @AfterEach
  final void closeSessionsAndBoards() throws Exception {
    try {
      sessions.forEach(NoteSession::close);
    } finally {
      closeBoards();
    }
  }

  /** Two instances over one store with the given limits. */
  private List<NoteBoard> two(NoteBoardLimits limits) throws Exception {
    List<NoteBoard> boards = openBoards(2, limits);
    assertThat(boards).as("boards returned by openBoards(2, ...)").hasSize(2);
    return boards;
  }

  private NoteSession open(NoteBoard board, LiveNoteListener listener) {
    NoteSession session = board.openSession(listener);
    sessions.add(session);
    return session;
  }

  private static List<String> messages(List<RouteNote> notes) {
    return notes.stream().map(RouteNote::message).toList();
  }

  @Nested
  @DisplayName("post")
  class Post {

    @Test
    void returnsAnEmptyHistoryForTheFirstNoteAtALocation() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);

      assertThat(board.post(RouteNote.at(HERE, "first"))).isEmpty();
    }

    @Test
    void returnsTheEarlierNotesAtExactlyThatLocationOldestFirstAcrossInstances()
        throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      boards.get(0).post(RouteNote.at(HERE, "one"));
      boards.get(1).post(RouteNote.at(THERE, "next door"));
      boards.get(1).post(RouteNote.at(HERE, "two"));
      boards.get(0).post(RouteNote.at(HERE, "three"));

      assertThat(boards.get(1).post(RouteNote.at(HERE, "four")))
          .containsExactly(
              RouteNote.at(HERE, "one"), RouteNote.at(HERE, "two"), RouteNote.at(HERE, "three"));
      assertThat(boards.get(0).post(RouteNote.at(THERE, "again")))
          .containsExactly(RouteNote.at(THERE, "next door"));
    }

    @Test
    void keepsIdenticalNotesAsSeparateNotes() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);
      RouteNote note = RouteNote.at(HERE, "same");
      board.post(note);
      board.post(note);

      assertThat(board.post(note)).containsExactly(note, note);
    }

    @Test
    void keepsEmptyAndNonLatinMessagesIntact() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      RouteNote empty = RouteNote.at(HERE, "");
      RouteNote wide = RouteNote.at(HERE, "渋滞 🚗 на трассе");
      boards.get(0).post(empty);
      boards.get(0).post(wide);

      assertThat(boards.get(1).post(RouteNote.at(HERE, "reader"))).containsExactly(empty, wide);
    }

    @Test
    void returnsAnImmutableHistory() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);
      board.post(RouteNote.at(HERE, "first"));
      List<RouteNote> earlier = board.post(RouteNote.at(HERE, "second"));

      assertThatThrownBy(() -> earlier.add(RouteNote.at(HERE, "x")))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dropsTheOldestNotesBeyondThePerLocationCap() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(3));
      for (int i = 1; i <= 5; i++) {
        boards.get(i % 2).post(RouteNote.at(HERE, "n" + i));
      }
      boards.get(0).post(RouteNote.at(THERE, "elsewhere"));

      assertThat(messages(boards.get(1).post(RouteNote.at(HERE, "n6"))))
          .containsExactly("n3", "n4", "n5");
      assertThat(messages(boards.get(0).post(RouteNote.at(HERE, "n7"))))
          .containsExactly("n4", "n5", "n6");
      assertThat(messages(boards.get(0).post(RouteNote.at(THERE, "again"))))
          .containsExactly("elsewhere");
    }

    @Test
    void acceptsAMessageOfExactlyTheMaximumLength() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT.withMaxMessageLength(5)).get(0);
      board.post(RouteNote.at(HERE, "12345"));

      assertThat(board.post(RouteNote.at(HERE, "next"))).containsExactly(
          RouteNote.at(HERE, "12345"));
    }

    @Test
    void rejectsALongerMessageNamingTheFieldAndStoresNothing() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT.withMaxMessageLength(5));

      assertThatThrownBy(() -> boards.get(0).post(RouteNote.at(HERE, "123456")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("message")
          .hasMessageContaining("5");
      assertThat(boards.get(1).post(RouteNote.at(HERE, "ok"))).isEmpty();
    }

    @Test
    void rejectsANullNote() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);

      assertThatThrownBy(() -> board.post(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("note");
    }
  }

  @Nested
  @DisplayName("under concurrency over two instances")
  class Concurrency {

    private static final int THREADS = 8;
    private static final int POSTS_PER_THREAD = 10_000;
    /** Posts a thread makes at one location before moving to the next. */
    private static final int RUN = 25;
    private static final int LOCATIONS = POSTS_PER_THREAD / RUN;

    /** What one poster saw: its note, how many notes came before it, and their fingerprint. */
    private record Seen(RouteNote note, int historySize, int historyHash) {}

    private static Point location(int index) {
      return Point.ofE7(index, -index);
    }

    @Test
    void losesNothingDuplicatesNothingAndShowsEveryPosterAPrefixOfOneOrder() throws Exception {
      int total = THREADS * POSTS_PER_THREAD;
      List<NoteBoard> boards =
          two(NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(total + 1).withMaxMessageLength(64));
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<List<Seen>>> results = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          NoteBoard board = boards.get(t % 2);
          results.add(pool.submit(() -> {
            List<Seen> seen = new ArrayList<>(POSTS_PER_THREAD);
            start.await();
            for (int i = 0; i < POSTS_PER_THREAD; i++) {
              // Every thread walks the same locations in step, so posts collide at each one,
              // while histories stay short enough for a network store to return.
              RouteNote note = RouteNote.at(location(i / RUN), thread + ":" + i);
              List<RouteNote> history = board.post(note);
              seen.add(new Seen(note, history.size(), history.hashCode()));
            }
            return seen;
          }));
        }
        start.countDown();
        List<Seen> seen = new ArrayList<>(total);
        for (Future<List<Seen>> result : results) {
          seen.addAll(result.get(2, TimeUnit.MINUTES));
        }

        // The one order at each location, as a final post there sees it.
        Map<RouteNote, Integer> positions = new HashMap<>();
        Map<Point, int[]> prefixHashes = new HashMap<>();
        Set<RouteNote> distinct = new HashSet<>();
        int stored = 0;
        for (int l = 0; l < LOCATIONS; l++) {
          Point location = location(l);
          List<RouteNote> order = boards.get(0).post(RouteNote.at(location, "final"));
          stored += order.size();
          distinct.addAll(order);
          int[] prefix = new int[order.size() + 1];
          prefix[0] = 1; // List.hashCode of the empty list
          for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
            prefix[i + 1] = 31 * prefix[i] + order.get(i).hashCode();
          }
          prefixHashes.put(location, prefix);
        }

        assertThat(stored).as("notes stored, duplicates included").isEqualTo(total);
        assertThat(distinct).as("distinct notes stored").hasSize(total);
        // Checked in plain code, reported at once: 80,000 assertions would dominate the test.
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> lastPositionByPosterAndLocation = new HashMap<>();
        for (Seen post : seen) {
          Integer position = positions.get(post.note());
          if (position == null) {
            wrong.add(post.note() + " was lost");
          } else if (post.historySize() != position
              || post.historyHash() != prefixHashes.get(post.note().location())[position]) {
            wrong.add(post.note() + " saw " + post.historySize()
                + " notes that are not the prefix of the final order before it");
          } else {
            // One poster's notes at one location are stored in the order it posted them.
            String key = post.note().message().split(":")[0] + "@" + post.note().location();
            Integer previous = lastPositionByPosterAndLocation.put(key, position);
            if (previous != null && previous > position) {
              wrong.add(post.note() + " was stored before its poster's earlier note");
            }
          }
        }
        assertThat(wrong).as("posts with a wrong outcome").isEmpty();
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      }
    }
  }

  @Nested
  @DisplayName("live delivery")
  class LiveDelivery {

    @Test
    void postThroughASessionRepliesLikePost() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      boards.get(1).post(RouteNote.at(HERE, "earlier"));
      NoteSession session = open(boards.get(0), new LiveNotes());

      assertThat(session.post(RouteNote.at(HERE, "mine")))
          .containsExactly(RouteNote.at(HERE, "earlier"));
      assertThat(session.post(RouteNote.at(THERE, "mine too"))).isEmpty();
      assertThat(boards.get(1).post(RouteNote.at(HERE, "later")))
          .containsExactly(RouteNote.at(HERE, "earlier"), RouteNote.at(HERE, "mine"));
    }

    @Test
    void deliversANoteThatAnotherInstancePostsAtAFollowedLocation() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      open(boards.get(0), live).post(RouteNote.at(HERE, "watching"));

      boards.get(1).post(RouteNote.at(HERE, "traffic jam"));

      assertThat(live.awaitNotes(1)).containsExactly(RouteNote.at(HERE, "traffic jam"));
    }

    @Test
    void deliversNotesOfOtherSessionsOnEitherInstanceToEachOther() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes first = new LiveNotes();
      LiveNotes second = new LiveNotes();
      NoteSession a = open(boards.get(0), first);
      NoteSession b = open(boards.get(1), second);
      a.post(RouteNote.at(HERE, "a1"));
      b.post(RouteNote.at(HERE, "b1"));
      a.post(RouteNote.at(HERE, "a2"));

      assertThat(messages(first.awaitNotes(1))).containsExactly("b1");
      assertThat(messages(second.awaitNotes(1))).containsExactly("a2");
    }

    @Test
    void neverEchoesTheSessionsOwnNotes() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      NoteSession session = open(boards.get(0), live);
      session.post(RouteNote.at(HERE, "mine 1"));
      session.post(RouteNote.at(HERE, "mine 2"));

      // Notes at one location arrive in board order: an echo would come before the marker.
      boards.get(1).post(RouteNote.at(HERE, "marker"));

      assertThat(messages(live.awaitNotes(1))).containsExactly("marker");
      live.assertNothingMoreWithin(QUIET_PERIOD);
    }

    @Test
    void followsOnlyTheLocationsTheSessionPostedAt() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      open(boards.get(0), live).post(RouteNote.at(HERE, "watching"));

      boards.get(1).post(RouteNote.at(THERE, "next door"));
      boards.get(1).post(RouteNote.at(FAR, "far away"));
      boards.get(1).post(RouteNote.at(HERE, "marker"));

      assertThat(messages(live.awaitNotes(1))).containsExactly("marker");
      live.assertNothingMoreWithin(QUIET_PERIOD);
    }

    @Test
    void deliversNothingPostedBeforeTheSessionsFirstPostThere() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      NoteSession session = open(boards.get(0), live);
      session.post(RouteNote.at(THERE, "watching there"));
      boards.get(1).post(RouteNote.at(HERE, "before"));
      session.post(RouteNote.at(HERE, "watching here"));
      boards.get(1).post(RouteNote.at(HERE, "after"));

      assertThat(messages(live.awaitNotes(1))).containsExactly("after");
      live.assertNothingMoreWithin(QUIET_PERIOD);
    }

    @Test
    void deliversEveryLaterNoteInBoardOrder() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      open(boards.get(0), live).post(RouteNote.at(HERE, "watching"));
      int count = 500;
      List<String> posted = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        RouteNote note = RouteNote.at(i % 2 == 0 ? HERE : THERE, "n" + i);
        boards.get(i % 2).post(note);
        if (note.location().equals(HERE)) {
          posted.add(note.message());
        }
      }

      assertThat(messages(live.awaitNotes(posted.size()))).containsExactlyElementsOf(posted);
      live.assertNothingMoreWithin(QUIET_PERIOD);
    }

    @Test
    void splitsConcurrentNotesBetweenTheReplyAndLiveDeliveryWithoutGapOrDuplicate()
        throws Exception {
      int most = 10_000;
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(most + 10));
      LiveNotes live = new LiveNotes();
      NoteSession session = open(boards.get(0), live);
      AtomicInteger postedSoFar = new AtomicInteger();
      AtomicBoolean joined = new AtomicBoolean();
      ExecutorService poster = Executors.newSingleThreadExecutor();
      try {
        // The other poster runs before, during and after the session's post, 200 notes past it.
        Future<Integer> posting = poster.submit(() -> {
          int i = 0;
          int afterJoining = 0;
          while (i < most && afterJoining < 200) {
            boolean joinedBefore = joined.get();
            boards.get(1).post(RouteNote.at(HERE, "n" + i));
            postedSoFar.set(++i);
            if (joinedBefore) {
              afterJoining++;
            }
          }
          return i;
        });
        awaitCondition("the other poster to be under way", () -> postedSoFar.get() >= 20);
        List<RouteNote> reply = session.post(RouteNote.at(HERE, "joining"));
        joined.set(true);
        int count = posting.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        List<RouteNote> delivered = live.awaitNotes(count - reply.size());
        List<String> seen = new ArrayList<>(messages(reply));
        seen.addAll(messages(delivered));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          expected.add("n" + i);
        }
        assertThat(reply).as("the reply").isNotEmpty();
        assertThat(delivered).as("the live notes").isNotEmpty();
        assertThat(seen).as("reply then live notes").containsExactlyElementsOf(expected);
        live.assertNothingMoreWithin(QUIET_PERIOD);
      } finally {
        poster.shutdownNow();
        assertThat(poster.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      }
    }

    @Test
    void neverCallsOneListenerTwiceAtOnce() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes live = new LiveNotes();
      NoteSession session = open(boards.get(0), live);
      Point[] locations = {HERE, THERE, FAR};
      for (Point location : locations) {
        session.post(RouteNote.at(location, "watching"));
      }
      int threads = 4;
      int perThread = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> posting = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          posting.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              boards.get(thread % 2).post(
                  RouteNote.at(locations[(thread + i) % locations.length], thread + ":" + i));
            }
          }));
        }
        for (Future<?> future : posting) {
          future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<RouteNote> delivered = live.awaitNotes(threads * perThread);
        assertThat(new HashSet<>(delivered)).hasSize(threads * perThread);
        assertThat(live.overlappingCalls()).as("calls that overlapped another").isZero();
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      }
    }

    @Test
    void stopsDeliveringOnceTheSessionIsClosed() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes closedOne = new LiveNotes();
      LiveNotes witness = new LiveNotes();
      NoteSession closing = open(boards.get(0), closedOne);
      closing.post(RouteNote.at(HERE, "watching"));
      open(boards.get(0), witness).post(RouteNote.at(HERE, "watching too"));
      boards.get(1).post(RouteNote.at(HERE, "before close"));
      assertThat(messages(closedOne.awaitNotes(2))).containsExactly("watching too", "before close");

      closing.close();
      boards.get(1).post(RouteNote.at(HERE, "after close"));

      // The witness follows the same location: once it has the note, delivery has happened.
      assertThat(messages(witness.awaitNotes(2))).containsExactly("before close", "after close");
      closedOne.assertNothingMoreWithin(QUIET_PERIOD);
    }

    @Test
    void keepsTheNotesOfAClosedSession() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      NoteSession session = open(boards.get(0), new LiveNotes());
      session.post(RouteNote.at(HERE, "left behind"));
      session.close();

      assertThat(boards.get(1).post(RouteNote.at(HERE, "reader")))
          .containsExactly(RouteNote.at(HERE, "left behind"));
    }

    @Test
    void closesIdempotentlyAndRefusesPostsAfterwards() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);
      NoteSession session = open(board, new LiveNotes());
      session.close();
      session.close();

      assertThatThrownBy(() -> session.post(RouteNote.at(HERE, "too late")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closesFromWithinItsOwnListener() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes witness = new LiveNotes();
      SelfClosing selfClosing = new SelfClosing();
      NoteSession session = open(boards.get(0), selfClosing);
      selfClosing.session = session;
      session.post(RouteNote.at(HERE, "watching"));
      open(boards.get(0), witness).post(RouteNote.at(HERE, "watching too"));

      boards.get(1).post(RouteNote.at(HERE, "first"));
      boards.get(1).post(RouteNote.at(HERE, "second"));

      assertThat(messages(witness.awaitNotes(2))).containsExactly("first", "second");
      assertThat(selfClosing.calls.get()).as("calls after closing itself on the first").isOne();
    }

    @Test
    void neverCallsAListenerAgainOnceItHasThrown() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT);
      LiveNotes witness = new LiveNotes();
      Throwing throwing = new Throwing();
      open(boards.get(0), throwing).post(RouteNote.at(HERE, "watching"));
      open(boards.get(0), witness).post(RouteNote.at(HERE, "watching too"));

      boards.get(1).post(RouteNote.at(HERE, "first"));
      boards.get(1).post(RouteNote.at(HERE, "second"));
      boards.get(1).post(RouteNote.at(HERE, "third"));

      // Once the witness has the third, every follower has been offered the second.
      assertThat(messages(witness.awaitNotes(3))).containsExactly("first", "second", "third");
      assertThat(throwing.calls.get()).as("calls after throwing on the first").isOne();
    }

    @Test
    void rejectsANullListener() throws Exception {
      NoteBoard board = two(NoteBoardLimits.DEFAULT).get(0);

      assertThatThrownBy(() -> board.openSession(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("listener");
    }

    @Test
    void rejectsANoteOverTheLimitThroughASessionAndStoresNothing() throws Exception {
      List<NoteBoard> boards = two(NoteBoardLimits.DEFAULT.withMaxMessageLength(5));
      NoteSession session = open(boards.get(0), new LiveNotes());

      assertThatThrownBy(() -> session.post(RouteNote.at(HERE, "123456")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("message");
      assertThat(boards.get(1).post(RouteNote.at(HERE, "ok"))).isEmpty();
    }
  }

  /** A listener that closes its own session on the first note. */
  private static final class SelfClosing implements LiveNoteListener {
    volatile NoteSession session;
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onLiveNote(RouteNote note) {
      calls.incrementAndGet();
      session.close();
    }

    @Override
    public void onLiveInterrupted(RouteGuideException reason) {}
  }

  /** A listener that throws on every note. */
  private static final class Throwing implements LiveNoteListener {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onLiveNote(RouteNote note) {
      calls.incrementAndGet();
      throw new IllegalStateException("a listener that fails, for the test");
    }

    @Override
    public void onLiveInterrupted(RouteGuideException reason) {}
  }

  /**
   * A listener that records what it is given and how often two calls overlapped, for a test
   * thread to await.
   */
  protected static final class LiveNotes implements LiveNoteListener {
    private final List<RouteNote> notes = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private RouteGuideException interruption;
    private int taken;

    @Override
    public void onLiveNote(RouteNote note) {
      enter();
      try {
        synchronized (this) {
          notes.add(note);
          notifyAll();
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onLiveInterrupted(RouteGuideException reason) {
      enter();
      try {
        synchronized (this) {
          interruption = reason;
          notifyAll();
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private void enter() {
      if (inFlight.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
    }

    /** Calls that began while another call for this listener was still running. */
    public int overlappingCalls() {
      return overlaps.get();
    }

    /** The interruption delivered, or null. */
    public synchronized RouteGuideException interruption() {
      return interruption;
    }

    /**
     * Waits for the next {@code count} notes not yet taken and returns them in arrival order.
     *
     * @throws TimeoutException if they did not all arrive within {@link #TIMEOUT}
     */
    public synchronized List<RouteNote> awaitNotes(int count)
        throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (notes.size() < taken + count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(
              "expected " + count + " live notes within " + TIMEOUT + ", got "
                  + (notes.size() - taken) + ": " + notes.subList(taken, notes.size()));
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      List<RouteNote> next = List.copyOf(notes.subList(taken, taken + count));
      taken += count;
      return next;
    }

    /** Fails if any note beyond those taken arrives within the period. */
    public synchronized void assertNothingMoreWithin(Duration period) throws InterruptedException {
      long deadline = System.nanoTime() + period.toNanos();
      long left;
      while (notes.size() == taken && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      assertThat(notes.subList(taken, notes.size())).as("unexpected live notes").isEmpty();
    }
  }

  private static void awaitCondition(String what, BooleanSupplier condition)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("waited " + TIMEOUT + " for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
