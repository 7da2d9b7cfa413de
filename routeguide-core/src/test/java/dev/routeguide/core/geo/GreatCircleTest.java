package dev.routeguide.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Expected distances were worked out apart from the code under test: the constants with the chord
 * method (2R·asin(|v1 − v2| / 2) over unit vectors) in another language, the random pairs with
 * Vincenty's formula on the sphere, implemented below.
 */
@DisplayName("GreatCircle.distanceMeters")
class GreatCircleTest {

  private static final double R = 6_371_000;

  @Test
  void usesTheSphereOfRadius6371Kilometres() {
    assertThat(GreatCircle.EARTH_RADIUS_METERS).isEqualTo(6_371_000.0);
  }

  @Nested
  @DisplayName("between places of the canonical database")
  class CanonicalPlaces {

    private final Point patriotsPath = Point.ofE7(407_838_351, -746_143_763);
    private final Point whippany = Point.ofE7(408_122_808, -743_999_179);
    private final Point kingston = Point.ofE7(419_999_544, -740_371_136);
    private final Point shohola = Point.ofE7(413_628_156, -749_015_468);

    @Test
    void patriotsPathToWhippany() {
      assertThat(GreatCircle.distanceMeters(patriotsPath, whippany))
          .isCloseTo(18_327.353_691_312, within(1e-6));
    }

    @Test
    void patriotsPathToKingston() {
      assertThat(GreatCircle.distanceMeters(patriotsPath, kingston))
          .isCloseTo(143_543.452_274_575, within(1e-6));
    }

    @Test
    void shoholaToKingston() {
      assertThat(GreatCircle.distanceMeters(shohola, kingston))
          .isCloseTo(100_859.037_514_234, within(1e-6));
    }
  }

  @Test
  void isZeroFromAPointToItself() {
    Point point = Point.ofE7(409_146_138, -746_188_906);

    assertThat(GreatCircle.distanceMeters(point, point)).isZero();
  }

  @Test
  void isHalfTheCircumferenceBetweenAntipodes() {
    assertThat(GreatCircle.distanceMeters(Point.ofDegrees(0, 0), Point.ofDegrees(0, 180)))
        .isCloseTo(Math.PI * R, within(1e-6));
    assertThat(GreatCircle.distanceMeters(Point.ofDegrees(0, -90), Point.ofDegrees(0, 90)))
        .isCloseTo(Math.PI * R, within(1e-6));
    // Near antipodes haversine takes asin of a value within an ulp of 1, which costs up to
    // about 2R·sqrt(2^-53) ≈ 0.2 m; the references share that error, so it is the contract.
    assertThat(
            GreatCircle.distanceMeters(
                Point.ofDegrees(40.9146138, -74.6188906),
                Point.ofDegrees(-40.9146138, 105.3811094)))
        .isCloseTo(Math.PI * R, within(0.5));
  }

  @Nested
  @DisplayName("at the poles")
  class Poles {

    @Test
    void poleToPoleIsHalfTheCircumference() {
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(90, 0), Point.ofDegrees(-90, 0)))
          .isCloseTo(20_015_086.796_020_57, within(1e-6));
    }

    @Test
    void poleToEquatorIsAQuarterOfTheCircumference() {
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(90, 0), Point.ofDegrees(0, 0)))
          .isCloseTo(10_007_543.398_010_28, within(1e-6));
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(-90, 45), Point.ofDegrees(0, -120)))
          .isCloseTo(Math.PI * R / 2, within(1e-6));
    }

    @Test
    void thePoleIsOnePlaceWhateverItsLongitude() {
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(90, 0), Point.ofDegrees(90, 123)))
          .isCloseTo(0, within(1e-6));
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(-90, -180), Point.ofDegrees(-90, 180)))
          .isCloseTo(0, within(1e-6));
    }
  }

  @Nested
  @DisplayName("across the antimeridian")
  class Antimeridian {

    @Test
    void takesTheShortWayOnTheEquator() {
      // One degree of arc, not 359.
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(0, 179.5), Point.ofDegrees(0, -179.5)))
          .isCloseTo(111_194.926_644_559, within(1e-6));
    }

    @Test
    void takesTheShortWayAtLatitudeForty() {
      assertThat(
              GreatCircle.distanceMeters(Point.ofDegrees(40, 179.9), Point.ofDegrees(40, -179.9)))
          .isCloseTo(17_036.047_558_203, within(1e-6));
    }

    @Test
    void treatsPlusAndMinus180AsTheSameMeridian() {
      assertThat(GreatCircle.distanceMeters(Point.ofDegrees(12, 180), Point.ofDegrees(12, -180)))
          .isCloseTo(0, within(1e-6));
    }
  }

  @Test
  void sydneyToLondon() {
    assertThat(
            GreatCircle.distanceMeters(
                Point.ofDegrees(-33.8688, 151.2093), Point.ofDegrees(51.5074, -0.1278)))
        .isCloseTo(16_993_933.459_795_9, within(1e-6));
  }

  @Test
  void isSymmetric() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      Point a = randomPoint(random);
      Point b = randomPoint(random);

      assertThat(GreatCircle.distanceMeters(a, b)).isEqualTo(GreatCircle.distanceMeters(b, a));
    }
  }

  @Test
  void agreesWithVincentyOnTheSphereForRandomPairs() {
    SplittableRandom random = new SplittableRandom(2015);
    for (int i = 0; i < 10_000; i++) {
      Point a = randomPoint(random);
      Point b = randomPoint(random);
      double expected = vincentyOnSphere(a, b);

      assertThat(GreatCircle.distanceMeters(a, b))
          .as("%s to %s", a, b)
          .isCloseTo(expected, within(1e-6 + expected * 1e-9));
    }
  }

  @Test
  void agreesWithVincentyOnTheSphereForShortLegs() {
    SplittableRandom random = new SplittableRandom(2016);
    for (int i = 0; i < 10_000; i++) {
      Point a =
          Point.ofE7(
              random.nextInt(-890_000_000, 890_000_000),
              random.nextInt(-1_790_000_000, 1_790_000_000));
      Point b =
          Point.ofE7(
              a.latitudeE7() + random.nextInt(-1_000, 1_001),
              a.longitudeE7() + random.nextInt(-1_000, 1_001));
      double expected = vincentyOnSphere(a, b);

      assertThat(GreatCircle.distanceMeters(a, b))
          .as("%s to %s", a, b)
          .isCloseTo(expected, within(1e-8)); // ten nanometres
    }
  }

  @Test
  void matchesTheTextbookHaversineWithinAnUlpForLegsOfEveryLength() {
    // Legs from centimetres to antipodes: below about 800 km the distance's arcsine and the sines
    // of half its latitude and longitude differences are series, above it the library's; both
    // must agree with Math.sin and Math.asin to the last bit or so.
    SplittableRandom random = new SplittableRandom(2017);
    for (int i = 0; i < 20_000; i++) {
      Point a = randomPoint(random);
      int reach = 1 << random.nextInt(1, 31);
      Point b =
          Point.ofE7(
              Math.max(-900_000_000, Math.min(900_000_000,
                  a.latitudeE7() + random.nextInt(-reach, reach))),
              Math.max(-1_800_000_000, Math.min(1_800_000_000,
                  a.longitudeE7() + random.nextInt(-reach, reach))));
      double expected = textbookHaversine(a, b);

      assertThat(GreatCircle.distanceMeters(a, b))
          .as("%s to %s", a, b)
          .isCloseTo(expected, within(2 * Math.ulp(expected)));
    }
  }

  /** The haversine formula as written in every reference, with the library's arcsine. */
  private static double textbookHaversine(Point a, Point b) {
    double lat1 = Math.toRadians(a.latitudeDegrees());
    double lat2 = Math.toRadians(b.latitudeDegrees());
    double sinHalfDeltaLat = Math.sin((lat2 - lat1) / 2);
    double sinHalfDeltaLon =
        Math.sin(Math.toRadians(b.longitudeDegrees() - a.longitudeDegrees()) / 2);
    double h =
        sinHalfDeltaLat * sinHalfDeltaLat
            + Math.cos(lat1) * Math.cos(lat2) * sinHalfDeltaLon * sinHalfDeltaLon;
    return 2 * R * Math.asin(Math.sqrt(Math.min(1.0, h)));
  }

  private static Point randomPoint(SplittableRandom random) {
    return Point.ofE7(
        random.nextInt(-900_000_000, 900_000_001), random.nextInt(-1_800_000_000, 1_800_000_001));
  }

  /** Central angle by atan2 of the cross and dot products: well-conditioned at every distance. */
  private static double vincentyOnSphere(Point a, Point b) {
    double phi1 = Math.toRadians(a.latitudeE7() / 1e7);
    double phi2 = Math.toRadians(b.latitudeE7() / 1e7);
    double deltaLambda = Math.toRadians((b.longitudeE7() - (double) a.longitudeE7()) / 1e7);
    double y =
        Math.hypot(
            Math.cos(phi2) * Math.sin(deltaLambda),
            Math.cos(phi1) * Math.sin(phi2)
                - Math.sin(phi1) * Math.cos(phi2) * Math.cos(deltaLambda));
    double x =
        Math.sin(phi1) * Math.sin(phi2) + Math.cos(phi1) * Math.cos(phi2) * Math.cos(deltaLambda);
    return R * Math.atan2(y, x);
  }
}
