package dev.routeguide.grpc.bench;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.geo.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random named features spread uniformly over the New Jersey box (latitude 40° to 41°, longitude
 * -75° to -73.5°), from a fixed seed so that every run measures the same data. Same box and seed
 * as the core benchmarks.
 */
final class NewJersey {

  static final long SEED = 20_151_104L;

  static final int MIN_LAT_E7 = 400_000_000;
  static final int MAX_LAT_E7 = 410_000_000;
  static final int MIN_LON_E7 = -750_000_000;
  static final int MAX_LON_E7 = -735_000_000;

  private NewJersey() {}

  static List<Feature> features(int count) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Feature> features = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      features.add(Feature.named("Feature " + i, randomPoint(random)));
    }
    return features;
  }

  static Point randomPoint(SplittableRandom random) {
    return Point.ofE7(
        random.nextInt(MIN_LAT_E7, MAX_LAT_E7 + 1), random.nextInt(MIN_LON_E7, MAX_LON_E7 + 1));
  }
}
