package dev.routeguide.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LocalRouteGuide with live chat")
class LocalRouteGuideLiveChatTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Point HERE = Point.ofE7(1, 1);
  private static final Point THERE = Point.ofE7(2, 2);

  private final InMemoryNoteBoard board = new InMemoryNoteBoard();
  private final LocalRouteGuide plain =
      new LocalRouteGuide(FeatureCatalogue.empty(), board, MonotonicClock.startingNow());
  private final LocalRouteGuide live = plain.withLiveChat(true);

  @Test
  void isOffByDefaultAndSwitchedByTheOption() {
    assertThat(plain.liveChat()).isFalse();
    assertThat(live.liveChat()).isTrue();
    assertThat(live.withLiveChat(false).liveChat()).isFalse();
    assertThat(live.noteBoard()).isSameAs(board);
  }

  @Test
  void withoutItAChatHearsOnlyRepliesToItsOwnNotes() throws Exception {
    NoteInbox inbox = new NoteInbox();
    try (RouteChat chat = plain.routeChat(inbox)) {
      chat.send(RouteNote.at(HERE, "watching"));
      board.post(RouteNote.at(HERE, "later"));
      chat.complete();
    }

    assertThat(inbox.awaitAll(TIMEOUT)).isEmpty();
  }

  @Test
  void deliversAnotherChatsLaterNoteAtAFollowedLocationWithoutEcho() throws Exception {
    NoteInbox first = new NoteInbox();
    NoteInbox second = new NoteInbox();
    RouteChat a = live.routeChat(first);
    RouteChat b = live.routeChat(second);
    a.send(RouteNote.at(HERE, "a1"));
    b.send(RouteNote.at(THERE, "b elsewhere"));
    b.send(RouteNote.at(HERE, "b1"));
    a.send(RouteNote.at(HERE, "a2"));
    a.complete();
    b.complete();

    // a: b1 arrives live; a2's reply is the history before it (a1, b1).
    assertThat(first.awaitAll(TIMEOUT)).extracting(RouteNote::message)
        .containsExactly("b1", "a1", "b1");
    // b: its reply to b1 (a1), then a2 live.
    assertThat(second.awaitAll(TIMEOUT)).extracting(RouteNote::message)
        .containsExactly("a1", "a2");
  }

  @Test
  void stopsDeliveringOnceTheChatCompletesOrIsCancelled() throws Exception {
    NoteInbox completed = new NoteInbox();
    NoteInbox cancelled = new NoteInbox();
    RouteChat a = live.routeChat(completed);
    RouteChat b = live.routeChat(cancelled);
    a.send(RouteNote.at(HERE, "a"));
    b.send(RouteNote.at(HERE, "b"));
    a.complete();
    b.cancel();

    board.post(RouteNote.at(HERE, "after both"));

    assertThat(completed.awaitAll(TIMEOUT)).extracting(RouteNote::message).containsExactly("b");
    assertThat(board.openSessionCount()).isZero();
    assertThat(board.followedLocationCount()).isZero();
  }

  @Test
  void endsTheChatSayingWhyWhenItsReceiverThrowsOnALiveNote() throws Exception {
    AtomicReference<Throwable> error = new AtomicReference<>();
    NoteReceiver failing = new NoteReceiver() {
      @Override
      public void onNote(RouteNote note) {}

      @Override
      public void onLiveNote(RouteNote note) {
        throw new IllegalStateException("receiver gave up");
      }

      @Override
      public void onCompleted() {}

      @Override
      public void onError(Throwable e) {
        error.set(e);
      }
    };
    RouteChat chat = live.routeChat(failing);
    chat.send(RouteNote.at(HERE, "watching"));

    board.post(RouteNote.at(HERE, "thrown on"));

    assertThat(error.get())
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("receiver failed")
        .hasRootCauseMessage("receiver gave up");
    assertThatThrownBy(() -> chat.send(RouteNote.at(HERE, "after")))
        .isSameAs(error.get());
    assertThat(board.openSessionCount()).isZero();
    assertThat(board.followedLocationCount()).isZero();
  }

  @Test
  void neverCallsTheReceiverTwiceAtOnceAndLosesNothing() throws Exception {
    OverlapCountingReceiver receiver = new OverlapCountingReceiver();
    RouteChat chat = live.routeChat(receiver);
    chat.send(RouteNote.at(HERE, "watching"));
    int posters = 4;
    int perPoster = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(posters);
    try {
      List<Future<?>> posting = new ArrayList<>();
      for (int p = 0; p < posters; p++) {
        int poster = p;
        posting.add(pool.submit(() -> {
          for (int i = 0; i < perPoster; i++) {
            board.post(RouteNote.at(HERE, poster + ":" + i));
          }
        }));
      }
      // Meanwhile the chat keeps posting too: replies and live notes meet at the receiver.
      for (int i = 0; i < 50; i++) {
        chat.send(RouteNote.at(i % 2 == 0 ? THERE : HERE, "mine " + i));
      }
      for (Future<?> future : posting) {
        future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      receiver.awaitLiveNotes(posters * perPoster);
      chat.complete();

      assertThat(receiver.overlaps.get()).isZero();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
  }

  @Test
  void endsTheChatWithTheReasonWhenLiveDeliveryIsInterrupted() throws Exception {
    InterruptibleBoard interruptible = new InterruptibleBoard(board);
    LocalRouteGuide guide =
        new LocalRouteGuide(FeatureCatalogue.empty(), interruptible, MonotonicClock.startingNow())
            .withLiveChat(true);
    NoteInbox inbox = new NoteInbox();
    RouteChat chat = guide.routeChat(inbox);
    chat.send(RouteNote.at(HERE, "watching"));

    interruptible.listener.get().onLiveInterrupted(
        new UnavailableException("note store subscription lost"));

    assertThatThrownBy(() -> inbox.awaitAll(TIMEOUT))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("subscription lost");
    assertThat(board.openSessionCount()).isZero();
  }

  @Test
  void aReceiverMayCancelWhileLiveNotesHeldBackDuringAPostAreHandedOn() {
    NoteBoard busy = new NoteBoard() {
      @Override
      public List<RouteNote> post(RouteNote note) {
        return List.of();
      }

      @Override
      public NoteSession openSession(LiveNoteListener listener) {
        return new NoteSession() {
          @Override
          public List<RouteNote> post(RouteNote note) {
            // Two notes of other callers arrive while this post is in progress: held back.
            listener.onLiveNote(RouteNote.at(HERE, "live 1"));
            listener.onLiveNote(RouteNote.at(HERE, "live 2"));
            return List.of();
          }

          @Override
          public void close() {}
        };
      }
    };
    LocalRouteGuide guide =
        new LocalRouteGuide(FeatureCatalogue.empty(), busy, MonotonicClock.startingNow())
            .withLiveChat(true);
    CancellingReceiver receiver = new CancellingReceiver(() -> {});
    receiver.chat.set(guide.routeChat(receiver));

    receiver.chat.get().send(RouteNote.at(HERE, "mine"));

    assertThat(receiver.received).containsExactly("live 1");
  }

  @Test
  void aReceiverMayCancelWhileAnotherPosterWaitsToHandItALiveNote() throws Exception {
    // The order that deadlocked before 893f9fe: this chat's receiver holds the chat's lock (a
    // reply being handed on) while another poster, inside the board's delivery to this chat's
    // session, waits for that lock; the receiver then cancels, which closes the session.
    board.post(RouteNote.at(HERE, "earlier"));
    Thread poster = new Thread(() -> board.post(RouteNote.at(HERE, "other")), "other poster");
    poster.setDaemon(true);
    CancellingReceiver cancelling = new CancellingReceiver(() -> {
      poster.start();
      awaitBlocked(poster);
    });
    AtomicReference<RouteChat> chat = cancelling.chat;
    ExecutorService owner = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "chat owner");
      thread.setDaemon(true); // left behind, deadlocked, if the test fails
      return thread;
    });
    try {
      Future<?> sent = owner.submit(() -> {
        chat.set(live.routeChat(cancelling));
        chat.get().send(RouteNote.at(HERE, "mine"));
      });

      sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      poster.join(TIMEOUT.toMillis());
    } finally {
      owner.shutdown();
    }

    assertThat(poster.isAlive()).as("other poster still stuck").isFalse();
    assertThat(cancelling.received).containsExactly("earlier");
    assertThat(board.openSessionCount()).isZero();
    assertThat(board.noteCount()).isEqualTo(3);
  }

  /** Waits, up to the test's timeout, until the thread waits for a monitor. */
  private static void awaitBlocked(Thread thread) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (thread.getState() != Thread.State.BLOCKED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(thread.getName() + " never waited for the chat's lock");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void refusesToSwitchOnForABoardWithoutLiveDelivery() {
    NoteBoard postOnly = board::post;
    LocalRouteGuide guide =
        new LocalRouteGuide(FeatureCatalogue.empty(), postOnly, MonotonicClock.startingNow());

    assertThatThrownBy(() -> guide.withLiveChat(true))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(guide.withLiveChat(false).liveChat()).isFalse();
  }

  /** The in-memory board, with a handle on the last session's listener to interrupt it. */
  private static final class InterruptibleBoard implements NoteBoard {
    private final NoteBoard board;
    final AtomicReference<LiveNoteListener> listener = new AtomicReference<>();

    InterruptibleBoard(NoteBoard board) {
      this.board = board;
    }

    @Override
    public List<RouteNote> post(RouteNote note) {
      return board.post(note);
    }

    @Override
    public NoteSession openSession(LiveNoteListener listener) {
      this.listener.set(listener);
      return board.openSession(listener);
    }
  }

  /** Records what it gets and cancels its chat when a note arrives, after a step of the test's. */
  private static final class CancellingReceiver implements NoteReceiver {
    final AtomicReference<RouteChat> chat = new AtomicReference<>();
    final List<String> received = new ArrayList<>();
    private final Runnable beforeCancel;

    CancellingReceiver(Runnable beforeCancel) {
      this.beforeCancel = beforeCancel;
    }

    @Override
    public void onNote(RouteNote note) {
      received.add(note.message());
      beforeCancel.run();
      chat.get().cancel();
    }

    @Override
    public void onCompleted() {
      received.add("completed");
    }

    @Override
    public void onError(Throwable error) {
      received.add("error " + error);
    }
  }

  private static final class OverlapCountingReceiver implements NoteReceiver {
    final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private int liveNotes; // guarded by this

    @Override
    public void onNote(RouteNote note) {
      if (inFlight.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        if (!note.message().startsWith("mine") && !note.message().equals("watching")) {
          synchronized (this) {
            liveNotes++;
            notifyAll();
          }
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onCompleted() {}

    @Override
    public void onError(Throwable error) {}

    synchronized void awaitLiveNotes(int count) throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (liveNotes < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("got " + liveNotes + " of " + count + " notes");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
