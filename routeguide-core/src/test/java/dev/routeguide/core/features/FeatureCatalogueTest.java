package dev.routeguide.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.geo.Rectangle;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FeatureCatalogue")
class FeatureCatalogueTest {

  private static final Point A = Point.ofE7(407_838_351, -746_143_763);
  private static final Point B = Point.ofE7(408_122_808, -743_999_179);
  private static final Point C = Point.ofE7(413_628_156, -749_015_468);

  @Nested
  @DisplayName("building")
  class Building {

    @Test
    void keepsOnlyNamedFeaturesInInputOrder() {
      Feature a = Feature.named("a", A);
      Feature b = Feature.named("b", B);

      FeatureCatalogue catalogue =
          FeatureCatalogue.of(List.of(Feature.unnamed(C), a, Feature.unnamed(A), b));

      assertThat(catalogue.features()).containsExactly(a, b);
      assertThat(catalogue.size()).isEqualTo(2);
      assertThat(catalogue.hasFeatureAt(C)).isFalse();
    }

    @Test
    void exposesAnUnmodifiableList() {
      List<Feature> input = new ArrayList<>(List.of(Feature.named("a", A)));
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);
      input.add(Feature.named("b", B));

      assertThat(catalogue.size()).isEqualTo(1);
      assertThatThrownBy(() -> catalogue.features().add(Feature.named("c", C)))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsANullCollection() {
      assertThatThrownBy(() -> FeatureCatalogue.of(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("features");
    }

    @Test
    void rejectsANullElementNamingItsIndex() {
      assertThatThrownBy(
              () ->
                  FeatureCatalogue.of(
                      Arrays.asList(Feature.named("a", A), Feature.unnamed(B), null)))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("features[2]");
    }

    @Test
    void theCanonicalCatalogueHoldsThe64NamedPlacesOfTheDatabase() {
      FeatureCatalogue catalogue = FeatureCatalogue.canonical();

      assertThat(catalogue.size()).isEqualTo(64);
      assertThat(catalogue.lookup(Point.ofE7(409_146_138, -746_188_906)).name())
          .isEqualTo("Berkshire Valley Management Area Trail, Jefferson, NJ, USA");
      // An unnamed entry of the database (entry 23) is no feature.
      assertThat(catalogue.hasFeatureAt(Point.ofE7(407_113_723, -749_746_483))).isFalse();
    }
  }

  @Nested
  @DisplayName("builder")
  class Builders {

    @Test
    void buildsTheSameCatalogueAsOfFromTheSameFeatures() {
      List<Feature> input = RandomFeatures.mixed(5_000, 21);
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder();
      input.forEach(builder::add);

      FeatureCatalogue built = builder.build();
      FeatureCatalogue of = FeatureCatalogue.of(input);

      assertThat(built.features()).isEqualTo(of.features());
      assertThat(built.featuresWithin(Rectangle.world())).containsExactlyElementsOf(
          of.featuresWithin(Rectangle.world()).toList());
      assertThat(built.size()).isEqualTo(of.size()).isLessThan(input.size());
    }

    @Test
    void growsPastItsExpectedSize() {
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder(1);
      List<Feature> input = RandomFeatures.uniform(1_000, 22);
      input.forEach(builder::add);

      assertThat(builder.build().features()).containsExactlyElementsOf(input);
    }

    @Test
    void buildsOnlyOnce() {
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder().add(Feature.named("a", A));
      builder.build();

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already built");
      assertThatThrownBy(() -> builder.add(Feature.named("b", B)))
          .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a pool of 1", "a pool of 3", "sequentially"})
    void buildsTheSameCatalogueOnACallersPoolOrSequentially(String how) throws Exception {
      // Above KdTree.PARALLEL_RANGE, so the default build splits and gathers as tasks.
      List<Feature> input = RandomFeatures.uniform(3 * KdTree.PARALLEL_RANGE, 25);
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder();
      input.forEach(builder::add);
      FeatureCatalogue.Builder reference = FeatureCatalogue.builder();
      input.forEach(reference::add);

      FeatureCatalogue built;
      if (how.equals("sequentially")) {
        built = builder.buildSequentially();
      } else {
        ForkJoinPool pool = new ForkJoinPool(how.equals("a pool of 1") ? 1 : 3);
        try {
          built = builder.build(pool);
        } finally {
          pool.shutdown();
          assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
      }
      FeatureCatalogue expected = reference.build();

      assertThat(built.features()).isEqualTo(expected.features());
      // The same k-d order: the whole world's features in the same sequence.
      assertThat(built.featuresWithin(Rectangle.world()).toList())
          .isEqualTo(expected.featuresWithin(Rectangle.world()).toList());
      for (Feature feature : input.subList(0, 1_000)) {
        assertThat(built.lookup(feature.location()))
            .isEqualTo(expected.lookup(feature.location()));
      }
    }

    @Test
    void buildsOnTheGivenPoolsThreads() throws Exception {
      List<Feature> input = RandomFeatures.uniform(3 * KdTree.PARALLEL_RANGE, 26);
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder();
      input.forEach(builder::add);
      AtomicInteger started = new AtomicInteger();
      ForkJoinPool pool =
          new ForkJoinPool(
              2,
              p -> {
                started.incrementAndGet();
                return new ForkJoinWorkerThread(p) {};
              },
              null,
              false);
      try {
        FeatureCatalogue catalogue = builder.build(pool);

        // A fresh pool starts its first worker for the build's task and more only for the tasks
        // that task forks into it, sometimes a third to stand in for a worker blocked in join()
        // (1 run in 6 here); forks sent elsewhere would leave it at one.
        assertThat(started.get()).as("workers the pool started").isGreaterThanOrEqualTo(2);
        assertThat(catalogue.size()).isEqualTo(input.size());
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }

    @Test
    void rejectsANullOrShutDownPoolAndStaysUsable() {
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder().add(Feature.named("a", A));
      ForkJoinPool shutDown = new ForkJoinPool(1);
      shutDown.shutdown();

      assertThatThrownBy(() -> builder.build(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("pool");
      assertThatThrownBy(() -> builder.build(shutDown))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("pool is shut down");
      assertThat(builder.buildSequentially().features()).containsExactly(Feature.named("a", A));
      assertThatThrownBy(builder::buildSequentially)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already built");
    }

    @Test
    void reportsAPoolThatRefusesTheBuildAndStaysUsable() {
      FeatureCatalogue.Builder builder = FeatureCatalogue.builder().add(Feature.named("a", A));
      ForkJoinPool refusing =
          new ForkJoinPool(1) {
            @Override
            public <T> T invoke(ForkJoinTask<T> task) {
              throw new RejectedExecutionException("queue full");
            }
          };
      try {
        assertThatThrownBy(() -> builder.build(refusing))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("pool refused the build")
            .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(builder.buildSequentially().features()).containsExactly(Feature.named("a", A));
      } finally {
        refusing.shutdown();
      }
    }

    @Test
    void rejectsANullFeatureAndANegativeSize() {
      assertThatThrownBy(() -> FeatureCatalogue.builder().add(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("feature");
      assertThatThrownBy(() -> FeatureCatalogue.builder(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expectedSize");
    }
  }

  @Nested
  @DisplayName("names")
  class Names {

    @Test
    void everyNameComesBackExactlyFromEveryQuery() {
      List<String> names = NameTableTest.names(3_000, 23);
      SplittableRandom random = new SplittableRandom(24);
      List<Feature> input = new ArrayList<>();
      for (String name : names) {
        input.add(Feature.named(name, RandomFeatures.anywhere(random)));
      }
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);

      assertThat(catalogue.features()).containsExactlyElementsOf(input);
      assertThat(catalogue.featuresWithin(Rectangle.world()))
          .containsExactlyInAnyOrderElementsOf(input);
      for (Feature feature : input) {
        assertThat(catalogue.lookup(feature.location()).name()).isEqualTo(feature.name());
      }
    }

    @Test
    void aLookupHandsBackTheLocationItWasAsked() {
      FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(Feature.named("Ærø", A)));
      Point asked = Point.ofE7(A.latitudeE7(), A.longitudeE7());

      assertThat(catalogue.lookup(asked).location()).isSameAs(asked);
      assertThat(catalogue.lookup(asked).name()).isEqualTo("Ærø");
    }
  }

  @Nested
  @DisplayName("memory")
  class Memory {

    @Test
    void holdsAtMost24BytesPerFeatureBeyondTheNamesUtf8() {
      int n = 200_000;
      List<Feature> input = RandomFeatures.uniform(n, 31);
      long nameBytes =
          input.stream().mapToLong(f -> f.name().getBytes(StandardCharsets.UTF_8).length).sum();

      FeatureCatalogue catalogue = FeatureCatalogue.of(input);

      assertThat((double) (catalogue.footprintBytes() - nameBytes) / n)
          .as("bytes per feature beyond the name")
          .isLessThanOrEqualTo(24);
    }
  }

  @Nested
  @DisplayName("exact lookup")
  class Lookup {

    private final Feature a = Feature.named("a", A);
    private final FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(a));

    @Test
    void findsTheFeatureAtExactlyThatPoint() {
      assertThat(catalogue.featureAt(A)).contains(a);
      assertThat(catalogue.lookup(A)).isEqualTo(a);
      assertThat(catalogue.hasFeatureAt(A)).isTrue();
    }

    @Test
    void findsNothingOneE7UnitAway() {
      Point nearby = Point.ofE7(A.latitudeE7(), A.longitudeE7() + 1);

      assertThat(catalogue.featureAt(nearby)).isEmpty();
      assertThat(catalogue.hasFeatureAt(nearby)).isFalse();
    }

    @Test
    void rejectsANullLocationNamingTheParameter() {
      assertThatThrownBy(() -> catalogue.lookup(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
      assertThatThrownBy(() -> catalogue.featureAt(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
      assertThatThrownBy(() -> catalogue.hasFeatureAt(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("location");
    }

    @Test
    void answersAnUnknownPointWithAnUnnamedFeatureThere() {
      assertThat(catalogue.lookup(B)).isEqualTo(Feature.unnamed(B));
    }

    @Test
    void distinguishesPointsWithSwappedOrNegatedCoordinates() {
      Point p = Point.ofE7(10, -20);
      FeatureCatalogue small = FeatureCatalogue.of(List.of(Feature.named("p", p)));

      assertThat(small.hasFeatureAt(Point.ofE7(-20, 10))).isFalse();
      assertThat(small.hasFeatureAt(Point.ofE7(-10, 20))).isFalse();
      assertThat(small.hasFeatureAt(Point.ofE7(10, 20))).isFalse();
      assertThat(small.hasFeatureAt(p)).isTrue();
    }

    @Test
    void findsFeaturesAtTheExtremeCoordinates() {
      List<Feature> corners = new ArrayList<>();
      for (int lat : new int[] {-900_000_000, 0, 900_000_000}) {
        for (int lon : new int[] {-1_800_000_000, 0, 1_800_000_000}) {
          corners.add(Feature.named(lat + "," + lon, Point.ofE7(lat, lon)));
        }
      }
      FeatureCatalogue extremes = FeatureCatalogue.of(corners);

      for (Feature corner : corners) {
        assertThat(extremes.featureAt(corner.location())).contains(corner);
      }
      assertThat(extremes.countWithin(Rectangle.world())).isEqualTo(9);
    }
  }

  @Nested
  @DisplayName("duplicate locations")
  class Duplicates {

    private final Feature first = Feature.named("first", A);
    private final Feature second = Feature.named("second", A);
    private final FeatureCatalogue catalogue =
        FeatureCatalogue.of(List.of(Feature.unnamed(A), first, Feature.named("b", B), second));

    @Test
    void lookupAnswersWithTheFirstNamedFeatureInInputOrder() {
      assertThat(catalogue.lookup(A)).isEqualTo(first);
      assertThat(catalogue.featureAt(A)).contains(first);
    }

    @Test
    void rectangleQueriesReturnEveryOneOfThem() {
      assertThat(catalogue.featuresWithin(Rectangle.spanning(A, A)))
          .containsExactlyInAnyOrder(first, second);
      assertThat(catalogue.countWithin(Rectangle.spanning(A, A))).isEqualTo(2);
    }

    @Test
    void manyFeaturesAtOnePointAreAllFound() {
      List<Feature> same = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        same.add(Feature.named("n" + i, C));
      }
      FeatureCatalogue pile = FeatureCatalogue.of(same);

      assertThat(pile.lookup(C)).isEqualTo(same.get(0));
      assertThat(pile.featuresWithin(Rectangle.spanning(C, C)))
          .containsExactlyInAnyOrderElementsOf(same);
      assertThat(pile.countWithin(Rectangle.spanning(A, B))).isZero();
      assertThat(pile.countWithin(Rectangle.world())).isEqualTo(1_000);
    }
  }

  @Nested
  @DisplayName("when empty")
  class Empty {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty()", "of(List.of())", "of(unnamed only)"})
    void findsNothing(String how) {
      FeatureCatalogue catalogue =
          switch (how) {
            case "empty()" -> FeatureCatalogue.empty();
            case "of(List.of())" -> FeatureCatalogue.of(List.of());
            default -> FeatureCatalogue.of(List.of(Feature.unnamed(A), Feature.unnamed(B)));
          };

      assertThat(catalogue.size()).isZero();
      assertThat(catalogue.features()).isEmpty();
      assertThat(catalogue.featureAt(A)).isEmpty();
      assertThat(catalogue.lookup(A)).isEqualTo(Feature.unnamed(A));
      assertThat(catalogue.featuresWithin(Rectangle.world())).isEmpty();
      assertThat(catalogue.countWithin(Rectangle.world())).isZero();
      Iterator<Feature> iterator = catalogue.iteratorWithin(Rectangle.world());
      assertThat(iterator.hasNext()).isFalse();
      assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Nested
  @DisplayName("features within a rectangle")
  class Within {

    private final Feature a = Feature.named("a", A);
    private final Feature b = Feature.named("b", B);
    private final Feature c = Feature.named("c", C);
    private final FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(a, b, c));

    @Test
    void includesFeaturesOnTheEdges() {
      assertThat(catalogue.featuresWithin(Rectangle.spanning(A, B)))
          .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void excludesFeaturesJustOutside() {
      Rectangle justInsideA =
          Rectangle.spanning(
              Point.ofE7(A.latitudeE7() + 1, A.longitudeE7()),
              Point.ofE7(B.latitudeE7(), B.longitudeE7()));

      assertThat(catalogue.featuresWithin(justInsideA)).containsExactly(b);
    }

    @Test
    void rejectsANullRectangle() {
      assertThatThrownBy(() -> catalogue.featuresWithin(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("area");
    }

    @Test
    void iteratorsAreIndependentAndRepeatable() {
      Iterator<Feature> first = catalogue.iteratorWithin(Rectangle.world());
      Iterator<Feature> second = catalogue.iteratorWithin(Rectangle.world());
      List<Feature> fromFirst = new ArrayList<>();
      List<Feature> fromSecond = new ArrayList<>();
      while (first.hasNext() | second.hasNext()) {
        assertThat(first.hasNext()).isTrue(); // hasNext is idempotent
        fromFirst.add(first.next());
        fromSecond.add(second.next());
      }

      assertThat(fromFirst).containsExactlyInAnyOrder(a, b, c).isEqualTo(fromSecond);
      assertThatThrownBy(first::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void nextWithoutHasNextWalksTheResultsOneByOne() {
      Iterator<Feature> iterator = catalogue.iteratorWithin(Rectangle.world());

      List<Feature> taken = List.of(iterator.next(), iterator.next(), iterator.next());

      assertThat(taken).containsExactlyInAnyOrder(a, b, c);
      assertThat(iterator.hasNext()).isFalse();
    }
  }

  @Nested
  @DisplayName("streams lazily")
  class Laziness {

    @Test
    void findFirstOnAWholeWorldQueryPullsOneFeature() {
      FeatureCatalogue catalogue = FeatureCatalogue.of(RandomFeatures.uniform(50_000, 3));
      AtomicInteger pulled = new AtomicInteger();

      Optional<Feature> first =
          catalogue
              .featuresWithin(Rectangle.world())
              .peek(f -> pulled.incrementAndGet())
              .findFirst();

      assertThat(first).isPresent();
      assertThat(pulled).hasValue(1);
    }

    @Test
    void aWholeWorldQueryAllocatesNoListOfTheResults() {
      int n = 200_000;
      FeatureCatalogue catalogue = FeatureCatalogue.of(RandomFeatures.uniform(n, 4));
      long[] count = new long[1];

      long allocated =
          allocatedBy(
              () -> {
                assertThat(catalogue.featuresWithin(Rectangle.world()).findFirst()).isPresent();
                count[0] = catalogue.countWithin(Rectangle.world());
              });

      assertThat(count[0]).isEqualTo(n);
      // A list of n references alone would take 4 * n = 800,000 bytes or more.
      assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void searchingForALocationAllocatesNothing() {
      List<Feature> input = RandomFeatures.uniform(100_000, 5);
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);
      SplittableRandom random = new SplittableRandom(6);
      Point[] queries = new Point[10_000];
      for (int i = 0; i < queries.length; i++) {
        queries[i] =
            i % 2 == 0
                ? input.get(random.nextInt(input.size())).location()
                : RandomFeatures.anywhere(random);
      }
      int[] hits = new int[1];

      long allocated =
          allocatedBy(
              () -> {
                hits[0] = 0;
                for (Point query : queries) {
                  hits[0] += catalogue.hasFeatureAt(query) ? 1 : 0;
                }
              });

      assertThat(hits[0]).isBetween(queries.length / 2, queries.length / 2 + 10);
      assertThat(allocated).as("bytes allocated by 10,000 searches").isLessThan(1024);
    }
  }

  /** Bytes this thread allocates running the task, on its third run (after class loading). */
  static long allocatedBy(Runnable task) {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    long thread = Thread.currentThread().getId();
    long allocated = 0;
    for (int round = 0; round < 3; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      task.run();
      allocated = threads.getThreadAllocatedBytes(thread) - before;
    }
    return allocated;
  }

  @Nested
  @DisplayName("equals a brute-force scan")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Oracle {

    private List<Feature> input;
    private FeatureCatalogue catalogue;

    @BeforeAll
    void build() {
      input = RandomFeatures.mixed(100_000, 2015);
      catalogue = FeatureCatalogue.of(input);
    }

    @Test
    void onTheMixedDataSet() {
      long named = input.stream().filter(Feature::isNamed).count();
      long distinct = input.stream().map(Feature::location).distinct().count();

      assertThat(input).hasSize(100_000);
      assertThat(catalogue.size()).isEqualTo(named).isLessThan(100_000);
      assertThat(distinct).as("the data holds duplicate locations").isLessThan(100_000);
    }

    @Test
    void forOneThousandRectanglesOfEveryKind() {
      List<Rectangle> rectangles = RandomFeatures.rectangles(input, 1_000, 2016);
      BruteForce oracle = new BruteForce(input);
      long totalResults = 0;

      for (Rectangle rectangle : rectangles) {
        int[] expected = oracle.indexesWithin(rectangle);
        int[] actual = oracle.indexesOf(catalogue.featuresWithin(rectangle).iterator());

        assertThat(actual).as("%s", rectangle).isEqualTo(expected);
        assertThat(catalogue.countWithin(rectangle)).isEqualTo(expected.length);
        totalResults += expected.length;
      }
      assertThat(totalResults).as("the rectangles are not all empty").isGreaterThan(1_000_000);
    }

    @Test
    void forExactLookupOfEveryLocationAndOfRandomMisses() {
      Map<Point, Feature> firstNamed = new LinkedHashMap<>();
      for (Feature feature : input) {
        if (feature.isNamed()) {
          firstNamed.putIfAbsent(feature.location(), feature);
        }
      }

      for (Feature feature : input) {
        Feature expected = firstNamed.get(feature.location());
        assertThat(catalogue.featureAt(feature.location()).orElse(null)).isEqualTo(expected);
        assertThat(catalogue.hasFeatureAt(feature.location())).isEqualTo(expected != null);
      }
      SplittableRandom random = new SplittableRandom(77);
      for (int i = 0; i < 100_000; i++) {
        Point point = RandomFeatures.anywhere(random);
        assertThat(catalogue.featureAt(point).orElse(null)).isEqualTo(firstNamed.get(point));
      }
    }
  }

  @Nested
  @DisplayName("around the k-d tree's leaf size and on degenerate data")
  class Shapes {

    @ParameterizedTest(name = "{0} random features")
    @ValueSource(ints = {1, 2, 3, 63, 64, 65, 66, 67, 128, 129, 130, 131, 1_000, 4_097})
    void equalsBruteForceForRandomData(int n) {
      checkAgainstBruteForce(RandomFeatures.mixed(n, n), n);
    }

    @ParameterizedTest(name = "{0} features at one point")
    @ValueSource(ints = {1, 65, 66, 1_000})
    void equalsBruteForceWhenAllPointsAreIdentical(int n) {
      List<Feature> same = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        same.add(Feature.named("same " + i, B));
      }
      checkAgainstBruteForce(same, n);
    }

    @ParameterizedTest(name = "{0} features on one line")
    @ValueSource(ints = {66, 1_000})
    void equalsBruteForceWhenAllShareOneCoordinate(int n) {
      SplittableRandom random = new SplittableRandom(n);
      List<Feature> latitudeLine = new ArrayList<>();
      List<Feature> longitudeLine = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        latitudeLine.add(Feature.named("lat " + i, Point.ofE7(1_000, random.nextInt(-50, 50))));
        longitudeLine.add(Feature.named("lon " + i, Point.ofE7(random.nextInt(-50, 50), -1_000)));
      }
      checkAgainstBruteForce(latitudeLine, n);
      checkAgainstBruteForce(longitudeLine, n);
    }

    @Test
    void equalsBruteForceOnTheExtremeCoordinatesOnly() {
      SplittableRandom random = new SplittableRandom(90);
      int[] lats = {-900_000_000, -899_999_999, 0, 899_999_999, 900_000_000};
      int[] lons = {-1_800_000_000, -1_799_999_999, 0, 1_799_999_999, 1_800_000_000};
      List<Feature> features = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        features.add(
            Feature.named("x" + i, Point.ofE7(lats[random.nextInt(5)], lons[random.nextInt(5)])));
      }
      checkAgainstBruteForce(features, 500);
    }

    @Test
    void equalsBruteForceForSortedInput() {
      List<Feature> sorted = new ArrayList<>(RandomFeatures.uniform(3_000, 11));
      sorted.sort(
          (x, y) ->
              x.location().latitudeE7() != y.location().latitudeE7()
                  ? Integer.compare(x.location().latitudeE7(), y.location().latitudeE7())
                  : Integer.compare(x.location().longitudeE7(), y.location().longitudeE7()));
      checkAgainstBruteForce(sorted, 3_000);
      Collections.reverse(sorted);
      checkAgainstBruteForce(sorted, 3_000);
    }

    private void checkAgainstBruteForce(List<Feature> input, long seed) {
      FeatureCatalogue catalogue = FeatureCatalogue.of(input);
      BruteForce oracle = new BruteForce(input);
      for (Rectangle rectangle : RandomFeatures.rectangles(input, 300, seed + 1)) {
        assertThat(oracle.indexesOf(catalogue.iteratorWithin(rectangle)))
            .as("%s", rectangle)
            .isEqualTo(oracle.indexesWithin(rectangle));
      }
      for (Feature feature : input) {
        Feature expected =
            input.stream()
                .filter(f -> f.isNamed() && f.location().equals(feature.location()))
                .findFirst()
                .orElse(null);
        assertThat(catalogue.featureAt(feature.location()).orElse(null)).isEqualTo(expected);
      }
    }
  }

  /**
   * The oracle: a scan of the input, features identified by their position in it. The catalogue
   * creates the features it returns, so they are told apart by name: every input here gives its
   * named entries distinct names.
   */
  private static final class BruteForce {
    private final List<Feature> input;
    private final Map<String, Integer> positions = new HashMap<>();

    BruteForce(List<Feature> input) {
      this.input = input;
      for (int i = 0; i < input.size(); i++) {
        if (input.get(i).isNamed()) {
          Integer earlier = positions.put(input.get(i).name(), i);
          assertThat(earlier).as("another entry named %s", input.get(i).name()).isNull();
        }
      }
    }

    int[] indexesWithin(Rectangle rectangle) {
      int[] result = new int[input.size()];
      int count = 0;
      for (int i = 0; i < input.size(); i++) {
        Feature feature = input.get(i);
        Point p = feature.location();
        if (feature.isNamed()
            && p.latitudeE7()
                >= Math.min(rectangle.southWest().latitudeE7(), rectangle.northEast().latitudeE7())
            && p.latitudeE7()
                <= Math.max(rectangle.southWest().latitudeE7(), rectangle.northEast().latitudeE7())
            && p.longitudeE7()
                >= Math.min(
                    rectangle.southWest().longitudeE7(), rectangle.northEast().longitudeE7())
            && p.longitudeE7()
                <= Math.max(
                    rectangle.southWest().longitudeE7(), rectangle.northEast().longitudeE7())) {
          result[count++] = i;
        }
      }
      return Arrays.copyOf(result, count);
    }

    int[] indexesOf(Iterator<Feature> features) {
      List<Integer> result = new ArrayList<>();
      while (features.hasNext()) {
        Feature feature = features.next();
        Integer index = positions.get(feature.name());
        // AssertJ only on a mismatch: this runs for millions of results.
        if (index == null || !feature.equals(input.get(index))) {
          assertThat(index).as("a feature of the input: %s", feature).isNotNull();
          assertThat(feature).isEqualTo(input.get(index));
        }
        result.add(index);
      }
      return result.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
  }

  @Nested
  @DisplayName("cursorWithin")
  class CursorWithin {

    private final List<Feature> input = withNames(NameTableTest.names(3_000, 31), 32);
    private final FeatureCatalogue catalogue = FeatureCatalogue.of(input);

    @Test
    void readsTheSameFeaturesInTheSameOrderAsTheIterator() {
      for (Rectangle area : RandomFeatures.rectangles(input, 40, 33)) {
        List<Feature> inPlace = new ArrayList<>();
        FeatureCursor cursor = catalogue.cursorWithin(area);
        while (cursor.advance()) {
          Point location = Point.ofE7(cursor.latitudeE7(), cursor.longitudeE7());
          Feature feature = cursor.feature();
          assertThat(feature.location()).isEqualTo(location);
          inPlace.add(feature);
        }
        List<Feature> iterated = new ArrayList<>();
        catalogue.iteratorWithin(area).forEachRemaining(iterated::add);
        assertThat(inPlace).containsExactlyElementsOf(iterated);
      }
    }

    @Test
    void handsOutEachNamesExactUtf8OrSaysItHasNone() {
      FeatureCursor cursor = catalogue.cursorWithin(Rectangle.world());
      int inUtf8 = 0;
      int notInUtf8 = 0;
      while (cursor.advance()) {
        String name = cursor.feature().name();
        if (cursor.nameInUtf8()) {
          byte[] utf8 = cursor.nameUtf8();
          assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(name);
          assertThat(utf8).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
          inUtf8++;
        } else {
          // Only names UTF-8 cannot carry (a lone surrogate) are kept as strings.
          assertThat(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
              .isNotEqualTo(name);
          assertThatThrownBy(cursor::nameUtf8)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("feature()");
          notInUtf8++;
        }
      }
      assertThat(inUtf8 + notInUtf8).isEqualTo(input.size());
      assertThat(notInUtf8).isPositive();
    }

    @Test
    void neverReadsAnUnnamedEntry() {
      FeatureCatalogue withUnnamed = FeatureCatalogue.of(
          List.of(Feature.unnamed(A), Feature.named("b", B), Feature.unnamed(C)));
      FeatureCursor cursor = withUnnamed.cursorWithin(Rectangle.world());

      assertThat(cursor.advance()).isTrue();
      assertThat(cursor.feature()).isEqualTo(Feature.named("b", B));
      assertThat(cursor.nameUtf8()).containsExactly('b');
      assertThat(cursor.advance()).isFalse();
    }

    @Test
    void handsOutCopiesSoThatNoReaderCanChangeAName() {
      FeatureCatalogue shared = FeatureCatalogue.of(List.of(Feature.named("Ærø", A)));
      FeatureCursor cursor = shared.cursorWithin(Rectangle.world());
      assertThat(cursor.advance()).isTrue();

      byte[] utf8 = cursor.nameUtf8();
      Arrays.fill(utf8, (byte) 'x');

      assertThat(cursor.nameUtf8()).isEqualTo("Ærø".getBytes(StandardCharsets.UTF_8));
      assertThat(cursor.feature().name()).isEqualTo("Ærø");
      assertThat(shared.lookup(A)).isEqualTo(Feature.named("Ærø", A));
    }

    @Test
    void refusesToBeReadBeforeTheFirstFeatureAndPastTheLast() {
      FeatureCursor cursor =
          FeatureCatalogue.of(List.of(Feature.named("a", A))).cursorWithin(Rectangle.world());

      assertThatThrownBy(cursor::latitudeE7)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("advance()");
      assertThat(cursor.advance()).isTrue();
      assertThat(cursor.advance()).isFalse();
      assertThat(cursor.advance()).isFalse();
      assertThatThrownBy(cursor::feature)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("past the last feature");
    }

    @Test
    void rejectsANullRectangleNamingTheParameter() {
      assertThatThrownBy(() -> catalogue.cursorWithin(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("area");
    }

    private static List<Feature> withNames(List<String> names, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Feature> features = new ArrayList<>();
      for (String name : names) {
        features.add(Feature.named(name, RandomFeatures.anywhere(random)));
      }
      return features;
    }
  }
}
