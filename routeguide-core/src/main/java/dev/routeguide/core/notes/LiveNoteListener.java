package dev.routeguide.core.notes;

import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.UnavailableException;

/**
 * Receives, for one {@link NoteSession}, the notes that <em>other</em> posters store later at the
 * locations the session has posted to: RouteChat's opt-in live delivery.
 *
 * <p>The board calls it on a thread of its own choosing (the other poster's thread in memory, a
 * client I/O thread for a network store), never two calls at once for one session, and expects it
 * to return quickly: a listener must not block. A listener that cannot keep up ends its session
 * itself; the board never skips a note silently. A listener that throws from {@link #onLiveNote}
 * is not called again: every board logs the failure, reports the note to its {@link
 * NoteBoardObserver} as dropped and closes the session.
 *
 * @since 0.2.0
 */
public interface LiveNoteListener {

  /**
   * A note another poster stored at a location this session follows. Notes at one location
   * arrive in the order the board stored them.
   */
  void onLiveNote(RouteNote note);

  /**
   * Live delivery for this session stopped and no more notes follow, e.g. {@link
   * UnavailableException} when a network store's subscription was lost, or {@link
   * ResourceExhaustedException} when the board's own buffer for this session overflowed.
   */
  void onLiveInterrupted(RouteGuideException reason);
}
