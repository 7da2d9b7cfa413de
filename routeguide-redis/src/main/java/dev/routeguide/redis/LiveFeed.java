package dev.routeguide.redis;

import dev.routeguide.core.UnavailableException;
import dev.routeguide.core.geo.Point;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The board's live notes over Redis pub/sub: one subscriber connection per board, one channel per
 * followed location, subscribed while at least one session of this board follows it and
 * unsubscribed when the last one stops.
 *
 * <p>A lost connection is never reconnected silently, because what was published meanwhile is
 * gone: every session on it is interrupted with {@link UnavailableException}, the connection is
 * closed, and the next session that follows a location opens a fresh one. Messages arrive on a
 * Lettuce I/O thread, one at a time, and are handed to the following sessions there.
 */
final class LiveFeed implements AutoCloseable {

  private static final Logger logger = Logger.getLogger(RedisNoteBoard.class.getName());

  private final Supplier<StatefulRedisPubSubConnection<String, String>> connector;
  private final NoteStore store;
  private final NoteKeys keys;
  private final Object lock = new Object();
  private Subscription current; // guarded by lock
  private boolean closed; // guarded by lock

  LiveFeed(
      Supplier<StatefulRedisPubSubConnection<String, String>> connector,
      NoteStore store,
      NoteKeys keys) {
    this.connector = connector;
    this.store = store;
    this.keys = keys;
  }

  /**
   * Makes the session follow a location and returns once Redis has confirmed the subscription, so
   * every note stored after this returns reaches the session.
   *
   * @return the subscription the session now follows the location on
   * @throws UnavailableException if Redis cannot be reached or does not confirm in time
   */
  Subscription follow(RedisNoteSession session, Point location) {
    Subscription subscription = subscription();
    String channel = keys.liveChannel(location);
    CompletableFuture<?> confirmed;
    synchronized (lock) {
      if (subscription.lost) {
        throw store.outage("lost the live-delivery subscription", null);
      }
      confirmed = subscription.add(session, channel);
    }
    try {
      store.await(confirmed, "subscribe");
    } catch (RuntimeException e) {
      subscription.unfollow(session, List.of(location));
      throw e;
    }
    return subscription;
  }

  /** Number of channels this board is subscribed to now, for tests of leaks. */
  int subscribedChannels() {
    synchronized (lock) {
      return current == null ? 0 : current.channels.size();
    }
  }

  @Override
  public void close() {
    Subscription closing;
    synchronized (lock) {
      closed = true;
      closing = current;
      current = null;
    }
    if (closing != null) {
      closing.lose(false);
    }
  }

  private Subscription subscription() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the note board is closed");
      }
      if (current != null) {
        return current;
      }
    }
    // Connect outside the lock: it blocks, and I/O threads take the lock to unfollow.
    StatefulRedisPubSubConnection<String, String> connection;
    try {
      connection = connector.get();
    } catch (RuntimeException e) {
      throw store.outage("is unreachable for live delivery (" + e.getMessage() + ")", e);
    }
    Subscription fresh = new Subscription(connection);
    synchronized (lock) {
      if (!closed && current == null) {
        current = fresh;
        return fresh;
      }
    }
    connection.closeAsync();
    return subscription();
  }

  /** One subscriber connection and the sessions following each of its channels. */
  final class Subscription {
    private final StatefulRedisPubSubConnection<String, String> connection;
    // Changed under the feed's lock; read without it by the I/O thread delivering messages.
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private boolean lost; // guarded by the feed's lock

    private Subscription(StatefulRedisPubSubConnection<String, String> connection) {
      this.connection = connection;
      connection.addListener(
          new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String channel, String entry) {
              deliver(channel, entry);
            }
          });
      connection.addListener(
          new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
              lose(true);
            }
          });
    }

    /** Stops the session following the locations; unsubscribes channels no one follows. */
    void unfollow(RedisNoteSession session, Iterable<Point> locations) {
      synchronized (lock) {
        for (Point location : locations) {
          String name = keys.liveChannel(location);
          Channel channel = channels.get(name);
          if (channel != null && channel.followers.remove(session) && channel.followers.isEmpty()) {
            channels.remove(name);
            if (!lost) {
              connection.async().unsubscribe(name);
            }
          }
        }
      }
    }

    private CompletableFuture<?> add(RedisNoteSession session, String name) {
      Channel channel =
          channels.computeIfAbsent(
              name, absent -> new Channel(connection.async().subscribe(absent).toCompletableFuture()));
      channel.followers.add(session);
      return channel.subscribed;
    }

    private void deliver(String name, String entry) {
      Channel channel = channels.get(name);
      if (channel == null) {
        return;
      }
      Point location;
      StoredNote note;
      try {
        location = keys.locationOfChannel(name);
        note = StoredNote.decode(entry);
      } catch (RuntimeException e) {
        logger.log(Level.WARNING, "ignoring a message on " + name + " not written by the board", e);
        return;
      }
      for (RedisNoteSession session : channel.followers) {
        session.offer(location, note);
      }
    }

    /** Ends this subscription; when it was lost, every following session is interrupted. */
    private void lose(boolean lostByStore) {
      Set<RedisNoteSession> interrupted = new LinkedHashSet<>();
      synchronized (lock) {
        if (lost) {
          return;
        }
        lost = true;
        if (current == this) {
          current = null;
        }
        for (Channel channel : channels.values()) {
          interrupted.addAll(channel.followers);
        }
        channels.clear();
      }
      connection.closeAsync();
      if (lostByStore) {
        UnavailableException reason = store.outage("lost the live-delivery subscription", null);
        for (RedisNoteSession session : new ArrayList<>(interrupted)) {
          session.interrupt(reason);
        }
      }
    }
  }

  /** A subscribed channel: Redis's confirmation and the sessions following it. */
  private static final class Channel {
    final CompletableFuture<?> subscribed;
    final Set<RedisNoteSession> followers = ConcurrentHashMap.newKeySet();

    Channel(CompletableFuture<?> subscribed) {
      this.subscribed = subscribed;
    }
  }
}
