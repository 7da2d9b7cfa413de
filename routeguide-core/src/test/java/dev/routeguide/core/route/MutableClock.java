package dev.routeguide.core.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** A clock showing the given instant. */
  public MutableClock(Instant now) {
    this.now = now;
  }

  /** Moves the clock by the given amount, which may be negative. */
  public void advance(Duration amount) {
    now = now.plus(amount);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock is always UTC");
  }
}
