package dev.routeguide.core.notes;

import dev.routeguide.core.geo.Point;
import java.util.Objects;

/**
 * A message left at a location in RouteChat.
 *
 * @param location where the note is posted, never null
 * @param message the text, never null (may be empty)
 *
 * @since 0.1.0
 */
public record RouteNote(Point location, String message) {

  /**
   * Rejects a null location or message.
   *
   * @throws NullPointerException if location or message is null
   */
  public RouteNote {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** Returns a note with the given message at a location. */
  public static RouteNote at(Point location, String message) {
    return new RouteNote(location, message);
  }
}
