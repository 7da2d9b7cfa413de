package dev.routeguide.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NoteInbox")
class NoteInboxTest {

  private static final RouteNote FIRST = RouteNote.at(Point.ofE7(1, 1), "first");
  private static final RouteNote SECOND = RouteNote.at(Point.ofE7(1, 1), "second");

  private final NoteInbox inbox = new NoteInbox();

  @Test
  void handsOutNotesInArrivalOrderThenEmptyForeverOnceCompleted() throws Exception {
    inbox.onNote(FIRST);
    inbox.onNote(SECOND);
    inbox.onCompleted();

    assertThat(inbox.take()).contains(FIRST);
    assertThat(inbox.poll(Duration.ofSeconds(1))).contains(SECOND);
    assertThat(inbox.take()).isEmpty();
    assertThat(inbox.poll(Duration.ZERO)).isEmpty();
  }

  @Test
  void awaitAllReturnsTheNotesNotYetTaken() throws Exception {
    inbox.onNote(FIRST);
    inbox.onNote(SECOND);
    inbox.onCompleted();
    inbox.take();

    assertThat(inbox.awaitAll(Duration.ofSeconds(1))).containsExactly(SECOND);
  }

  @Test
  void waitsForNotesFromAnotherThread() throws Exception {
    Thread sender =
        new Thread(
            () -> {
              inbox.onNote(FIRST);
              inbox.onCompleted();
            });
    sender.start();

    assertThat(inbox.awaitAll(Duration.ofSeconds(10))).containsExactly(FIRST);
    sender.join();
  }

  @Test
  void timesOutWhenNothingArrives() {
    inbox.onNote(FIRST);

    assertThatThrownBy(() -> inbox.awaitAll(Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("route chat did not complete within PT0.02S");
  }

  @Test
  void rethrowsARuntimeFailureAsDeliveredAndKeepsThrowingIt() {
    IllegalArgumentException failure = new IllegalArgumentException("message too long");
    inbox.onError(failure);

    assertThatThrownBy(inbox::take).isSameAs(failure);
    assertThatThrownBy(() -> inbox.poll(Duration.ZERO)).isSameAs(failure);
  }

  @Test
  void wrapsACheckedFailure() {
    IOException failure = new IOException("connection reset");
    inbox.onError(failure);

    assertThatThrownBy(() -> inbox.awaitAll(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(failure);
  }
}
