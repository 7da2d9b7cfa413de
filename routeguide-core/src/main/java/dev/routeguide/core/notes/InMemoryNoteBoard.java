package dev.routeguide.core.notes;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.geo.Point;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link NoteBoard} in memory, shared by all callers of one process and bounded by {@link
 * NoteBoardLimits}: at most so many notes per location (the oldest dropped first) and so many
 * locations (the least recently posted to evicted first).
 *
 * <p>Thread-safe: one lock guards the board, held only for the copy of one location's history
 * and the append, so a post costs O(notes kept at that location).
 *
 * @since 0.1.0
 */
public final class InMemoryNoteBoard implements NoteBoard {

  private final NoteBoardLimits limits;
  private final NoteBoardObserver observer;
  private final Map<Point, ArrayDeque<RouteNote>> notesByLocation;

  /** A board with the {@link NoteBoardLimits#DEFAULT default limits}. */
  public InMemoryNoteBoard() {
    this(NoteBoardLimits.DEFAULT);
  }

  /**
   * A board with the given limits.
   *
   * @throws NullPointerException if limits is null
   */
  public InMemoryNoteBoard(NoteBoardLimits limits) {
    this(limits, NoteBoardObserver.NONE);
  }

  /**
   * A board with the given limits that reports stored, refused and evicted notes to the observer.
   *
   * @throws NullPointerException if an argument is null
   * @since 0.2.0
   */
  public InMemoryNoteBoard(NoteBoardLimits limits, NoteBoardObserver observer) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.notesByLocation =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Point, ArrayDeque<RouteNote>> eldest) {
            if (size() <= limits.maxLocations()) {
              return false;
            }
            observer.notesEvicted(NoteEviction.LOCATION_CAP, eldest.getValue().size());
            return true;
          }
        };
  }

  /** The limits this board keeps to. */
  public NoteBoardLimits limits() {
    return limits;
  }

  @Override
  public List<RouteNote> post(RouteNote note) {
    Objects.requireNonNull(note, "note");
    int length = note.message().length();
    if (length > limits.maxMessageLength()) {
      observer.noteRefused(NoteRefusal.MESSAGE_TOO_LONG);
      throw new InvalidArgumentException(
          "message is " + length + " chars long, more than the board's limit of "
              + limits.maxMessageLength());
    }
    synchronized (notesByLocation) {
      ArrayDeque<RouteNote> notes =
          notesByLocation.computeIfAbsent(note.location(), location -> new ArrayDeque<>());
      List<RouteNote> earlier = List.copyOf(notes);
      if (notes.size() == limits.maxNotesPerLocation()) {
        notes.removeFirst();
        observer.notesEvicted(NoteEviction.PER_LOCATION_CAP, 1);
      }
      notes.addLast(note);
      observer.noteStored();
      return earlier;
    }
  }

  /** Number of locations holding notes now. */
  public int locationCount() {
    synchronized (notesByLocation) {
      return notesByLocation.size();
    }
  }

  /** Number of notes kept now, over all locations. */
  public long noteCount() {
    synchronized (notesByLocation) {
      long count = 0;
      for (ArrayDeque<RouteNote> notes : notesByLocation.values()) {
        count += notes.size();
      }
      return count;
    }
  }
}
