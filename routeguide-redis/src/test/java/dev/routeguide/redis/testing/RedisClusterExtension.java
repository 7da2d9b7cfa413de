package dev.routeguide.redis.testing;

import io.lettuce.core.RedisURI;
import java.util.List;

/**
 * JUnit 5 extension that runs a three-master {@link RedisCluster} for a test class ({@code static}
 * field) or for each test (instance field), and stops it afterwards even when the test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisClusterExtension cluster = new RedisClusterExtension();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class RedisClusterExtension extends ProcessExtension<RedisCluster> {

  /** A cluster run with the binary {@link RedisServerBinary#locate()} finds. */
  public RedisClusterExtension() {
    super(RedisCluster::start);
  }

  /**
   * The running cluster.
   *
   * @throws IllegalStateException if it is not started
   */
  public RedisCluster cluster() {
    return running();
  }

  /**
   * The URIs of the running cluster's masters.
   *
   * @throws IllegalStateException if it is not started
   */
  public List<RedisURI> uris() {
    return running().uris();
  }
}
