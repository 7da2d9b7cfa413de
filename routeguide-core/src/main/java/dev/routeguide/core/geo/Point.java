package dev.routeguide.core.geo;

import java.util.Locale;

/**
 * A position on the Earth in E7 coordinates: degrees multiplied by 10<sup>7</sup> and rounded to
 * the nearest integer, as on the RouteGuide wire.
 *
 * <p>Latitude lies within [-90°, +90°] and longitude within [-180°, +180°], both ends inclusive;
 * any other value is rejected with an {@link IllegalArgumentException} naming the field. Points are
 * immutable and compare by value.
 *
 * @param latitudeE7 latitude in E7 units, within ±900,000,000
 * @param longitudeE7 longitude in E7 units, within ±1,800,000,000
 *
 * @since 0.1.0
 */
public record Point(int latitudeE7, int longitudeE7) {

  /** Number of E7 units in one degree. */
  public static final double E7_PER_DEGREE = 1e7;

  /** Largest latitude in E7 units (90°). */
  public static final int MAX_LATITUDE_E7 = 900_000_000;

  /** Largest longitude in E7 units (180°). */
  public static final int MAX_LONGITUDE_E7 = 1_800_000_000;

  /** Validates both coordinates. */
  public Point {
    if (latitudeE7 < -MAX_LATITUDE_E7 || latitudeE7 > MAX_LATITUDE_E7) {
      throw new IllegalArgumentException(
          "latitude must be within [-90, 90] degrees ([-900000000, 900000000] E7), got "
              + latitudeE7 + " E7");
    }
    if (longitudeE7 < -MAX_LONGITUDE_E7 || longitudeE7 > MAX_LONGITUDE_E7) {
      throw new IllegalArgumentException(
          "longitude must be within [-180, 180] degrees ([-1800000000, 1800000000] E7), got "
              + longitudeE7 + " E7");
    }
  }

  /**
   * Hash of both coordinates, computed directly rather than through the record's generic
   * bootstrap (a hot path of every lookup keyed by point).
   */
  @Override
  public int hashCode() {
    return 31 * latitudeE7 + longitudeE7;
  }

  /**
   * Returns the point at the given E7 coordinates.
   *
   * @throws IllegalArgumentException if a coordinate is out of range
   */
  public static Point ofE7(int latitudeE7, int longitudeE7) {
    return new Point(latitudeE7, longitudeE7);
  }

  /**
   * Returns the point nearest to the given coordinates in degrees, rounded to the nearest E7 unit.
   *
   * @throws IllegalArgumentException if a coordinate is not finite or is out of range
   */
  public static Point ofDegrees(double latitudeDegrees, double longitudeDegrees) {
    return new Point(
        toE7("latitude", latitudeDegrees, 90), toE7("longitude", longitudeDegrees, 180));
  }

  /** Latitude in degrees. */
  public double latitudeDegrees() {
    return latitudeE7 / E7_PER_DEGREE;
  }

  /** Longitude in degrees. */
  public double longitudeDegrees() {
    return longitudeE7 / E7_PER_DEGREE;
  }

  /**
   * Returns the coordinates in degrees with all seven decimals, e.g. {@code (40.9146138,
   * -74.6188906)} or {@code (0.0000001, 0.0000000)}.
   */
  public String toDegreesString() {
    return String.format(Locale.ROOT, "(%.7f, %.7f)", latitudeDegrees(), longitudeDegrees());
  }

  private static int toE7(String field, double degrees, int limitDegrees) {
    if (!Double.isFinite(degrees) || Math.abs(degrees) > limitDegrees) {
      throw new IllegalArgumentException(
          field + " must be within [-" + limitDegrees + ", " + limitDegrees + "] degrees, got "
              + degrees);
    }
    return (int) Math.round(degrees * E7_PER_DEGREE);
  }
}
