package dev.routeguide.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.UnavailableException;
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

  @Test
  void reportsTheDomainMetricsOfTheRedisBoardAtTheMetricsEndpoint() throws Exception {
    int metricsPort = Scrape.freeLoopbackPort();
    try (ServerProcess server = ServerProcess.start("--port", "0", "--redis", redis.uri(),
        "--redis-key-prefix", "metrics-test:", "--metrics-port", Integer.toString(metricsPort),
        "--max-notes-per-location", "2", "--max-message-length", "10")) {
      String target = server.awaitTarget();
      try (RouteGuideClient client =
          RouteGuideClient.connect(target).withDeadline(Duration.ofSeconds(20))) {
        Point elsewhere = Point.ofE7(6, 6);
        MetricsEndpointTest.chat(client, RouteNote.at(HERE, "a"), RouteNote.at(HERE, "b"),
            RouteNote.at(HERE, "c"), RouteNote.at(elsewhere, "d"));
        assertThatThrownBy(() -> MetricsEndpointTest.chat(client, RouteNote.at(HERE, "far too long")))
            .isInstanceOf(InvalidArgumentException.class);
        redis.server().stop();
        try {
          assertThatThrownBy(() -> MetricsEndpointTest.chat(client, RouteNote.at(HERE, "e")))
              .isInstanceOf(UnavailableException.class);
        } finally {
          redis.server().restart();
        }
      }

      Scrape metrics = Scrape.of("http://127.0.0.1:" + metricsPort + "/metrics");
      assertThat(metrics.value("routeguide_notes_stored_total")).isEqualTo(4);
      assertThat(metrics.value("routeguide_notes_evicted_total", "reason=\"per_location_cap\""))
          .isEqualTo(1);
      assertThat(metrics.value("routeguide_notes_refused_total", "reason=\"message_too_long\""))
          .isEqualTo(1);
      assertThat(metrics.value("routeguide_notes_refused_total", "reason=\"store_unavailable\""))
          .isEqualTo(1);
      assertThat(metrics.value("routeguide_chats_open")).isZero();
      assertThat(metrics.value("grpc_server_call_duration_seconds_count",
          "grpc_method=\"routeguide.RouteGuide/RouteChat\"", "grpc_status=\"UNAVAILABLE\""))
          .isEqualTo(1);
      // One replica cannot know what a shared Redis holds: no gauges in Redis mode.
      assertThat(metrics.has("routeguide_notes_locations")).isFalse();
      assertThat(metrics.has("routeguide_notes_bytes")).isFalse();
      server.terminate();
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
