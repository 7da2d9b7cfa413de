package dev.routeguide.redis;

/**
 * One entry of a location's list as the posting script writes it, {@code "<sequence> <message>"}:
 * the location is in the key, so an entry holds only the sequence number the script gave the note
 * at its location and the message itself.
 *
 * @param sequence grows with every note stored at the location, in the order the board keeps them
 * @param message the note's text
 */
record StoredNote(long sequence, String message) {

  /**
   * Reads an entry written by the posting script.
   *
   * @throws IllegalStateException if the entry is not in the script's format
   */
  static StoredNote decode(String entry) {
    int space = entry.indexOf(' ');
    if (space <= 0) {
      throw new IllegalStateException("not a RouteChat note entry: " + abbreviate(entry));
    }
    try {
      return new StoredNote(Long.parseLong(entry, 0, space, 10), entry.substring(space + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("not a RouteChat note entry: " + abbreviate(entry), e);
    }
  }

  private static String abbreviate(String entry) {
    return entry.length() <= 40 ? entry : entry.substring(0, 40) + "...";
  }
}
