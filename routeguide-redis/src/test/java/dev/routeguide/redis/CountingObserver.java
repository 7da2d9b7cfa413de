package dev.routeguide.redis;

import dev.routeguide.core.notes.NoteBoardObserver;
import dev.routeguide.core.notes.NoteEviction;
import dev.routeguide.core.notes.NoteRefusal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link NoteBoardObserver} that counts what it hears, from any thread. */
final class CountingObserver implements NoteBoardObserver {

  final AtomicInteger stored = new AtomicInteger();
  final Map<NoteRefusal, Integer> refused = new ConcurrentHashMap<>();
  final Map<NoteEviction, Integer> evicted = new ConcurrentHashMap<>();
  final AtomicInteger delivered = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();

  @Override
  public void noteStored() {
    stored.incrementAndGet();
  }

  @Override
  public void noteRefused(NoteRefusal reason) {
    refused.merge(reason, 1, Integer::sum);
  }

  @Override
  public void notesEvicted(NoteEviction reason, int count) {
    evicted.merge(reason, count, Integer::sum);
  }

  @Override
  public void liveNotesDelivered(int count) {
    delivered.addAndGet(count);
  }

  @Override
  public void liveNotesDropped(int count) {
    dropped.addAndGet(count);
  }
}
