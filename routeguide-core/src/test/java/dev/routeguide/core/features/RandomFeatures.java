package dev.routeguide.core.features;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random features and query rectangles from a fixed seed, for property tests of the catalogue. */
final class RandomFeatures {

  private static final int MAX_LAT = Point.MAX_LATITUDE_E7;
  private static final int MAX_LON = Point.MAX_LONGITUDE_E7;

  private RandomFeatures() {}

  /** Named features spread uniformly over the world, named {@code f0, f1, ...}. */
  static List<Feature> uniform(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Feature> features = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      features.add(Feature.named("f" + i, anywhere(random)));
    }
    return features;
  }

  /**
   * A mix that stresses an index: mostly uniform over the world, a dense cluster around New Jersey,
   * points on the extreme latitudes and longitudes, about 10% duplicate locations and about 5%
   * unnamed entries. Named entries have unique names.
   */
  static List<Feature> mixed(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Feature> features = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(100);
      Point location;
      if (kind < 10 && i > 0) {
        location = features.get(random.nextInt(i)).location();
      } else if (kind < 35) {
        location =
            Point.ofE7(
                random.nextInt(400_000_000, 410_000_001),
                random.nextInt(-750_000_000, -735_000_000));
      } else if (kind < 40) {
        location = extreme(random);
      } else {
        location = anywhere(random);
      }
      features.add(
          random.nextInt(20) == 0 ? Feature.unnamed(location) : Feature.named("f" + i, location));
    }
    return features;
  }

  static Point anywhere(SplittableRandom random) {
    return Point.ofE7(random.nextInt(-MAX_LAT, MAX_LAT + 1), random.nextInt(-MAX_LON, MAX_LON + 1));
  }

  private static Point extreme(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 ->
          Point.ofE7(
              random.nextBoolean() ? MAX_LAT : -MAX_LAT, random.nextInt(-MAX_LON, MAX_LON + 1));
      case 1 ->
          Point.ofE7(
              random.nextInt(-MAX_LAT, MAX_LAT + 1), random.nextBoolean() ? MAX_LON : -MAX_LON);
      case 2 ->
          Point.ofE7(
              random.nextBoolean() ? MAX_LAT : -MAX_LAT, random.nextBoolean() ? MAX_LON : -MAX_LON);
      default -> Point.ofE7(0, 0);
    };
  }

  /**
   * Query rectangles of every kind, in turn: random corners anywhere, small boxes around features
   * given north-east corner first, zero-area points and lines through features, the whole world
   * (corners in either order), boxes whose edge passes exactly through a feature or one E7 unit
   * beside it, anti-diagonal corners, boxes on the poles and the antimeridian, and 1-unit boxes.
   */
  static List<Rectangle> rectangles(List<Feature> features, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Rectangle> rectangles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Point p =
          features.isEmpty()
              ? anywhere(random)
              : features.get(random.nextInt(features.size())).location();
      int lat = p.latitudeE7();
      int lon = p.longitudeE7();
      Rectangle rectangle =
          switch (i % 12) {
            case 0, 1 -> Rectangle.spanning(anywhere(random), anywhere(random));
            case 2 -> {
              int half = random.nextInt(1, 500_000);
              yield Rectangle.spanning(
                  Point.ofE7(clampLat(lat + half), clampLon(lon + half)),
                  Point.ofE7(clampLat(lat - half), clampLon(lon - half)));
            }
            case 3 -> Rectangle.spanning(p, p);
            case 4 ->
                Rectangle.spanning(
                    Point.ofE7(lat, clampLon(lon - random.nextInt(0, 200_000_000))),
                    Point.ofE7(lat, clampLon(lon + random.nextInt(0, 200_000_000))));
            case 5 ->
                Rectangle.spanning(
                    Point.ofE7(clampLat(lat + random.nextInt(0, 100_000_000)), lon),
                    Point.ofE7(clampLat(lat - random.nextInt(0, 100_000_000)), lon));
            case 6 ->
                random.nextBoolean()
                    ? Rectangle.world()
                    : Rectangle.spanning(
                        Point.ofE7(MAX_LAT, MAX_LON), Point.ofE7(-MAX_LAT, -MAX_LON));
            case 7 -> {
              // The southern edge passes exactly through p, or one unit north of it.
              int south = random.nextBoolean() ? lat : clampLat(lat + 1);
              yield Rectangle.spanning(
                  Point.ofE7(south, clampLon(lon - random.nextInt(0, 10_000_000))),
                  Point.ofE7(
                      clampLat(south + random.nextInt(0, 10_000_000)),
                      clampLon(lon + random.nextInt(0, 10_000_000))));
            }
            case 8 -> {
              // The eastern edge passes exactly through p, or one unit west of it.
              int east = random.nextBoolean() ? lon : clampLon(lon - 1);
              yield Rectangle.spanning(
                  Point.ofE7(clampLat(lat + random.nextInt(0, 10_000_000)), east),
                  Point.ofE7(
                      clampLat(lat - random.nextInt(0, 10_000_000)),
                      clampLon(east - random.nextInt(0, 10_000_000))));
            }
            case 9 -> {
              // North-west and south-east corners: the other diagonal.
              Point a = anywhere(random);
              Point b = anywhere(random);
              yield Rectangle.spanning(
                  Point.ofE7(
                      Math.max(a.latitudeE7(), b.latitudeE7()),
                      Math.min(a.longitudeE7(), b.longitudeE7())),
                  Point.ofE7(
                      Math.min(a.latitudeE7(), b.latitudeE7()),
                      Math.max(a.longitudeE7(), b.longitudeE7())));
            }
            case 10 ->
                switch (random.nextInt(3)) {
                  case 0 ->
                      Rectangle.spanning(
                          Point.ofE7(MAX_LAT, -MAX_LON),
                          Point.ofE7(MAX_LAT - random.nextInt(0, 50_000_000), MAX_LON));
                  case 1 ->
                      Rectangle.spanning(
                          Point.ofE7(-MAX_LAT, MAX_LON),
                          Point.ofE7(MAX_LAT, MAX_LON - random.nextInt(0, 50_000_000)));
                  default ->
                      Rectangle.spanning(
                          Point.ofE7(-MAX_LAT, -MAX_LON),
                          Point.ofE7(
                              -MAX_LAT + random.nextInt(0, 50_000_000),
                              -MAX_LON + random.nextInt(0, 50_000_000)));
                };
            default ->
                Rectangle.spanning(
                    Point.ofE7(clampLat(lat - 1), clampLon(lon - 1)),
                    Point.ofE7(clampLat(lat + 1), clampLon(lon + 1)));
          };
      rectangles.add(rectangle);
    }
    return rectangles;
  }

  private static int clampLat(long lat) {
    return (int) Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  }

  private static int clampLon(long lon) {
    return (int) Math.max(-MAX_LON, Math.min(MAX_LON, lon));
  }
}
