package dev.routeguide.core.notes;

/**
 * Bounds on what an {@link InMemoryNoteBoard} keeps, so that its memory stays bounded whatever
 * callers post.
 *
 * @param maxNotesPerLocation notes kept at one location; posting more drops the oldest there
 * @param maxLocations locations kept; a new location beyond this evicts the least recently posted
 *     to, with its notes
 * @param maxMessageLength longest message accepted, in chars; a longer note is rejected
 *
 * @since 0.1.0
 */
public record NoteBoardLimits(int maxNotesPerLocation, int maxLocations, int maxMessageLength) {

  /** The defaults: 100 notes per location, 10,000 locations, messages up to 1,024 chars. */
  public static final NoteBoardLimits DEFAULT = new NoteBoardLimits(100, 10_000, 1024);

  /** Requires every limit to be positive. */
  public NoteBoardLimits {
    requirePositive("maxNotesPerLocation", maxNotesPerLocation);
    requirePositive("maxLocations", maxLocations);
    requirePositive("maxMessageLength", maxMessageLength);
  }

  /** Returns these limits with another cap of notes per location. */
  public NoteBoardLimits withMaxNotesPerLocation(int value) {
    return new NoteBoardLimits(value, maxLocations, maxMessageLength);
  }

  /** Returns these limits with another cap of locations. */
  public NoteBoardLimits withMaxLocations(int value) {
    return new NoteBoardLimits(maxNotesPerLocation, value, maxMessageLength);
  }

  /** Returns these limits with another maximum message length. */
  public NoteBoardLimits withMaxMessageLength(int value) {
    return new NoteBoardLimits(maxNotesPerLocation, maxLocations, value);
  }

  private static void requirePositive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }
}
