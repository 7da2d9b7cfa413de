package dev.routeguide.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RouteSummary")
class RouteSummaryTest {

  @Test
  void holdsItsFourValues() {
    RouteSummary summary = new RouteSummary(4, 2, 47, 3);

    assertThat(summary.pointCount()).isEqualTo(4);
    assertThat(summary.featureCount()).isEqualTo(2);
    assertThat(summary.distanceMeters()).isEqualTo(47);
    assertThat(summary.elapsedSeconds()).isEqualTo(3);
  }

  @Test
  void acceptsZerosAndTheLargestValues() {
    assertThat(new RouteSummary(0, 0, 0, 0).pointCount()).isZero();
    assertThat(
            new RouteSummary(
                    Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)
                .distanceMeters())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "pointCount, -1",
    "featureCount, -2",
    "distanceMeters, -3",
    "elapsedSeconds, -2147483648",
  })
  void rejectsANegativeValueNamingTheFieldAndValue(String field, int value) {
    assertThatThrownBy(
            () ->
                new RouteSummary(
                    field.equals("pointCount") ? value : 10,
                    field.equals("featureCount") ? value : 0,
                    field.equals("distanceMeters") ? value : 0,
                    field.equals("elapsedSeconds") ? value : 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining(Integer.toString(value));
  }

  @Test
  void rejectsMoreFeaturesThanPointsNamingBoth() {
    assertThatThrownBy(() -> new RouteSummary(2, 3, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureCount (3)")
        .hasMessageContaining("pointCount (2)");
  }
}
