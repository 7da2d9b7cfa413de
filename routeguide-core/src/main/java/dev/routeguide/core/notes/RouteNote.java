package dev.routeguide.core.notes;

import dev.routeguide.core.geo.Point;

/**
 * A message left at a location in RouteChat.
 *
 * @param location where the note is posted, never null
 * @param message the text, never null (may be empty)
 *
 * @since 0.1.0
 */
public record RouteNote(Point location, String message) {

  /** Rejects a null location or message. */
  public RouteNote {
    if (location == null) {
      throw new IllegalArgumentException("note location must not be null");
    }
    if (message == null) {
      throw new IllegalArgumentException("note message must not be null");
    }
  }

  /** Returns a note with the given message at a location. */
  public static RouteNote at(Point location, String message) {
    return new RouteNote(location, message);
  }
}
