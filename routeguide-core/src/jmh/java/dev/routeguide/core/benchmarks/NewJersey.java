package dev.routeguide.core.benchmarks;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark data: random named features, uniformly spread over the New Jersey box
 * (latitude 40° to 41°, longitude -75° to -73.5°), from a fixed seed so every run measures the
 * same data.
 */
final class NewJersey {

  static final int FEATURE_COUNT = 1_000_000;
  static final long SEED = 20_151_104L;

  static final int MIN_LAT_E7 = 400_000_000;
  static final int MAX_LAT_E7 = 410_000_000;
  static final int MIN_LON_E7 = -750_000_000;
  static final int MAX_LON_E7 = -735_000_000;

  /** 0.01° in E7 units: the side of the "small rectangle" query. */
  static final int SMALL_SIDE_E7 = 100_000;

  private NewJersey() {}

  static List<Feature> features(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Feature> features = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      features.add(Feature.named(name(i), randomPoint(random)));
    }
    return features;
  }

  static Point randomPoint(SplittableRandom random) {
    return Point.ofE7(
        random.nextInt(MIN_LAT_E7, MAX_LAT_E7 + 1), random.nextInt(MIN_LON_E7, MAX_LON_E7 + 1));
  }

  /** A square 0.01° on a side, wholly inside the box. */
  static Rectangle smallRectangle(SplittableRandom random) {
    int lat = random.nextInt(MIN_LAT_E7, MAX_LAT_E7 - SMALL_SIDE_E7 + 1);
    int lon = random.nextInt(MIN_LON_E7, MAX_LON_E7 - SMALL_SIDE_E7 + 1);
    return Rectangle.spanning(
        Point.ofE7(lat, lon), Point.ofE7(lat + SMALL_SIDE_E7, lon + SMALL_SIDE_E7));
  }

  /** The whole New Jersey box, edges included: every benchmark feature is inside. */
  static Rectangle wholeBox() {
    return Rectangle.spanning(
        Point.ofE7(MIN_LAT_E7, MIN_LON_E7), Point.ofE7(MAX_LAT_E7, MAX_LON_E7));
  }

  /** The name of the i-th generated feature. */
  static String name(int i) {
    return "Feature " + i;
  }

  /** Writes the features as a compact JSON array in the RouteGuide database format. */
  static void writeJson(List<Feature> features, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write('[');
      for (int i = 0; i < features.size(); i++) {
        writeEntry(out, i, features.get(i));
      }
      out.write("]\n");
    }
  }

  /**
   * Writes {@code count} features as {@link #features} would generate them, without holding them
   * in memory.
   */
  static void writeJson(int count, long seed, Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write('[');
      for (int i = 0; i < count; i++) {
        writeEntry(out, i, Feature.named(name(i), randomPoint(random)));
      }
      out.write("]\n");
    }
  }

  private static void writeEntry(BufferedWriter out, int i, Feature feature) throws IOException {
    if (i > 0) {
      out.write(",\n");
    }
    out.write("{\"location\":{\"latitude\":");
    out.write(Integer.toString(feature.location().latitudeE7()));
    out.write(",\"longitude\":");
    out.write(Integer.toString(feature.location().longitudeE7()));
    out.write("},\"name\":\"");
    out.write(feature.name());
    out.write("\"}");
  }
}
