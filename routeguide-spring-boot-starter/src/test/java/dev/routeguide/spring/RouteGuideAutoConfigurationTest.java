package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.features.Feature;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.server.RouteGuideService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.util.unit.DataSize;

/** Each condition and property of {@link RouteGuideAutoConfiguration}, one context per case. */
class RouteGuideAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RouteGuideAutoConfiguration.class));

  @Nested
  @DisplayName("with no routeguide properties")
  class Defaults {

    @Test
    void servesTheCanonicalDatabase() {
      runner.run(
          context ->
              assertThat(context.getBean(FeatureCatalogue.class).features())
                  .containsExactlyElementsOf(FeatureCatalogue.canonical().features()));
    }

    @Test
    void keepsNotesInMemoryWithTheCoreDefaultLimits() {
      runner.run(
          context ->
              assertThat(context.getBean(NoteBoard.class))
                  .isInstanceOfSatisfying(
                      InMemoryNoteBoard.class,
                      board -> assertThat(board.limits()).isEqualTo(NoteBoardLimits.DEFAULT)));
    }

    @Test
    void buildsALocalRouteGuideOverTheCatalogueAndBoardBeans() {
      runner.run(
          context ->
              assertThat(context.getBean(RouteGuide.class))
                  .isInstanceOfSatisfying(
                      LocalRouteGuide.class,
                      guide -> {
                        assertThat(guide.catalogue())
                            .isSameAs(context.getBean(FeatureCatalogue.class));
                        assertThat(guide.noteBoard()).isSameAs(context.getBean(NoteBoard.class));
                      }));
    }

    @Test
    void definesTheRouteGuideGrpcServiceAsABindableServiceBean() {
      runner.run(
          context ->
              assertThat(
                      context
                          .getBean(RouteGuideService.class)
                          .bindService()
                          .getServiceDescriptor()
                          .getName())
                  .isEqualTo(RouteGuideGrpc.SERVICE_NAME));
    }
  }

  @Nested
  @DisplayName("routeguide.feature-database")
  class FeatureDatabaseProperty {

    @Test
    void readsAClasspathResource() {
      runner
          .withPropertyValues(
              "routeguide.feature-database=classpath:dev/routeguide/spring/three-entries.json")
          .run(context -> assertThat(names(context)).containsExactly("Westminster", "Greenwich"));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("features.json");
      Files.writeString(
          file,
          "{\"feature\": [{\"location\": {\"latitude\": 1, \"longitude\": 2},"
              + " \"name\": \"Here\"}]}",
          StandardCharsets.UTF_8);
      runner
          .withPropertyValues("routeguide.feature-database=" + file.toUri())
          .run(
              context ->
                  assertThat(context.getBean(FeatureCatalogue.class).features())
                      .containsExactly(new Feature("Here", Point.ofE7(1, 2))));
    }

    @Test
    void failsStartUpNamingThePropertyWhenTheFileIsMissing(@TempDir Path dir) {
      Path missing = dir.resolve("missing.json");
      runner
          .withPropertyValues("routeguide.feature-database=" + missing.toUri())
          .run(
              context ->
                  assertThat(invalidProperty(context))
                      .satisfies(
                          e -> {
                            assertThat(e.getName()).isEqualTo("routeguide.feature-database");
                            assertThat(e.getReason())
                                .startsWith("cannot read a feature database from it")
                                .contains("missing.json");
                          }));
    }

    @Test
    void failsStartUpNamingThePropertyAndThePlaceOfAMalformedEntry(@TempDir Path dir)
        throws IOException {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, "[\n  {\"name\": \"no location\"}\n]\n", StandardCharsets.UTF_8);
      runner
          .withPropertyValues("routeguide.feature-database=" + file.toUri())
          .run(
              context ->
                  assertThat(invalidProperty(context))
                      .satisfies(
                          e -> {
                            assertThat(e.getName()).isEqualTo("routeguide.feature-database");
                            assertThat(e.getReason())
                                .contains("bad.json")
                                .contains("missing field location");
                          }));
    }
  }

  @Nested
  @DisplayName("routeguide.note-board.*")
  class NoteBoardProperties {

    @Test
    void maxNotesPerLocationSetsThatLimitAlone() {
      assertLimits("max-notes-per-location=7", NoteBoardLimits.DEFAULT.withMaxNotesPerLocation(7));
    }

    @Test
    void maxLocationsSetsThatLimitAlone() {
      assertLimits("max-locations=3", NoteBoardLimits.DEFAULT.withMaxLocations(3));
    }

    @Test
    void maxMessageLengthSetsThatLimitAlone() {
      assertLimits("max-message-length=12", NoteBoardLimits.DEFAULT.withMaxMessageLength(12));
    }

    @Test
    void maxNoteBytesSetsThatLimitAloneInAnyDataSizeUnit() {
      assertLimits("max-note-bytes=2MB", NoteBoardLimits.DEFAULT.withMaxNoteBytes(2 * 1024 * 1024));
      assertLimits("max-note-bytes=300000", NoteBoardLimits.DEFAULT.withMaxNoteBytes(300_000));
    }

    @Test
    void aByteCapTooSmallForOneLongestNoteFailsStartUpNamingTheProperty() {
      runner
          .withPropertyValues("routeguide.note-board.max-note-bytes=100B")
          .run(
              context ->
                  assertThat(invalidProperty(context))
                      .satisfies(
                          e -> {
                            assertThat(e.getName())
                                .isEqualTo("routeguide.note-board.max-note-bytes");
                            assertThat(e.getValue()).isEqualTo(100L);
                            assertThat(e.getReason())
                                .contains("must hold at least one note of maxMessageLength");
                          }));
    }

    private void assertLimits(String property, NoteBoardLimits expected) {
      runner
          .withPropertyValues("routeguide.note-board." + property)
          .run(
              context ->
                  assertThat(((InMemoryNoteBoard) context.getBean(NoteBoard.class)).limits())
                      .isEqualTo(expected));
    }

    @Test
    void aShorterMessageLimitRejectsLongerNotes() {
      runner
          .withPropertyValues("routeguide.note-board.max-message-length=5")
          .run(
              context -> {
                NoteBoard board = context.getBean(NoteBoard.class);
                Point here = Point.ofE7(1, 1);
                assertThat(board.post(RouteNote.at(here, "short"))).isEmpty();
                assertThatThrownBy(
                        () -> board.post(RouteNote.at(here, "longer")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("limit of 5");
              });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
      "max-notes-per-location, 0",
      "max-locations, -1",
      "max-message-length, -20",
    })
    void failsStartUpNamingTheProperty(String property, int value) {
      runner
          .withPropertyValues("routeguide.note-board." + property + "=" + value)
          .run(
              context ->
                  assertThat(invalidProperty(context))
                      .satisfies(
                          e -> {
                            assertThat(e.getName()).isEqualTo("routeguide.note-board." + property);
                            assertThat(e.getValue()).isEqualTo(value);
                            assertThat(e.getReason()).contains("must be positive");
                          }));
    }
  }

  @Nested
  @DisplayName("routeguide.live-chat")
  class LiveChatProperty {

    @Test
    void isOffByDefault() {
      runner.run(
          context ->
              assertThat(((LocalRouteGuide) context.getBean(RouteGuide.class)).liveChat())
                  .isFalse());
    }

    @Test
    void trueTurnsOnLiveDeliveryOverTheInMemoryBoard() {
      runner
          .withPropertyValues("routeguide.live-chat=true")
          .run(
              context -> {
                LocalRouteGuide guide = (LocalRouteGuide) context.getBean(RouteGuide.class);
                assertThat(guide.liveChat()).isTrue();
                assertThat(guide.noteBoard()).isInstanceOf(InMemoryNoteBoard.class);
              });
    }

    @Test
    void trueOverABoardWithoutLiveDeliveryFailsStartUpNamingTheProperty() {
      NoteBoard storeOnly = note -> List.of();
      runner
          .withPropertyValues("routeguide.live-chat=true")
          .withBean(NoteBoard.class, () -> storeOnly)
          .run(
              context ->
                  assertThat(invalidProperty(context))
                      .satisfies(
                          e -> {
                            assertThat(e.getName()).isEqualTo("routeguide.live-chat");
                            assertThat(e.getReason()).contains("has no live delivery");
                          }));
    }
  }

  @Nested
  @DisplayName("beans of the application's own")
  class BackOff {

    @Test
    void aCatalogueOfItsOwnIsServed() {
      FeatureCatalogue own = FeatureCatalogue.of(List.of(new Feature("Own", Point.ofE7(5, 5))));
      runner
          .withBean(FeatureCatalogue.class, () -> own)
          .run(
              context -> {
                assertThat(context).getBean(FeatureCatalogue.class).isSameAs(own);
                assertThat(((LocalRouteGuide) context.getBean(RouteGuide.class)).catalogue())
                    .isSameAs(own);
              });
    }

    @Test
    void aNoteBoardOfItsOwnIsUsed() {
      NoteBoard own = new InMemoryNoteBoard(NoteBoardLimits.DEFAULT.withMaxLocations(1));
      runner
          .withBean(NoteBoard.class, () -> own)
          .run(
              context -> {
                assertThat(context).getBean(NoteBoard.class).isSameAs(own);
                assertThat(((LocalRouteGuide) context.getBean(RouteGuide.class)).noteBoard())
                    .isSameAs(own);
              });
    }

    @Test
    void aRouteGuideOfItsOwnIsServed() {
      RouteGuide own = LocalRouteGuide.of(FeatureCatalogue.empty());
      runner
          .withBean(RouteGuide.class, () -> own)
          .run(
              context -> {
                assertThat(context).getBean(RouteGuide.class).isSameAs(own);
                assertThat(context.getBean(RouteGuideService.class).toString())
                    .isEqualTo(new RouteGuideService(own).toString());
              });
    }

    @Test
    void aServiceOfItsOwnIsTheOnlyOne() {
      RouteGuideService own = RouteGuideService.of(FeatureCatalogue.empty());
      runner
          .withBean(RouteGuideService.class, () -> own)
          .run(context -> assertThat(context).getBean(RouteGuideService.class).isSameAs(own));
    }
  }

  @Nested
  @DisplayName("when RouteGuide is not to be served")
  class Disabled {

    @Test
    void routeguideEnabledFalseDefinesNothing() {
      runner.withPropertyValues("routeguide.enabled=false").run(this::assertNothingDefined);
    }

    @Test
    void withoutSpringGrpcServerOnTheClassPathNothingIsDefined() {
      runner
          .withClassLoader(new FilteredClassLoader(GrpcServerFactory.class))
          .run(this::assertNothingDefined);
    }

    @Test
    void disabledIgnoresBadValuesOfTheOtherProperties() {
      runner
          .withPropertyValues(
              "routeguide.enabled=false", "routeguide.feature-database=file:/nonexistent.json")
          .run(this::assertNothingDefined);
    }

    private void assertNothingDefined(AssertableApplicationContext context) {
      assertThat(context)
          .hasNotFailed()
          .doesNotHaveBean(RouteGuideProperties.class)
          .doesNotHaveBean(FeatureCatalogue.class)
          .doesNotHaveBean(NoteBoard.class)
          .doesNotHaveBean(RouteGuide.class)
          .doesNotHaveBean(RouteGuideService.class);
    }
  }

  @Nested
  @DisplayName("packaging")
  class Packaging {

    @Test
    void theAutoConfigurationIsRegisteredForSpringBootToFind() {
      assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
          .contains(RouteGuideAutoConfiguration.class.getName());
    }

    @Test
    void everyPropertyHasGeneratedMetadataWithADescriptionAndItsDefault() throws IOException {
      Object metadata;
      try (InputStream in =
          getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
        assertThat(in).as("generated configuration metadata").isNotNull();
        metadata = JsonPath.parse(in).json();
      }
      List<String> names = JsonPath.read(metadata, "$.properties[*].name");
      assertThat(names)
          .containsExactlyInAnyOrder(
              "routeguide.enabled",
              "routeguide.feature-database",
              "routeguide.live-chat",
              "routeguide.note-board.max-notes-per-location",
              "routeguide.note-board.max-locations",
              "routeguide.note-board.max-message-length",
              "routeguide.note-board.max-note-bytes",
              "routeguide.note-board.store",
              "routeguide.note-board.redis.key-prefix",
              "routeguide.note-board.redis.idle-expiry",
              "routeguide.note-board.redis.command-timeout");
      List<String> descriptions = JsonPath.read(metadata, "$.properties[*].description");
      assertThat(descriptions).hasSameSizeAs(names).allSatisfy(d -> assertThat(d).isNotBlank());

      NoteBoardLimits defaults = NoteBoardLimits.DEFAULT;
      assertThat(defaultOf(metadata, "routeguide.note-board.max-notes-per-location"))
          .isEqualTo(defaults.maxNotesPerLocation());
      assertThat(defaultOf(metadata, "routeguide.note-board.max-locations"))
          .isEqualTo(defaults.maxLocations());
      assertThat(defaultOf(metadata, "routeguide.note-board.max-message-length"))
          .isEqualTo(defaults.maxMessageLength());
      String bytes = (String) defaultOf(metadata, "routeguide.note-board.max-note-bytes");
      assertThat(DataSize.parse(bytes).toBytes()).isEqualTo(defaults.maxNoteBytes());
      assertThat(defaultOf(metadata, "routeguide.enabled")).isEqualTo(true);
      assertThat(defaultOf(metadata, "routeguide.live-chat")).isEqualTo(false);
      assertThat(defaultOf(metadata, "routeguide.note-board.store")).isEqualTo("in-memory");
      // The documented default is the resource the starter reads when the property is unset.
      String database = (String) defaultOf(metadata, "routeguide.feature-database");
      runner
          .withPropertyValues("routeguide.feature-database=" + database)
          .run(
              context ->
                  assertThat(context.getBean(FeatureCatalogue.class).features())
                      .containsExactlyElementsOf(FeatureCatalogue.canonical().features()));
    }

    private Object defaultOf(Object metadata, String name) {
      List<Object> values =
          JsonPath.read(metadata, "$.properties[?(@.name == '" + name + "')].defaultValue");
      assertThat(values).as("default of " + name).hasSize(1);
      return values.get(0);
    }
  }

  private static List<String> names(AssertableApplicationContext context) {
    return context.getBean(FeatureCatalogue.class).features().stream().map(Feature::name).toList();
  }

  private static InvalidConfigurationPropertyValueException invalidProperty(
      AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
      failure = failure.getCause();
    }
    assertThat(failure)
        .as("cause of %s", context.getStartupFailure())
        .isInstanceOf(InvalidConfigurationPropertyValueException.class);
    return (InvalidConfigurationPropertyValueException) failure;
  }
}
