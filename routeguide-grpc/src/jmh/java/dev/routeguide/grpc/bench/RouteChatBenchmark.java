package dev.routeguide.grpc.bench;

import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteNote;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * RouteChat with 1 and 16 concurrent sessions. Each call sends {@value #NOTES} notes, two at each
 * of {@value #NOTES}/2 locations no note was posted to before, so the second note of each pair
 * draws exactly one earlier note back: every call moves the same messages whatever the service,
 * and the board's history stays small (but for a pair whose first note our bounded board evicted
 * first, which {@link EndToEnd#chatReplies} accounts for). The {@code messages} counter gives notes sent per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouteChatBenchmark {

  /** Notes sent per call. */
  static final int NOTES = 1_000;

  /** The message of every note. */
  static final String MESSAGE = "a note of 24 characters.";

  private static final long LATITUDES = 1_800_000_001L;

  /** One session at a time. */
  @Benchmark
  @Threads(1)
  public long oneSession(EndToEnd e2e, MessageCounter counter) {
    return chat(e2e, counter);
  }

  /** Sixteen concurrent sessions on one channel, all posting to the shared board. */
  @Benchmark
  @Threads(16)
  public long sixteenSessions(EndToEnd e2e, MessageCounter counter) {
    return chat(e2e, counter);
  }

  /**
   * One session at a time through the typed client's {@link RouteChat}, whose {@code send} blocks
   * while the call is not ready: the library's own sender, against our service only.
   */
  @Benchmark
  @Threads(1)
  public long typedClientOneSession(EndToEnd e2e, MessageCounter counter)
      throws InterruptedException {
    long firstLocation = e2e.freshLocations(NOTES / 2);
    Replies replies = new Replies();
    try (RouteChat chat = e2e.typedClient().routeChat(replies)) {
      for (int i = 0; i < NOTES; i++) {
        // Built per note like the stub's, but as the core value a typed client's caller holds.
        long n = firstLocation + i / 2;
        chat.send(dev.routeguide.core.notes.RouteNote.at(
            dev.routeguide.core.geo.Point.ofE7(latitude(n), longitude(n)), MESSAGE));
      }
      chat.complete();
      long received = replies.await();
      e2e.chatReplies(NOTES / 2, received);
      return received;
    } finally {
      counter.messages += NOTES;
    }
  }

  private static long chat(EndToEnd e2e, MessageCounter counter) {
    long firstLocation = e2e.freshLocations(NOTES / 2);
    long replies =
        Calls.streaming(
            e2e.channel(), e2e.methods.routeChat(), NOTES, i -> note(firstLocation + i / 2));
    e2e.chatReplies(NOTES / 2, replies);
    counter.messages += NOTES;
    return replies;
  }

  /** Counts the replies of one typed-client chat and waits for its end. */
  private static final class Replies implements NoteReceiver {
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private volatile Throwable error;

    @Override
    public void onNote(dev.routeguide.core.notes.RouteNote note) {
      received.incrementAndGet();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }

    @Override
    public void onError(Throwable failure) {
      error = failure;
      done.countDown();
    }

    long await() throws InterruptedException {
      if (!done.await(600, TimeUnit.SECONDS)) {
        throw new IllegalStateException("chat did not complete in 600 s");
      }
      if (error != null) {
        throw new IllegalStateException("chat failed: " + error, error);
      }
      return received.get();
    }
  }

  /** A note at the n-th location of a sequence that covers the globe before repeating. */
  private static RouteNote note(long n) {
    return RouteNote.newBuilder()
        .setLocation(Point.newBuilder().setLatitude(latitude(n)).setLongitude(longitude(n)))
        .setMessage(MESSAGE)
        .build();
  }

  private static int latitude(long n) {
    return (int) (n % LATITUDES) - 900_000_000;
  }

  private static int longitude(long n) {
    return (int) ((n / LATITUDES) % 3_600_000_001L - 1_800_000_000L);
  }
}
