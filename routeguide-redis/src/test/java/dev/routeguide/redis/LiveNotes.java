package dev.routeguide.redis;

import dev.routeguide.core.RouteGuideException;
import dev.routeguide.core.notes.LiveNoteListener;
import dev.routeguide.core.notes.RouteNote;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@link LiveNoteListener} that records what it is given, and waits for it with a deadline. */
final class LiveNotes implements LiveNoteListener {

  private final List<RouteNote> notes = new CopyOnWriteArrayList<>();
  private final CountDownLatch interruption = new CountDownLatch(1);
  private final List<RouteGuideException> reasons = new CopyOnWriteArrayList<>();

  @Override
  public void onLiveNote(RouteNote note) {
    notes.add(note);
  }

  @Override
  public void onLiveInterrupted(RouteGuideException reason) {
    reasons.add(reason);
    interruption.countDown();
  }

  List<RouteNote> notes() {
    return List.copyOf(notes);
  }

  List<String> messages() {
    return notes.stream().map(RouteNote::message).toList();
  }

  List<RouteGuideException> interruptions() {
    return List.copyOf(reasons);
  }

  /** Waits until at least {@code count} notes arrived; returns them. */
  List<String> awaitMessages(int count, Duration timeout) {
    await(() -> notes.size() >= count, timeout,
        "expected " + count + " live notes, got " + notes.size() + " so far,");
    return messages();
  }

  /** Waits for the interruption and returns its reason. */
  RouteGuideException awaitInterruption(Duration timeout) throws InterruptedException {
    if (!interruption.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("live delivery was not interrupted within " + timeout);
    }
    return reasons.get(0);
  }

  /** Waits for a condition with a deadline, failing with the description when it passes. */
  static void await(BooleanSupplier condition, Duration timeout, String description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(description + " within " + timeout);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5); // re-check interval while waiting for the condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + description, e);
      }
    }
  }
}
