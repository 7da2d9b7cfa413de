package dev.routeguide.redis;

import dev.routeguide.core.InvalidArgumentException;
import dev.routeguide.core.ResourceExhaustedException;
import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.NoteBoardLimits;
import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteEviction;
import dev.routeguide.core.notes.NoteRefusal;
import dev.routeguide.core.notes.NoteSession;
import dev.routeguide.core.notes.RouteNote;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NoteBoard} on Redis, shared by every server that uses the same Redis (standalone or
 * Cluster), with live delivery over Redis pub/sub.
 *
 * <pre>{@code
 * try (RedisNoteBoard board = RedisNoteBoard.builder("redis://localhost:6379")
 *     .idleExpiry(Duration.ofHours(24))
 *     .connect()) {
 *   LocalRouteGuide guide = new LocalRouteGuide(catalogue, board, MonotonicClock.startingNow());
 *   // serve the guide ...
 * }
 * }</pre>
 *
 * <p><b>Layout.</b> One list per location, {@code <prefix>notes:<latitudeE7>,<longitudeE7>},
 * whose entries are {@code "<sequence> <message>"}, oldest first; live notes are published on
 * {@code <prefix>live:<latitudeE7>,<longitudeE7>}. A post is one Lua script (run by SHA, sent
 * again after {@code NOSCRIPT}) that reads the earlier notes, appends the new one, trims the list
 * to {@link NoteBoardLimits#maxNotesPerLocation()}, refreshes the key's idle expiry and publishes
 * the note: atomic across every server, on one key, so it works unchanged on Redis Cluster. It
 * needs Redis 6.2 or newer. Instead of {@link NoteBoardLimits#maxLocations()} a location expires
 * after {@link Builder#idleExpiry idle expiry} without posts; bound the store's memory with
 * Redis's {@code maxmemory}.
 *
 * <p><b>Failures.</b> No call waits longer than the {@link Builder#commandTimeout command
 * timeout}. A store that cannot be reached or does not answer in time is {@link
 * UnavailableException}, whose message names the note store; a store out of memory is {@link
 * dev.routeguide.core.ResourceExhaustedException}. The log says "RouteChat degraded" once per
 * outage; when Redis answers again the board works again, without a restart.
 *
 * <p><b>Metrics.</b> A {@link Builder#observer observer} hears what this replica sees: notes it
 * stored, refused (too long, store unavailable, store full) and trimmed off the per-location cap by
 * its own posts, and live notes it delivered or dropped. What Redis does by itself is not seen by
 * any replica: keys that expire (their notes are gone with them) and keys evicted under an
 * {@code allkeys-*} {@code maxmemory} policy; Redis counts those ({@code INFO stats}: {@code
 * expired_keys}, {@code evicted_keys}), as it counts the locations and memory it holds.
 *
 * <p>Thread-safe. Close it to release its connections (and the client it made from a URI).
 *
 * @since 0.2.0
 */
public final class RedisNoteBoard implements NoteBoard, AutoCloseable {

  /** Live notes one session holds back while its post at their location is in flight. */
  static final int LIVE_BUFFER_CAPACITY = 1024;

  /** Longest wait to set up a connection of a board made from a URI. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final NoteBoardLimits limits;
  private final NoteKeys keys;
  private final Duration idleExpiry;
  private final NoteStore store;
  private final LiveFeed feed;
  private final NoteBoardObserver observer;
  private final List<AutoCloseable> resources; // closed newest first

  private RedisNoteBoard(
      Builder builder, NoteStore store, LiveFeed feed, List<AutoCloseable> resources) {
    this.limits = builder.limits;
    this.observer = builder.observer;
    this.keys = new NoteKeys(builder.keyPrefix);
    this.idleExpiry = builder.idleExpiry;
    this.store = store;
    this.feed = feed;
    this.resources = resources;
  }

  /**
   * Starts building a board on the Redis at a URI: {@code redis://[user:password@]host[:port][/db]},
   * or {@code rediss://...} for TLS. The board makes its own client and closes it with itself.
   *
   * @throws NullPointerException if redisUri is null
   */
  public static Builder builder(String redisUri) {
    return new Builder(Objects.requireNonNull(redisUri, "redisUri"), null, null);
  }

  /**
   * Starts building a board on a standalone Redis client the application already has, with its
   * default URI and options. The board opens its own connections on it and leaves the client
   * open when it closes.
   *
   * @throws NullPointerException if client is null
   */
  public static Builder builder(RedisClient client) {
    return new Builder(null, Objects.requireNonNull(client, "client"), null);
  }

  /**
   * Starts building a board on a Redis Cluster client the application already has. The board
   * opens its own connections on it and leaves the client open when it closes.
   *
   * @throws NullPointerException if client is null
   */
  public static Builder builder(RedisClusterClient client) {
    return new Builder(null, null, Objects.requireNonNull(client, "client"));
  }

  /** The limits this board keeps to; {@link NoteBoardLimits#maxLocations()} is not used. */
  public NoteBoardLimits limits() {
    return limits;
  }

  /** The prefix of every key and channel of this board. */
  public String keyPrefix() {
    return keys.prefix();
  }

  /** How long a location keeps its notes after its latest post. */
  public Duration idleExpiry() {
    return idleExpiry;
  }

  /** The longest any call waits for Redis. */
  public Duration commandTimeout() {
    return store.commandTimeout();
  }

  /**
   * {@inheritDoc}
   *
   * <p>One round trip to Redis; throws {@link InvalidArgumentException} before any for a message
   * longer than {@link NoteBoardLimits#maxMessageLength()}.
   */
  @Override
  public List<RouteNote> post(RouteNote note) {
    Objects.requireNonNull(note, "note");
    requireWithinLimits(note);
    return store(note).earlier();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The listener is called on a Lettuce I/O thread. The session's first post at a location
   * first subscribes to it (one round trip, shared by this board's sessions at that location).
   * If the subscription is lost (Redis restarted, the connection dropped) the listener gets
   * {@link UnavailableException}; if more than 1,024 live notes arrive at a location while the
   * session's own post there is in flight, {@link dev.routeguide.core.ResourceExhaustedException}.
   */
  @Override
  public NoteSession openSession(LiveNoteListener listener) {
    return new RedisNoteSession(this, feed, listener, LIVE_BUFFER_CAPACITY, observer);
  }

  /** Closes the board's connections and, if the board made it, its client. Idempotent. */
  @Override
  public void close() {
    closeAll(resources);
  }

  @Override
  public String toString() {
    return "RedisNoteBoard[" + store.description() + ", prefix " + keys.prefix() + "]";
  }

  /** Channels this board is subscribed to now (for leak tests). */
  int subscribedChannels() {
    return feed.subscribedChannels();
  }

  void requireWithinLimits(RouteNote note) {
    limits.requireMessageWithinLimit(note, observer);
  }

  /** Stores a note: the earlier notes and the sequence number the new one got. */
  Posted store(RouteNote note) {
    List<StoredNote> entries;
    try {
      entries =
          store.post(
              keys.notesKey(note.location()),
              keys.liveChannel(note.location()),
              note.message(),
              limits.maxNotesPerLocation(),
              idleExpiry);
    } catch (UnavailableException e) {
      observer.noteRefused(NoteRefusal.STORE_UNAVAILABLE);
      throw e;
    } catch (ResourceExhaustedException e) {
      observer.noteRefused(NoteRefusal.STORE_FULL);
      throw e;
    }
    observer.noteStored();
    // The script read every earlier entry, appended one and kept the newest `cap`.
    int trimmed = entries.size() - limits.maxNotesPerLocation();
    if (trimmed > 0) {
      observer.notesEvicted(NoteEviction.PER_LOCATION_CAP, trimmed);
    }
    List<RouteNote> earlier = new ArrayList<>(entries.size() - 1);
    for (StoredNote entry : entries.subList(0, entries.size() - 1)) {
      earlier.add(RouteNote.at(note.location(), entry.message()));
    }
    return new Posted(List.copyOf(earlier), entries.get(entries.size() - 1).sequence());
  }

  /** What a post returns: the earlier notes, oldest first, and the new note's sequence number. */
  record Posted(List<RouteNote> earlier, long sequence) {}

  private static void closeAll(List<AutoCloseable> resources) {
    RuntimeException failure = null;
    synchronized (resources) {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("could not close the Redis note board", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      resources.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Configures a {@link RedisNoteBoard}; {@link #connect()} checks that Redis answers.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final String uri;
    private final RedisClient client;
    private final RedisClusterClient clusterClient;
    private NoteBoardLimits limits = NoteBoardLimits.DEFAULT;
    private String keyPrefix = "routeguide:";
    private Duration idleExpiry = Duration.ofHours(24);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private NoteBoardObserver observer = NoteBoardObserver.NONE;

    private Builder(String uri, RedisClient client, RedisClusterClient clusterClient) {
      this.uri = uri;
      this.client = client;
      this.clusterClient = clusterClient;
    }

    /** Notes per location and message length; default {@link NoteBoardLimits#DEFAULT}. */
    public Builder limits(NoteBoardLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Prefix of every key and channel, so several boards or applications share one Redis;
     * default {@code routeguide:}.
     *
     * @throws IllegalArgumentException if it is empty
     */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty()) {
        throw new IllegalArgumentException("keyPrefix must not be empty");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * How long a location keeps its notes after its latest post; default 24 hours.
     *
     * @throws IllegalArgumentException if it is shorter than a millisecond
     */
    public Builder idleExpiry(Duration idleExpiry) {
      this.idleExpiry = requireAtLeastOneMilli("idleExpiry", idleExpiry);
      return this;
    }

    /**
     * The longest any call waits for Redis before it fails with {@link UnavailableException};
     * default 2 seconds.
     *
     * @throws IllegalArgumentException if it is shorter than a millisecond
     */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = requireAtLeastOneMilli("commandTimeout", commandTimeout);
      return this;
    }

    /**
     * Reports what this board does to the observer (see "Metrics" above); default {@link
     * NoteBoardObserver#NONE}. It is called on the posting thread and on Lettuce's I/O threads.
     *
     * @throws NullPointerException if observer is null
     */
    public Builder observer(NoteBoardObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Connects to Redis and checks that it answers. Setting up the connection of a board made
     * from a URI may take up to 10 seconds; the check itself, the command timeout.
     *
     * @throws IllegalArgumentException if the URI is not a Redis URI; the message says why
     * @throws UnavailableException if Redis cannot be reached, refuses the credentials or does
     *     not answer within the command timeout; the message names the note store
     */
    public RedisNoteBoard connect() {
      List<AutoCloseable> resources = new ArrayList<>();
      try {
        if (uri != null) {
          return connectOwnClient(resources);
        }
        if (client != null) {
          return connectWith(client.connect(), client::connectPubSub, "Redis", resources);
        }
        return connectWith(
            clusterClient.connect(), clusterClient::connectPubSub, "Redis Cluster", resources);
      } catch (RuntimeException e) {
        closeAll(resources);
        throw e instanceof RedisException
            ? new UnavailableException(
                "RouteChat note store unavailable: cannot connect to Redis ("
                    + rootMessage(e) + ")", e)
            : e;
      }
    }

    private RedisNoteBoard connectOwnClient(List<AutoCloseable> resources) {
      RedisURI redisUri = parse(uri);
      // Setting up a connection (TCP, TLS, HELLO/AUTH) may take longer than a command on a busy
      // host: it gets its own bound. Commands are bounded by the command timeout.
      redisUri.setTimeout(CONNECT_TIMEOUT);
      String description =
          "Redis at " + redisUri.getHost() + ":" + redisUri.getPort()
              + (redisUri.isSsl() ? " (TLS)" : "");
      // Reconnect soon after an outage, so RouteChat recovers within about a second.
      ClientResources clientResources =
          DefaultClientResources.builder()
              .reconnectDelay(
                  Delay.exponential(
                      Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
              .build();
      resources.add(() -> clientResources.shutdown(0, 2, TimeUnit.SECONDS).get());
      RedisClient own = RedisClient.create(clientResources, redisUri);
      own.setOptions(
          ClientOptions.builder()
              // While disconnected, fail at once rather than queue posts nobody waits for.
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
              .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
              .build());
      resources.add(() -> own.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
      StatefulRedisConnection<String, String> connection;
      try {
        connection = own.connect();
      } catch (RedisException e) {
        throw new UnavailableException("RouteChat note store unavailable: " + description
            + " is unreachable (" + rootMessage(e) + ")", e);
      }
      return connectWith(connection, own::connectPubSub, description, resources);
    }

    private RedisNoteBoard connectWith(
        StatefulConnection<String, String> connection,
        java.util.function.Supplier<
                io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>>
            pubSub,
        String description,
        List<AutoCloseable> resources) {
      resources.add(connection::close);
      NoteStore store = new NoteStore(commandsOf(connection), description, commandTimeout);
      store.checkAnswers();
      LiveFeed feed = new LiveFeed(pubSub, store, new NoteKeys(keyPrefix));
      resources.add(feed);
      return new RedisNoteBoard(this, store, feed, resources);
    }

    private static io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands<String, String>
        commandsOf(StatefulConnection<String, String> connection) {
      if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
        return cluster.async();
      }
      return ((StatefulRedisConnection<String, String>) connection).async();
    }

    private static RedisURI parse(String uri) {
      try {
        return RedisURI.create(uri);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a Redis URI (redis://[user:password@]host[:port][/db] or rediss://...): "
                + rootMessage(e), e);
      }
    }

    private static String rootMessage(Throwable error) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String message = root.getMessage() == null ? error.getMessage() : root.getMessage();
      return message == null ? root.getClass().getSimpleName() : message;
    }

    private static Duration requireAtLeastOneMilli(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
      }
      return value;
    }
  }
}
