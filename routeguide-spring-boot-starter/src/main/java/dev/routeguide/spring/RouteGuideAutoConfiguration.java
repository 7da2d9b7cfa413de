package dev.routeguide.spring;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.RouteGuideObserver;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.features.FeatureDatabase;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.server.RouteGuideService;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Serves RouteGuide on the application's Spring gRPC server: a {@link RouteGuideService} bean
 * (a {@code BindableService}, which Spring gRPC binds to its server) over a {@link
 * LocalRouteGuide} built from the {@code routeguide.*} properties ({@link RouteGuideProperties}).
 *
 * <p>Active when Spring gRPC's server is on the class path and {@code routeguide.enabled} is not
 * {@code false}. Each bean is created only if the application defines none of its type, so an
 * application replaces any part ({@link FeatureCatalogue}, {@link NoteBoard}, {@link RouteGuide},
 * {@link RouteGuideService}) by declaring its own bean. A property value the starter cannot use
 * fails start-up with an {@link InvalidConfigurationPropertyValueException} naming the property,
 * which Spring Boot's failure analysis reports with the value's origin.
 *
 * <p>A {@link RouteGuideObserver} or {@link NoteBoardObserver} bean of the application observes
 * the route guide and the in-memory board. With routeguide-opentelemetry on the class path and an
 * {@code OpenTelemetry} bean (Spring Boot's OpenTelemetry support defines one), the domain metrics
 * of {@link RouteGuideMetricsConfiguration} are that observer.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
    before = GrpcServerAutoConfiguration.class,
    afterName = {
      RouteGuideMetricsConfiguration.OPEN_TELEMETRY_AUTO_CONFIGURATION,
      RedisNoteBoardConfiguration.DATA_REDIS_AUTO_CONFIGURATION
    })
@ConditionalOnClass({GrpcServerFactory.class, RouteGuideService.class})
@ConditionalOnBooleanProperty(name = "routeguide.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RouteGuideProperties.class)
@Import({RedisNoteBoardConfiguration.class, RouteGuideMetricsConfiguration.class})
public final class RouteGuideAutoConfiguration {

  static final String FEATURE_DATABASE = "routeguide.feature-database";
  static final String NOTE_BOARD = "routeguide.note-board.";
  static final String LIVE_CHAT = "routeguide.live-chat";

  /**
   * The catalogue read from {@code routeguide.feature-database}.
   *
   * @throws InvalidConfigurationPropertyValueException if the resource cannot be read or is not a
   *     valid feature database
   */
  @Bean
  @ConditionalOnMissingBean
  FeatureCatalogue routeGuideFeatureCatalogue(RouteGuideProperties properties) {
    Resource database = properties.getFeatureDatabase();
    if (database == null) {
      throw new InvalidConfigurationPropertyValueException(FEATURE_DATABASE, null, "must be set");
    }
    try (InputStream in = database.getInputStream()) {
      return FeatureCatalogue.of(FeatureDatabase.read(in, database.getDescription()));
    } catch (IOException e) {
      throw new InvalidConfigurationPropertyValueException(
          FEATURE_DATABASE, database, "cannot read a feature database from it: " + e.getMessage());
    }
  }

  /**
   * An {@link InMemoryNoteBoard} with the limits of {@code routeguide.note-board.*}, observed by
   * the application's {@link NoteBoardObserver} if it has one. Not defined when the Redis board
   * is ({@link RedisNoteBoardConfiguration}).
   *
   * @throws InvalidConfigurationPropertyValueException if a limit is out of range, or the store
   *     is redis but the Redis board's classes are missing
   */
  @Bean
  @ConditionalOnMissingBean
  NoteBoard routeGuideNoteBoard(
      RouteGuideProperties properties, ObjectProvider<NoteBoardObserver> observer) {
    if (properties.getNoteBoard().getStore() == RouteGuideProperties.Store.REDIS) {
      // RedisNoteBoardConfiguration would have defined the board: one of its classes is missing.
      throw new InvalidConfigurationPropertyValueException(
          RedisNoteBoardConfiguration.STORE,
          "redis",
          "needs dev.routeguide:routeguide-redis and spring-boot-starter-data-redis on the class"
              + " path");
    }
    return new InMemoryNoteBoard(
        noteBoardLimits(properties.getNoteBoard()),
        observer.getIfAvailable(() -> NoteBoardObserver.NONE));
  }

  /**
   * A {@link LocalRouteGuide} over the catalogue and note board, timing routes monotonically,
   * observed by the application's {@link RouteGuideObserver} if it has one, with live chat as
   * {@code routeguide.live-chat} says.
   *
   * @throws InvalidConfigurationPropertyValueException if live chat is on and the board has no
   *     live delivery
   */
  @Bean
  @ConditionalOnMissingBean
  RouteGuide routeGuide(
      RouteGuideProperties properties,
      FeatureCatalogue catalogue,
      NoteBoard noteBoard,
      ObjectProvider<RouteGuideObserver> observer) {
    LocalRouteGuide guide =
        new LocalRouteGuide(
            catalogue,
            noteBoard,
            MonotonicClock.startingNow(),
            observer.getIfAvailable(() -> RouteGuideObserver.NONE));
    try {
      return guide.withLiveChat(properties.isLiveChat());
    } catch (UnsupportedOperationException e) {
      throw new InvalidConfigurationPropertyValueException(
          LIVE_CHAT, true, "the note board " + noteBoard + " has no live delivery");
    }
  }

  /** The gRPC service over the route guide, bound to the application's gRPC server. */
  @Bean
  @ConditionalOnMissingBean
  RouteGuideService routeGuideService(RouteGuide routeGuide) {
    return new RouteGuideService(routeGuide);
  }

  /** The limits, each checked by {@link NoteBoardLimits} and reported under its property. */
  static NoteBoardLimits noteBoardLimits(RouteGuideProperties.NoteBoard board) {
    NoteBoardLimits limits = NoteBoardLimits.DEFAULT;
    limits =
        limit(
            limits::withMaxNotesPerLocation,
            "max-notes-per-location",
            board.getMaxNotesPerLocation());
    limits = limit(limits::withMaxLocations, "max-locations", board.getMaxLocations());
    limits = limit(limits::withMaxMessageLength, "max-message-length", board.getMaxMessageLength());
    DataSize bytes = board.getMaxNoteBytes();
    if (bytes == null) {
      throw new InvalidConfigurationPropertyValueException(
          NOTE_BOARD + "max-note-bytes", null, "must be set");
    }
    limits = limit(limits::withMaxNoteBytes, "max-note-bytes", bytes.toBytes());
    return limits;
  }

  private static <T> NoteBoardLimits limit(
      Function<T, NoteBoardLimits> with, String name, T value) {
    try {
      return with.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(
          NOTE_BOARD + name, value, e.getMessage());
    }
  }
}
