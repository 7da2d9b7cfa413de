package dev.routeguide.grpc.server;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC server executor that lets {@link RouteGuideService} batch RouteChat's replies: it runs
 * each task on the executor it wraps and, when the task returns, the writes the service held back
 * while it ran. gRPC hands a call's callbacks to its executor as one task for all that are queued,
 * so the replies to every note handled in that task (a turn) reach the client together, at one
 * wake-up of the client's thread instead of one per reply; a turn that handles one note writes its
 * replies as it ends, as promptly as before. On any other executor the service writes each reply
 * at once.
 *
 * <p>The ready-made {@link dev.routeguide.grpc.transport.RouteGuideServer} runs on {@link
 * #shared()} unless given a direct executor, and wraps an executor it is given in one of these.
 * To get the same in a server of your own: {@code serverBuilder.executor(TurnExecutor.shared())}
 * or {@code TurnExecutor.wrapping(yourExecutor)}.
 *
 * <p>Thread-safe. The held writes run on the thread that ran the task, after it, also when it
 * throws (its exception is then rethrown after them).
 *
 * @since 0.2.0
 */
public final class TurnExecutor implements Executor {

  private static final ThreadLocal<ArrayDeque<Runnable>> TURN = new ThreadLocal<>();

  private static final class Shared {
    static final TurnExecutor INSTANCE = new TurnExecutor(newSharedPool());
  }

  private final Executor delegate;

  private TurnExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  /**
   * Runs tasks on {@code delegate}; the caller keeps owning it (and shuts it down).
   *
   * @throws NullPointerException if delegate is null
   */
  public static TurnExecutor wrapping(Executor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return delegate instanceof TurnExecutor turns ? turns : new TurnExecutor(delegate);
  }

  /**
   * One for the whole process, over a cached pool of daemon threads named {@code
   * routeguide-server-N}, as gRPC's own default executor is: threads are made on demand and end
   * after a minute idle, so it needs no shutdown.
   */
  public static TurnExecutor shared() {
    return Shared.INSTANCE;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    delegate.execute(() -> runTurn(task));
  }

  /**
   * Runs {@code action} on this thread once the task it runs in returns, after the actions
   * registered before it; returns false, running nothing, outside a task of a {@code
   * TurnExecutor}.
   */
  static boolean atEndOfTurn(Runnable action) {
    ArrayDeque<Runnable> actions = TURN.get();
    if (actions == null) {
      return false;
    }
    actions.add(action);
    return true;
  }

  private static void runTurn(Runnable task) {
    ArrayDeque<Runnable> outer = TURN.get(); // set if a task runs another inline
    ArrayDeque<Runnable> actions = new ArrayDeque<>(2);
    TURN.set(actions);
    try {
      runAll(task, actions);
    } finally {
      if (outer == null) {
        TURN.remove();
      } else {
        TURN.set(outer);
      }
    }
  }

  /** Runs the task, then every action, also after one fails; rethrows the first failure. */
  private static void runAll(Runnable task, ArrayDeque<Runnable> actions) {
    Throwable failure = null;
    try {
      task.run();
    } catch (Throwable e) { // an Error too: the held writes must still run
      failure = e;
    }
    // An action registered by an action runs in this turn too.
    for (Runnable action = actions.poll(); action != null; action = actions.poll()) {
      try {
        action.run();
      } catch (Throwable e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new IllegalStateException(failure); // a checked exception thrown sneakily
    }
  }

  private static ExecutorService newSharedPool() {
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "routeguide-server-" + threads.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }

  @Override
  public String toString() {
    return "TurnExecutor[" + delegate + "]";
  }
}
