package dev.routeguide.core.notes;

import java.util.List;

/**
 * Where RouteChat notes are kept: posting a note shows the poster what was posted before at the
 * same location.
 *
 * <p>Implementations are thread-safe and shared by every caller. {@link #post} is atomic: the
 * returned history and the storing of the new note happen as one step, so concurrent posters at
 * one location each see a consistent prefix and no note is lost or seen twice. The in-memory
 * implementation is {@link InMemoryNoteBoard}; a shared store for several servers can implement
 * this interface.
 *
 * @since 0.1.0
 */
public interface NoteBoard {

  /**
   * Stores a note and returns the notes kept earlier at exactly its location, oldest first.
   *
   * @return an immutable list, empty if there were none
   * @throws IllegalArgumentException if the note is null or breaks a limit of the board (e.g. its
   *     message is too long); the message names the field
   */
  List<RouteNote> post(RouteNote note);
}
