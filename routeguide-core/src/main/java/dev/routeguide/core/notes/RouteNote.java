package dev.routeguide.core.notes;

import dev.routeguide.core.geo.Point;
import java.util.Objects;

/**
 * A message left at a location in RouteChat.
 *
 * @param location where the note is posted, never null
 * @param message the text, never null (may be empty)
 *
 * @since 0.1.0
 */
public record RouteNote(Point location, String message) {

  /**
   * Rejects a null location or message.
   *
   * @throws NullPointerException if location or message is null
   */
  public RouteNote {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** Returns a note with the given message at a location. */
  public static RouteNote at(Point location, String message) {
    return new RouteNote(location, message);
  }

  /**
   * The most heap this note can retain on a 64-bit JVM: its objects and its message stored as
   * UTF-16, whatever its text. The in-memory board counts notes against {@link
   * NoteBoardLimits#maxNoteBytes()} by the same model; a holder of notes the board may have
   * evicted (a buffer of notes waiting for a slow reader) can bound itself by it.
   *
   * @since 0.2.0
   */
  public long maxRetainedBytes() {
    return NoteFootprint.ofWidestMessage(message.length());
  }
}
