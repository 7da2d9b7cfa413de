package dev.routeguide.core.notes;

import java.util.List;

/**
 * Where RouteChat notes are kept: posting a note shows the poster what was posted before at the
 * same location.
 *
 * <p>Implementations are thread-safe and shared by every caller. {@link #post} is atomic: the
 * returned history and the storing of the new note happen as one step, so concurrent posters at
 * one location each see a consistent prefix and no note is lost or seen twice. The in-memory
 * implementation is {@link InMemoryNoteBoard}; a shared store for several servers implements
 * this interface in a module of its own.
 *
 * @since 0.1.0
 */
public interface NoteBoard {

  /**
   * Stores a note and returns the notes kept earlier at exactly its location, oldest first.
   *
   * @return an immutable list, empty if there were none
   * @throws NullPointerException if note is null
   * @throws dev.routeguide.core.InvalidArgumentException if the note breaks a limit of the board
   *     (e.g. its message is too long); the message names the field
   * @throws dev.routeguide.core.UnavailableException if the board's store cannot be reached or
   *     does not answer in time; the note may or may not have been stored
   */
  List<RouteNote> post(RouteNote note);

  /**
   * Opens a session whose posts are followed live (RouteChat's opt-in live delivery): see {@link
   * NoteSession}. Close the session when its chat ends.
   *
   * @throws NullPointerException if listener is null
   * @throws UnsupportedOperationException if this board has no live delivery
   * @since 0.2.0
   */
  default NoteSession openSession(LiveNoteListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " has no live delivery");
  }
}
