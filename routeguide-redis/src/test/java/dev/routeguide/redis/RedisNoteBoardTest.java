package dev.routeguide.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.redis.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisNoteBoardTest {

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Point HERE = Point.ofE7(409146138, -746188906);
  private static final Point THERE = Point.ofE7(-1, 2);

  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private final List<RedisNoteBoard> boards = new ArrayList<>();

  @BeforeAll
  static void connect() {
    client = RedisClient.create(redis.uri() + "?timeout=5s");
    connection = client.connect();
  }

  @AfterAll
  static void disconnect() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @BeforeEach
  void emptyRedis() {
    redis.server().restart();
    commands().flushall();
  }

  @AfterEach
  void closeBoards() {
    boards.forEach(RedisNoteBoard::close);
  }

  private static RedisCommands<String, String> commands() {
    return connection.sync();
  }

  private RedisNoteBoard board(RedisNoteBoard.Builder builder) {
    RedisNoteBoard board = builder.connect();
    boards.add(board);
    return board;
  }

  private RedisNoteBoard board() {
    return board(RedisNoteBoard.builder(redis.uri()));
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  private static List<String> messages(List<RouteNote> notes) {
    return notes.stream().map(RouteNote::message).toList();
  }

  @Nested
  class Post {

    @Test
    void answersAnEmptyHistoryAtANewLocation() {
      assertThat(board().post(RouteNote.at(HERE, "first"))).isEmpty();
    }

    @Test
    void answersTheEarlierNotesAtExactlyThatLocationOldestFirst() {
      RedisNoteBoard board = board();
      board.post(RouteNote.at(HERE, "one"));
      board.post(RouteNote.at(THERE, "elsewhere"));
      board.post(RouteNote.at(HERE, "two"));

      List<RouteNote> earlier = board.post(RouteNote.at(HERE, "three"));

      assertThat(earlier).containsExactly(RouteNote.at(HERE, "one"), RouteNote.at(HERE, "two"));
    }

    @Test
    void keepsOnlyTheNewestNotesUpToTheCap() {
      RedisNoteBoard board =
          board(RedisNoteBoard.builder(redis.uri())
              .limits(NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(3)));
      for (int i = 1; i <= 5; i++) {
        board.post(RouteNote.at(HERE, "note " + i));
      }

      assertThat(messages(board.post(RouteNote.at(HERE, "next"))))
          .containsExactly("note 3", "note 4", "note 5");
      assertThat(commands().llen("routeguide:notes:409146138,-746188906")).isEqualTo(3);
    }

    @Test
    void keepsMessagesExactlyWithSpacesLineBreaksAndNonAsciiText() {
      RedisNoteBoard board = board();
      List<String> messages = List.of("", " ", "two  spaces ", "line\nbreak", "Zürich 🚲 東京");
      for (String message : messages) {
        board.post(RouteNote.at(HERE, message));
      }

      assertThat(messages(board.post(RouteNote.at(HERE, "last")))).isEqualTo(messages);
    }

    @Test
    void rejectsATooLongMessageBeforeAskingRedis() {
      RedisNoteBoard board =
          board(RedisNoteBoard.builder(redis.uri())
              .limits(NoteBoardLimits.DEFAULT.withMaxMessageLength(5)));
      redis.server().stop();

      assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "toolong")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("message is 7 chars long, more than the board's limit of 5");
    }

    @Test
    void sharesTheHistoryWithEveryBoardOnTheSameRedisAndPrefix() {
      RedisNoteBoard replicaA = board();
      RedisNoteBoard replicaB = board();
      RedisNoteBoard otherApplication =
          board(RedisNoteBoard.builder(redis.uri()).keyPrefix("other:"));
      replicaA.post(RouteNote.at(HERE, "from A"));

      assertThat(messages(replicaB.post(RouteNote.at(HERE, "from B")))).containsExactly("from A");
      assertThat(otherApplication.post(RouteNote.at(HERE, "elsewhere"))).isEmpty();
      assertThat(commands().keys("*"))
          .containsExactlyInAnyOrder(
              "routeguide:notes:409146138,-746188906", "other:notes:409146138,-746188906");
    }

    @Test
    void storesEachNoteAsItsSequenceNumberAndMessageOnly() {
      RedisNoteBoard board = board();
      board.post(RouteNote.at(HERE, "a b"));
      board.post(RouteNote.at(HERE, "c"));

      List<String> entries = commands().lrange("routeguide:notes:409146138,-746188906", 0, -1);

      assertThat(entries).hasSize(2);
      long first = Long.parseLong(entries.get(0).substring(0, entries.get(0).indexOf(' ')));
      assertThat(entries).containsExactly(first + " a b", (first + 1) + " c");
    }

    @Test
    void runsAgainAfterRedisForgotTheScript() {
      RedisNoteBoard board = board();
      board.post(RouteNote.at(HERE, "before"));
      commands().scriptFlush();

      assertThat(messages(board.post(RouteNote.at(HERE, "after")))).containsExactly("before");
    }

    @Test
    void losesNothingWhenTwoBoardsPostAtOneLocationConcurrently() throws Exception {
      RedisNoteBoard[] replicas = {board(), board()};
      int threads = 4;
      int postsEach = 250;
      List<Thread> posters = new ArrayList<>();
      List<List<Integer>> seenCounts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RedisNoteBoard board = replicas[t % 2];
        List<Integer> seen = new ArrayList<>();
        seenCounts.add(seen);
        int poster = t;
        posters.add(started(() -> {
          for (int i = 0; i < postsEach; i++) {
            seen.add(board.post(RouteNote.at(HERE, poster + ":" + i)).size());
          }
        }));
      }
      for (Thread poster : posters) {
        poster.join(Duration.ofSeconds(30).toMillis());
      }

      // Every post saw a different number of earlier notes: each one exactly once, none lost.
      List<Integer> all = seenCounts.stream().flatMap(List::stream).sorted().toList();
      int total = threads * postsEach;
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        expected.add(Math.min(i, NoteBoardLimits.DEFAULT.maxNotesPerLocation()));
      }
      assertThat(all).isEqualTo(expected);
    }
  }

  @Nested
  class Expiry {

    @Test
    void setsTheIdleExpiryOnTheLocationsKey() {
      board().post(RouteNote.at(HERE, "note"));

      long ttl = commands().pttl("routeguide:notes:409146138,-746188906");

      assertThat(ttl).isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());
    }

    @Test
    void forgetsALocationIdlePastItsExpiry() {
      RedisNoteBoard board =
          board(RedisNoteBoard.builder(redis.uri()).idleExpiry(Duration.ofMillis(200)));
      board.post(RouteNote.at(HERE, "soon gone"));
      LiveNotes.await(() -> commands().exists("routeguide:notes:409146138,-746188906") == 0,
          Duration.ofSeconds(5), "the location's key expires");

      assertThat(board.post(RouteNote.at(HERE, "new"))).isEmpty();
    }

    @Test
    void refreshesTheExpiryWithEveryPost() {
      RedisNoteBoard board =
          board(RedisNoteBoard.builder(redis.uri()).idleExpiry(Duration.ofSeconds(60)));
      board.post(RouteNote.at(HERE, "one"));
      commands().pexpire("routeguide:notes:409146138,-746188906", 1_000);

      board.post(RouteNote.at(HERE, "two"));

      assertThat(commands().pttl("routeguide:notes:409146138,-746188906"))
          .isGreaterThan(Duration.ofSeconds(50).toMillis());
    }
  }

  @Nested
  class Faults {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            synchronized (logged) {
              logged.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    private final Logger logger = Logger.getLogger(RedisNoteBoard.class.getName());

    @BeforeEach
    void captureLog() {
      logger.addHandler(handler);
    }

    @AfterEach
    void releaseLog() {
      logger.removeHandler(handler);
    }

    private List<String> messagesLogged(String prefix) {
      synchronized (logged) {
        return logged.stream()
            .map(record -> java.text.MessageFormat.format(record.getMessage(),
                record.getParameters()))
            .filter(message -> message.startsWith(prefix))
            .toList();
      }
    }

    @Test
    void failsAPostWithUnavailableNamingTheNoteStoreWhenRedisIsDown() {
      RedisNoteBoard board = board();
      redis.server().stop();

      long started = System.nanoTime();
      assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "lost?")))
          .isInstanceOf(UnavailableException.class)
          .hasMessageStartingWith("RouteChat note store unavailable: Redis at 127.0.0.1:"
              + redis.server().port());
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThan(board.commandTimeout().plusMillis(500));
    }

    @Test
    void saysDegradedOncePerOutageAndRecoversWithoutARestart() {
      RedisNoteBoard board = board();
      redis.server().stop();
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "during")))
            .isInstanceOf(UnavailableException.class);
      }
      redis.server().restart();

      LiveNotes.await(() -> {
        try {
          board.post(RouteNote.at(HERE, "after"));
          return true;
        } catch (UnavailableException e) {
          return false;
        }
      }, Duration.ofSeconds(10), "a post works again");

      assertThat(messagesLogged("RouteChat degraded")).hasSize(1);
      assertThat(messagesLogged("RouteChat recovered")).hasSize(1);
    }

    @Test
    void givesUpOnASlowRedisAfterTheCommandTimeout() throws Exception {
      RedisNoteBoard board =
          board(RedisNoteBoard.builder(redis.uri()).commandTimeout(Duration.ofMillis(300)));
      String pid = Long.toString(pid());
      new ProcessBuilder("kill", "-STOP", pid).start().waitFor();
      try {
        long started = System.nanoTime();
        assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "slow")))
            .isInstanceOf(UnavailableException.class)
            .hasMessageContaining("did not answer a post within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      } finally {
        new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
      }
    }

    @Test
    void failsWithResourceExhaustedWhenRedisIsOutOfMemory() {
      RedisNoteBoard board = board();
      commands().configSet("maxmemory-policy", "noeviction");
      commands().configSet("maxmemory", "1");
      try {
        assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "no room")))
            .isInstanceOf(ResourceExhaustedException.class)
            .hasMessageContaining("is full (its maxmemory is reached)");
      } finally {
        commands().configSet("maxmemory", "0");
      }
    }

    @Test
    void reportsAnUnreachableRedisAtConnectAsUnavailable() {
      redis.server().stop();

      assertThatThrownBy(() -> RedisNoteBoard.builder(redis.uri()).connect())
          .isInstanceOf(UnavailableException.class)
          .hasMessageStartingWith("RouteChat note store unavailable: Redis at 127.0.0.1:"
              + redis.server().port() + " is unreachable");
    }

    @Test
    void rejectsAMalformedUriNamingTheExpectedForm() {
      assertThatThrownBy(() -> RedisNoteBoard.builder("http://example.com").connect())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a Redis URI (redis://");
    }

    private long pid() {
      return Long.parseLong(commands().info("server").lines()
          .filter(line -> line.startsWith("process_id:"))
          .findFirst().orElseThrow().substring("process_id:".length()).trim());
    }
  }

  @Nested
  class LiveDelivery {

    @Test
    void deliversNotesOtherBoardsStoreLaterAtTheLocationInOrder() {
      RedisNoteBoard replicaA = board();
      RedisNoteBoard replicaB = board();
      LiveNotes live = new LiveNotes();
      try (NoteSession session = replicaA.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));
        replicaB.post(RouteNote.at(HERE, "one"));
        replicaB.post(RouteNote.at(THERE, "elsewhere"));
        replicaA.post(RouteNote.at(HERE, "two"));

        assertThat(live.awaitMessages(2, Duration.ofSeconds(1))).containsExactly("one", "two");
      }
    }

    @Test
    void neverEchoesTheSessionsOwnNotes() {
      RedisNoteBoard board = board();
      LiveNotes live = new LiveNotes();
      try (NoteSession session = board.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine 1"));
        session.post(RouteNote.at(HERE, "mine 2"));
        board.post(RouteNote.at(HERE, "theirs"));

        assertThat(live.awaitMessages(1, Duration.ofSeconds(1))).containsExactly("theirs");
      }
      assertThat(live.messages()).containsExactly("theirs");
    }

    @Test
    void deliversNothingAtLocationsTheSessionHasNotPostedTo() {
      RedisNoteBoard board = board();
      LiveNotes live = new LiveNotes();
      try (NoteSession session = board.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));
        board.post(RouteNote.at(THERE, "not followed"));
        board.post(RouteNote.at(HERE, "followed"));

        assertThat(live.awaitMessages(1, Duration.ofSeconds(1))).containsExactly("followed");
      }
    }

    @Test
    void repliesToTheNextPostWithTheNotesStoredMeanwhile() {
      RedisNoteBoard board = board();
      LiveNotes live = new LiveNotes();
      try (NoteSession session = board.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine 1"));
        board.post(RouteNote.at(HERE, "theirs"));
        live.awaitMessages(1, Duration.ofSeconds(1));

        assertThat(messages(session.post(RouteNote.at(HERE, "mine 2"))))
            .containsExactly("mine 1", "theirs");
      }
    }

    @Test
    void givesEveryConcurrentNoteEitherInTheReplyOrLiveNeverBothOrNeither() throws Exception {
      RedisNoteBoard board = board();
      RedisNoteBoard other = board();
      int notes = 300;
      LiveNotes live = new LiveNotes();
      try (NoteSession session = board.openSession(live)) {
        session.post(RouteNote.at(THERE, "warm up"));
        Thread poster = started(() -> {
          for (int i = 0; i < notes; i++) {
            other.post(RouteNote.at(HERE, Integer.toString(i)));
          }
        });
        List<String> reply = messages(session.post(RouteNote.at(HERE, "mine")));
        poster.join(Duration.ofSeconds(30).toMillis());

        List<String> liveAtHere =
            live.awaitMessages(notes - reply.size(), Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>(reply);
        seen.addAll(liveAtHere);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
          expected.add(Integer.toString(i));
        }
        assertThat(seen).isEqualTo(expected);
      }
    }

    @Test
    void stopsDeliveringOnceClosed() {
      RedisNoteBoard board = board();
      LiveNotes live = new LiveNotes();
      NoteSession session = board.openSession(live);
      session.post(RouteNote.at(HERE, "mine"));
      session.close();
      board.post(RouteNote.at(HERE, "after close"));
      LiveNotes watcher = new LiveNotes();
      try (NoteSession later = board.openSession(watcher)) {
        later.post(RouteNote.at(HERE, "later"));
        board.post(RouteNote.at(HERE, "marker"));
        watcher.awaitMessages(1, Duration.ofSeconds(1));
      }

      assertThat(live.messages()).isEmpty();
      assertThatThrownBy(() -> session.post(RouteNote.at(HERE, "closed")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavesNoSubscriptionBehindAfterTenThousandSessions() throws Exception {
      RedisNoteBoard board = board();
      AtomicInteger failures = new AtomicInteger();
      List<Thread> chats = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        chats.add(started(() -> {
          for (int i = 0; i < 2_500; i++) {
            try (NoteSession session = board.openSession(new LiveNotes())) {
              session.post(RouteNote.at(Point.ofE7(thread, i % 50), "hi"));
            } catch (RuntimeException e) {
              failures.incrementAndGet();
            }
          }
        }));
      }
      for (Thread chat : chats) {
        chat.join(Duration.ofSeconds(60).toMillis());
      }

      assertThat(failures).hasValue(0);
      assertThat(board.subscribedChannels()).isZero();
      LiveNotes.await(() -> commands().pubsubChannels("routeguide:*").isEmpty(),
          Duration.ofSeconds(2), "Redis has no subscribed channel left");
    }

    @Test
    void interruptsTheSessionWithUnavailableWhenTheSubscriptionIsLost() throws Exception {
      RedisNoteBoard board = board();
      LiveNotes live = new LiveNotes();
      try (NoteSession session = board.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));
        redis.server().stop();

        assertThat(live.awaitInterruption(Duration.ofSeconds(5)))
            .isInstanceOf(UnavailableException.class)
            .hasMessageContaining("lost the live-delivery subscription");
      }
      assertThat(live.interruptions()).hasSize(1);
    }

    @Test
    void followsAgainWithANewSessionOnceRedisIsBack() {
      RedisNoteBoard board = board();
      try (NoteSession session = board.openSession(new LiveNotes())) {
        session.post(RouteNote.at(HERE, "before"));
        redis.server().stop();
      }
      redis.server().restart();
      LiveNotes live = new LiveNotes();
      LiveNotes.await(() -> {
        try (NoteSession session = board.openSession(live)) {
          session.post(RouteNote.at(HERE, "again"));
          board.post(RouteNote.at(HERE, "theirs"));
          live.awaitMessages(1, Duration.ofSeconds(1));
          return true;
        } catch (UnavailableException e) {
          return false;
        }
      }, Duration.ofSeconds(10), "a new session follows live again");

      assertThat(live.messages()).contains("theirs");
    }
  }
}
