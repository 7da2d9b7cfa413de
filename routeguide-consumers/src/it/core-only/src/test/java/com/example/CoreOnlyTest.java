package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.GreatCircle;
import dev.routeguide.core.geo.Point;
import org.junit.jupiter.api.Test;

class CoreOnlyTest {

  @Test
  void looksUpAFeatureAndMeasuresADistance() {
    FeatureCatalogue catalogue = FeatureCatalogue.canonical();
    Point trail = Point.ofE7(409146138, -746188906);
    assertEquals(
        "Berkshire Valley Management Area Trail, Jefferson, NJ, USA",
        catalogue.lookup(trail).name());
    // One degree of latitude on the 6,371 km sphere is 111,195 m.
    double meters = GreatCircle.distanceMeters(Point.ofDegrees(40, -74), Point.ofDegrees(41, -74));
    assertEquals(111_195, meters, 1);
    assertTrue(catalogue.size() > 0);
  }
}
