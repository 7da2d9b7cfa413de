package dev.routeguide.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RouteSummarizer")
class RouteSummarizerTest {

  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);

  private RouteSummarizer summarizer(FeatureCatalogue catalogue) {
    return new RouteSummarizer(catalogue, clock);
  }

  private static RouteSummary summarise(FeatureCatalogue catalogue, List<Point> points) {
    RouteSummarizer summarizer = new RouteSummarizer(catalogue, new MutableClock(START));
    points.forEach(summarizer::add);
    return summarizer.summary();
  }

  @Test
  void summarisesAnEmptyRouteAsZeros() {
    assertThat(summarizer(FeatureCatalogue.empty()).summary())
        .isEqualTo(new RouteSummary(0, 0, 0, 0));
  }

  @Test
  void aSinglePointCoversNoDistance() {
    assertThat(summarise(FeatureCatalogue.empty(), List.of(Point.ofE7(1, 1))))
        .isEqualTo(new RouteSummary(1, 0, 0, 0));
  }

  @Nested
  @DisplayName("distance")
  class Distance {

    @Test
    void roundsTheSumOnceWhereGrpcJavaTruncatesEveryLegTo45() {
      // Each leg is 15.7253 m (chord method), so the sum is 47.176 m.
      RouteSummary summary =
          summarise(
              FeatureCatalogue.empty(),
              List.of(
                  Point.ofE7(1000, 1000),
                  Point.ofE7(2000, 2000),
                  Point.ofE7(3000, 3000),
                  Point.ofE7(4000, 4000)));

      assertThat(summary.distanceMeters()).isEqualTo(47);
      assertThat(summary.pointCount()).isEqualTo(4);
    }

    @Test
    void addsUpLegsTooShortToCountAlone() {
      // 1,000 legs of one E7 unit of longitude on the equator, 1.11195 cm each: 11.1195 m.
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      for (int i = 0; i <= 1_000; i++) {
        summarizer.add(Point.ofE7(0, i % 2));
      }

      assertThat(summarizer.summary().distanceMeters()).isEqualTo(11);
    }

    @Test
    void roundsHalfAMetreUp() {
      // Along the equator 0.0000045° (45 E7 units) is 0.500377 m; 0.0000044° is 0.489258 m.
      assertThat(
              summarise(FeatureCatalogue.empty(), List.of(Point.ofE7(0, 0), Point.ofE7(0, 45)))
                  .distanceMeters())
          .isEqualTo(1);
      assertThat(
              summarise(FeatureCatalogue.empty(), List.of(Point.ofE7(0, 0), Point.ofE7(0, 44)))
                  .distanceMeters())
          .isEqualTo(0);
    }

    @Test
    void ofOneHundredAntipodalLegsIsOneHundredHalfCircumferences() {
      // 100 · π · 6,371,000 m = 2,001,508,679.602 m: still an int.
      assertThat(summarise(FeatureCatalogue.empty(), antipodalLegs(100)).distanceMeters())
          .isEqualTo(2_001_508_680);
    }

    @Test
    void saturatesAtIntMaxInsteadOfWrapping() {
      // 108 half circumferences are 2,161,629,374 m, past Integer.MAX_VALUE; an int sum of
      // 1,000 legs would wrap to a negative number.
      assertThat(summarise(FeatureCatalogue.empty(), antipodalLegs(108)).distanceMeters())
          .isEqualTo(Integer.MAX_VALUE);
      assertThat(summarise(FeatureCatalogue.empty(), antipodalLegs(1_000)).distanceMeters())
          .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void justBelowSaturationIsExact() {
      // 107 half circumferences: 2,141,614,287.174 m.
      assertThat(summarise(FeatureCatalogue.empty(), antipodalLegs(107)).distanceMeters())
          .isEqualTo(2_141_614_287);
    }

    private List<Point> antipodalLegs(int legs) {
      Point[] points = new Point[legs + 1];
      for (int i = 0; i <= legs; i++) {
        points[i] = i % 2 == 0 ? Point.ofDegrees(0, 0) : Point.ofDegrees(0, 180);
      }
      return List.of(points);
    }
  }

  @Nested
  @DisplayName("features")
  class Features {

    private final Point museum = Point.ofE7(407_838_351, -746_143_763);
    private final Point park = Point.ofE7(408_122_808, -743_999_179);
    private final Point nowhere = Point.ofE7(400_273_442, -741_220_915);
    private final FeatureCatalogue catalogue =
        FeatureCatalogue.of(
            List.of(
                Feature.named("museum", museum),
                Feature.named("museum annex", museum),
                Feature.named("park", park),
                Feature.unnamed(nowhere)));

    @Test
    void countsThePointsAtWhichANamedFeatureExists() {
      RouteSummary summary = summarise(catalogue, List.of(museum, nowhere, park, Point.ofE7(0, 0)));

      assertThat(summary.pointCount()).isEqualTo(4);
      assertThat(summary.featureCount()).isEqualTo(2);
    }

    @Test
    void countsEveryVisitOnceEvenWhereFeaturesShareALocation() {
      RouteSummary summary = summarise(catalogue, List.of(museum, museum, park, museum));

      assertThat(summary.featureCount()).isEqualTo(4);
    }

    @Test
    void countsNothingOneE7UnitAway() {
      Point beside = Point.ofE7(museum.latitudeE7() - 1, museum.longitudeE7());

      assertThat(summarise(catalogue, List.of(beside)).featureCount()).isZero();
    }

    @Test
    void countsEveryPointOfARouteLongerThanItsBlockAtEverySummary() {
      // Points are counted in blocks: a summary taken on, before or after a block boundary, and
      // a second one later, must each see every point added so far.
      RouteSummarizer summarizer = summarizer(catalogue);
      int expected = 0;
      for (int i = 1; i <= 3 * RouteSummarizer.BLOCK + 5; i++) {
        Point point = i % 3 == 0 ? museum : i % 3 == 1 ? park : nowhere;
        summarizer.add(point);
        expected += point.equals(nowhere) ? 0 : 1;
        int inBlock = i % RouteSummarizer.BLOCK;
        if (inBlock <= 1 || inBlock == RouteSummarizer.BLOCK - 1) {
          assertThat(summarizer.summary().featureCount())
              .as("after %d points", i)
              .isEqualTo(expected);
        }
      }

      assertThat(summarizer.summary().featureCount()).isEqualTo(expected).isEqualTo(131);
    }

    @Test
    void countsFullBlocksCountedWhileAddingExactlyOnce() {
      // No summary between the points: every full block is counted by add itself.
      for (int length : List.of(RouteSummarizer.BLOCK, 2 * RouteSummarizer.BLOCK,
          3 * RouteSummarizer.BLOCK + 5)) {
        RouteSummarizer summarizer = summarizer(catalogue);
        int expected = 0;
        for (int i = 0; i < length; i++) {
          Point point = i % 3 == 0 ? museum : i % 3 == 1 ? park : nowhere;
          summarizer.add(point);
          expected += point.equals(nowhere) ? 0 : 1;
        }

        assertThat(summarizer.summary().featureCount()).as("%d points", length)
            .isEqualTo(expected);
      }
    }
  }

  @Nested
  @DisplayName("elapsed time")
  class Elapsed {

    @Test
    void runsFromConstructionToSummaryByTheInjectedClock() {
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      clock.advance(Duration.ofSeconds(42));

      assertThat(summarizer.summary().elapsedSeconds()).isEqualTo(42);
    }

    @Test
    void isTruncatedToWholeSeconds() {
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      clock.advance(Duration.ofMillis(2_999));
      assertThat(summarizer.summary().elapsedSeconds()).isEqualTo(2);

      clock.advance(Duration.ofMillis(1));
      assertThat(summarizer.summary().elapsedSeconds()).isEqualTo(3);
    }

    @Test
    void ignoresTimeBeforeTheRouteStarted() {
      clock.advance(Duration.ofHours(1));
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      clock.advance(Duration.ofMillis(999));

      assertThat(summarizer.summary().elapsedSeconds()).isZero();
    }

    @Test
    void isZeroWhenTheClockGoesBackwards() {
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      clock.advance(Duration.ofMillis(-1));
      assertThat(summarizer.summary().elapsedSeconds()).isZero();

      clock.advance(Duration.ofSeconds(-10));
      assertThat(summarizer.summary().elapsedSeconds()).isZero();
    }

    @Test
    void saturatesAtIntMax() {
      RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
      clock.advance(Duration.ofDays(365L * 100));

      assertThat(summarizer.summary().elapsedSeconds()).isEqualTo(Integer.MAX_VALUE);
    }
  }

  @Test
  void keepsCountingAfterASummary() {
    RouteSummarizer summarizer = summarizer(FeatureCatalogue.empty());
    summarizer.add(Point.ofE7(0, 0));
    RouteSummary first = summarizer.summary();
    summarizer.add(Point.ofE7(0, 1));

    assertThat(first.pointCount()).isEqualTo(1);
    assertThat(summarizer.pointCount()).isEqualTo(2);
    assertThat(summarizer.summary().pointCount()).isEqualTo(2);
  }

  @Test
  void rejectsNullArguments() {
    assertThatThrownBy(() -> new RouteSummarizer(null, clock))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RouteSummarizer(FeatureCatalogue.empty(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> summarizer(FeatureCatalogue.empty()).add(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("point");
  }
}
