package dev.routeguide.redis;

import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.redis.testing.RedisClusterExtension;
import dev.routeguide.testing.NoteBoardContract;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NoteBoard contract on a three-master Redis Cluster, each instance a board on a cluster
 * client of its own, as two replicas would hold.
 */
class RedisClusterNoteBoardContractTest extends NoteBoardContract {

  @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();

  private static final List<RedisClusterClient> clients = new ArrayList<>();
  private final List<RedisNoteBoard> boards = new ArrayList<>();

  @BeforeAll
  static void createClients() {
    for (int i = 0; i < 2; i++) {
      clients.add(RedisClusterClient.create(cluster.uris()));
    }
  }

  @AfterAll
  static void shutDownClients() {
    clients.forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    clients.clear();
  }

  @Override
  protected List<NoteBoard> openBoards(int count, NoteBoardLimits limits) {
    try (StatefulRedisClusterConnection<String, String> connection = clients.get(0).connect()) {
      connection.sync().flushall(); // on every master
    }
    for (int i = 0; i < count; i++) {
      boards.add(RedisNoteBoard.builder(clients.get(i % clients.size())).limits(limits).connect());
    }
    return List.copyOf(boards);
  }

  @Override
  protected void closeBoards() {
    boards.forEach(RedisNoteBoard::close);
    boards.clear();
  }
}
