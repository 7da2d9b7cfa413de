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
    Replies replies = Replies.reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(replies);
    for (int n = 0; n < notes; n++) {
      requests.onNext(note(n));
    }
    requests.onCompleted();

    List<String> received = replies.awaitCompletion();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < notes; n++) {
      for (int earlier = 0; earlier < n; earlier++) {
        expected.add(message(earlier));
      }
    }
    assertThat(received).containsExactlyElementsOf(expected);
  }

  @Test
  void answersAClientThatWaitsForEachReplyBeforeItsNextNote() throws Exception {
    ManagedChannel channel = readyMadeServer("in-process");
    Replies replies = Replies.reading();
    StreamObserver<dev.routeguide.grpc.proto.RouteNote> requests =
        RouteGuideGrpc.newStub(channel).routeChat(replies);
    requests.onNext(note(0));
    for (int n = 1; n < 20; n++) {
      requests.onNext(note(n));
      for (int earlier = 0; earlier < n; earlier++) {
        assertThat(replies.next())
            .as("reply %d to note %d", earlier, n)
            .isEqualTo(message(earlier));
      }
    }
    requests.onCompleted();
    assertThat(replies.awaitCompletion()).isEmpty();
  }

  @Test
  void postsAndAsksForNoMoreNotesOnceTheRepliesLeftUnreadHaveSpentTheOverdraft() throws Exception {
    // Direct executors run every step on this thread, so "what could happen has happened" when
    // each call returns; the exact counts below rely on that.
    InProcessServer server = InProcessServer.serving(backend, InProcessServer.Executor.DIRECT);
    resources.add(server);
    Replies replies = Replies.holding();
    RouteGuideGrpc.newStub(server.channel()).routeChat(replies);
    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests = replies.requests();
    int notes = InboundWindow.IN_PROCESS_SIZE + 100; // more than the server asks for ahead
    for (int n = 0; n < notes; n++) {
      requests.onNext(note(n)); // ignoring isReady on purpose
    }
    requests.onCompleted();

    assertThat(board.noteCount()).isEqualTo(notesPostedUntilTheOverdraftIsSpent());
    assertThat(requests.isReady()).as("the server asks for no more notes").isFalse();
    assertThat(replies.receivedSoFar()).isEmpty();

    // Once the client reads, the server catches up: each note is answered with the notes before
    // it, as many as the board keeps at a location.
    requests.request(Integer.MAX_VALUE);
    List<String> received = replies.awaitCompletion();
    long expected = 0;
    for (int n = 0; n < notes; n++) {
      expected += Math.min(n, board.limits().maxNotesPerLocation());
    }
    assertThat(received).hasSize((int) expected);
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

  /**
   * The client's side of one chat: collects the replies' messages and its end; a holding one
   * requests no reply until the test does.
   */
  private static final class Replies
      implements ClientResponseObserver<
          dev.routeguide.grpc.proto.RouteNote, dev.routeguide.grpc.proto.RouteNote> {
    private final boolean holding;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests;

    private Replies(boolean holding) {
      this.holding = holding;
    }

    static Replies reading() {
      return new Replies(false);
    }

    static Replies holding() {
      return new Replies(true);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> call) {
      requests = call;
      if (holding) {
        call.disableAutoRequestWithInitial(0);
      }
    }

    @Override
    public void onNext(dev.routeguide.grpc.proto.RouteNote reply) {
      received.add(reply.getMessage());
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      ended.countDown();
    }

    @Override
    public void onCompleted() {
      ended.countDown();
    }

    ClientCallStreamObserver<dev.routeguide.grpc.proto.RouteNote> requests() {
      return requests;
    }

    /** The next reply's message, waiting for it up to the timeout (null if none came). */
    String next() throws InterruptedException {
      return received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    List<String> receivedSoFar() {
      return List.copyOf(received);
    }

    /** Waits for the chat to complete and returns the messages not yet taken by {@link #next}. */
    List<String> awaitCompletion() throws InterruptedException {
      assertThat(ended.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the chat ended").isTrue();
      assertThat(failure).as("the chat's failure").isNull();
      return receivedSoFar();
    }
  }

  private static dev.routeguide.grpc.proto.RouteNote note(int n) {
    return ProtoMapper.toProto(RouteNote.at(HERE, message(n)));
  }

  private static String message(int n) {
    return "note " + n;
  }
}
