package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteInbox;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.DeafServer;
import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.ProtoMapper;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The typed client's blocking senders when the transport is not ready: the sender parks once its
 * bounded overdraft is queued, and a cancel or an interrupt from elsewhere wakes it with the
 * documented exception.
 * Each test parks a sender thread and waits, with a deadline, until it is parked in the client.
 */
class BlockedSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Point HERE = Point.ofE7(409146138, -746188906);

  private final DeafServer deaf;
  private InProcessServer server;

  BlockedSenderTest() throws Exception {
    deaf = DeafServer.start();
  }

  @AfterEach
  void stopTheServers() {
    if (server != null) {
      server.close();
    }
    deaf.close();
  }

  /** A client of a server that accepts RecordRoute and RouteChat calls but never reads them. */
  private RouteGuideClient clientOfAServerThatNeverReads() {
    return RouteGuideClient.over(deaf.channel());
  }

  /** Parks a sender on the deaf server, cancels from this thread: the sender gets IllegalState. */
  private static void assertACancelWakesTheParkedSender(Runnable oneSend, Runnable cancel)
      throws Exception {
    Sender sender = new Sender(oneSend);
    sender.awaitParkedInTheClient();

    cancel.run();

    assertThat(sender.awaitOutcome())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cancelled");
  }

  /** Parks a sender on the deaf server and interrupts it: CANCELLED, and the flag is kept. */
  private static void assertAnInterruptWakesTheParkedSender(Runnable oneSend) throws Exception {
    Sender sender = new Sender(oneSend);
    sender.awaitParkedInTheClient();

    sender.thread.interrupt();

    Throwable thrown = sender.awaitOutcome();
    assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
    assertThat(((RouteGuideStatusException) thrown).code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(sender.interruptedAfterwards).isTrue();
  }

  /** A thread that runs {@code sends} and completes with what it threw (null if nothing). */
  private static final class Sender {
    final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    final AtomicInteger sent = new AtomicInteger();
    final Thread thread;
    volatile boolean interruptedAfterwards;

    Sender(Runnable oneSend) {
      thread = new Thread(() -> {
        try {
          while (sent.get() < 1_000_000) {
            oneSend.run();
            sent.incrementAndGet();
          }
          outcome.complete(null);
        } catch (Throwable t) {
          interruptedAfterwards = Thread.currentThread().isInterrupted();
          outcome.complete(t);
        }
      }, "blocked-sender");
      thread.setDaemon(true);
      thread.start();
    }

    /** Waits until the thread is parked by the client waiting for the transport. */
    void awaitParkedInTheClient() throws InterruptedException {
      awaitParkedInTheClientAfter(0);
    }

    /** Waits until the thread is parked by the client after more than {@code notes} sends. */
    void awaitParkedInTheClientAfter(int notes) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!(LockSupport.getBlocker(thread) instanceof OutboundCall && sent.get() >= notes)) {
        assertThat(outcome).as("sender ended before it was parked").isNotDone();
        assertThat(System.nanoTime()).as("sender parked within " + WAIT).isLessThan(deadline);
        thread.join(1); // at most a millisecond between looks
      }
    }

    Throwable awaitOutcome() throws Exception {
      try {
        return outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  class RouteChatSend {

    @Test
    void aCancelFromAnotherThreadWakesTheParkedSenderWithIllegalState() throws Exception {
      RouteChat chat = clientOfAServerThatNeverReads().routeChat(new NoteInbox());
      assertACancelWakesTheParkedSender(() -> chat.send(RouteNote.at(HERE, "unread")), chat::cancel);
    }

    @Test
    void anInterruptWakesTheParkedSenderWithCancelledAndKeepsTheFlag() throws Exception {
      try (RouteChat chat = clientOfAServerThatNeverReads().routeChat(new NoteInbox())) {
        assertAnInterruptWakesTheParkedSender(() -> chat.send(RouteNote.at(HERE, "unread")));
      }
    }

    @Test
    void aReceiverThatDoesNotReturnStopsTheSenderAfterABoundedNumberOfNotes() throws Exception {
      server =
          InProcessServer.serving(
              LocalRouteGuide.of(FeatureCatalogue.empty()), InProcessServer.Executor.POOLED);
      CountDownLatch release = new CountDownLatch(1);
      NoteReceiver stuck = new NoteReceiver() {
        @Override
        public void onNote(RouteNote note) {
          try {
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void onCompleted() {}

        @Override
        public void onError(Throwable error) {}
      };
      RouteChat chat = RouteGuideClient.over(server.channel()).routeChat(stuck);
      // Every note at the same place: each one posted draws replies, which nobody reads.
      Sender sender = new Sender(() -> chat.send(RouteNote.at(HERE, "note")));
      try {
        // Past the call's start, where the first note may wait for the server's first request.
        sender.awaitParkedInTheClientAfter(1);
      } finally {
        chat.cancel();
        release.countDown();
      }
      assertThat(sender.awaitOutcome()).isInstanceOf(IllegalStateException.class);
      // The replies requested ahead, the server's inbound window, the transport's buffers.
      assertThat(sender.sent.get()).isBetween(1, 5_000);
    }
  }

  @Nested
  class RouteRecordingSend {

    @Test
    void queuesExactlyTheOverdraftsBytesOfPointsBeforeItParks() throws Exception {
      RouteRecording recording = clientOfAServerThatNeverReads().recordRoute();
      Sender sender = new Sender(() -> recording.send(HERE));
      try {
        sender.awaitParkedInTheClient();
        // The deaf server never requests a point, so the call is never ready.
        int pointBytes = ProtoMapper.toProto(HERE).getSerializedSize();
        assertThat(sender.sent.get()).isEqualTo(OutboundCall.OVERDRAFT_BYTES / pointBytes);
      } finally {
        recording.cancel();
      }
      assertThat(sender.awaitOutcome()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCancelFromAnotherThreadWakesTheParkedSenderWithIllegalState() throws Exception {
      RouteRecording recording = clientOfAServerThatNeverReads().recordRoute();
      assertACancelWakesTheParkedSender(() -> recording.send(HERE), recording::cancel);
    }

    @Test
    void anInterruptWakesTheParkedSenderWithCancelledAndKeepsTheFlag() throws Exception {
      try (RouteRecording recording = clientOfAServerThatNeverReads().recordRoute()) {
        assertAnInterruptWakesTheParkedSender(() -> recording.send(HERE));
      }
    }
  }
}
