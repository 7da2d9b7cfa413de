package dev.routeguide.spring;

import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.redis.RedisNoteBoard;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link RedisNoteBoard}, when {@code routeguide.note-board.store=redis}, on the Lettuce
 * client of Spring Boot's Redis connection factory: the connection, credentials, TLS, Cluster or
 * Sentinel come from {@code spring.data.redis.*} and its customizers, the board shares the
 * client's threads, and Spring closes the client after the board. Imported before the in-memory
 * board's bean method, so that this board wins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({RedisNoteBoard.class, LettuceConnectionFactory.class})
@ConditionalOnProperty(name = RedisNoteBoardConfiguration.STORE, havingValue = "redis")
class RedisNoteBoardConfiguration {

  static final String STORE = "routeguide.note-board.store";

  /** Where Spring Boot defines its Redis connection factory; RouteGuide's runs after. */
  static final String DATA_REDIS_AUTO_CONFIGURATION =
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

  /**
   * A board connected through Boot's Lettuce client, with the limits and the {@code
   * routeguide.note-board.redis.*} settings.
   *
   * @throws InvalidConfigurationPropertyValueException if there is no Lettuce connection factory,
   *     or a setting is out of range
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(NoteBoard.class)
  RedisNoteBoard routeGuideRedisNoteBoard(
      RouteGuideProperties properties, ObjectProvider<RedisConnectionFactory> connections) {
    RouteGuideProperties.NoteBoard board = properties.getNoteBoard();
    RedisNoteBoard.Builder builder = builderOn(connections.getIfUnique());
    RouteGuideProperties.Redis redis = board.getRedis();
    String prefix = RouteGuideAutoConfiguration.NOTE_BOARD + "redis.";
    try {
      builder.limits(RouteGuideAutoConfiguration.noteBoardLimits(board));
      apply(
          () -> builder.keyPrefix(redis.getKeyPrefix()),
          prefix + "key-prefix",
          redis.getKeyPrefix());
      apply(
          () -> builder.idleExpiry(redis.getIdleExpiry()),
          prefix + "idle-expiry",
          redis.getIdleExpiry());
      apply(
          () -> builder.commandTimeout(redis.getCommandTimeout()),
          prefix + "command-timeout",
          redis.getCommandTimeout());
    } catch (NullPointerException e) {
      throw new InvalidConfigurationPropertyValueException(prefix + "*", null, "must be set");
    }
    return builder.connect();
  }

  private static RedisNoteBoard.Builder builderOn(RedisConnectionFactory connections) {
    if (connections instanceof LettuceConnectionFactory lettuce) {
      AbstractRedisClient client = lettuce.getNativeClient();
      if (client instanceof RedisClusterClient cluster) {
        return RedisNoteBoard.builder(cluster);
      }
      if (client instanceof RedisClient standalone) {
        return RedisNoteBoard.builder(standalone);
      }
    }
    throw new InvalidConfigurationPropertyValueException(
        STORE,
        "redis",
        "needs Spring Boot's Lettuce connection factory (spring-boot-starter-data-redis, configured"
            + " by spring.data.redis.*), found " + connections);
  }

  private static void apply(Runnable setting, String property, Object value) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, value, e.getMessage());
    }
  }
}
