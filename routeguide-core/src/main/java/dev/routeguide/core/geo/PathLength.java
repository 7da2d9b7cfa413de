package dev.routeguide.core.geo;

import java.util.Objects;

/**
 * The length of a path of points joined by great circles, summed leg by leg as the points
 * arrive, in constant memory. Each leg is exactly {@link GreatCircle#distanceMeters} of its two
 * points, added in double precision; each point's latitude cosine is computed once, not once per
 * leg it ends and once per leg it starts.
 *
 * <p>Not thread-safe: one path, fed by one caller at a time.
 *
 * @since 0.2.0
 */
public final class PathLength {

  private boolean started;
  private double latitudeRadians;
  private double cosLatitude;
  private double longitudeDegrees;
  private double meters;

  /** Starts an empty path, of length zero. */
  public PathLength() {}

  /**
   * Extends the path to the point: adds the leg from the last point, if there is one.
   *
   * @throws NullPointerException if the point is null
   */
  public void add(Point point) {
    Objects.requireNonNull(point, "point");
    double lat = GreatCircle.latitudeRadians(point);
    double cos = Math.cos(lat);
    double lon = point.longitudeDegrees();
    if (started) {
      meters += GreatCircle.haversineMeters(latitudeRadians, cosLatitude, lat, cos,
          lon - longitudeDegrees);
    }
    started = true;
    latitudeRadians = lat;
    cosLatitude = cos;
    longitudeDegrees = lon;
  }

  /** The path's length so far in metres, unrounded; zero before its second point. */
  public double meters() {
    return meters;
  }
}
