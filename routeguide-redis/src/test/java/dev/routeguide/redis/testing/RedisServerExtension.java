package dev.routeguide.redis.testing;

import java.nio.file.Path;

/**
 * JUnit 5 extension that runs a {@link RedisServer} for a test class ({@code static} field) or for
 * each test (instance field), and stops it afterwards even when the test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();
 *
 * @Test
 * void postsNotes() {
 *   try (RedisNoteBoard board = RedisNoteBoard.builder(redis.uri()).connect()) { ... }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class RedisServerExtension extends ProcessExtension<RedisServer> {

  /** A server run with the binary {@link RedisServerBinary#locate()} finds. */
  public RedisServerExtension() {
    super(RedisServer::start);
  }

  /** A server run with the given executable, e.g. {@link RedisServerBinary#embedded()}. */
  public RedisServerExtension(Path binary) {
    super(() -> RedisServer.start(binary));
  }

  /**
   * The running server.
   *
   * @throws IllegalStateException if it is not started (outside a test of its class)
   */
  public RedisServer server() {
    return running();
  }

  /**
   * The running server's URI.
   *
   * @throws IllegalStateException if it is not started
   */
  public String uri() {
    return running().uri();
  }
}
