package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.geo.Point;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Feature")
class FeatureTest {

  private static final Point WHIPPANY = Point.ofE7(408_122_808, -743_999_179);

  @Test
  void aNamedFeatureIsNamed() {
    Feature feature = Feature.named("101 New Jersey 10, Whippany, NJ 07981, USA", WHIPPANY);

    assertThat(feature.isNamed()).isTrue();
    assertThat(feature.name()).isEqualTo("101 New Jersey 10, Whippany, NJ 07981, USA");
    assertThat(feature.location()).isEqualTo(WHIPPANY);
  }

  @Test
  void anUnnamedFeatureHasAnEmptyNameAndIsNotAFeature() {
    Feature feature = Feature.unnamed(WHIPPANY);

    assertThat(feature.name()).isEmpty();
    assertThat(feature.isNamed()).isFalse();
    assertThat(feature).isEqualTo(new Feature("", WHIPPANY));
  }

  @Test
  void rejectsANullNameNamingTheField() {
    assertThatThrownBy(() -> Feature.named(null, WHIPPANY))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }

  @Test
  void rejectsANullLocationNamingTheField() {
    assertThatThrownBy(() -> new Feature("somewhere", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("location");
  }

  @Test
  void printsItsNameOrThatItHasNone() {
    assertThat(Feature.named("Here", WHIPPANY).toString()).contains("\"Here\"");
    assertThat(Feature.unnamed(WHIPPANY).toString()).contains("<unnamed>");
  }
}
