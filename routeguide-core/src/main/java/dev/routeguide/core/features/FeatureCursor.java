package dev.routeguide.core.features;

/**
 * The results of a rectangle query read in place, one at a time, without creating a {@link
 * Feature}, a {@link dev.routeguide.core.geo.Point} or a {@code String} for each: the coordinates as
 * E7 ints and the name as the catalogue's own UTF-8 bytes. This is what a transport that copies
 * each result into a message of its own (a protobuf mapper, a writer of JSON) reads instead of
 * {@code Feature}s; everyone else uses {@link FeatureCatalogue#iteratorWithin}.
 *
 * <pre>{@code
 * FeatureCursor cursor = catalogue.cursorWithin(area);
 * while (cursor.advance()) {
 *   if (cursor.nameInUtf8()) {
 *     write(cursor.latitudeE7(), cursor.longitudeE7(), cursor.nameUtf8());
 *   } else {
 *     write(cursor.feature());
 *   }
 * }
 * }</pre>
 *
 * <p>The accessors describe the feature the last {@link #advance()} moved to, until the cursor
 * moves again; calling one before the first {@code advance()}, or after it returned false, throws
 * {@link IllegalStateException}. Not thread-safe.
 *
 * @since 0.2.0
 */
public interface FeatureCursor {

  /**
   * Moves to the next feature.
   *
   * @return false when there is none left (then the cursor stays at the end)
   */
  boolean advance();

  /** Latitude of the current feature, in degrees × 10^7. */
  int latitudeE7();

  /** Longitude of the current feature, in degrees × 10^7. */
  int longitudeE7();

  /** The current feature, created (and its name decoded) for the caller. */
  Feature feature();

  /**
   * Whether the current name is held as UTF-8 that decodes back to it exactly, so that {@link
   * #nameUtf8()} can be read; false only for a name UTF-8 cannot carry (one with a lone
   * surrogate), which only {@link #feature()} gives.
   */
  boolean nameInUtf8();

  /**
   * The current name's UTF-8, copied from the catalogue into a new array the caller owns: the
   * bytes a protobuf {@code string} field carries, so a transport may wrap them as they are
   * (protobuf's {@code UnsafeByteOperations.unsafeWrap}) without decoding a {@code String} or
   * encoding it again. The catalogue's own storage is never handed out.
   *
   * @throws IllegalStateException if the name is not {@linkplain #nameInUtf8() held as UTF-8}
   */
  byte[] nameUtf8();
}
