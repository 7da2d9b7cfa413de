package dev.routeguide.core.notes;

/**
 * What a {@link NoteBoard} reports about the notes it keeps, for metrics: notes stored, refused
 * and evicted, and live notes delivered or dropped. Every method does nothing by default; {@link
 * #NONE} ignores everything.
 *
 * <p>A board may call these while it holds one of its locks, on any thread: implementations are
 * thread-safe, cheap, never block, never throw, and never call back into the board. The
 * OpenTelemetry implementation lives outside the core (module {@code routeguide-opentelemetry}).
 *
 * @since 0.2.0
 */
public interface NoteBoardObserver {

  /** The observer that ignores everything. */
  NoteBoardObserver NONE = new NoteBoardObserver() {};

  /** A note was stored. */
  default void noteStored() {}

  /** A note was refused and not stored, for this reason. */
  default void noteRefused(NoteRefusal reason) {}

  /**
   * Notes the board had stored were removed to keep within a limit or because they expired.
   *
   * @param count how many, at least 1
   */
  default void notesEvicted(NoteEviction reason, int count) {}

  /** Notes were handed to a session's {@link LiveNoteListener}. */
  default void liveNotesDelivered(int count) {}

  /**
   * Live notes that had reached a session (or the call it serves) were discarded undelivered
   * because its live delivery ended early: the board's buffer for it overflowed or its
   * subscription was lost ({@link LiveNoteListener#onLiveInterrupted}), its listener threw, or
   * the gRPC call's own live buffer overflowed. Notes a board never received (published while its
   * subscription was down) cannot be counted.
   *
   * @param count how many, at least 1
   */
  default void liveNotesDropped(int count) {}
}
