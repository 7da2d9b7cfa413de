package dev.routeguide.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link TurnExecutor}: each task is a turn on the delegate's thread, and what it deferred runs on
 * that thread right after it, in order, whether the task returned or threw.
 */
class TurnExecutorTest {

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void runsWhatATaskDeferredOnItsThreadRightAfterTheTask() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<Thread> taskThread = new AtomicReference<>();
      AtomicReference<Thread> deferredThread = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      TurnExecutor.of(pool).execute(() -> {
        taskThread.set(Thread.currentThread());
        TurnExecutor.deferToEndOfTurn(() -> {
          deferredThread.set(Thread.currentThread());
          events.add("first deferred");
        });
        TurnExecutor.deferToEndOfTurn(() -> events.add("second deferred"));
        events.add("task ends");
      });
      pool.execute(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(events).containsExactly("task ends", "first deferred", "second deferred");
      assertThat(deferredThread.get()).isSameAs(taskThread.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesToDeferOutsideATurn() {
    assertThat(TurnExecutor.deferToEndOfTurn(() -> events.add("deferred"))).isFalse();
    assertThat(events).isEmpty();
  }

  @Test
  void endsTheTurnWithItsTaskSoThatTheThreadDefersNothingAfterwards() {
    TurnExecutor.of(Runnable::run).execute(() -> TurnExecutor.deferToEndOfTurn(() -> {}));

    assertThat(TurnExecutor.deferToEndOfTurn(() -> events.add("deferred"))).isFalse();
  }

  @Test
  void runsANestedTurnsDeferredActionsAtTheEndOfTheNestedTurn() {
    TurnExecutor inline = TurnExecutor.of(Runnable::run);
    inline.execute(() -> {
      TurnExecutor.deferToEndOfTurn(() -> events.add("outer deferred"));
      inline.execute(() -> {
        TurnExecutor.deferToEndOfTurn(() -> events.add("inner deferred"));
        events.add("inner task");
      });
      events.add("outer task after inner turn");
      TurnExecutor.deferToEndOfTurn(() -> events.add("outer deferred later"));
    });

    assertThat(events)
        .containsExactly(
            "inner task",
            "inner deferred",
            "outer task after inner turn",
            "outer deferred",
            "outer deferred later");
  }

  @Test
  void runsDeferredActionsAlsoWhenTheTaskThrows() {
    TurnExecutor inline = TurnExecutor.of(Runnable::run);

    assertThatThrownBy(() -> inline.execute(() -> {
      TurnExecutor.deferToEndOfTurn(() -> events.add("deferred"));
      throw new IllegalStateException("task failed");
    })).isInstanceOf(IllegalStateException.class).hasMessage("task failed");
    assertThat(events).containsExactly("deferred");
  }

  @Test
  void runsEveryDeferredActionAndRethrowsTheFirstFailureWithTheOthersSuppressed() {
    TurnExecutor inline = TurnExecutor.of(Runnable::run);

    assertThatThrownBy(() -> inline.execute(() -> {
      TurnExecutor.deferToEndOfTurn(() -> {
        throw new IllegalStateException("first");
      });
      TurnExecutor.deferToEndOfTurn(() -> events.add("between"));
      TurnExecutor.deferToEndOfTurn(() -> {
        throw new IllegalArgumentException("second");
      });
    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first")
        .satisfies(e -> assertThat(e.getSuppressed())
            .singleElement()
            .isInstanceOf(IllegalArgumentException.class));
    assertThat(events).containsExactly("between");
  }

  @Test
  void runsActionsDeferredByADeferredAction() {
    TurnExecutor.of(Runnable::run).execute(() -> TurnExecutor.deferToEndOfTurn(() -> {
      events.add("deferred");
      TurnExecutor.deferToEndOfTurn(() -> events.add("deferred by the deferred"));
    }));

    assertThat(events).containsExactly("deferred", "deferred by the deferred");
  }

  @Test
  void runsTheSharedExecutorsTurnsOnDaemonThreadsThatDoNotHoldTheJvm() throws Exception {
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicReference<Boolean> inTurn = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    TurnExecutor.shared().execute(() -> {
      thread.set(Thread.currentThread());
      inTurn.set(TurnExecutor.deferToEndOfTurn(ran::countDown));
    });

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(inTurn.get()).isTrue();
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(thread.get().getName()).startsWith("routeguide-server-");
  }

  @Test
  void refusesANullDelegateOrTask() {
    assertThatNullPointerException().isThrownBy(() -> TurnExecutor.of(null))
        .withMessage("delegate");
    assertThatNullPointerException()
        .isThrownBy(() -> TurnExecutor.of(Runnable::run).execute(null))
        .withMessage("task");
  }
}
