package dev.routeguide.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routeguide.core.LocalRouteGuide;
import dev.routeguide.core.features.FeatureCatalogue;
import dev.routeguide.core.geo.Point;
import dev.routeguide.core.notes.InMemoryNoteBoard;
import dev.routeguide.core.notes.RouteNote;
import dev.routeguide.grpc.InProcessServer;
import dev.routeguide.grpc.ProtoMapper;
import dev.routeguide.grpc.proto.RouteGuideGrpc;
import dev.routeguide.grpc.transport.RouteGuideChannels;
import dev.routeguide.grpc.transport.RouteGuideServer;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How RouteChat writes its replies ({@link RouteChatCall}): in the backend's order, also when one
 * note draws more replies than the client requests at a time; at once for a client that waits for
 * each reply before its next note; and, for a client that stops reading, only until the replies it
 * left unread have spent the overdraft: then the call stops posting its notes.
 */
class RouteChatRepliesTest {

  private static final long TIMEOUT_SECONDS = 10;
  private static final Point HERE = Point.ofE7(30_000_000, 30_000_000);

  private final InMemoryNoteBoard board = new InMemoryNoteBoard();
  private final LocalRouteGuide backend =
      new LocalRouteGuide(FeatureCatalogue.empty(), board, Clock.systemUTC());
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void shutDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "tcp"})
  void writesEveryReplyInTheBoardsOrder(String transport) throws Exception {
    ManagedChannel channel = readyMadeServer(transport);
    int notes = 90; // note n draws its n predecessors: more than the stub's window for most
    BlockingQueue<dev.routeguide.grpc.proto.RouteNote> replies = new LinkedBlockingQueue<>();
    CountDownLatch completed = new CountDownLatch(1);
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(collectingInto(replies, completed));
    for (int n = 0; n < notes; n++) {
      requests.onNext(note(n));
    }
    requests.onCompleted();

    assertThat(completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < notes; n++) {
      for (int earlier = 0; earlier < n; earlier++) {
        expected.add(message(earlier));
      }
    }
    assertThat(replies).extracting(dev.routeguide.grpc.proto.RouteNote::getMessage)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void answersAClientThatWaitsForEachReplyBeforeItsNextNote() throws Exception {
    ManagedChannel channel = readyMadeServer("in-process");
    BlockingQueue<dev.routeguide.grpc.proto.RouteNote> replies = new LinkedBlockingQueue<>();
    CountDownLatch completed = new CountDownLatch(1);
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(collectingInto(replies, completed));
    requests.onNext(note(0));
    for (int n = 1; n < 20; n++) {
      requests.onNext(note(n));
      for (int earlier = 0; earlier < n; earlier++) {
        dev.routeguide.grpc.proto.RouteNote reply = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reply).as("reply %d to note %d", earlier, n).isNotNull();
        assertThat(reply.getMessage()).isEqualTo(message(earlier));
      }
    }
    requests.onCompleted();
    assertThat(completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(replies).isEmpty();
  }

  @Test
  void postsAndAsksForNoMoreNotesOnceTheRepliesLeftUnreadHaveSpentTheOverdraft() throws Exception {
    // Direct executors run every step on this thread, so "what could happen has happened" when
    // each call returns; the exact counts below rely on that.
    InProcessServer server = InProcessServer.serving(backend, InProcessServer.Executor.DIRECT);
    resources.add(server);
    AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call =
        new AtomicReference<>();
    BlockingQueue<dev.routeguide.grpc.proto.RouteNote> replies = new LinkedBlockingQueue<>();
    CountDownLatch completed = new CountDownLatch(1);
    RouteGuideGrpc.newStub(server.channel()).routeChat(collectingInto(replies, completed, call));
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests = call.get();
    int notes = InboundWindow.IN_PROCESS_SIZE + 100; // more than the server asks for ahead
    for (int n = 0; n < notes; n++) {
      requests.onNext(note(n)); // ignoring isReady on purpose
    }
    requests.onCompleted();

    assertThat(board.noteCount()).isEqualTo(notesPostedUntilTheOverdraftIsSpent());
    assertThat(requests.isReady()).as("the server asks for no more notes").isFalse();
    assertThat(replies).isEmpty();

    // Once the client reads, the server catches up: each note is answered with the notes before
    // it, as many as the board keeps at a location.
    requests.request(Integer.MAX_VALUE);
    assertThat(completed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    long expected = 0;
    for (int n = 0; n < notes; n++) {
      expected += Math.min(n, board.limits().maxNotesPerLocation());
    }
    assertThat(replies).hasSize((int) expected);
  }

  /**
   * The notes a call posts for a client that reads nothing: every reply is written beyond the
   * call's readiness, and the note whose replies pass the overdraft is the last one posted.
   */
  private long notesPostedUntilTheOverdraftIsSpent() {
    long spent = 0;
    for (int n = 0; n < board.limits().maxNotesPerLocation(); n++) {
      for (int earlier = 0; earlier < n; earlier++) {
        spent += RouteNote.at(HERE, message(earlier)).maxRetainedBytes();
      }
      if (spent > RouteChatCall.OVERDRAFT_BYTES) {
        return n + 1;
      }
    }
    throw new AssertionError("the overdraft outlasts a full location; the test needs longer notes");
  }

  private ManagedChannel readyMadeServer(String transport) throws IOException {
    RouteGuideServer server;
    ManagedChannel channel;
    if (transport.equals("in-process")) {
      String name = InProcessServerBuilder.generateName();
      server = RouteGuideServer.builder(backend).inProcess(name).start();
      channel = RouteGuideChannels.inProcess(name);
    } else {
      server = RouteGuideServer.builder(backend).tcp("127.0.0.1", 0).start();
      channel = RouteGuideChannels.plaintext(server.target());
    }
    resources.add(server);
    resources.add(() -> channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
    return channel;
  }

  private static ClientResponseObserver<
          dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote>
      collectingInto(
          BlockingQueue<dev.routeguide.grpc.proto.RouteNote> replies, CountDownLatch completed) {
    return collectingInto(replies, completed, null);
  }

  /** Collects replies; with {@code call}, requests none until the test does. */
  private static ClientResponseObserver<
          dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote>
      collectingInto(
          BlockingQueue<dev.routeguide.grpc.proto.RouteNote> replies,
          CountDownLatch completed,
          AtomicReference<ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote>> call) {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(
          ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests) {
        if (call != null) {
          requests.disableAutoRequestWithInitial(0);
          call.set(requests);
        }
      }

      @Override
      public void onNext(dev.routeguide.grpc.proto.RouteNote reply) {
        replies.add(reply);
      }

      @Override
      public void onError(Throwable t) {
        // Shown among the replies, so that the assertion on them names the failure.
        replies.add(dev.routeguide.grpc.proto.RouteNote.newBuilder()
            .setMessage("call failed: " + t).build());
        completed.countDown();
      }

      @Override
      public void onCompleted() {
        completed.countDown();
      }
    };
  }

  private static dev.routeguide.grpc.proto.RouteNote note(int n) {
    return ProtoMapper.toProto(RouteNote.at(HERE, message(n)));
  }

  private static String message(int n) {
    return "note " + n;
  }
}
