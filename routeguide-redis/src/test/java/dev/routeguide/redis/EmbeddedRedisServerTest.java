package dev.routeguide.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.redis.testing.RedisServer;
import dev.routeguide.redis.testing.RedisServerBinary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The machine without redis-server installed: the test support falls back to the Redis 6.2
 * binary inside embedded-redis, and the board works on Redis 6.2.
 */
class EmbeddedRedisServerTest {

  private static final Point HERE = Point.ofE7(1, 1);

  @Test
  void locatesTheBundledBinaryWhenToldTo() {
    String before = System.getProperty(RedisServerBinary.PROPERTY);
    System.setProperty(RedisServerBinary.PROPERTY, "embedded");
    try {
      assertThat(RedisServerBinary.locate()).isEqualTo(RedisServerBinary.embedded());
    } finally {
      if (before == null) {
        System.clearProperty(RedisServerBinary.PROPERTY);
      } else {
        System.setProperty(RedisServerBinary.PROPERTY, before);
      }
    }
  }

  @Test
  void postsAndDeliversLiveOnTheBundledRedis62() throws Exception {
    try (RedisServer redis = RedisServer.start(RedisServerBinary.embedded());
        RedisNoteBoard replicaA = RedisNoteBoard.builder(redis.uri()).connect();
        RedisNoteBoard replicaB = RedisNoteBoard.builder(redis.uri()).connect()) {
      assertThat(version(redis)).startsWith("Redis server v=6.2.");
      LiveNotes live = new LiveNotes();
      try (NoteSession session = replicaA.openSession(live)) {
        session.post(RouteNote.at(HERE, "mine"));

        assertThat(replicaB.post(RouteNote.at(HERE, "theirs")))
            .containsExactly(RouteNote.at(HERE, "mine"));
        assertThat(live.awaitMessages(1, Duration.ofSeconds(1))).containsExactly("theirs");
      }
    }
  }

  private static String version(RedisServer redis) throws Exception {
    Process process =
        new ProcessBuilder(redis.binary().toString(), "--version").redirectErrorStream(true).start();
    List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
    process.waitFor();
    return lines.get(0);
  }
}
