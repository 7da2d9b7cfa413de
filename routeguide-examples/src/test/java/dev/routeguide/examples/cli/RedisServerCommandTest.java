package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.redis.testing.RedisServer;
import dev.routeguide.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code routeguide server --redis ...} as separate processes, on a real Redis. */
class RedisServerCommandTest {

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Point HERE = Point.ofE7(5, 5);

  @Nested
  class Starting {

    @Test
    void exitsWithOneLineAndStatusOneForAMalformedUri() throws Exception {
      try (ServerProcess server = ServerProcess.start("--port", "0", "--redis", "http://x")) {
        assertThat(server.awaitExit()).isEqualTo(1);
        assertThat(server.output().strip())
            .startsWith("routeguide server: --redis: not a Redis URI (redis://")
            .doesNotContain("\n");
      }
    }

    @Test
    void exitsWithOneLineAndStatusOneWhenRedisIsUnreachable() throws Exception {
      int closedPort;
      try (RedisServer stopped = RedisServer.start()) {
        closedPort = stopped.port();
      }
      try (ServerProcess server =
          ServerProcess.start("--port", "0", "--redis", "redis://127.0.0.1:" + closedPort)) {
        assertThat(server.awaitExit()).isEqualTo(1);
        assertThat(server.output().strip())
            .isEqualTo("routeguide server: --redis: RouteChat note store unavailable: Redis at"
                + " 127.0.0.1:" + closedPort + " is unreachable (Connection refused)");
      }
    }

    @Test
    void refusesRedisOptionsWithoutRedis() {
      CliRun run = CliRun.of("server", "--note-ttl", "1h");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).startsWith("routeguide server: --note-ttl needs --redis");
    }

    @Test
    void refusesTheDirectExecutorWithRedis() {
      CliRun run = CliRun.of("server", "--redis", "redis://127.0.0.1:1", "--direct-executor");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine())
          .startsWith("routeguide server: --direct-executor cannot be used with --redis");
    }

    @Test
    void refusesANoteTtlThatIsNotADuration() {
      CliRun run = CliRun.of("server", "--redis", redis.uri(), "--note-ttl", "soon");

      assertThat(run.exitCode()).isEqualTo(RouteGuideCli.EXIT_USAGE);
      assertThat(run.errorLine()).contains("'soon' is not a duration (e.g. 90s, 30m, 24h, 7d)");
    }

    @Test
    void explainsTheRedisOptionsInItsHelp() {
      CliRun run = CliRun.of("server", "--help");

      assertThat(run.out()).contains("--redis=URI", "--redis-key-prefix=PREFIX",
          "--note-ttl=DURATION", "rediss://", "UNAVAILABLE");
    }
  }

  @Test
  void twoServersOnOneRedisShareTheNotes() throws Exception {
    try (ServerProcess first = ServerProcess.start("--port", "0", "--redis", redis.uri(),
            "--redis-key-prefix", "cli-test:", "--note-ttl", "10m");
        ServerProcess second = ServerProcess.start("--port", "0", "--redis", redis.uri(),
            "--redis-key-prefix", "cli-test:")) {
      String targetA = first.awaitTarget();
      String targetB = second.awaitTarget();

      chat(targetA, "posted on A");

      assertThat(chat(targetB, "posted on B")).containsExactly("posted on A");
      assertThat(first.terminate()).isEqualTo(143);
      assertThat(second.terminate()).isEqualTo(143);
      assertThat(first.output()).contains("RouteChat notes in RedisNoteBoard[Redis at 127.0.0.1:"
          + redis.server().port() + ", prefix cli-test:], idle expiry 10m");
    }
  }

  private static List<String> chat(String target, String message) throws Exception {
    NoteInbox inbox = new NoteInbox();
    try (RouteGuideClient client = RouteGuideClient.connect(target);
        RouteChat chat = client.routeChat(inbox)) {
      chat.send(RouteNote.at(HERE, message));
      chat.complete();
      return inbox.awaitAll(Duration.ofSeconds(10)).stream().map(RouteNote::message).toList();
    }
  }
}
