package dev.routeguide.core.route;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock for measuring elapsed time: it starts at the system time when created and then advances
 * with {@link System#nanoTime()}, so it never jumps when the wall clock is stepped (NTP, a manual
 * change, a leap smear). Use it for {@link RouteSummarizer}s; it is what {@code
 * LocalRouteGuide.of} uses. Its instants drift from wall time as a long-lived process runs, so do
 * not use it to tell the time of day. Thread-safe and immutable.
 *
 * @since 0.1.0
 */
public final class MonotonicClock extends Clock {

  private final Instant origin;
  private final long originNanos;
  private final ZoneId zone;

  private MonotonicClock(Instant origin, long originNanos, ZoneId zone) {
    this.origin = origin;
    this.originNanos = originNanos;
    this.zone = zone;
  }

  /** A monotonic clock in UTC, starting now. */
  public static MonotonicClock startingNow() {
    return new MonotonicClock(Instant.now(), System.nanoTime(), ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MonotonicClock(origin, originNanos, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public String toString() {
    return "MonotonicClock[" + zone + "]";
  }
}
