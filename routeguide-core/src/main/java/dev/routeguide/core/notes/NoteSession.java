package dev.routeguide.core.notes;

import java.util.List;

/**
 * One poster on a {@link NoteBoard} with live delivery, opened by {@link
 * NoteBoard#openSession}: typically one RouteChat call.
 *
 * <p>Posting through a session is {@link NoteBoard#post} plus following: from the moment the note
 * is stored, every note that another poster stores at the same location is given to the session's
 * {@link LiveNoteListener}, exactly once and in the board's order. At each post the split is
 * exact: a note stored before it is in its reply, a note stored after it is delivered live, with
 * no gap between the two. (A reply holds the whole earlier history, so a note delivered live is
 * also in the replies to this session's later posts there, as it would be for any poster.) The
 * session's own notes are never delivered back to it.
 *
 * <p>Posting is for one thread at a time; {@link #close()} may be called from any thread.
 *
 * @since 0.2.0
 */
public interface NoteSession extends AutoCloseable {

  /**
   * Stores a note as {@link NoteBoard#post} does and follows its location from then on.
   *
   * @return the notes kept earlier at exactly that location, oldest first; immutable
   * @throws NullPointerException if note is null
   * @throws dev.routeguide.core.InvalidArgumentException if the note breaks a limit of the board
   * @throws dev.routeguide.core.UnavailableException if the board's store cannot be reached; the
   *     note may or may not have been stored
   * @throws IllegalStateException if the session is closed
   */
  List<RouteNote> post(RouteNote note);

  /** Stops following: once this returns, the listener is not called again. Idempotent. */
  @Override
  void close();
}
