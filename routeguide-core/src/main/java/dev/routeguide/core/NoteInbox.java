package dev.routeguide.core;

import dev.routeguide.core.notes.RouteNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link NoteReceiver} that queues replies for a thread to take, for callers who prefer blocking
 * reads to callbacks:
 *
 * <pre>{@code
 * NoteInbox inbox = new NoteInbox();
 * try (RouteChat chat = routeGuide.routeChat(inbox)) {
 *   chat.send(RouteNote.at(point, "hello"));
 *   chat.complete();
 *   List<RouteNote> replies = inbox.awaitAll(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>The queue is unbounded, but a chat delivers at most the board's per-location cap of notes for
 * each note sent, so it holds no more than the caller asked for. Thread-safe.
 *
 * @since 0.1.0
 */
public final class NoteInbox implements NoteReceiver {

  private static final Object COMPLETED = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Object end;

  /** An empty inbox, ready to be passed to {@link RouteGuide#routeChat(NoteReceiver)}. */
  public NoteInbox() {}

  @Override
  public void onNote(RouteNote note) {
    queue.add(Objects.requireNonNull(note, "note"));
  }

  @Override
  public void onCompleted() {
    queue.add(COMPLETED);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failure(Objects.requireNonNull(error, "error")));
  }

  /**
   * Waits for the next reply.
   *
   * @return the next note, or empty once the chat has completed
   * @throws RuntimeException the chat's failure, rethrown as delivered (checked ones wrapped in an
   *     {@link IllegalStateException})
   */
  public Optional<RouteNote> take() throws InterruptedException {
    return unwrap(end != null ? end : queue.take());
  }

  /**
   * Waits up to the timeout for the next reply.
   *
   * @return the next note, or empty once the chat has completed
   * @throws TimeoutException if nothing arrived in time
   * @throws RuntimeException the chat's failure, as for {@link #take()}
   */
  public Optional<RouteNote> poll(Duration timeout) throws InterruptedException, TimeoutException {
    Object item = end != null ? end : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (item == null) {
      throw new TimeoutException("no note or completion within " + timeout);
    }
    return unwrap(item);
  }

  /**
   * Waits for the chat to complete and returns every note not yet taken, in arrival order.
   *
   * @throws TimeoutException if the chat did not complete within the timeout
   * @throws RuntimeException the chat's failure, as for {@link #take()}
   */
  public List<RouteNote> awaitAll(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RouteNote> notes = new ArrayList<>();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Optional<RouteNote> note;
      try {
        note = poll(left);
      } catch (TimeoutException e) {
        // poll names what was left of the time; the caller wants to hear its own timeout.
        throw new TimeoutException("route chat did not complete within " + timeout);
      }
      if (note.isEmpty()) {
        return notes;
      }
      notes.add(note.get());
    }
  }

  private Optional<RouteNote> unwrap(Object item) {
    if (item instanceof RouteNote note) {
      return Optional.of(note);
    }
    end = item;
    if (item instanceof Failure failure) {
      if (failure.error instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure.error instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("route chat failed: " + failure.error, failure.error);
    }
    return Optional.empty();
  }

  private record Failure(Throwable error) {}
}
