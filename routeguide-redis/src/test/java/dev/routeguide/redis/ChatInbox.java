package dev.routeguide.redis;

import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.notes.RouteNote;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** What a RouteChat client received: notes, and how the chat ended. */
final class ChatInbox implements NoteReceiver {

  private final List<RouteNote> notes = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Throwable> end = new CompletableFuture<>();

  @Override
  public void onNote(RouteNote note) {
    notes.add(note);
  }

  @Override
  public void onCompleted() {
    end.complete(null);
  }

  @Override
  public void onError(Throwable error) {
    end.complete(error);
  }

  List<String> messages() {
    return notes.stream().map(RouteNote::message).toList();
  }

  List<String> awaitMessages(int count, Duration timeout) {
    LiveNotes.await(() -> notes.size() >= count, timeout, "expected " + count + " notes");
    return messages();
  }

  /** Waits for the end of the chat: null if it completed, else its error. */
  Throwable awaitEnd(Duration timeout) throws Exception {
    return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
