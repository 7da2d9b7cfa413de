package dev.routeguide.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.NoteReceiver;
import dev.routeguide.core.RouteChat;
import dev.routeguide.core.RouteRecording;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The typed client's blocking senders when the transport is not ready: the sender parks (it does
 * not queue), and a cancel or an interrupt from elsewhere wakes it with the documented exception.
 * Each test parks a sender thread and waits, with a deadline, until it is parked in the client.
 */
class BlockedSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Point HERE = Point.ofE7(409146138, -746188906);

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /** A client of a server that accepts RecordRoute and RouteChat calls but never reads them. */
  private RouteGuideClient clientOfAServerThatNeverReads() throws Exception {
    ServerCallHandler<Object, Object> neverRequest =
        (ServerCall<Object, Object> call, io.grpc.Metadata headers) -> new ServerCall.Listener<>() {};
    ServerServiceDefinition deaf =
        ServerServiceDefinition.builder(RouteGuideGrpc.SERVICE_NAME)
            .addMethod(RouteGuideGrpc.getRecordRouteMethod(), cast(neverRequest))
            .addMethod(RouteGuideGrpc.getRouteChatMethod(), cast(neverRequest))
            .build();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).addService(deaf).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    toClose.add(() -> {
      channel.shutdownNow().awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
    });
    return RouteGuideClient.over(channel);
  }

  @SuppressWarnings("unchecked")
  private static <ReqT, RespT> ServerCallHandler<ReqT, RespT> cast(
      ServerCallHandler<Object, Object> handler) {
    return (ServerCallHandler<ReqT, RespT>) (ServerCallHandler<?, ?>) handler;
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
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!(LockSupport.getBlocker(thread) instanceof OutboundCall)) {
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
      RouteChat chat = clientOfAServerThatNeverReads().routeChat(new IgnoringReceiver());
      Sender sender = new Sender(() -> chat.send(RouteNote.at(HERE, "unread")));
      sender.awaitParkedInTheClient();

      chat.cancel();

      assertThat(sender.awaitOutcome())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cancelled");
    }

    @Test
    void anInterruptWakesTheParkedSenderWithCancelledAndKeepsTheFlag() throws Exception {
      RouteChat chat = clientOfAServerThatNeverReads().routeChat(new IgnoringReceiver());
      Sender sender = new Sender(() -> chat.send(RouteNote.at(HERE, "unread")));
      sender.awaitParkedInTheClient();

      sender.thread.interrupt();

      Throwable thrown = sender.awaitOutcome();
      assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
      assertThat(((RouteGuideStatusException) thrown).code()).isEqualTo(Status.Code.CANCELLED);
      assertThat(sender.interruptedAfterwards).isTrue();
      chat.close();
    }

    @Test
    void aReceiverThatDoesNotReturnStopsTheSenderAfterABoundedNumberOfNotes() throws Exception {
      InProcessServer server =
          InProcessServer.serving(
              LocalRouteGuide.of(FeatureCatalogue.empty()), InProcessServer.Executor.POOLED);
      toClose.add(server);
      CountDownLatch release = new CountDownLatch(1);
      NoteReceiver stuck = new IgnoringReceiver() {
        @Override
        public void onNote(RouteNote note) {
          try {
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      RouteChat chat = RouteGuideClient.over(server.channel()).routeChat(stuck);
      // Every note at the same place: each one posted draws replies, which nobody reads.
      Sender sender = new Sender(() -> chat.send(RouteNote.at(HERE, "note")));
      try {
        sender.awaitParkedInTheClient();
        // The replies requested ahead, the server's inbound window, the transport's buffers.
        assertThat(sender.sent.get()).isBetween(1, 5_000);
      } finally {
        chat.cancel();
        release.countDown();
      }
      assertThat(sender.awaitOutcome()).isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  class RouteRecordingSend {

    @Test
    void aCancelFromAnotherThreadWakesTheParkedSenderWithIllegalState() throws Exception {
      RouteRecording recording = clientOfAServerThatNeverReads().recordRoute();
      Sender sender = new Sender(() -> recording.send(HERE));
      sender.awaitParkedInTheClient();

      recording.cancel();

      assertThat(sender.awaitOutcome())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cancelled");
    }

    @Test
    void anInterruptWakesTheParkedSenderWithCancelledAndKeepsTheFlag() throws Exception {
      RouteRecording recording = clientOfAServerThatNeverReads().recordRoute();
      Sender sender = new Sender(() -> recording.send(HERE));
      sender.awaitParkedInTheClient();

      sender.thread.interrupt();

      Throwable thrown = sender.awaitOutcome();
      assertThat(thrown).isInstanceOf(RouteGuideStatusException.class);
      assertThat(((RouteGuideStatusException) thrown).code()).isEqualTo(Status.Code.CANCELLED);
      assertThat(sender.interruptedAfterwards).isTrue();
      recording.close();
    }
  }

  /** A receiver that drops everything. */
  private static class IgnoringReceiver implements NoteReceiver {
    @Override
    public void onNote(RouteNote note) {}

    @Override
    public void onCompleted() {}

    @Override
    public void onError(Throwable error) {}
  }
}
