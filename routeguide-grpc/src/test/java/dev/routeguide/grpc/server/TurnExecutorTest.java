package dev.routeguide.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link TurnExecutor}: tasks run on the wrapped executor, and what a task registers for the end of
 * its turn runs after it on its thread, in order, whatever fails.
 */
class TurnExecutorTest {

  private static final TurnExecutor INLINE = TurnExecutor.wrapping(Runnable::run);

  private final List<String> steps = new ArrayList<>();

  @Test
  void runsTasksOnTheExecutorItWraps() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "wrapped"));
    try {
      CompletableFuture<String> thread = new CompletableFuture<>();
      TurnExecutor.wrapping(pool).execute(() -> thread.complete(Thread.currentThread().getName()));
      assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("wrapped");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runsWhatATaskRegistersAfterItInOrderOnItsThread() {
    Thread caller = Thread.currentThread();
    INLINE.execute(() -> {
      assertThat(TurnExecutor.atEndOfTurn(() -> steps.add("first action"))).isTrue();
      assertThat(TurnExecutor.atEndOfTurn(() -> {
        assertThat(Thread.currentThread()).isSameAs(caller);
        steps.add("second action");
      })).isTrue();
      steps.add("task");
    });
    assertThat(steps).containsExactly("task", "first action", "second action");
  }

  @Test
  void onAPoolRunsWhatATaskRegistersAfterItOnThePoolsThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "wrapped"));
    try {
      List<String> ran = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      TurnExecutor.wrapping(pool).execute(() -> {
        TurnExecutor.atEndOfTurn(() -> {
          ran.add("action on " + Thread.currentThread().getName());
          done.complete(null);
        });
        ran.add("task on " + Thread.currentThread().getName());
      });
      done.get(10, TimeUnit.SECONDS);
      assertThat(ran).containsExactly("task on wrapped", "action on wrapped");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void registersNothingOutsideATask() {
    assertThat(TurnExecutor.atEndOfTurn(() -> steps.add("action"))).isFalse();
    INLINE.execute(() -> steps.add("task"));
    assertThat(steps).containsExactly("task");
  }

  @Test
  void runsAnActionThatAnActionRegistersInTheSameTurn() {
    INLINE.execute(() -> TurnExecutor.atEndOfTurn(() -> {
      steps.add("action");
      TurnExecutor.atEndOfTurn(() -> steps.add("its follow-up"));
    }));
    assertThat(steps).containsExactly("action", "its follow-up");
    assertThat(TurnExecutor.atEndOfTurn(() -> steps.add("late"))).isFalse();
  }

  @Test
  void runsEveryActionWhenTheTaskOrAnActionFailsAndRethrowsTheFirstFailure() {
    IllegalStateException taskFailure = new IllegalStateException("task failed");
    IllegalArgumentException actionFailure = new IllegalArgumentException("action failed");
    assertThatThrownBy(() -> INLINE.execute(() -> {
      TurnExecutor.atEndOfTurn(() -> {
        steps.add("failing action");
        throw actionFailure;
      });
      TurnExecutor.atEndOfTurn(() -> steps.add("next action"));
      throw taskFailure;
    })).isSameAs(taskFailure).hasSuppressedException(actionFailure);
    assertThat(steps).containsExactly("failing action", "next action");
    assertThat(TurnExecutor.atEndOfTurn(() -> steps.add("late")))
        .as("the turn is over")
        .isFalse();
  }

  @Test
  void runsEveryActionWhenTheTaskThrowsAnError() {
    AssertionError taskError = new AssertionError("task broke");
    assertThatThrownBy(() -> INLINE.execute(() -> {
      TurnExecutor.atEndOfTurn(() -> steps.add("action"));
      throw taskError;
    })).isSameAs(taskError);
    assertThat(steps).containsExactly("action");
  }

  @Test
  void aTaskRunInsideAnotherHasATurnOfItsOwn() {
    INLINE.execute(() -> {
      INLINE.execute(() -> TurnExecutor.atEndOfTurn(() -> steps.add("inner action")));
      steps.add("inner task returned");
      TurnExecutor.atEndOfTurn(() -> steps.add("outer action"));
    });
    assertThat(steps).containsExactly("inner action", "inner task returned", "outer action");
  }

  @Test
  void sharedRunsTasksOnDaemonThreadsNamedForTheLibrary() throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    TurnExecutor.shared().execute(() -> thread.complete(Thread.currentThread()));
    Thread ran = thread.get(10, TimeUnit.SECONDS);
    assertThat(ran.isDaemon()).isTrue();
    assertThat(ran.getName()).startsWith("routeguide-server-");
  }

  @Test
  void wrapsATurnExecutorOnlyOnce() {
    assertThat(TurnExecutor.wrapping(INLINE)).isSameAs(INLINE);
  }

  @Test
  void refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> TurnExecutor.wrapping(null))
        .withMessage("delegate");
    assertThatNullPointerException().isThrownBy(() -> INLINE.execute(null)).withMessage("task");
  }
}
