package dev.routeguide.core.features;

import java.io.IOException;

/**
 * A feature database could not be read: the file is not JSON, or an entry is missing a field, has
 * a field of the wrong type or a coordinate out of range. The message names the source, the line
 * and column, and where it applies the entry index and field, e.g. {@code
 * db.json:12:20: entry 3: location.latitude must be a 32-bit integer, got "north"}.
 *
 * @since 0.1.0
 */
public final class FeatureDatabaseException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long column;

  FeatureDatabaseException(String source, long line, long column, String detail, Throwable cause) {
    super(source + ":" + line + ":" + column + ": " + detail, cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** Name of the file or stream that failed to load. */
  public String source() {
    return source;
  }

  /** Line of the failure, starting at 1, or -1 if unknown. */
  public long line() {
    return line;
  }

  /** Column of the failure, starting at 1, or -1 if unknown. */
  public long column() {
    return column;
  }
}
