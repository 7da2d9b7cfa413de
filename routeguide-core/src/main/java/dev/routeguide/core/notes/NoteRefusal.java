package dev.routeguide.core.notes;

/**
 * Why a {@link NoteBoard} refused to store a note, as reported to a {@link NoteBoardObserver}.
 *
 * @since 0.2.0
 */
public enum NoteRefusal {
  /** The message is longer than the board's limit (an invalid argument). */
  MESSAGE_TOO_LONG,
  /** The note alone is larger than the board's byte budget (an invalid argument). */
  NOTE_TOO_LARGE,
  /** The board's store could not be reached; the note may or may not have been stored. */
  STORE_UNAVAILABLE,
  /** The board's store is out of memory (Redis's {@code maxmemory} under {@code noeviction}). */
  STORE_FULL
}
