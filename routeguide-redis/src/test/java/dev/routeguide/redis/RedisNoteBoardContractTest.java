package dev.routeguide.redis;

import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.redis.testing.RedisServerExtension;
import dev.routeguide.testing.NoteBoardContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The NoteBoard contract on one Redis, each instance a board with its own client (a replica). */
class RedisNoteBoardContractTest extends NoteBoardContract {

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private final List<RedisNoteBoard> boards = new ArrayList<>();

  @Override
  protected List<NoteBoard> openBoards(int count, NoteBoardLimits limits) {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().flushall();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    for (int i = 0; i < count; i++) {
      boards.add(RedisNoteBoard.builder(redis.uri()).limits(limits).connect());
    }
    return List.copyOf(boards);
  }

  @Override
  protected void closeBoards() {
    boards.forEach(RedisNoteBoard::close);
    boards.clear();
  }
}
