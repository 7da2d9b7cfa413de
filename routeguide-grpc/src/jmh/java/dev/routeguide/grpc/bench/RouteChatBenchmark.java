package dev.routeguide.grpc.bench;

import dev.routeguide.grpc.proto.Point;
import dev.routeguide.grpc.proto.RouteNote;
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
 * and the board's history stays small. The {@code messages} counter gives notes sent per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouteChatBenchmark {

  /** Notes sent per call. */
  static final int NOTES = 1_000;

  /** The message of every note. */
  static final String MESSAGE = "a note of 24 characters.";

  private static final long LATITUDES = 1_800_000_001L;
  private static final AtomicLong LOCATIONS = new AtomicLong();

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

  private static long chat(EndToEnd e2e, MessageCounter counter) {
    long firstLocation = LOCATIONS.getAndAdd(NOTES / 2);
    long replies =
        Calls.streaming(
            e2e.channel(), e2e.methods.routeChat(), NOTES, i -> note(firstLocation + i / 2));
    if (replies != NOTES / 2) {
      throw new IllegalStateException("expected " + NOTES / 2 + " replies, got " + replies);
    }
    counter.messages += NOTES;
    return replies;
  }

  /** A note at the n-th location of a sequence that covers the globe before repeating. */
  private static RouteNote note(long n) {
    int latitude = (int) (n % LATITUDES) - 900_000_000;
    int longitude = (int) ((n / LATITUDES) % 3_600_000_001L - 1_800_000_000L);
    return RouteNote.newBuilder()
        .setLocation(Point.newBuilder().setLatitude(latitude).setLongitude(longitude))
        .setMessage(MESSAGE)
        .build();
  }
}
