package dev.routeguide.grpc.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC server executor that lets RouteChat calls write their replies in batches: each task runs
 * on the delegate's thread as one <em>turn</em>, and what the task deferred to the end of its
 * turn runs on that thread right after it. gRPC runs a call's callbacks as one task that drains
 * every callback queued for the call, so the end of a turn is the moment the call has no more
 * notes at hand: replies written then go out together, and a client woken by the first finds the
 * rest already queued, instead of being woken once per reply (BENCHMARKS.md, "RouteChat reply
 * batching").
 *
 * <p>{@link dev.routeguide.grpc.transport.RouteGuideServer} runs on one by default. To get the same
 * batching in a server of your own, give it {@code ServerBuilder.executor(TurnExecutor.of(pool))};
 * on any other executor, or the direct executor, replies are written one at a time as they come.
 */
public final class TurnExecutor implements Executor {

  private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

  private final Executor delegate;

  private TurnExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  /**
   * Runs tasks on {@code delegate}, each as a turn. The caller still owns the delegate and shuts it
   * down after the server.
   *
   * @throws NullPointerException if delegate is null
   */
  public static TurnExecutor of(Executor delegate) {
    return new TurnExecutor(Objects.requireNonNull(delegate, "delegate"));
  }

  /**
   * A turn executor over one cached pool of daemon threads shared by every server of the process
   * that uses it, as gRPC's own default executor is; idle threads end after a minute.
   */
  public static TurnExecutor shared() {
    return SharedPool.EXECUTOR;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    delegate.execute(() -> runTurn(task));
  }

  /**
   * Runs {@code action} at the end of the current thread's turn, if it is in one.
   *
   * @return false if the thread is not running a turn, and the caller must act now
   */
  static boolean deferToEndOfTurn(Runnable action) {
    Turn turn = CURRENT.get();
    if (turn == null) {
      return false;
    }
    turn.deferred.add(action);
    return true;
  }

  private static void runTurn(Runnable task) {
    Turn outer = CURRENT.get(); // a delegate that runs tasks inline nests turns
    Turn turn = new Turn();
    CURRENT.set(turn);
    try {
      task.run();
    } finally {
      try {
        turn.runDeferred();
      } finally {
        if (outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(outer);
        }
      }
    }
  }

  /** What the tasks of one turn deferred to its end, in the order they deferred it. */
  private static final class Turn {
    private final List<Runnable> deferred = new ArrayList<>(2);

    /** Runs every deferred action, also those deferred meanwhile; rethrows the first failure. */
    void runDeferred() {
      RuntimeException failure = null;
      for (int i = 0; i < deferred.size(); i++) {
        try {
          deferred.get(i).run();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      deferred.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** The process-wide pool behind {@link #shared()}, created on first use. */
  private static final class SharedPool {
    static final TurnExecutor EXECUTOR = of(newCachedDaemonPool());

    private static ExecutorService newCachedDaemonPool() {
      AtomicInteger threads = new AtomicInteger();
      ThreadFactory factory =
          task -> {
            Thread thread = new Thread(task, "routeguide-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
      return Executors.newCachedThreadPool(factory);
    }
  }
}
