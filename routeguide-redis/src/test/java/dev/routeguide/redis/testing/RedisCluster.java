package dev.routeguide.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Redis Cluster of three masters on loopback, for tests: three {@link RedisServer} processes
 * with {@code --cluster-enabled yes}, the 16,384 slots split in three with {@code CLUSTER
 * ADDSLOTS}, joined with {@code CLUSTER MEET}, ready once every node reports {@code
 * cluster_state:ok} and knows all three.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start();
 *      RedisClusterClient client = RedisClusterClient.create(cluster.uris())) { ... }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class RedisCluster implements AutoCloseable {

  private static final int SLOTS = 16_384;
  private static final int MASTERS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  /** Starts a cluster with the binary {@link RedisServerBinary#locate()} finds. */
  public static RedisCluster start() {
    return start(RedisServerBinary.locate());
  }

  /**
   * Starts a cluster with the given executable.
   *
   * @throws IllegalStateException if it is not ready within 20 seconds
   */
  public static RedisCluster start(Path binary) {
    List<RedisServer> nodes = new ArrayList<>();
    RedisCluster cluster = new RedisCluster(nodes);
    try {
      for (int i = 0; i < MASTERS; i++) {
        nodes.add(RedisServer.start(binary, List.of("--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")));
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The URIs of the three masters, to seed a cluster client. */
  public List<RedisURI> uris() {
    return nodes.stream().map(node -> RedisURI.create(node.uri())).toList();
  }

  /** The three master processes. */
  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops every node. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void form() {
    RedisClient client = RedisClient.create();
    List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    try {
      for (RedisServer node : nodes) {
        connections.add(client.connect(RedisURI.create(node.uri())));
      }
      for (int i = 0; i < MASTERS; i++) {
        int from = SLOTS * i / MASTERS;
        int to = SLOTS * (i + 1) / MASTERS;
        connections.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
      }
      RedisCommands<String, String> first = connections.get(0).sync();
      for (RedisServer node : nodes.subList(1, nodes.size())) {
        first.clusterMeet("127.0.0.1", node.port());
      }
      awaitReady(connections);
    } finally {
      connections.forEach(StatefulRedisConnection::close);
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private void awaitReady(List<StatefulRedisConnection<String, String>> connections) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String lastInfo = "";
    while (System.nanoTime() < deadline) {
      boolean ready = true;
      for (StatefulRedisConnection<String, String> connection : connections) {
        lastInfo = connection.sync().clusterInfo();
        if (!lastInfo.contains("cluster_state:ok")
            || !lastInfo.contains("cluster_known_nodes:" + MASTERS)) {
          ready = false;
          break;
        }
      }
      if (ready) {
        return;
      }
      try {
        Thread.sleep(50); // polling interval while the nodes gossip
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while forming the cluster", e);
      }
    }
    throw new IllegalStateException("Redis Cluster not ready within "
        + READY_TIMEOUT.toSeconds() + " s: " + lastInfo.replace("\r\n", " "));
  }
}
