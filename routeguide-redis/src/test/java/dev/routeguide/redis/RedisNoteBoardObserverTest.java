package dev.routeguide.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteEviction;
import dev.routeguide.core.notes.NoteRefusal;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.redis.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a {@link RedisNoteBoard} reports to its observer, on a real Redis. */
@DisplayName("RedisNoteBoard's observer")
class RedisNoteBoardObserverTest {

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Point HERE = Point.ofE7(409146138, -746188906);
  private static final Point THERE = Point.ofE7(-1, 2);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final CountingObserver observer = new CountingObserver();
  private final List<RedisNoteBoard> boards = new ArrayList<>();

  @BeforeEach
  void emptyRedis() {
    redis.server().restart();
    withRedis(connection -> connection.sync().flushall());
  }

  @AfterEach
  void closeBoards() {
    boards.forEach(RedisNoteBoard::close);
  }

  private RedisNoteBoard observed(NoteBoardLimits limits) {
    return connected(RedisNoteBoard.builder(redis.uri()).limits(limits).observer(observer));
  }

  private RedisNoteBoard connected(RedisNoteBoard.Builder builder) {
    RedisNoteBoard board = builder.connect();
    boards.add(board);
    return board;
  }

  private static void withRedis(
      java.util.function.Consumer<StatefulRedisConnection<String, String>> action) {
    RedisClient client = RedisClient.create(redis.uri() + "?timeout=5s");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      action.accept(connection);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Nested
  class Posting {

    @Test
    void countsEveryStoredNoteAndTheOnesTheCapTrimmed() {
      RedisNoteBoard board = observed(NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(2));
      for (int i = 0; i < 5; i++) {
        board.post(RouteNote.at(HERE, "here " + i));
      }
      board.post(RouteNote.at(THERE, "there"));

      assertThat(observer.stored).hasValue(6);
      assertThat(observer.evicted).containsExactly(Map.entry(NoteEviction.PER_LOCATION_CAP, 3));
      assertThat(observer.refused).isEmpty();
    }

    @Test
    void countsATooLongMessageAsRefusedBeforeAskingRedis() {
      RedisNoteBoard board = observed(NoteBoardLimits.DEFAULT.withMaxMessageLength(3));

      assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "four")))
          .isInstanceOf(InvalidArgumentException.class);
      assertThat(observer.refused).containsExactly(Map.entry(NoteRefusal.MESSAGE_TOO_LONG, 1));
      assertThat(observer.stored).hasValue(0);
    }

    @Test
    void countsAPostRedisCannotTakeAsRefusedBecauseTheStoreIsUnavailable() {
      RedisNoteBoard board = connected(RedisNoteBoard.builder(redis.uri())
          .commandTimeout(Duration.ofMillis(500)).observer(observer));
      redis.server().stop();

      assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "nobody home")))
          .isInstanceOf(UnavailableException.class);
      assertThat(observer.refused).containsExactly(Map.entry(NoteRefusal.STORE_UNAVAILABLE, 1));
    }

    @Test
    void countsAPostRefusedForRedisMaxmemoryAsRefusedBecauseTheStoreIsFull() {
      RedisNoteBoard board = observed(NoteBoardLimits.DEFAULT);
      withRedis(connection -> {
        connection.sync().configSet("maxmemory-policy", "noeviction");
        connection.sync().configSet("maxmemory", "1");
      });
      try {
        assertThatThrownBy(() -> board.post(RouteNote.at(HERE, "no room")))
            .isInstanceOf(ResourceExhaustedException.class);
      } finally {
        withRedis(connection -> connection.sync().configSet("maxmemory", "0"));
      }
      assertThat(observer.refused).containsExactly(Map.entry(NoteRefusal.STORE_FULL, 1));
      assertThat(observer.stored).hasValue(0);
    }
  }

  @Nested
  class LiveDelivery {

    @Test
    void countsTheNotesDeliveredToASessionFromAnotherReplica() {
      RedisNoteBoard replicaA = observed(NoteBoardLimits.DEFAULT);
      RedisNoteBoard replicaB = connected(RedisNoteBoard.builder(redis.uri()));
      LiveNotes live = new LiveNotes();
      try (NoteSession session = replicaA.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));
        replicaB.post(RouteNote.at(HERE, "one"));
        replicaB.post(RouteNote.at(HERE, "two"));

        assertThat(live.awaitMessages(2, TIMEOUT)).containsExactly("one", "two");
      }
      assertThat(observer.delivered).hasValue(2);
      assertThat(observer.dropped).hasValue(0);
    }

    @Test
    void countsTheNoteItsListenerThrewOnAsDroppedAndClosesTheSession() throws Exception {
      RedisNoteBoard replicaA = observed(NoteBoardLimits.DEFAULT);
      RedisNoteBoard replicaB = connected(RedisNoteBoard.builder(redis.uri()));
      AtomicInteger calls = new AtomicInteger();
      NoteSession session = replicaA.openSession(new LiveNoteListener() {
        @Override
        public void onLiveNote(RouteNote note) {
          calls.incrementAndGet();
          throw new IllegalStateException("listener gave up");
        }

        @Override
        public void onLiveInterrupted(RouteGuideException reason) {}
      });
      session.post(RouteNote.at(HERE, "watching"));

      replicaB.post(RouteNote.at(HERE, "thrown on"));
      LiveNotes.await(() -> observer.dropped.get() == 1, TIMEOUT, "one note dropped");
      LiveNotes.await(() -> replicaA.subscribedChannels() == 0, TIMEOUT, "its channel released");

      assertThatThrownBy(() -> session.post(RouteNote.at(HERE, "after")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThat(calls).hasValue(1);
      assertThat(observer.delivered).hasValue(0);
    }

    @Test
    void countsTheNotesThatArriveAfterItsLiveDeliveryWasInterruptedAsDropped() throws Exception {
      RedisNoteBoard replicaA = observed(NoteBoardLimits.DEFAULT);
      RedisNoteBoard replicaB = connected(RedisNoteBoard.builder(redis.uri()));
      LiveNotes live = new LiveNotes();
      try (NoteSession session = replicaA.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));
        ((RedisNoteSession) session).interrupt(new UnavailableException("subscription lost"));
        assertThat(live.awaitInterruption(TIMEOUT)).hasMessage("subscription lost");

        replicaB.post(RouteNote.at(HERE, "too late 1"));
        replicaB.post(RouteNote.at(HERE, "too late 2"));

        LiveNotes.await(() -> observer.dropped.get() == 2, TIMEOUT, "two notes dropped");
      }
      assertThat(live.messages()).isEmpty();
      assertThat(observer.delivered).hasValue(0);
    }
  }
}
