package dev.routeguide.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.RouteGuide;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.redis.RedisNoteBoard;
import dev.routeguide.redis.testing.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code routeguide.note-board.store=redis}: the board on Spring Boot's Redis connection, against
 * a real redis-server process.
 */
class RedisNoteBoardConfigurationTest {

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataRedisAutoConfiguration.class, RouteGuideAutoConfiguration.class));

  private ApplicationContextRunner onRedis(String keyPrefix) {
    return runner.withPropertyValues(
        "routeguide.note-board.store=redis",
        "spring.data.redis.url=" + redis.uri(),
        "routeguide.note-board.redis.key-prefix=" + keyPrefix);
  }

  @Test
  void twoApplicationsOnOneRedisShareTheirNotes() {
    Point here = Point.ofE7(3, 4);
    RouteNote first = RouteNote.at(here, "from the first replica");
    onRedis("shared:")
        .run(
            one ->
                onRedis("shared:")
                    .run(
                        two -> {
                          NoteBoard board = one.getBean(NoteBoard.class);
                          assertThat(board).isInstanceOf(RedisNoteBoard.class);
                          assertThat(board.post(first)).isEmpty();
                          RouteNote second = RouteNote.at(here, "second");
                          assertThat(two.getBean(NoteBoard.class).post(second))
                              .containsExactly(first);
                        }));
  }

  @Test
  void theRedisPropertiesAndLimitsReachTheBoard() {
    onRedis("props:")
        .withPropertyValues(
            "routeguide.note-board.redis.idle-expiry=90m",
            "routeguide.note-board.redis.command-timeout=1500ms",
            "routeguide.note-board.max-notes-per-location=3")
        .run(
            context -> {
              RedisNoteBoard board = (RedisNoteBoard) context.getBean(NoteBoard.class);
              assertThat(board.keyPrefix()).isEqualTo("props:");
              assertThat(board.idleExpiry()).isEqualTo(Duration.ofMinutes(90));
              assertThat(board.commandTimeout()).isEqualTo(Duration.ofMillis(1500));
              assertThat(board.limits().maxNotesPerLocation()).isEqualTo(3);
            });
  }

  @Test
  void liveChatRunsOverTheRedisBoard() {
    onRedis("live:")
        .withPropertyValues("routeguide.live-chat=true")
        .run(
            context -> {
              LocalRouteGuide guide = (LocalRouteGuide) context.getBean(RouteGuide.class);
              assertThat(guide.liveChat()).isTrue();
              assertThat(guide.noteBoard()).isInstanceOf(RedisNoteBoard.class);
            });
  }

  @Test
  void anEmptyKeyPrefixFailsStartUpNamingTheProperty() {
    onRedis("")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOfSatisfying(
                      InvalidConfigurationPropertyValueException.class,
                      e ->
                          assertThat(e.getName())
                              .isEqualTo("routeguide.note-board.redis.key-prefix"));
            });
  }

  @Test
  void redisWithoutSpringBootsRedisSupportFailsStartUpNamingTheStore() {
    onRedis("none:")
        .withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOfSatisfying(
                      InvalidConfigurationPropertyValueException.class,
                      e -> {
                        assertThat(e.getName()).isEqualTo("routeguide.note-board.store");
                        assertThat(e.getReason()).contains("routeguide-redis");
                      });
            });
  }

  @Test
  void withoutTheStorePropertyNotesStayInMemoryEvenWithRedisAround() {
    runner
        .withPropertyValues("spring.data.redis.url=" + redis.uri())
        .run(
            context ->
                assertThat(context.getBean(NoteBoard.class)).isNotInstanceOf(RedisNoteBoard.class));
  }
}
