package dev.routeguide.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Point")
class PointTest {

  @Nested
  @DisplayName("from E7 coordinates")
  class FromE7 {

    @Test
    void keepsTheCoordinatesAsGiven() {
      Point point = Point.ofE7(409_146_138, -746_188_906);

      assertThat(point.latitudeE7()).isEqualTo(409_146_138);
      assertThat(point.longitudeE7()).isEqualTo(-746_188_906);
      assertThat(point).isEqualTo(new Point(409_146_138, -746_188_906));
    }

    @ParameterizedTest(name = "latitude {0} E7")
    @ValueSource(ints = {-900_000_000, -1, 0, 1, 900_000_000})
    void acceptsLatitudesUpToNinetyDegreesInclusive(int latitudeE7) {
      assertThat(Point.ofE7(latitudeE7, 0).latitudeE7()).isEqualTo(latitudeE7);
    }

    @ParameterizedTest(name = "longitude {0} E7")
    @ValueSource(ints = {-1_800_000_000, -1, 0, 1, 1_800_000_000})
    void acceptsLongitudesUpToOneHundredEightyDegreesInclusive(int longitudeE7) {
      assertThat(Point.ofE7(0, longitudeE7).longitudeE7()).isEqualTo(longitudeE7);
    }

    @ParameterizedTest(name = "latitude {0} E7")
    @ValueSource(ints = {900_000_001, -900_000_001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void rejectsALatitudeBeyondNinetyDegreesNamingFieldAndValue(int latitudeE7) {
      assertThatThrownBy(() -> Point.ofE7(latitudeE7, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("latitude")
          .hasMessageContaining(Integer.toString(latitudeE7));
    }

    @ParameterizedTest(name = "longitude {0} E7")
    @ValueSource(ints = {1_800_000_001, -1_800_000_001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void rejectsALongitudeBeyondOneHundredEightyDegreesNamingFieldAndValue(int longitudeE7) {
      assertThatThrownBy(() -> new Point(0, longitudeE7))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("longitude")
          .hasMessageContaining(Integer.toString(longitudeE7));
    }
  }

  @Nested
  @DisplayName("from degrees")
  class FromDegrees {

    @Test
    void roundsToTheNearestE7Unit() {
      assertThat(Point.ofDegrees(40.9146138, -74.6188906))
          .isEqualTo(Point.ofE7(409_146_138, -746_188_906));
      assertThat(Point.ofDegrees(0.00000004, -0.00000004)).isEqualTo(Point.ofE7(0, 0));
      assertThat(Point.ofDegrees(0.00000006, -0.00000006)).isEqualTo(Point.ofE7(1, -1));
    }

    @Test
    void acceptsTheExactLimits() {
      assertThat(Point.ofDegrees(90, 180)).isEqualTo(Point.ofE7(900_000_000, 1_800_000_000));
      assertThat(Point.ofDegrees(-90, -180)).isEqualTo(Point.ofE7(-900_000_000, -1_800_000_000));
    }

    @ParameterizedTest(name = "latitude {0}°")
    @ValueSource(doubles = {90.0001, -90.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsABadLatitudeNamingFieldAndValue(double latitude) {
      assertThatThrownBy(() -> Point.ofDegrees(latitude, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("latitude")
          .hasMessageContaining(Double.toString(latitude));
    }

    @ParameterizedTest(name = "longitude {0}°")
    @ValueSource(doubles = {180.0001, -181, Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsABadLongitudeNamingFieldAndValue(double longitude) {
      assertThatThrownBy(() -> Point.ofDegrees(0, longitude))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("longitude")
          .hasMessageContaining(Double.toString(longitude));
    }
  }

  @Nested
  @DisplayName("degree accessors")
  class DegreeAccessors {

    @Test
    void divideTheE7ValuesByTenMillion() {
      Point point = Point.ofE7(409_146_138, -746_188_906);

      assertThat(point.latitudeDegrees()).isEqualTo(40.9146138);
      assertThat(point.longitudeDegrees()).isEqualTo(-74.6188906);
      assertThat(point.toDegreesString()).isEqualTo("(40.9146138, -74.6188906)");
      assertThat(Point.ofE7(1, -900_000_000).toDegreesString())
          .isEqualTo("(0.0000001, -90.0000000)");
    }

    @Test
    void roundTripEveryE7ValueThroughDegrees() {
      java.util.SplittableRandom random = new java.util.SplittableRandom(7);
      for (int i = 0; i < 10_000; i++) {
        Point point =
            Point.ofE7(
                random.nextInt(-900_000_000, 900_000_001),
                random.nextInt(-1_800_000_000, 1_800_000_001));

        assertThat(Point.ofDegrees(point.latitudeDegrees(), point.longitudeDegrees()))
            .isEqualTo(point);
      }
    }
  }
}
