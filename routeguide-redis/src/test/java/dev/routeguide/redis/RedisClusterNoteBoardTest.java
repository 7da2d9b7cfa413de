package dev.routeguide.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.redis.testing.RedisClusterExtension;
import dev.routeguide.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterNoteBoardTest {

  @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();

  private static final int LOCATIONS = 30;

  private static RedisClusterClient clientA;
  private static RedisClusterClient clientB;
  private static RedisNoteBoard replicaA;
  private static RedisNoteBoard replicaB;

  @BeforeAll
  static void connect() {
    clientA = RedisClusterClient.create(cluster.uris());
    clientB = RedisClusterClient.create(cluster.uris());
    replicaA = RedisNoteBoard.builder(clientA).connect();
    replicaB = RedisNoteBoard.builder(clientB).keyPrefix("routeguide:").connect();
  }

  @AfterAll
  static void disconnect() {
    replicaA.close();
    replicaB.close();
    clientA.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    clientB.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private static Point location(int i) {
    return Point.ofE7(100 + i, -200 - i);
  }

  @Test
  void sharesEachLocationsHistoryBetweenReplicasWhicheverMasterHoldsIt() {
    for (int i = 0; i < LOCATIONS; i++) {
      replicaA.post(RouteNote.at(location(i), "A at " + i));
    }
    for (int i = 0; i < LOCATIONS; i++) {
      assertThat(replicaB.post(RouteNote.at(location(i), "B at " + i)))
          .containsExactly(RouteNote.at(location(i), "A at " + i));
    }

    assertThat(keysPerMaster()).allSatisfy(keys -> assertThat(keys).isPositive());
  }

  @Test
  void deliversNotesPostedThroughOneReplicaLiveToASessionOnTheOtherInOrderPerLocation() {
    LiveNotes live = new LiveNotes();
    List<String> expected = new ArrayList<>();
    try (NoteSession session = replicaA.openSession(live)) {
      for (int i = 0; i < LOCATIONS; i++) {
        session.post(RouteNote.at(location(i + 1000), "mine"));
      }
      for (int i = 0; i < LOCATIONS; i++) {
        replicaB.post(RouteNote.at(location(i + 1000), i + " first"));
        replicaB.post(RouteNote.at(location(i + 1000), i + " second"));
        expected.add(i + " first");
        expected.add(i + " second");
      }

      List<String> received = live.awaitMessages(2 * LOCATIONS, Duration.ofSeconds(2));
      // Locations live on different masters: order holds per location, not across them.
      assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
      for (int i = 0; i < LOCATIONS; i++) {
        assertThat(received.indexOf(i + " first")).isLessThan(received.indexOf(i + " second"));
      }
    }
  }

  private static List<Long> keysPerMaster() {
    List<Long> counts = new ArrayList<>();
    RedisClient client = RedisClient.create();
    try {
      for (RedisServer node : cluster.cluster().nodes()) {
        try (StatefulRedisConnection<String, String> connection =
            client.connect(io.lettuce.core.RedisURI.create(node.uri()))) {
          counts.add(connection.sync().dbsize());
        }
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    return counts;
  }
}
