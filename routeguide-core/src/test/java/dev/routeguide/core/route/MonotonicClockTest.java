package dev.routeguide.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {

  @Test
  void startsAtTheSystemTime() {
    Instant before = Instant.now();
    Instant start = MonotonicClock.startingNow().instant();
    Instant after = Instant.now();
    // Instant.now() and nanoTime differ in resolution; allow a millisecond either side.
    assertThat(start).isBetween(before.minusMillis(1), after.plusMillis(1));
  }

  @Test
  void neverGoesBackwards() {
    MonotonicClock clock = MonotonicClock.startingNow();
    Instant previous = clock.instant();
    for (int i = 0; i < 100_000; i++) {
      Instant next = clock.instant();
      assertThat(next).isAfterOrEqualTo(previous);
      previous = next;
    }
  }

  @Test
  void advancesWithElapsedTime() throws InterruptedException {
    MonotonicClock clock = MonotonicClock.startingNow();
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    Thread.sleep(20);
    long elapsedNanos = System.nanoTime() - startNanos;
    // The clock was read before and after the measured interval, so it spans at least that much.
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofNanos(elapsedNanos))
        .isLessThanOrEqualTo(Duration.ofNanos(elapsedNanos).plusSeconds(1));
  }

  @Test
  void keepsItsTimelineInAnotherZone() {
    MonotonicClock clock = MonotonicClock.startingNow();
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(clock.withZone(paris).getZone()).isEqualTo(paris);
    Instant before = clock.instant();
    assertThat(clock.withZone(paris).instant()).isAfterOrEqualTo(before);
  }
}
