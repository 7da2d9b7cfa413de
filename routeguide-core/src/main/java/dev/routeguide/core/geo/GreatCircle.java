package dev.routeguide.core.geo;

import java.util.Objects;

/**
 * Great-circle distance by the haversine formula on a sphere of radius {@link
 * #EARTH_RADIUS_METERS}, in double precision: the model every RouteGuide implementation shares.
 * {@link PathLength} sums the same legs for a path that arrives point by point.
 *
 * @since 0.1.0
 */
public final class GreatCircle {

  /** Radius of the spherical Earth used by RouteGuide, in metres. */
  public static final double EARTH_RADIUS_METERS = 6_371_000;

  /**
   * Below this, {@link #arcsine} sums its Taylor series: the terms left out after x¹⁵ are below
   * 10⁻¹⁹ of the result, far under half an ulp. Legs up to about 797 km.
   */
  private static final double SERIES_LIMIT = 0x1p-4;

  // Taylor coefficients of asin(x) = x + Σ c_n x^(2n+1), c_n = (2n)! / (4^n (n!)^2 (2n+1)).
  private static final double C1 = 1.0 / 6;
  private static final double C2 = 3.0 / 40;
  private static final double C3 = 5.0 / 112;
  private static final double C4 = 35.0 / 1152;
  private static final double C5 = 63.0 / 2816;
  private static final double C6 = 231.0 / 13312;
  private static final double C7 = 143.0 / 10240;

  // Taylor coefficients of sin(x) = x − Σ (−1)^(n+1) x^(2n+1) / (2n+1)!, to x⁹: below SERIES_LIMIT
  // the terms left out are below 10⁻¹⁹ of the result.
  private static final double S1 = 1.0 / 6;
  private static final double S2 = 1.0 / 120;
  private static final double S3 = 1.0 / 5040;
  private static final double S4 = 1.0 / 362880;

  private GreatCircle() {}

  /**
   * Returns the great-circle distance between two points in metres, unrounded.
   *
   * @throws NullPointerException if a point is null
   */
  public static double distanceMeters(Point from, Point to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    double lat1 = latitudeRadians(from);
    double lat2 = latitudeRadians(to);
    return haversineMeters(
        lat1, Math.cos(lat1), lat2, Math.cos(lat2),
        to.longitudeDegrees() - from.longitudeDegrees());
  }

  static double latitudeRadians(Point point) {
    return Math.toRadians(point.latitudeDegrees());
  }

  /**
   * The haversine distance from the latitudes in radians, their cosines (passed in so that a path
   * computes each point's once) and the longitude difference in degrees.
   */
  static double haversineMeters(
      double lat1, double cosLat1, double lat2, double cosLat2, double deltaLonDegrees) {
    double sinHalfDeltaLat = sine((lat2 - lat1) / 2);
    double sinHalfDeltaLon = sine(Math.toRadians(deltaLonDegrees) / 2);
    double a =
        sinHalfDeltaLat * sinHalfDeltaLat + cosLat1 * cosLat2 * sinHalfDeltaLon * sinHalfDeltaLon;
    // Rounding can push a a hair past 1 for antipodes; clamp so asin stays defined.
    return 2 * EARTH_RADIUS_METERS * arcsine(Math.sqrt(Math.min(1.0, a)));
  }

  /**
   * sin(x), as exact as {@link Math#sin}: half the latitude or longitude difference of a leg under
   * about 800 km is below {@link #SERIES_LIMIT}, and there a polynomial costs less than the
   * library's intrinsic.
   */
  private static double sine(double x) {
    if (Math.abs(x) >= SERIES_LIMIT) {
      return Math.sin(x);
    }
    double x2 = x * x;
    return x - x * x2 * (S1 - x2 * (S2 - x2 * (S3 - x2 * S4)));
  }

  /**
   * asin(x) for x in [0, 1], as exact as {@link Math#asin}: legs of a route are short, and for
   * them a polynomial beats the library call, which this JDK does not compile inline.
   */
  private static double arcsine(double x) {
    if (x >= SERIES_LIMIT) {
      return Math.asin(x);
    }
    double x2 = x * x;
    double tail = ((((((C7 * x2 + C6) * x2 + C5) * x2 + C4) * x2 + C3) * x2 + C2) * x2 + C1);
    return x + x * x2 * tail;
  }
}
