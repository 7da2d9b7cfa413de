package dev.routeguide.core;

import dev.routeguide.core.notes.RouteNote;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The life of a {@link RouteChat}, written once for every implementation (in this process, live,
 * over gRPC): which calls are refused when, that {@link #complete()}, {@link #cancel()} and {@link
 * #close()} act at most once, and that the {@link NoteReceiver} gets zero or more notes, then
 * exactly one of {@code onCompleted} or {@code onError}, and nothing once the owner has cancelled.
 * A subclass says how a note is posted, how the chat is half-closed and abandoned, and hands what
 * arrives to {@link #deliver}, {@link #endWithCompletion()} and {@link #endWithFailure}.
 *
 * <pre>{@code
 * send(note)     the chat's failure, once it has failed; refused (IllegalStateException) once
 *                completed, cancelled or ended by the peer; else post(note)
 * complete()     halfClose(), the first time, unless cancelled
 * cancel()       abandon(), the first time, unless the chat has already ended
 * close()        as cancel(), unless completed
 * }</pre>
 *
 * <p>The owner's methods follow {@link RouteChat}'s threading rule. The subclass must not let its
 * calls to the delivery methods overlap.
 *
 * <p>An extension point for implementations of {@link RouteGuide} (this library's own local and
 * remote chats use it); applications that only call a {@code RouteGuide} never need it.
 *
 * @since 0.2.0
 */
public abstract class AbstractRouteChat implements RouteChat {

  private static final int OPEN = 0;
  private static final int COMPLETED = 1;
  private static final int CANCELLED = 2;

  private final NoteReceiver receiver;
  private final AtomicInteger sending = new AtomicInteger(OPEN);
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile RouteGuideException failure;

  /**
   * A chat whose replies, completion and failure go to the receiver.
   *
   * @throws NullPointerException if receiver is null
   */
  protected AbstractRouteChat(NoteReceiver receiver) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the chat was completed or cancelled, or the peer ended it
   * @throws RouteGuideException the chat's failure, if it has failed (the same exception the
   *     receiver got)
   */
  @Override
  public final void send(RouteNote note) {
    Objects.requireNonNull(note, "note");
    RouteGuideException failed = failure;
    if (failed != null) {
      throw failed;
    }
    if (sending.get() != OPEN) {
      throw new IllegalStateException("route chat is already completed or cancelled");
    }
    if (ended.get()) {
      throw new IllegalStateException("route chat has already ended");
    }
    post(note);
  }

  @Override
  public final void complete() {
    if (sending.compareAndSet(OPEN, COMPLETED)) {
      halfClose();
    }
  }

  @Override
  public final void cancel() {
    if (sending.getAndSet(CANCELLED) != CANCELLED && !ended.get()) {
      abandon();
    }
  }

  @Override
  public final void close() {
    if (sending.compareAndSet(OPEN, CANCELLED) && !ended.get()) {
      abandon();
    }
  }

  /**
   * Posts a note; called by {@link #send} while the chat is open. A failure that ends the chat is
   * reported with {@link #endWithFailure} and may also be thrown from here.
   */
  protected abstract void post(RouteNote note);

  /** Says that no more notes follow; called once, by the first {@link #complete()}. */
  protected abstract void halfClose();

  /** Stops the chat and releases what it holds; called once, unless the chat ended first. */
  protected abstract void abandon();

  /** Hands a reply to the receiver, unless the chat has ended or its owner cancelled it. */
  protected final void deliver(RouteNote note) {
    if (isOpenToDeliveries()) {
      receiver.onNote(note);
    }
  }

  /**
   * Hands a live note (posted by another chat after this chat's earlier replies) to the receiver's
   * {@link NoteReceiver#onLiveNote}, unless the chat has ended or its owner cancelled it.
   */
  protected final void deliverLive(RouteNote note) {
    if (isOpenToDeliveries()) {
      receiver.onLiveNote(note);
    }
  }

  private boolean isOpenToDeliveries() {
    return !ended.get() && sending.get() != CANCELLED;
  }

  /**
   * Ends the chat successfully: the receiver is completed unless the owner cancelled.
   *
   * @return whether this call ended the chat (false if it had already ended)
   */
  protected final boolean endWithCompletion() {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    if (sending.get() != CANCELLED) {
      receiver.onCompleted();
    }
    return true;
  }

  /**
   * Ends the chat with a failure: unless the owner cancelled, later sends throw it and the receiver
   * gets it.
   *
   * @return whether this call ended the chat (false if it had already ended)
   * @throws NullPointerException if reason is null
   */
  protected final boolean endWithFailure(RouteGuideException reason) {
    Objects.requireNonNull(reason, "reason");
    if (ended.get()) {
      return false;
    }
    if (sending.get() != CANCELLED) {
      // Before ended, so that a sender that sees the end sees the failure. Not after a cancel:
      // the owner's own cancel is not the chat's failure.
      failure = reason;
    }
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    if (sending.get() != CANCELLED) {
      receiver.onError(reason);
    }
    return true;
  }

  /** Whether the chat has ended, successfully or not; nothing more reaches the receiver. */
  protected final boolean hasEnded() {
    return ended.get();
  }

  /** Whether the owner cancelled the chat (by {@link #cancel()} or an early {@link #close()}). */
  protected final boolean isCancelled() {
    return sending.get() == CANCELLED;
  }

  /** The failure the chat ended with, or {@code null} while it has none. */
  protected final RouteGuideException failure() {
    return failure;
  }
}
