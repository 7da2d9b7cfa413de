package dev.routeguide.core.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.geo.Point;
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
  @DisplayName("under concurrency")
  class Concurrency {

    private static final int THREADS = 8;
    private static final int POSTS_PER_THREAD = 10_000;
    private static final Point[] LOCATIONS = {P1, P2, P3, Point.ofE7(-10_000_000, -10_000_000)};

    /** What one poster saw: its note, how many notes came before it, and their fingerprint. */
    private record Post(RouteNote note, int historySize, int historyHash) {}

    @Test
    void losesNothingDuplicatesNothingAndShowsEveryPosterAPrefix() throws Exception {
      int total = THREADS * POSTS_PER_THREAD;
      InMemoryNoteBoard board = new InMemoryNoteBoard(new NoteBoardLimits(total + 1, 16, 64));
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<List<Post>>> results = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(
              pool.submit(
                  () -> {
                    List<Post> posts = new ArrayList<>(POSTS_PER_THREAD);
                    start.await();
                    for (int i = 0; i < POSTS_PER_THREAD; i++) {
                      RouteNote note =
                          RouteNote.at(
                              LOCATIONS[(thread + i) % LOCATIONS.length], thread + ":" + i);
                      List<RouteNote> history = board.post(note);
                      posts.add(new Post(note, history.size(), history.hashCode()));
                    }
                    return posts;
                  }));
        }
        start.countDown();
        List<Post> posts = new ArrayList<>(total);
        for (Future<List<Post>> result : results) {
          posts.addAll(result.get(2, TimeUnit.MINUTES));
        }

        // The final order at each location, as one more post there sees it.
        Map<RouteNote, Integer> positions = new HashMap<>();
        Map<Point, int[]> prefixHashes = new HashMap<>();
        Set<RouteNote> everyStored = new HashSet<>();
        int stored = 0;
        for (Point location : LOCATIONS) {
          List<RouteNote> order = board.post(RouteNote.at(location, "final"));
          stored += order.size();
          everyStored.addAll(order);
          int[] prefix = new int[order.size() + 1];
          prefix[0] = 1; // List.hashCode of the empty list
          for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
            prefix[i + 1] = 31 * prefix[i] + order.get(i).hashCode();
          }
          prefixHashes.put(location, prefix);
        }

        assertThat(posts).hasSize(total);
        assertThat(stored).as("notes stored, duplicates included").isEqualTo(total);
        assertThat(everyStored).as("distinct notes stored").hasSize(total);
        for (Post post : posts) {
          Integer position = positions.get(post.note());
          assertThat(position).as("%s was kept", post.note()).isNotNull();
          assertThat(post.historySize()).as("notes before %s", post.note()).isEqualTo(position);
          assertThat(post.historyHash())
              .as("the history %s saw is the prefix of the final order", post.note())
              .isEqualTo(prefixHashes.get(post.note().location())[position]);
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      }
    }
  }
}
