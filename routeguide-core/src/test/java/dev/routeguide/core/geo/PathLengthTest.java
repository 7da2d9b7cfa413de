package dev.routeguide.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PathLength")
class PathLengthTest {

  @Nested
  @DisplayName("meters")
  class Meters {

    @Test
    void isZeroForAnEmptyPath() {
      assertThat(new PathLength().meters()).isZero();
    }

    @Test
    void isZeroForASinglePoint() {
      PathLength path = new PathLength();
      path.add(Point.ofE7(407_838_351, -746_143_763));

      assertThat(path.meters()).isZero();
    }

    @Test
    void isTheSumOfEveryLegsGreatCircleDistanceToTheLastBit() {
      SplittableRandom random = new SplittableRandom(13);
      PathLength path = new PathLength();
      double expected = 0;
      Point previous = null;
      for (int i = 0; i < 10_000; i++) {
        // Mostly short legs, every tenth one anywhere on the globe.
        Point point =
            previous == null || i % 10 == 0
                ? Point.ofE7(
                    random.nextInt(-900_000_000, 900_000_001),
                    random.nextInt(-1_800_000_000, 1_800_000_001))
                : Point.ofE7(
                    Math.max(-900_000_000, Math.min(900_000_000,
                        previous.latitudeE7() + random.nextInt(-5_000_000, 5_000_001))),
                    Math.max(-1_800_000_000, Math.min(1_800_000_000,
                        previous.longitudeE7() + random.nextInt(-5_000_000, 5_000_001))));
        if (previous != null) {
          expected += GreatCircle.distanceMeters(previous, point);
        }
        path.add(point);
        previous = point;

        assertThat(path.meters()).as("after point %d", i).isEqualTo(expected);
      }
    }
  }

  @Test
  void rejectsANullPoint() {
    assertThatThrownBy(() -> new PathLength().add(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("point");
  }
}
