package dev.routeguide.core.geo;

import java.util.Objects;

/**
 * Great-circle distance by the haversine formula on a sphere of radius {@link
 * #EARTH_RADIUS_METERS}, in double precision: the model every RouteGuide implementation shares.
 *
 * @since 0.1.0
 */
public final class GreatCircle {

  /** Radius of the spherical Earth used by RouteGuide, in metres. */
  public static final double EARTH_RADIUS_METERS = 6_371_000;

  private GreatCircle() {}

  /**
   * Returns the great-circle distance between two points in metres, unrounded.
   *
   * @throws NullPointerException if a point is null
   */
  public static double distanceMeters(Point from, Point to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    double lat1 = Math.toRadians(from.latitudeDegrees());
    double lat2 = Math.toRadians(to.latitudeDegrees());
    double sinHalfDeltaLat = Math.sin((lat2 - lat1) / 2);
    double sinHalfDeltaLon =
        Math.sin(Math.toRadians(to.longitudeDegrees() - from.longitudeDegrees()) / 2);
    double a =
        sinHalfDeltaLat * sinHalfDeltaLat
            + Math.cos(lat1) * Math.cos(lat2) * sinHalfDeltaLon * sinHalfDeltaLon;
    // Rounding can push a a hair past 1 for antipodes; clamp so asin stays defined.
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(Math.min(1.0, a)));
  }
}
