package dev.routeguide.core.notes;

import dev.routeguide.core.InvalidArgumentException;
import java.util.Objects;

/**
 * Bounds on what an {@link InMemoryNoteBoard} keeps, so that its memory stays bounded whatever
 * callers post. A network store applies the per-location cap and the message length the same way
 * and bounds the rest its own way.
 *
 * <p><b>The default byte cap</b>, {@value #DEFAULT_MAX_NOTE_BYTES} bytes (64 MiB), is sized for
 * the CLI server with the canonical database in a 256 MB heap under the worst flood: messages of
 * 1,024 chars that are not Latin-1 cost 2,144 bytes each as the board counts them, so the cap
 * holds about 31,000 such notes, where the count limits alone would allow a million (2 GB). The
 * remaining 192 MB leave the gRPC runtime, the catalogue and their per-call buffers (about 30 MB
 * after a full GC), the replies being encoded for every open RouteChat (up to 100 notes of 3 KB
 * each in UTF-8, times the open calls) and the free heap the garbage collector needs to keep
 * collecting concurrently (at least a third of the heap for G1 under steady allocation).
 *
 * @param maxNotesPerLocation notes kept at one location; posting more drops the oldest there
 * @param maxLocations locations kept; a new location beyond this evicts the least recently
 *     posted-to location of its segment ({@link InMemoryNoteBoard} splits the caps between up to
 *     64 segments), with its notes
 * @param maxMessageLength longest message accepted, in chars; a longer note is rejected
 * @param maxNoteBytes heap the kept notes may retain, in bytes, as {@link InMemoryNoteBoard}
 *     counts it (objects, headers and 1 or 2 bytes per char); posting beyond it evicts the least
 *     recently posted-to locations of the post's segment first. It must hold at least one
 * location with one note of
 *     {@code maxMessageLength} chars
 *
 * @since 0.1.0
 */
public record NoteBoardLimits(
    int maxNotesPerLocation, int maxLocations, int maxMessageLength, long maxNoteBytes) {

  /** The default cap on retained note bytes: 64 MiB (see the class description for why). */
  public static final long DEFAULT_MAX_NOTE_BYTES = 64L * 1024 * 1024;

  /**
   * The defaults: 100 notes per location, 10,000 locations, messages up to 1,024 chars, 64 MiB
   * of notes.
   */
  public static final NoteBoardLimits DEFAULT =
      new NoteBoardLimits(100, 10_000, 1024, DEFAULT_MAX_NOTE_BYTES);

  /**
   * Requires every limit to be positive and the byte cap to hold one location with one longest
   * note.
   */
  public NoteBoardLimits {
    requirePositive("maxNotesPerLocation", maxNotesPerLocation);
    requirePositive("maxLocations", maxLocations);
    requirePositive("maxMessageLength", maxMessageLength);
    if (maxNoteBytes <= 0) {
      throw new IllegalArgumentException("maxNoteBytes must be positive, got " + maxNoteBytes);
    }
    long least = NoteFootprint.LOCATION_BYTES + NoteFootprint.ofWidestMessage(maxMessageLength);
    if (maxNoteBytes < least) {
      throw new IllegalArgumentException(
          "maxNoteBytes must hold at least one note of maxMessageLength (" + maxMessageLength
              + ") chars, " + least + " bytes, got " + maxNoteBytes);
    }
  }

  /**
   * Limits with the {@linkplain #DEFAULT_MAX_NOTE_BYTES default byte cap}.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public NoteBoardLimits(int maxNotesPerLocation, int maxLocations, int maxMessageLength) {
    this(maxNotesPerLocation, maxLocations, maxMessageLength, DEFAULT_MAX_NOTE_BYTES);
  }

  /** Returns these limits with another cap of notes per location. */
  public NoteBoardLimits withMaxNotesPerLocation(int value) {
    return new NoteBoardLimits(value, maxLocations, maxMessageLength, maxNoteBytes);
  }

  /** Returns these limits with another cap of locations. */
  public NoteBoardLimits withMaxLocations(int value) {
    return new NoteBoardLimits(maxNotesPerLocation, value, maxMessageLength, maxNoteBytes);
  }

  /** Returns these limits with another maximum message length. */
  public NoteBoardLimits withMaxMessageLength(int value) {
    return new NoteBoardLimits(maxNotesPerLocation, maxLocations, value, maxNoteBytes);
  }

  /**
   * Returns these limits with another cap on retained note bytes.
   *
   * @since 0.2.0
   */
  public NoteBoardLimits withMaxNoteBytes(long value) {
    return new NoteBoardLimits(maxNotesPerLocation, maxLocations, maxMessageLength, value);
  }

  private static void requirePositive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  /**
   * Refuses a note whose message is longer than {@link #maxMessageLength()}, as every note board
   * must: reports the refusal to the board's observer, then throws.
   *
   * @throws InvalidArgumentException naming the message's length and the limit
   * @throws NullPointerException if an argument is null
   * @since 0.2.0
   */
  public void requireMessageWithinLimit(RouteNote note, NoteBoardObserver observer) {
    Objects.requireNonNull(observer, "observer");
    int length = Objects.requireNonNull(note, "note").message().length();
    if (length > maxMessageLength) {
      observer.noteRefused(NoteRefusal.MESSAGE_TOO_LONG);
      throw new InvalidArgumentException(
          "message is " + length + " chars long, more than the board's limit of "
              + maxMessageLength);
    }
  }
}
