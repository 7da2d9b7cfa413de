package dev.routeguide.core.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.geo.Point;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("InMemoryNoteBoard")
class InMemoryNoteBoardTest {

  private static final Point P1 = Point.ofE7(0, 0);
  private static final Point P2 = Point.ofE7(0, 10_000_000);
  private static final Point P3 = Point.ofE7(10_000_000, 0);

  @Nested
  @DisplayName("posting")
  class Posting {

    private final InMemoryNoteBoard board = new InMemoryNoteBoard();

    @Test
    void returnsNothingForTheFirstNoteAtALocation() {
      assertThat(board.post(RouteNote.at(P1, "first"))).isEmpty();
    }

    @Test
    void returnsTheEarlierNotesAtThatLocationOldestFirst() {
      RouteNote first = RouteNote.at(P1, "first");
      RouteNote second = RouteNote.at(P1, "second");
      board.post(first);
      board.post(RouteNote.at(P2, "elsewhere"));
      board.post(second);

      assertThat(board.post(RouteNote.at(P1, "third"))).containsExactly(first, second);
    }

    @Test
    void matchesLocationsExactly() {
      board.post(RouteNote.at(P1, "here"));

      assertThat(board.post(RouteNote.at(Point.ofE7(0, 1), "one unit east"))).isEmpty();
      assertThat(board.post(RouteNote.at(Point.ofE7(1, 0), "one unit north"))).isEmpty();
    }

    @Test
    void keepsIdenticalNotesApart() {
      RouteNote note = RouteNote.at(P1, "same");
      board.post(note);
      board.post(note);

      assertThat(board.post(note)).containsExactly(note, note);
    }

    @Test
    void returnsAnImmutableSnapshot() {
      board.post(RouteNote.at(P1, "first"));
      List<RouteNote> earlier = board.post(RouteNote.at(P1, "second"));
      board.post(RouteNote.at(P1, "third"));

      assertThat(earlier).extracting(RouteNote::message).containsExactly("first");
      assertThatThrownBy(() -> earlier.add(RouteNote.at(P1, "x")))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void followsTheGrpcJavaSequence() {
      // grpc-java's RouteChat test: p1, p2, p1, p2, p1, p1 gives 0, 0, 1, 2, 4, 7 notes in total.
      Point[] sequence = {P1, P2, P1, P2, P1, P1};
      List<Integer> cumulative = new ArrayList<>();
      int total = 0;
      for (int i = 0; i < sequence.length; i++) {
        total += board.post(RouteNote.at(sequence[i], "m" + i)).size();
        cumulative.add(total);
      }

      assertThat(cumulative).containsExactly(0, 0, 1, 2, 4, 7);
    }

    @Test
    void sharesTheHistoryBetweenCallersOnOtherThreads() throws Exception {
      RouteNote mine = RouteNote.at(P1, "from the test thread");
      board.post(mine);

      Thread other = new Thread(() -> board.post(RouteNote.at(P1, "from another thread")));
      other.start();
      other.join();

      assertThat(board.post(RouteNote.at(P1, "again")))
          .containsExactly(mine, RouteNote.at(P1, "from another thread"));
    }

    @Test
    void rejectsANullNote() {
      assertThatThrownBy(() -> board.post(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("note");
    }

    @Test
    void usesTheDefaultLimits() {
      assertThat(board.limits()).isEqualTo(NoteBoardLimits.DEFAULT);
    }
  }

  @Nested
  @DisplayName("limits")
  class Limits {

    @Test
    void dropsTheOldestNotesBeyondTheCapPerLocation() {
      InMemoryNoteBoard board = new InMemoryNoteBoard(new NoteBoardLimits(3, 10, 100));
      for (int i = 1; i <= 5; i++) {
        board.post(RouteNote.at(P1, "n" + i));
      }
      board.post(RouteNote.at(P2, "other"));

      assertThat(board.noteCount()).isEqualTo(4);
      assertThat(board.post(RouteNote.at(P1, "n6")))
          .extracting(RouteNote::message)
          .containsExactly("n3", "n4", "n5");
      assertThat(board.post(RouteNote.at(P1, "n7")))
          .extracting(RouteNote::message)
          .containsExactly("n4", "n5", "n6");
    }

    @Test
    void evictsTheLeastRecentlyPostedLocationBeyondTheCap() {
      InMemoryNoteBoard board = new InMemoryNoteBoard(new NoteBoardLimits(10, 2, 100));
      board.post(RouteNote.at(P1, "p1 old"));
      board.post(RouteNote.at(P2, "p2"));
      board.post(RouteNote.at(P1, "p1 recent")); // P1 is now the most recently posted to

      board.post(RouteNote.at(P3, "p3")); // evicts P2

      assertThat(board.locationCount()).isEqualTo(2);
      assertThat(board.noteCount()).isEqualTo(3);
      assertThat(board.post(RouteNote.at(P1, "p1 again")))
          .extracting(RouteNote::message)
          .containsExactly("p1 old", "p1 recent");
      assertThat(board.post(RouteNote.at(P2, "p2 again"))).isEmpty(); // and now P3 goes
      assertThat(board.post(RouteNote.at(P3, "p3 again"))).isEmpty();
      assertThat(board.locationCount()).isEqualTo(2);
    }

    @Test
    void acceptsAMessageOfExactlyTheMaximumLength() {
      InMemoryNoteBoard board =
          new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(5));

      board.post(RouteNote.at(P1, "12345"));

      assertThat(board.noteCount()).isEqualTo(1);
    }

    @Test
    void rejectsALongerMessageNamingItsLengthAndTheLimitAndKeepsNothing() {
      InMemoryNoteBoard board =
          new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxMessageLength(5));

      assertThatThrownBy(() -> board.post(RouteNote.at(P1, "123456")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("message")
          .hasMessageContaining("6")
          .hasMessageContaining("5");
      assertThat(board.noteCount()).isZero();
      assertThat(board.locationCount()).isZero();
    }
  }

  @Nested
  @DisplayName("byte cap")
  class ByteCap {

    /** Eight Latin-1 chars: 80 bytes of objects + a 24-byte array (16 + 8), as counted. */
    private static final long LATIN_NOTE = 104;
    /** A location before its notes. */
    private static final long LOCATION = 160;
    /** One location holding one eight-char Latin-1 note. */
    private static final long ONE = LOCATION + LATIN_NOTE;

    private final NoteBoardLimits eightChars = NoteBoardLimits.DEFAULT.withMaxMessageLength(8);

    @Test
    void countsALatin1MessageAtOneBytePerCharAndAnyOtherAtTwo() {
      InMemoryNoteBoard board = new InMemoryNoteBoard(eightChars);
      board.post(RouteNote.at(P1, "abcdefgh"));
      assertThat(board.bytesHeld()).isEqualTo(ONE);

      board.post(RouteNote.at(P2, "日本語のメモです"));
      // 80 bytes of objects + a 32-byte array (16 + 8 chars x 2), and the location.
      assertThat(board.bytesHeld()).isEqualTo(ONE + LOCATION + 112);
    }

    @Test
    void keepsEverythingThatFitsExactlyAndEvictsTheLeastRecentlyPostedToBeyond() {
      InMemoryNoteBoard board = new InMemoryNoteBoard(eightChars.withMaxNoteBytes(3 * ONE));
      board.post(RouteNote.at(P1, "p1 first"));
      board.post(RouteNote.at(P2, "p2 first"));
      board.post(RouteNote.at(P3, "p3 first"));
      assertThat(board.bytesHeld()).isEqualTo(3 * ONE);
      assertThat(board.evictedLocationCount()).isZero();

      Point p4 = Point.ofE7(-10, -10);
      board.post(RouteNote.at(p4, "p4 first")); // evicts P1, the least recent
      assertThat(board.bytesHeld()).isEqualTo(3 * ONE);
      assertThat(board.locationCount()).isEqualTo(3);

      board.post(RouteNote.at(P2, "p2 again")); // P2 becomes the most recent; P3 must go
      assertThat(board.bytesHeld()).isEqualTo(2 * ONE + LATIN_NOTE);
      assertThat(board.evictedLocationCount()).isEqualTo(2);
      assertThat(board.post(RouteNote.at(P2, "p2 third")))
          .extracting(RouteNote::message)
          .containsExactly("p2 first", "p2 again");
      assertThat(board.post(RouteNote.at(p4, "p4 again")))
          .extracting(RouteNote::message)
          .containsExactly("p4 first");
      assertThat(board.post(RouteNote.at(P1, "p1 again"))).isEmpty();
    }

    @Test
    void reportsEachEvictionToTheObserverWithItsReason() {
      Map<NoteEviction, Integer> evicted = new EnumMap<>(NoteEviction.class);
      NoteBoardObserver observer = new NoteBoardObserver() {
        @Override
        public void notesEvicted(NoteEviction reason, int count) {
          evicted.merge(reason, count, Integer::sum);
        }
      };
      InMemoryNoteBoard board = new InMemoryNoteBoard(
          eightChars.withMaxNotesPerLocation(2).withMaxLocations(2).withMaxNoteBytes(2 * ONE),
          observer);
      board.post(RouteNote.at(P1, "p1 first"));
      board.post(RouteNote.at(P2, "p2 first"));
      board.post(RouteNote.at(P2, "p2 again")); // over the bytes: P1 and its one note go
      board.post(RouteNote.at(P2, "p2 third")); // P2's cap: its oldest goes
      board.post(RouteNote.at(P1, "p1 back")); // bytes again: P2's two notes go

      assertThat(evicted).containsOnly(
          Map.entry(NoteEviction.BYTES_CAP, 3), Map.entry(NoteEviction.PER_LOCATION_CAP, 1));
      assertThat(board.evictedLocationCount()).isEqualTo(2);
    }

    @Test
    void dropsALocationsOwnOldestNotesWhenItAloneWouldPassTheCap() {
      InMemoryNoteBoard board =
          new InMemoryNoteBoard(eightChars.withMaxNoteBytes(LOCATION + 3 * LATIN_NOTE));
      for (int i = 1; i <= 4; i++) {
        board.post(RouteNote.at(P1, "note   " + i));
      }

      assertThat(board.noteCount()).isEqualTo(3);
      assertThat(board.bytesHeld()).isEqualTo(LOCATION + 3 * LATIN_NOTE);
      assertThat(board.post(RouteNote.at(P1, "note   5")))
          .extracting(RouteNote::message)
          .containsExactly("note   2", "note   3", "note   4");
    }

    @Test
    void agreesWithASimpleModelOverRandomPosts() {
      long cap = 4_000;
      NoteBoardLimits limits =
          new NoteBoardLimits(5, 12, 20, cap);
      InMemoryNoteBoard board = new InMemoryNoteBoard(limits);
      Model model = new Model(limits);
      Random random = new Random(20261201);
      for (int i = 0; i < 5_000; i++) {
        Point location = Point.ofE7(random.nextInt(20), 0);
        StringBuilder message = new StringBuilder();
        int length = random.nextInt(21);
        boolean wide = random.nextBoolean();
        for (int c = 0; c < length; c++) {
          message.append(wide ? (char) ('ア' + random.nextInt(40)) : (char) ('a' + c % 26));
        }
        RouteNote note = RouteNote.at(location, i + message.toString());
        if (note.message().length() > 20) {
          note = RouteNote.at(location, note.message().substring(0, 20));
        }

        assertThat(board.post(note)).as("reply to post %d", i).isEqualTo(model.post(note));
        assertThat(board.bytesHeld()).as("bytes after post %d", i).isEqualTo(model.bytes());
        assertThat(board.bytesHeld()).isLessThanOrEqualTo(cap);
        assertThat(board.noteCount()).as("notes after post %d", i).isEqualTo(model.notes());
        assertThat(board.locationCount()).isEqualTo(model.locations.size());
      }
      assertThat(board.evictedLocationCount()).as("the cap was exercised").isPositive();
    }

    @Test
    void allowsTheDefaultLimitsTheirFullCountOfLatin1NotesOnlyUpToTheByteCap() {
      // A full location of 1,024-char wide notes costs 160 + 100 x 2,144 bytes: 312 fit 64 MiB,
      // and as many fit the board's 4 segments of 100 locations (78 in each 16 MiB share).
      NoteBoardLimits limits = NoteBoardLimits.DEFAULT.withMaxLocations(400);
      InMemoryNoteBoard board = new InMemoryNoteBoard(limits);
      String wide = "道".repeat(1024);
      for (int location = 0; location < 400; location++) {
        for (int n = 0; n < 100; n++) {
          board.post(RouteNote.at(Point.ofE7(location, 0), wide));
        }
      }

      long perLocation = LOCATION + 100 * (80 + 16 + 2048);
      assertThat(board.locationCount()).isEqualTo((int) (limits.maxNoteBytes() / perLocation));
      assertThat(board.bytesHeld()).isLessThanOrEqualTo(limits.maxNoteBytes());
    }
  }

  @Nested
  @DisplayName("under concurrent eviction")
  class ConcurrentEviction {

    @Test
    void keepsExactlyItsCapWhenThreadsEvictEachOthersNewLocations() throws Exception {
      // A cap of 2 locations and 4 threads posting at fresh points: every post but the first two
      // evicts a location another thread has just made.
      InMemoryNoteBoard board = new InMemoryNoteBoard(new NoteBoardLimits(10, 2, 100));
      int threads = 4;
      int postsPerThread = 20_000;
      postConcurrently(threads, postsPerThread,
          (thread, n) -> board.post(RouteNote.at(Point.ofE7(thread, n), "n")));

      assertThat(board.locationCount()).isEqualTo(2);
      assertThat(board.evictedLocationCount()).isEqualTo((long) threads * postsPerThread - 2);
    }

    @Test
    void agreesWithItselfOnceThreadsHaveChurnedAFewSharedLocations() throws Exception {
      // Three shared points and a cap of 2: posts keep starting afresh locations that another post
      // has just evicted. Once they are done, the counts and the notes a post would read back
      // agree.
      InMemoryNoteBoard board = new InMemoryNoteBoard(new NoteBoardLimits(10, 2, 100));
      List<Point> points = List.of(Point.ofE7(1, 1), Point.ofE7(2, 2), Point.ofE7(3, 3));
      postConcurrently(4, 20_000, (thread, n) ->
          board.post(RouteNote.at(points.get((n + thread) % points.size()), "n")));

      assertThat(board.locationCount()).isEqualTo(2);
      long reachable = points.stream().mapToLong(board::notesIndexedAt).sum();
      assertThat(reachable).as("notes a post can read back").isEqualTo(board.noteCount());
    }
  }

  @Nested
  @DisplayName("in segments")
  class Segments {

    @Test
    void splitsTheDefaultLimitsSixteenWays() {
      assertThat(InMemoryNoteBoard.segmentCount(NoteBoardLimits.DEFAULT)).isEqualTo(16);
      assertThat(new InMemoryNoteBoard().segmentCount()).isEqualTo(16);
    }

    @Test
    void usesOneSegmentAndSoOneRecencyOrderWhenTheCapsAreSmall() {
      assertThat(InMemoryNoteBoard.segmentCount(new NoteBoardLimits(10, 2, 100))).isEqualTo(1);
      assertThat(InMemoryNoteBoard.segmentCount(NoteBoardLimits.DEFAULT.withMaxLocations(127)))
          .as("two segments need 64 locations each")
          .isEqualTo(1);
      assertThat(InMemoryNoteBoard.segmentCount(NoteBoardLimits.DEFAULT.withMaxLocations(128)))
          .isEqualTo(2);
    }

    @Test
    void usesAtMostSixtyFourSegments() {
      NoteBoardLimits large = new NoteBoardLimits(100, 1_000_000, 1024, 1L << 30);
      assertThat(InMemoryNoteBoard.segmentCount(large)).isEqualTo(InMemoryNoteBoard.MAX_SEGMENTS);
    }

    @Test
    void splitsACapThatDoesNotDivideEvenlyWithoutLosingTheRemainder() {
      NoteBoardLimits limits = NoteBoardLimits.DEFAULT.withMaxLocations(1_001);
      InMemoryNoteBoard board = new InMemoryNoteBoard(limits);
      assertThat(board.segmentCount()).isEqualTo(8);
      for (int n = 0; n < 20_000; n++) {
        board.post(RouteNote.at(Point.ofE7(n, 0), "n"));
      }

      assertThat(board.locationCount()).isEqualTo(1_001);
    }

    @Test
    void fallsBackToOneSegmentWhenAFullLocationOverflowsTheArithmetic() {
      NoteBoardLimits huge =
          new NoteBoardLimits(Integer.MAX_VALUE, 1_000_000, Integer.MAX_VALUE, Long.MAX_VALUE);
      assertThat(InMemoryNoteBoard.segmentCount(huge)).isEqualTo(1);
    }

    @Test
    void keepsExactlyTheLocationCapOnceEverySegmentIsFull() {
      InMemoryNoteBoard board = new InMemoryNoteBoard();
      int posts = 50_000;
      for (int n = 0; n < posts; n++) {
        board.post(RouteNote.at(Point.ofE7(n, 0), "n"));
      }

      assertThat(board.locationCount()).isEqualTo(10_000);
      assertThat(board.evictedLocationCount()).isEqualTo(posts - 10_000);
      assertThat(board.noteCount()).isEqualTo(10_000);
    }

    @Test
    void evictsTheLeastRecentlyPostedLocationOfTheCrowdedSegmentOnly() {
      // Two segments of 64 locations each: the oldest location of the board sits in the other one.
      InMemoryNoteBoard board =
          new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxLocations(128));
      assertThat(board.segmentCount()).isEqualTo(2);
      Point oldestOfAll = Point.ofE7(0, 0);
      board.post(RouteNote.at(oldestOfAll, "oldest of all"));
      List<Point> crowded = new ArrayList<>();
      for (int n = 1; crowded.size() < 65; n++) {
        Point point = Point.ofE7(n, 0);
        if (!board.sameSegment(point, oldestOfAll)) {
          crowded.add(point);
          board.post(RouteNote.at(point, "crowded"));
        }
      }

      assertThat(board.notesIndexedAt(crowded.get(0))).as("the crowded segment's oldest").isZero();
      assertThat(board.notesIndexedAt(crowded.get(1))).isEqualTo(1);
      assertThat(board.notesIndexedAt(oldestOfAll)).as("the other segment's location").isEqualTo(1);
      assertThat(board.locationCount()).isEqualTo(65);
      assertThat(board.evictedLocationCount()).isEqualTo(1);
    }

    @Test
    void keepsEachSegmentWithinItsShareOfTheByteCapAndTheBoardWithinTheCap() {
      // The longest non-Latin-1 notes: a full location is 214,560 bytes; a 4 MiB share holds 19.
      InMemoryNoteBoard board = new InMemoryNoteBoard();
      String wide = "道".repeat(1024);
      for (int location = 0; location < 1_000; location++) {
        for (int n = 0; n < 100; n++) {
          board.post(RouteNote.at(Point.ofE7(location, 0), wide));
        }
      }

      long fullLocation = 160 + 100 * (80 + 16 + 2048);
      assertThat(board.bytesHeld()).isLessThanOrEqualTo(NoteBoardLimits.DEFAULT_MAX_NOTE_BYTES);
      assertThat(board.locationCount()).isEqualTo(16 * (int) ((64L << 20) / 16 / fullLocation));
      assertThat(board.bytesHeld()).isEqualTo(board.locationCount() * fullLocation);
    }

    @Test
    void agreesWithItsCountsWhenThreadsPostFreshLocationsAcrossSegments() throws Exception {
      InMemoryNoteBoard board = new InMemoryNoteBoard();
      int threads = 4;
      int postsPerThread = 20_000;
      postConcurrently(threads, postsPerThread,
          (thread, n) -> board.post(RouteNote.at(Point.ofE7(n, thread), "n")));

      long noteBytes = 80 + 24; // "n": 16 + 1 bytes of array, aligned to 24
      assertThat(board.locationCount()).isEqualTo(10_000);
      assertThat(board.evictedLocationCount()).isEqualTo((long) threads * postsPerThread - 10_000);
      assertThat(board.bytesHeld()).isEqualTo(10_000 * (160 + noteBytes));
    }
  }

  /** One post of a poster thread: its number and the post's. */
  private interface Post {
    void run(int thread, int n);
  }

  /** Runs {@code threads} posters of {@code posts} posts each and waits for them (20 s at most). */
  private static void postConcurrently(int threads, int posts, Post post)
      throws InterruptedException {
    List<Thread> posters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      posters.add(new Thread(() -> {
        for (int n = 0; n < posts; n++) {
          post.run(thread, n);
        }
      }));
    }
    posters.forEach(Thread::start);
    for (Thread poster : posters) {
      poster.join(Duration.ofSeconds(20).toMillis());
      assertThat(poster.isAlive()).as("poster finished within 20 s").isFalse();
    }
  }

    /** The board's rules written the obvious way, with the footprint spelled out. */
  private static final class Model {
    private final NoteBoardLimits limits;
    final LinkedHashMap<Point, ArrayDeque<RouteNote>> locations =
        new LinkedHashMap<>(16, 0.75f, true);

    Model(NoteBoardLimits limits) {
      this.limits = limits;
    }

    List<RouteNote> post(RouteNote note) {
      ArrayDeque<RouteNote> notes =
          locations.computeIfAbsent(note.location(), location -> new ArrayDeque<>());
      List<RouteNote> earlier = List.copyOf(notes);
      notes.addLast(note);
      if (notes.size() > limits.maxNotesPerLocation()) {
        notes.removeFirst();
      }
      while (locations.size() > 1
          && (bytes() > limits.maxNoteBytes() || locations.size() > limits.maxLocations())) {
        locations.remove(locations.keySet().iterator().next());
      }
      while (bytes() > limits.maxNoteBytes()) {
        notes.removeFirst();
      }
      return earlier;
    }

    long bytes() {
      long bytes = 0;
      for (ArrayDeque<RouteNote> notes : locations.values()) {
        bytes += 160;
        for (RouteNote note : notes) {
          boolean latin1 = note.message().chars().allMatch(c -> c < 256);
          long array = 16 + (long) note.message().length() * (latin1 ? 1 : 2);
          bytes += 80 + (array + 7) / 8 * 8;
        }
      }
      return bytes;
    }

    long notes() {
      return locations.values().stream().mapToLong(ArrayDeque::size).sum();
    }
  }

  @Nested
  @DisplayName("live sessions")
  class LiveSessions {

    private final InMemoryNoteBoard board = new InMemoryNoteBoard();

    @Test
    void leaveNothingRegisteredAfterTenThousandSessionsAreClosed() {
      List<NoteSession> open = new ArrayList<>();
      List<RouteNote> heard = new ArrayList<>();
      LiveNoteListener listener = new LiveNoteListener() {
        @Override
        public void onLiveNote(RouteNote note) {
          heard.add(note);
        }

        @Override
        public void onLiveInterrupted(dev.routeguide.core.RouteGuideException reason) {}
      };
      for (int i = 0; i < 10_000; i++) {
        NoteSession session = board.openSession(listener);
        session.post(RouteNote.at(Point.ofE7(i % 50, 0), "session " + i));
        session.post(RouteNote.at(Point.ofE7(i, 1), "alone " + i));
        open.add(session);
        if (open.size() == 100) {
          assertThat(board.openSessionCount()).isEqualTo(100);
          assertThat(board.followedLocationCount()).isPositive();
          open.forEach(NoteSession::close);
          open.clear();
        }
      }

      assertThat(heard).as("notes heard live by earlier sessions").isNotEmpty();
      assertThat(board.openSessionCount()).isZero();
      assertThat(board.followedLocationCount()).isZero();
    }

    @Test
    void keepFollowingALocationWhoseNotesWereEvicted() {
      InMemoryNoteBoard small = new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxLocations(1));
      List<RouteNote> heard = new ArrayList<>();
      NoteSession session = small.openSession(new LiveNoteListener() {
        @Override
        public void onLiveNote(RouteNote note) {
          heard.add(note);
        }

        @Override
        public void onLiveInterrupted(dev.routeguide.core.RouteGuideException reason) {}
      });
      session.post(RouteNote.at(P1, "watching"));
      small.post(RouteNote.at(P2, "evicts P1"));

      small.post(RouteNote.at(P1, "back at P1"));

      assertThat(heard).containsExactly(RouteNote.at(P1, "back at P1"));
    }

    @Test
    void reportADeliveredNoteAsDeliveredAndOneItsListenerThrewOnAsDropped() {
      int[] delivered = {0};
      int[] dropped = {0};
      InMemoryNoteBoard observed = new InMemoryNoteBoard(NoteBoardLimits.DEFAULT,
          new NoteBoardObserver() {
            @Override
            public void liveNotesDelivered(int count) {
              delivered[0] += count;
            }

            @Override
            public void liveNotesDropped(int count) {
              dropped[0] += count;
            }
          });
      List<RouteNote> heard = new ArrayList<>();
      NoteSession failing = observed.openSession(new LiveNoteListener() {
        @Override
        public void onLiveNote(RouteNote note) {
          if (!heard.isEmpty()) {
            throw new IllegalStateException("listener gave up");
          }
          heard.add(note);
        }

        @Override
        public void onLiveInterrupted(dev.routeguide.core.RouteGuideException reason) {}
      });
      failing.post(RouteNote.at(P1, "watching"));

      observed.post(RouteNote.at(P1, "heard"));
      observed.post(RouteNote.at(P1, "thrown on"));
      observed.post(RouteNote.at(P1, "after its session closed"));

      assertThat(heard).containsExactly(RouteNote.at(P1, "heard"));
      assertThat(delivered[0]).isEqualTo(1);
      assertThat(dropped[0]).isEqualTo(1);
      assertThat(observed.openSessionCount()).isZero();
    }
  }
}
