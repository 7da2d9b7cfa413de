package dev.routeguide.core.notes;

/**
 * The heap an {@link InMemoryNoteBoard} retains for its notes, as it accounts them against {@link
 * NoteBoardLimits#maxNoteBytes()}: a model of a 64-bit HotSpot JVM with compressed references
 * (any heap under 32 GB) and 8-byte object alignment, rounded up where the layout varies.
 *
 * <ul>
 *   <li>a note: the {@code RouteNote} (24 bytes), its {@code Point} (24), the message's {@code
 *       String} (24) and its {@code byte[]} (16 + 1 byte per char for Latin-1 text, 2 for
 *       anything else, aligned to 8), plus 8 for its slot in the location's deque (4, doubled
 *       for the deque's spare capacity);
 *   <li>a location: its index entry (12 bytes a slot, packed point and reference, up to 4
 *       slots a location at the table's lowest load: 48), the board's record of it (48 at most)
 *       and an empty {@code ArrayDeque} (24, and 32 for its array of 3 slots): 152, counted as
 *       160.
 * </ul>
 */
final class NoteFootprint {

  /** Bytes a location costs before its first note. */
  static final long LOCATION_BYTES = 160;

  /** Bytes a note costs besides its message's characters. */
  private static final long NOTE_OBJECTS_BYTES = 24 + 24 + 24 + 8;

  private static final long ARRAY_HEADER_BYTES = 16;

  private NoteFootprint() {}

  /** Bytes the board retains for this note. */
  static long of(RouteNote note) {
    String message = note.message();
    return noteBytes(message.length(), isLatin1(message) ? 1 : 2);
  }

  /** Bytes of the costliest note with a message of {@code length} chars (none of them Latin-1). */
  static long ofWidestMessage(int length) {
    return noteBytes(length, 2);
  }

  private static long noteBytes(int length, int bytesPerChar) {
    return NOTE_OBJECTS_BYTES + align(ARRAY_HEADER_BYTES + (long) length * bytesPerChar);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private static boolean isLatin1(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }
}
