package dev.routeguide.core;

import dev.routeguide.core.notes.RouteNote;

/**
 * Receives the replies of a {@link RouteChat}: zero or more notes, then exactly one of {@link
 * #onCompleted()} or {@link #onError(Throwable)}, unless the chat is cancelled by its owner.
 * Calls for one chat never overlap. {@link NoteInbox} is a receiver to take notes from.
 *
 * @since 0.1.0
 */
public interface NoteReceiver {

  /** A note posted earlier at the location of a note this chat sent. */
  void onNote(RouteNote note);

  /**
   * A note that another chat posted, after this one, at a location this chat posted at (live
   * delivery, {@link LocalRouteGuide#withLiveChat}). Hands the note to {@link #onNote} unless
   * overridden: a receiver that treats live notes differently from replies, say one that bounds
   * how many may wait for a slow reader, overrides this. A remote chat cannot tell the two apart
   * on the wire and delivers every note through {@link #onNote}.
   *
   * @since 0.2.0
   */
  default void onLiveNote(RouteNote note) {
    onNote(note);
  }

  /** Every reply has been delivered and the chat is over. */
  void onCompleted();

  /** The chat failed; no more calls follow. */
  void onError(Throwable error);
}
