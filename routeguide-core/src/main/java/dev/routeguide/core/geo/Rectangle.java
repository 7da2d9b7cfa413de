package dev.routeguide.core.geo;

import java.util.Objects;

/**
 * An axis-aligned box of latitude and longitude with inclusive edges.
 *
 * <p>It is built from any two opposite corners, in either order: the canonical constructor
 * normalises them so that {@link #southWest()} holds the smaller latitude and longitude and
 * {@link #northEast()} the larger. A rectangle may be degenerate (zero width or height); it never
 * wraps across the antimeridian, as on the RouteGuide wire.
 *
 * @param southWest the corner with the smallest latitude and longitude
 * @param northEast the corner with the largest latitude and longitude
 *
 * @since 0.1.0
 */
public record Rectangle(Point southWest, Point northEast) {

  /**
   * Normalises the two corners.
   *
   * @throws NullPointerException if a corner is null
   */
  public Rectangle {
    Objects.requireNonNull(southWest, "southWest");
    Objects.requireNonNull(northEast, "northEast");
    Point a = southWest;
    Point b = northEast;
    southWest =
        new Point(
            Math.min(a.latitudeE7(), b.latitudeE7()), Math.min(a.longitudeE7(), b.longitudeE7()));
    northEast =
        new Point(
            Math.max(a.latitudeE7(), b.latitudeE7()), Math.max(a.longitudeE7(), b.longitudeE7()));
  }

  /**
   * Returns the rectangle spanned by two opposite corners, in either order.
   *
   * @throws NullPointerException if a corner is null
   */
  public static Rectangle spanning(Point corner, Point oppositeCorner) {
    return new Rectangle(corner, oppositeCorner);
  }

  /** Returns the rectangle that covers the whole world. */
  public static Rectangle world() {
    return new Rectangle(
        new Point(-Point.MAX_LATITUDE_E7, -Point.MAX_LONGITUDE_E7),
        new Point(Point.MAX_LATITUDE_E7, Point.MAX_LONGITUDE_E7));
  }

  /** Smallest latitude in E7 units. */
  public int minLatitudeE7() {
    return southWest.latitudeE7();
  }

  /** Largest latitude in E7 units. */
  public int maxLatitudeE7() {
    return northEast.latitudeE7();
  }

  /** Smallest longitude in E7 units. */
  public int minLongitudeE7() {
    return southWest.longitudeE7();
  }

  /** Largest longitude in E7 units. */
  public int maxLongitudeE7() {
    return northEast.longitudeE7();
  }

  /** Whether the point lies inside or on the edge of this rectangle. */
  public boolean contains(Point point) {
    return contains(point.latitudeE7(), point.longitudeE7());
  }

  /** Whether the E7 coordinates lie inside or on the edge of this rectangle. */
  public boolean contains(int latitudeE7, int longitudeE7) {
    return latitudeE7 >= southWest.latitudeE7()
        && latitudeE7 <= northEast.latitudeE7()
        && longitudeE7 >= southWest.longitudeE7()
        && longitudeE7 <= northEast.longitudeE7();
  }
}
