package dev.routeguide.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Rectangle")
class RectangleTest {

  private static final Point SOUTH_WEST = Point.ofE7(400_000_000, -750_000_000);
  private static final Point NORTH_EAST = Point.ofE7(420_000_000, -730_000_000);
  private static final Point NORTH_WEST = Point.ofE7(420_000_000, -750_000_000);
  private static final Point SOUTH_EAST = Point.ofE7(400_000_000, -730_000_000);

  @Nested
  @DisplayName("built from two opposite corners")
  class Corners {

    @Test
    void isTheSameWhicheverPairOfCornersInWhicheverOrder() {
      Rectangle expected = new Rectangle(SOUTH_WEST, NORTH_EAST);

      assertThat(Rectangle.spanning(NORTH_EAST, SOUTH_WEST)).isEqualTo(expected);
      assertThat(Rectangle.spanning(NORTH_WEST, SOUTH_EAST)).isEqualTo(expected);
      assertThat(Rectangle.spanning(SOUTH_EAST, NORTH_WEST)).isEqualTo(expected);
    }

    @Test
    void exposesNormalisedBounds() {
      Rectangle rectangle = Rectangle.spanning(NORTH_WEST, SOUTH_EAST);

      assertThat(rectangle.southWest()).isEqualTo(SOUTH_WEST);
      assertThat(rectangle.northEast()).isEqualTo(NORTH_EAST);
      assertThat(rectangle.minLatitudeE7()).isEqualTo(400_000_000);
      assertThat(rectangle.maxLatitudeE7()).isEqualTo(420_000_000);
      assertThat(rectangle.minLongitudeE7()).isEqualTo(-750_000_000);
      assertThat(rectangle.maxLongitudeE7()).isEqualTo(-730_000_000);
    }

    @Test
    void mayBeASinglePoint() {
      Rectangle rectangle = Rectangle.spanning(SOUTH_WEST, SOUTH_WEST);

      assertThat(rectangle.contains(SOUTH_WEST)).isTrue();
      assertThat(rectangle.contains(Point.ofE7(400_000_001, -750_000_000))).isFalse();
    }

    @Test
    void rejectsAMissingCornerNamingIt() {
      assertThatThrownBy(() -> Rectangle.spanning(null, NORTH_EAST))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("southWest");
      assertThatThrownBy(() -> new Rectangle(SOUTH_WEST, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("northEast");
    }
  }

  @Nested
  @DisplayName("contains")
  class Contains {

    private final Rectangle rectangle = Rectangle.spanning(SOUTH_WEST, NORTH_EAST);

    @Test
    void includesEveryEdgeAndCorner() {
      assertThat(rectangle.contains(SOUTH_WEST)).isTrue();
      assertThat(rectangle.contains(NORTH_EAST)).isTrue();
      assertThat(rectangle.contains(NORTH_WEST)).isTrue();
      assertThat(rectangle.contains(SOUTH_EAST)).isTrue();
      assertThat(rectangle.contains(Point.ofE7(410_000_000, -750_000_000))).isTrue();
      assertThat(rectangle.contains(Point.ofE7(420_000_000, -740_000_000))).isTrue();
    }

    @Test
    void excludesAPointOneE7UnitOutsideAnyEdge() {
      assertThat(rectangle.contains(Point.ofE7(399_999_999, -740_000_000))).isFalse();
      assertThat(rectangle.contains(Point.ofE7(420_000_001, -740_000_000))).isFalse();
      assertThat(rectangle.contains(Point.ofE7(410_000_000, -750_000_001))).isFalse();
      assertThat(rectangle.contains(Point.ofE7(410_000_000, -729_999_999))).isFalse();
    }

    @Test
    void doesNotWrapAcrossTheAntimeridian() {
      Rectangle straddling = Rectangle.spanning(Point.ofDegrees(-1, 179), Point.ofDegrees(1, -179));

      assertThat(straddling.contains(Point.ofDegrees(0, 0))).isTrue();
      assertThat(straddling.contains(Point.ofDegrees(0, 179.5))).isFalse();
    }

    @Test
    void theWholeWorldContainsThePolesAndTheAntimeridian() {
      Rectangle world = Rectangle.world();

      assertThat(world.contains(Point.ofE7(900_000_000, 1_800_000_000))).isTrue();
      assertThat(world.contains(Point.ofE7(-900_000_000, -1_800_000_000))).isTrue();
      assertThat(world.contains(0, 0)).isTrue();
    }
  }
}
