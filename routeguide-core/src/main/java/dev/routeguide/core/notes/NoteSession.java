package dev.routeguide.core.notes;

import java.util.List;

/**
 * One poster on a {@link NoteBoard} with live delivery, opened by {@link
 * NoteBoard#openSession}: typically one RouteChat call.
 *
 * <p>Posting through a session is {@link NoteBoard#post} plus following: from the moment the note
 * is stored, every note that another poster stores at the same location is given to the session's
 * {@link LiveNoteListener}. The reply and the live notes never overlap or leave a gap: a later
 * note is either in a reply to this session's next post or delivered live, never both, never
 * neither. The session's own notes are never delivered back to it.
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
