package dev.routeguide.redis;

import dev.routeguide.core.geo.Point;

/**
 * Where a location's notes live in Redis: one list key per location, {@code
 * <prefix>notes:<latitudeE7>,<longitudeE7>}, and one pub/sub channel for its live notes, {@code
 * <prefix>live:<latitudeE7>,<longitudeE7>}. One key per location keeps every script on one key, so
 * the layout works unchanged on Redis Cluster.
 */
record NoteKeys(String prefix) {

  private static final String NOTES = "notes:";
  private static final String LIVE = "live:";

  /** The list key holding the notes at a location. */
  String notesKey(Point location) {
    return prefix + NOTES + coordinates(location);
  }

  /** The channel on which the notes stored at a location are published. */
  String liveChannel(Point location) {
    return prefix + LIVE + coordinates(location);
  }

  /** The location a live channel of this layout belongs to. */
  Point locationOfChannel(String channel) {
    String coordinates = channel.substring(prefix.length() + LIVE.length());
    int comma = coordinates.indexOf(',');
    return Point.ofE7(
        Integer.parseInt(coordinates.substring(0, comma)),
        Integer.parseInt(coordinates.substring(comma + 1)));
  }

  private static String coordinates(Point location) {
    return location.latitudeE7() + "," + location.longitudeE7();
  }
}
