package dev.routeguide.core.notes;

/**
 * Why a {@link NoteBoard} removed notes it had stored, as reported to a {@link
 * NoteBoardObserver}.
 *
 * @since 0.2.0
 */
public enum NoteEviction {
  /** A location held its maximum of notes: its oldest note made room for a new one. */
  PER_LOCATION_CAP,
  /** The board, or the location's segment of it, held its maximum of bytes: old notes made room. */
  BYTES_CAP,
  /**
   * The board, or the location's segment of it, held its maximum of locations: its least recently
   * posted-to one went, notes and all.
   */
  LOCATION_CAP,
  /** The notes outlived the board's time to live. */
  EXPIRY
}
