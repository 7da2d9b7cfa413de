package dev.routeguide.redis.bench;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.NoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.core.route.MonotonicClock;
import dev.routeguide.grpc.client.RouteGuideClient;
import dev.routeguide.grpc.transport.RouteGuideServer;
import dev.routeguide.redis.RedisNoteBoard;
import dev.routeguide.redis.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * RouteChat over Netty (loopback TCP) through the Redis board against the in-memory board, in
 * one run: 1 and 16 concurrent sessions. Each call sends {@value #NOTES} notes, two at each of
 * {@value #NOTES}/2 fresh locations, so each pair's second note draws one earlier note back and
 * both boards move the same messages. The {@code notes} counter gives notes posted per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisRouteChatBenchmark {

  /** Notes sent per call. */
  static final int NOTES = 100;

  private static final String MESSAGE = "a note of 24 characters.";
  private static final AtomicLong LOCATIONS = new AtomicLong();

  /** A server over TCP with the chosen board, a client, and for Redis its server process. */
  @State(Scope.Benchmark)
  public static class Deployment {
    /** Which note board the server posts to. */
    @Param({"memory", "redis"})
    public String board;

    private RedisServer redis;
    private NoteBoard noteBoard;
    private RouteGuideServer server;
    private RouteGuideClient client;

    /** Starts Redis if needed, the server and the client. */
    @Setup(Level.Trial)
    public void start() throws IOException {
      if (board.equals("redis")) {
        redis = RedisServer.start();
        noteBoard = RedisNoteBoard.builder(redis.uri()).connect();
      } else {
        noteBoard = new InMemoryNoteBoard();
      }
      server = RouteGuideServer.builder(
              new LocalRouteGuide(FeatureCatalogue.canonical(), noteBoard,
                  MonotonicClock.startingNow()))
          .tcp("127.0.0.1", 0)
          .start();
      client = RouteGuideClient.connect(server.target());
    }

    /** Stops everything, newest first. */
    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
      if (noteBoard instanceof RedisNoteBoard redisBoard) {
        redisBoard.close();
      }
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** Notes posted, per thread and iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counter {
    /** Notes posted. */
    public long notes;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      notes = 0;
    }
  }

  /** One session at a time. */
  @Benchmark
  @Threads(1)
  public int oneSession(Deployment deployment, Counter counter) throws Exception {
    return chat(deployment, counter);
  }

  /** Sixteen concurrent sessions on one channel, all posting to the shared board. */
  @Benchmark
  @Threads(16)
  public int sixteenSessions(Deployment deployment, Counter counter) throws Exception {
    return chat(deployment, counter);
  }

  private static int chat(Deployment deployment, Counter counter) throws Exception {
    long first = LOCATIONS.getAndAdd(NOTES / 2);
    NoteInbox inbox = new NoteInbox();
    int replies;
    try (RouteChat chat = deployment.client.routeChat(inbox)) {
      for (int i = 0; i < NOTES; i++) {
        long n = first + i / 2;
        chat.send(RouteNote.at(
            Point.ofE7((int) (n % 1_800_000_001L) - 900_000_000, (int) (n / 1_800_000_001L)),
            MESSAGE));
      }
      chat.complete();
      replies = inbox.awaitAll(Duration.ofSeconds(60)).size();
    }
    if (replies != NOTES / 2) {
      throw new IllegalStateException("expected " + NOTES / 2 + " replies, got " + replies);
    }
    counter.notes += NOTES;
    return replies;
  }
}
