package dev.routeguide.core;

import dev.routeguide.core.notes.RouteNote;

/**
 * One RouteChat in progress. Each note sent is posted to the shared board; the notes posted
 * earlier at its location are delivered to the chat's {@link NoteReceiver#onNote} as replies and,
 * on a backend with live delivery, notes other chats post later where this one has posted reach
 * {@link NoteReceiver#onLiveNote}. {@link #complete()} says that no more notes follow; the receiver
 * is then completed once every reply is delivered.
 *
 * <p>Threading: one thread at a time sends (calls to {@link #send} must not overlap, and must not
 * be made from within the receiver, which a blocked send would wait for); {@link #complete()},
 * {@link #cancel()} and {@link #close()} may be called from any thread, {@code cancel()} also from
 * within the receiver. Replies may arrive on another thread.
 *
 * @since 0.1.0
 */
public interface RouteChat extends AutoCloseable {

  /**
   * Sends a note. A note the board refuses (say, a message over its length limit) ends the chat:
   * the receiver gets {@link NoteReceiver#onError} with the reason, and a local chat also throws
   * it from here, while a remote one cannot know yet and reports it only to the receiver. Once the
   * chat has failed, every later send throws that same failure, whatever the transport. {@link
   * AbstractRouteChat} implements these rules for every implementation.
   *
   * @throws NullPointerException if the note is null
   * @throws IllegalStateException if the chat was completed or cancelled, or the peer ended it
   * @throws RouteGuideException the chat's failure, once it has failed (an {@link
   *     InvalidArgumentException} for a refused note)
   */
  void send(RouteNote note);

  /** Says that no more notes will be sent (half-close); replies still arrive. Idempotent. */
  void complete();

  /** Abandons the chat: nothing more is sent or delivered. Idempotent. */
  void cancel();

  /**
   * Cancels the chat unless it was completed; after {@link #complete()} it does nothing, so the
   * remaining replies still arrive. Idempotent.
   */
  @Override
  void close();
}
