package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.geo.Point;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FeatureCatalogue.countFeaturesAt")
class FeatureCountTest {

  private static final Point A = Point.ofE7(407_838_351, -746_143_763);
  private static final Point B = Point.ofE7(408_122_808, -743_999_179);
  // Shared by the tests that only read it: building is the slow part.
  private static final List<Feature> MIXED = RandomFeatures.mixed(20_000, 31);
  private static final FeatureCatalogue MIXED_CATALOGUE = FeatureCatalogue.of(MIXED);

  /** Interleaved E7 pairs of the points, as the method reads them. */
  private static int[] pairs(List<Point> points) {
    int[] pairs = new int[2 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      pairs[2 * i] = points.get(i).latitudeE7();
      pairs[2 * i + 1] = points.get(i).longitudeE7();
    }
    return pairs;
  }

  /** The oracle: how many of the points are one of the named locations, with repeats. */
  private static int countByScan(List<Feature> features, List<Point> points) {
    Set<Point> named = new HashSet<>();
    for (Feature feature : features) {
      if (feature.isNamed()) {
        named.add(feature.location());
      }
    }
    int count = 0;
    for (Point point : points) {
      count += named.contains(point) ? 1 : 0;
    }
    return count;
  }

  /** Points at features of the input (duplicates included), next to them, and anywhere. */
  private static List<Point> route(List<Feature> features, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Point> points = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      Point near = features.isEmpty()
          ? RandomFeatures.anywhere(random)
          : features.get(random.nextInt(features.size())).location();
      points.add(switch (i % 4) {
        case 0, 1 -> near;
        case 2 -> Point.ofE7(near.latitudeE7(),
            near.longitudeE7() == 1_800_000_000 ? near.longitudeE7() - 1 : near.longitudeE7() + 1);
        default -> RandomFeatures.anywhere(random);
      });
    }
    return points;
  }

  @Nested
  @DisplayName("counts as hasFeatureAt does, point by point")
  class SameCount {

    @ParameterizedTest(name = "on {0} points")
    @ValueSource(ints = {0, 1, 31, 32, 33, 64, 1_000, 10_007})
    void onRandomDuplicateAndAbsentPointsOfAMixedCatalogue(int length) {
      List<Point> points = route(MIXED, length, length);

      int count = MIXED_CATALOGUE.countFeaturesAt(pairs(points), length);

      assertThat(count).isEqualTo(countByScan(MIXED, points));
      assertThat(count)
          .isEqualTo((int) points.stream().filter(MIXED_CATALOGUE::hasFeatureAt).count());
      if (length >= 64) {
        assertThat(count).as("the route mixes hits and misses").isBetween(1, length - 1);
      }
    }

    @Test
    void onAFullTableWhereProbesRunPastTheirHomeSlot() {
      // 10,000 features in about 16,667 slots: long probe sequences, fingerprint collisions and
      // wrap-arounds at the end of the table all occur.
      List<Feature> input = RandomFeatures.uniform(10_000, 32);
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);
      List<Point> points = route(input, 40_000, 33);

      assertThat(catalogue.countFeaturesAt(pairs(points), points.size()))
          .isEqualTo(countByScan(input, points));
    }

    @Test
    void onPointsWithSwappedOrNegatedCoordinates() {
      FeatureCatalogue catalogue =
          FeatureCatalogue.of(List.of(Feature.named("a", Point.ofE7(5, 7))));
      List<Point> points = List.of(Point.ofE7(7, 5), Point.ofE7(-5, 7), Point.ofE7(5, -7),
          Point.ofE7(5, 7), Point.ofE7(5, 7));

      assertThat(catalogue.countFeaturesAt(pairs(points), points.size())).isEqualTo(2);
    }

    @Test
    void onAnEmptyCatalogue() {
      List<Point> points = route(List.of(), 100, 34);

      assertThat(FeatureCatalogue.empty().countFeaturesAt(pairs(points), 100)).isZero();
    }

    @Test
    void onAOneFeatureCatalogueAndARouteThatKeepsComingBack() {
      FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(Feature.named("a", A)));
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        points.add(i % 3 == 0 ? A : B);
      }

      assertThat(catalogue.countFeaturesAt(pairs(points), points.size())).isEqualTo(34);
    }

    @Test
    void onACatalogueWhoseFeaturesAllShareOnePoint() {
      List<Feature> input = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        input.add(Feature.named("same " + i, A));
      }
      input.add(Feature.unnamed(B));
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);

      assertThat(catalogue.countFeaturesAt(pairs(List.of(A, B, A, B, A)), 5)).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("reads only what it is told to")
  class Arguments {

    private final FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(Feature.named("a", A)));

    @Test
    void countsOnlyTheFirstPointCountPairs() {
      int[] pairs = pairs(List.of(B, A, A, A));

      assertThat(catalogue.countFeaturesAt(pairs, 1)).isZero();
      assertThat(catalogue.countFeaturesAt(pairs, 3)).isEqualTo(2);
    }

    @Test
    void rejectsNullPoints() {
      assertThatThrownBy(() -> catalogue.countFeaturesAt(null, 0))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("pointsE7");
    }

    @ParameterizedTest(name = "pointCount {0}")
    @ValueSource(ints = {-1, 3})
    void rejectsAPointCountOutsideTheArrayNamingIt(int pointCount) {
      // Five ints hold two whole pairs.
      assertThatThrownBy(() -> catalogue.countFeaturesAt(new int[5], pointCount))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pointCount must be in [0, 2] for 5 coordinates, was " + pointCount);
    }
  }

  @Test
  void allocatesNothing() {
    int[] pairs = pairs(route(MIXED, 10_000, 36));
    int[] count = new int[1];

    long allocated =
        FeatureCatalogueTest.allocatedBy(
            () -> {
              count[0] = 0;
              for (int start = 0; start < 10_000; start += 50) {
                count[0] += MIXED_CATALOGUE.countFeaturesAt(pairs, start);
              }
            });

    assertThat(count[0]).isPositive();
    assertThat(allocated).as("bytes allocated by 200 batched counts").isLessThan(1024);
  }
}
